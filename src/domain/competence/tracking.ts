import type { CurrentDeadline } from '../case';
import type { WorkingTime } from '../routine';
import type { TrackedItem } from '../tracked-item';
import { type CompetenceDeadline, evaluatePlan, type PlanEvaluation } from './plan';
import type { CompetenceRecord } from './record';
import type { CompetenceConfig } from './requirements';

/** The deadline engine's name for competence requirements. */
export const COMPETENCE_KIND = 'competence';

/** One open requirement of one nurse in one period: what the engine reminds about. */
export interface CompetenceItem {
  record: CompetenceRecord;
  deadline: CompetenceDeadline;
  period: 'firstYear' | 'year';
  /** The requirement set the period is measured with: its reminders are the item's levels. */
  requirementsVersion: string;
  nurse: { name: string; zoneId: string };
}

/** The locale key naming a requirement (the step of a competence item). */
export const competenceStepKey = (requirementId: string): string =>
  `competence.requirements.${requirementId}`;

/** The nurse's open requirements at `now`, each with the period and set it is measured with. */
export function openCompetenceItems(
  record: CompetenceRecord,
  nurse: CompetenceItem['nurse'],
  config: CompetenceConfig,
  now: Date,
  timeZone: string,
): CompetenceItem[] {
  if (record.appointedAt === undefined) return [];
  const plan: PlanEvaluation = evaluatePlan(
    { appointedAt: record.appointedAt, level: record.level },
    record.activities,
    config,
    now,
    timeZone,
  );
  return plan.deadlines.flatMap((deadline) => {
    const r = plan.requirements.find(
      (x) => x.type === 'activities' && `${x.id}:${x.periodFrom}` === deadline.key,
    );
    if (r?.type !== 'activities') return [];
    return [
      { record, deadline, period: r.period, requirementsVersion: r.requirementsVersion, nurse },
    ];
  });
}

/** Whether the engine should look at the item at `at`: its wake-up has come (or none is stored yet). */
export function isCompetenceItemDue(item: CompetenceItem, at: string): boolean {
  const wake = item.record.schedule[item.deadline.key];
  return wake === undefined || (wake !== null && wake <= at);
}

/**
 * The item as the engine tracks it. The owner is the nurse; the levels are the reminders of the
 * set the period is measured with (a running period keeps them); the code is her name, since
 * staff names are not patient data and a leader reads whom a reminder is about.
 */
export function trackCompetenceItem(
  item: CompetenceItem,
  config: CompetenceConfig,
  workingTime: WorkingTime,
): TrackedItem {
  const set = config.sets.find((s) => s.version === item.requirementsVersion);
  const wake = item.record.schedule[item.deadline.key];
  return {
    kind: COMPETENCE_KIND,
    id: `${COMPETENCE_KIND}:${item.record.id}:${item.deadline.key}`,
    code: item.nurse.name,
    zoneId: item.nurse.zoneId,
    open: true,
    // The engine reads the key as a name inside its exactly-once keys only.
    deadline: {
      key: item.deadline.key as CurrentDeadline['key'],
      dueAt: item.deadline.dueAt,
    },
    stepKey: competenceStepKey(item.deadline.requirementId),
    ownerId: item.record.id,
    // The nurse opens her own plan; her leader the zone's overview, where she is one row.
    opens: { owner: 'kompetanse', others: `kompetanse ${item.nurse.zoneId}` },
    policy: { escalation: set?.reminders?.[item.period] ?? [], workingTime },
    nextDueAt: wake === undefined ? item.deadline.dueAt : wake,
    thread: null,
    version: item.record.version,
  };
}
