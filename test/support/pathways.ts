import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { loadPathways } from '../../src/config/pathway-file';
import type { PathwayConfig } from '../../src/domain/pathway/config';
import {
  applyPathwayCommand,
  PATHWAY_TOPICS,
  type Pathway,
  type PathwayCommand,
  type PathwayInput,
  pathwaySchema,
  recordPointCardPosted,
  registerPathway,
} from '../../src/domain/pathway/pathway';
import type { StaffMember } from '../../src/domain/roster';
import { defaultRoutine, KNOWN_ZONES, staff, ZONE } from './domain-fixtures';

export const PATHWAYS_FILE = path.resolve(__dirname, '../../config/pathways.json');

let config: PathwayConfig | undefined;
/** The shipped config/pathways.json, loaded as the app loads it. */
export function shippedPathways(): PathwayConfig {
  config ??= loadPathways(PATHWAYS_FILE);
  return structuredClone(config);
}

export const pathwayInput = (overrides: Partial<PathwayInput> = {}): PathwayInput => ({
  zoneId: ZONE,
  patientRef: 'DIPS-4711',
  diagnosisDate: '2026-01-05',
  hasServices: true,
  gpAgreement: false,
  ...overrides,
});

/**
 * A pathway as registerPathway makes it (random id and code), registered on Monday 9 March
 * 2026 for a diagnosis on Monday 5 January: point 2 runs from 5 April to Tuesday 5 May 2026.
 */
export function newPathway(
  overrides: Partial<PathwayInput> = {},
  options: { now?: Date; actor?: StaffMember; zones?: ReadonlySet<string> } = {},
): Pathway {
  const result = registerPathway(
    pathwayInput(overrides),
    options.actor ?? staff.fve,
    options.now ?? new Date('2026-03-09T08:00:00.000Z'),
    shippedPathways(),
    defaultRoutine().policy.workingTime,
    options.zones ?? new Set([...KNOWN_ZONES, overrides.zoneId ?? ZONE]),
    { id: randomUUID(), codeBytes: randomBytes(5) },
  );
  if (!result.ok) throw new Error(`not registered: ${result.error.code}`);
  return result.pathway;
}

/** A command that must apply; the pathway as the store would save it (version bumped). */
export function step(p: Pathway, command: PathwayCommand, actor: StaffMember, at: Date): Pathway {
  const result = applyPathwayCommand(p, command, actor, at);
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return pathwaySchema.parse({ ...result.pathway, version: result.pathway.version + 1 });
}

const CARD = { conversationId: '19:nord@thread.tacv2;messageid=1', activityId: '1' };

/**
 * Pathways whose points are in every state a card shows (both performer kinds, a closed
 * pathway, every topic and checklist item recorded), as real commands leave them, for the
 * card renderers and the card size check. Each comes with a `now` inside point 2's window.
 */
export function pathwaysInEveryState(): { pathway: Pathway; now: Date }[] {
  const at = (iso: string) => new Date(iso);
  const now = at('2026-04-20T08:00:00.000Z');
  const nurse = staff.nurseA;
  const posted = recordPointCardPosted(
    newPathway({ caseCode: 'K7QXR' }),
    2,
    CARD,
    staff.fve,
    at('2026-03-16T07:00:00.000Z'),
  );
  const base = pathwaySchema.parse({ ...posted, version: posted.version + 1 });
  const claimed = step(
    base,
    { type: 'claimPoint', point: 2 },
    nurse,
    at('2026-04-14T07:00:00.000Z'),
  );
  const invited = step(
    claimed,
    { type: 'recordInvitation', point: 2 },
    nurse,
    at('2026-04-15T07:00:00.000Z'),
  );
  const declined = step(
    invited,
    { type: 'recordDeclined', point: 2, askAgainOn: '2026-04-27' },
    nurse,
    at('2026-04-16T12:00:00.000Z'),
  );
  const declinedForGood = step(
    invited,
    { type: 'recordDeclined', point: 2 },
    nurse,
    at('2026-04-16T12:00:00.000Z'),
  );
  let held = step(
    invited,
    { type: 'recordHeld', point: 2, date: '2026-04-16', nextOfKinPresent: true },
    nurse,
    at('2026-04-16T12:00:00.000Z'),
  );
  // Every topic recorded and every checklist item ticked: the fullest personal card there is.
  PATHWAY_TOPICS.forEach((topic, i) => {
    held = step(
      held,
      { type: 'setTopic', point: 2, topic, status: i % 2 === 0 ? 'discussed' : 'followUpNeeded' },
      nurse,
      at('2026-04-17T08:00:00.000Z'),
    );
  });
  held = step(
    held,
    {
      type: 'setChecklist',
      point: 2,
      distressThermometerOffered: true,
      documentedInRecord: true,
      copySentToGp: true,
    },
    nurse,
    at('2026-04-17T09:00:00.000Z'),
  );
  const coordinator = newPathway({ hasServices: false, gpAgreement: true });
  const gpAsked = step(coordinator, { type: 'recordGpAsked', point: 3 }, staff.fve, now);
  const gpConfirmed = step(gpAsked, { type: 'recordGpConfirmed', point: 3 }, staff.fve, now);
  const closed = step(
    claimed,
    { type: 'close', reason: 'other', note: 'Flyttet til Oslo' },
    staff.fve,
    now,
  );
  return [
    base,
    claimed,
    invited,
    declined,
    declinedForGood,
    held,
    coordinator,
    gpAsked,
    gpConfirmed,
    closed,
  ].map((pathway) => ({ pathway, now }));
}
