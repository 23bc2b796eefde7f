import { randomBytes, randomUUID } from 'node:crypto';
import type { Case } from '../domain/case';
import { caseCodeFrom } from '../domain/case-code';
import { applyCommand, type CaseCommand } from '../domain/case-commands';
import type { Clock } from '../domain/clock';
import type { DomainError } from '../domain/errors';
import { type ReferralInput, registerReferral } from '../domain/referral';
import type { StaffMember } from '../domain/roster';
import type { Routine } from '../domain/routine';
import { activeZones } from '../domain/zone-admin';
import type { Store } from '../store/port';
import { type AccessVia, accessLogEntry } from './access-log';
import { MAX_SAVE_ATTEMPTS } from './update-case';

export type ServiceError =
  | DomainError
  | { kind: 'not-found'; code: 'unknown_case'; params: Record<string, string> }
  | { kind: 'conflict'; code: 'conflict'; params: Record<string, string> };

export type ServiceResult =
  | { ok: true; case: Case; changed: boolean }
  | { ok: false; error: ServiceError };

const MAX_CODE_DRAWS = 10;

export interface ExecuteOptions {
  /** The version on the card the actor pressed; a newer case refuses the command as stale. */
  basedOnVersion?: number;
  /** Where the change came from: given, it is recorded in the access log with the change. */
  via?: AccessVia;
  /** The case as this request already read it: the first attempt starts from it. */
  current?: Case;
}

export interface CaseServiceDeps {
  store: Store;
  clock: Clock;
  /** The routine in force now; new cases snapshot it. */
  routine: Routine;
}

/**
 * The imperative shell around the pure case core: load, decide, conditionally save. A lost
 * race is retried from fresh state, so the guard sees what the winner did (the second nurse to
 * claim is told who has it) and no write is ever lost or applied twice.
 */
export function createCaseService({ store, clock, routine }: CaseServiceDeps) {
  /**
   * A reassignment needs only the nurse it names, read fresh from the roster: listing the whole
   * roster for one member is the cost, and a cached copy could hand a case to somebody no
   * longer in the zone.
   */
  const rosterFor = async (command: CaseCommand): Promise<Map<string, StaffMember> | undefined> => {
    if (command.type !== 'reassign') return undefined;
    const nurse = await store.roster.get(command.nurseId);
    return new Map(nurse ? [[nurse.id, nurse]] : []);
  };

  async function execute(
    caseId: string,
    command: CaseCommand,
    actor: StaffMember,
    { basedOnVersion, via, current: known }: ExecuteOptions = {},
  ): Promise<ServiceResult> {
    const roster = await rosterFor(command);
    for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
      // A stale copy costs one lost save, then the retry reads the case fresh.
      const current = attempt === 0 && known?.id === caseId ? known : await store.cases.get(caseId);
      if (!current) {
        return {
          ok: false,
          error: { kind: 'not-found', code: 'unknown_case', params: { code: caseId } },
        };
      }
      const now = clock.now();
      const result = applyCommand(current, command, actor, now, roster, basedOnVersion);
      if (!result.ok || !result.changed) return result;
      const record = via && accessLogEntry(now, actor.id, current, command.type, via);
      const saved = await store.cases.save(result.case, record);
      if (saved.ok) return { ok: true, case: saved.case, changed: true };
    }
    return { ok: false, error: { kind: 'conflict', code: 'conflict', params: {} } };
  }

  /** `via` given, the registration is recorded in the access log with the new case. */
  async function register(
    input: ReferralInput,
    actor: StaffMember,
    via?: AccessVia,
  ): Promise<ServiceResult> {
    const zones = new Set(activeZones(await store.zones.list()).map((z) => z.id));
    for (let draw = 0; draw < MAX_CODE_DRAWS; draw++) {
      const ids = { id: randomUUID(), code: caseCodeFrom(randomBytes(8)) };
      const result = registerReferral(input, actor, clock.now(), routine, zones, ids);
      if (!result.ok) return result;
      const record = via && accessLogEntry(clock.now(), actor.id, ids, 'registerReferral', via);
      const created = await store.cases.create(result.case, record);
      if (created.ok) return { ok: true, case: created.case, changed: true };
    }
    throw new Error(`no free case code after ${MAX_CODE_DRAWS} draws`);
  }

  return { execute, register };
}

export type CaseService = ReturnType<typeof createCaseService>;
