import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../domain/clock';
import type { PathwayConfig, PointNumber } from '../domain/pathway/config';
import {
  applyPathwayCommand,
  type Pathway,
  type PathwayCommand,
  type PathwayInput,
  registerPathway,
} from '../domain/pathway/pathway';
import type { StaffMember } from '../domain/roster';
import type { WorkingTime } from '../domain/routine';
import type { Store } from '../store/port';
import { type AccessVia, accessLogEntry } from './access-log';
import type { ExecuteOptions } from './case-service';
import type { PathwayServiceError } from './pathway-reply';
import { MAX_SAVE_ATTEMPTS } from './update-case';

export type PathwayServiceResult =
  | { ok: true; pathway: Pathway; changed: boolean }
  | { ok: false; error: PathwayServiceError };

const MAX_CODE_DRAWS = 10;

export interface PathwayServiceDeps {
  store: Store;
  clock: Clock;
  /** config/pathways.json as loaded at start; new pathways snapshot it. */
  config: PathwayConfig;
  /** The routine's working time in force; new pathways snapshot it with the config. */
  workingTime: WorkingTime;
}

/**
 * Applies `change` to the pathway and saves it conditionally, re-reading and re-applying on a
 * lost race; `change` answers undefined when the fresh pathway needs nothing. Returns the
 * pathway as stored afterwards, or undefined when it is gone or every attempt lost.
 */
export async function updatePathway(
  store: Store,
  first: Pathway,
  change: (current: Pathway) => Pathway | undefined,
): Promise<Pathway | undefined> {
  let current: Pathway | undefined = first;
  for (let attempt = 0; current && attempt < MAX_SAVE_ATTEMPTS; attempt++) {
    const next = change(current);
    if (!next) return current;
    const saved = await store.pathways.save(next);
    if (saved.ok) return saved.pathway;
    current = await store.pathways.get(first.id);
  }
  return undefined;
}

/**
 * The imperative shell around the pure pathway core: load, decide, conditionally save, as the
 * case service does. A lost race is re-run on fresh state, so of 20 nurses claiming at once one
 * gets the point and the others are told who has it; no change is lost or applied twice.
 */
export function createPathwayService({ store, clock, config, workingTime }: PathwayServiceDeps) {
  async function execute(
    pathwayId: string,
    command: PathwayCommand,
    actor: StaffMember,
    { basedOnVersion, via }: Omit<ExecuteOptions, 'current'> = {},
  ): Promise<PathwayServiceResult> {
    for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
      const current = await store.pathways.get(pathwayId);
      if (!current) {
        return {
          ok: false,
          error: { kind: 'not-found', code: 'unknown_case', params: { code: pathwayId } },
        };
      }
      const now = clock.now();
      const result = applyPathwayCommand(current, command, actor, now, basedOnVersion);
      if (!result.ok || !result.changed) return result;
      const record = via && accessLogEntry(now, actor.id, current, command.type, via);
      const saved = await store.pathways.save(result.pathway, record);
      if (saved.ok) return { ok: true, pathway: saved.pathway, changed: true };
    }
    return { ok: false, error: { kind: 'conflict', code: 'conflict', params: {} } };
  }

  /**
   * A new pathway with a code no pathway and no case has: `sak <kode>` finds one thing. (A case
   * registered in the same instant with the same code, one chance in millions, is found first.)
   */
  /** `via` given, the registration is recorded in the access log with the new pathway. */
  async function register(
    input: PathwayInput,
    actor: StaffMember,
    via?: AccessVia,
  ): Promise<PathwayServiceResult> {
    const zones = new Set((await store.zones.list()).map((z) => z.id));
    for (let draw = 0; draw < MAX_CODE_DRAWS; draw++) {
      const ids = { id: randomUUID(), codeBytes: randomBytes(8) };
      const result = registerPathway(input, actor, clock.now(), config, workingTime, zones, ids);
      if (!result.ok) return result;
      if (await store.cases.getByCode(result.pathway.code)) continue;
      const record =
        via && accessLogEntry(clock.now(), actor.id, result.pathway, 'registerPathway', via);
      const created = await store.pathways.create(result.pathway, record);
      if (created.ok) return { ok: true, pathway: created.pathway, changed: true };
    }
    throw new Error(`no free pathway code after ${MAX_CODE_DRAWS} draws`);
  }

  return { execute, register };
}

export type PathwayService = ReturnType<typeof createPathwayService>;

/** The point a command is about; null for the pathway as a whole (closing). */
export const commandPoint = (command: PathwayCommand): PointNumber | null =>
  'point' in command ? command.point : null;
