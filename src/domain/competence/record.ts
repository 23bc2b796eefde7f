import { z } from 'zod/v4';
import { containsNationalId } from '../privacy';
import type { CompetenceSubject } from './access';
import { competenceAccess, mayAmendActivity } from './access';
import {
  type Activity,
  type ActivityActor,
  type ActivityRefusal,
  type ActivityResult,
  activitySchema,
  confirmLeaderMeeting,
  type RecordContext,
  recordActivity,
  withdrawActivity,
} from './activity';
import { addDays, endOfLocalDay, evaluatePlan } from './plan';
import { type CompetenceConfig, competenceLevelSchema } from './requirements';

/**
 * One resource nurse's competence record: her appointment date and level, every activity ever
 * recorded for her, and the history of every change (who, when, what), stored whole so a change
 * and its history entry are one conditional write. Append-only: activities are withdrawn, never
 * removed, and a changed activity keeps its earlier form in the history. It outlives her role:
 * after she steps down the record stays, read-only (access.ts).
 */

const staffId = z.string().min(1).max(200);

export const COMPETENCE_HISTORY_ACTIONS = [
  'recorded',
  'changed',
  'withdrawn',
  'confirmed',
  'attended',
  'profile',
] as const;
export type CompetenceHistoryAction = (typeof COMPETENCE_HISTORY_ACTIONS)[number];

export const competenceHistoryEntrySchema = z
  .object({
    at: z.iso.datetime(),
    by: staffId,
    action: z.enum(COMPETENCE_HISTORY_ACTIONS),
    activityId: z.string().min(1).max(64).optional(),
    /** A changed activity as it was before: the change keeps, never overwrites. */
    previous: activitySchema.optional(),
    /** A profile change: the fields as they were ('' for not recorded). */
    appointedAtBefore: z.string().max(10).optional(),
    levelBefore: z.string().max(1).optional(),
  })
  .strict();
export type CompetenceHistoryEntry = z.infer<typeof competenceHistoryEntrySchema>;

export const competenceRecordSchema = z
  .object({
    /** The nurse's roster id: one record per nurse. */
    id: staffId,
    appointedAt: z.iso.date().optional(),
    level: competenceLevelSchema.optional(),
    activities: z.array(activitySchema),
    history: z.array(competenceHistoryEntrySchema),
    /**
     * The deadline engine's next look at each open requirement (`<requirement>:<period start>`),
     * or null once every level of it was handled. A requirement not listed is looked at on the
     * next pass, which then stores the exact time.
     */
    schedule: z.record(z.string().min(1).max(80), z.iso.datetime().nullable()),
    /** The earliest of schedule and the next period's start: what the engine's query reads. */
    nextDueAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    version: z.int().min(1),
  })
  .strict();
export type CompetenceRecord = z.infer<typeof competenceRecordSchema>;

export const newCompetenceRecord = (nurseId: string, now: Date): CompetenceRecord => ({
  id: nurseId,
  activities: [],
  history: [],
  schedule: {},
  nextDueAt: null,
  createdAt: now.toISOString(),
  version: 1,
});

export type RecordRefusal = ActivityRefusal | { code: 'unknown_activity' };

export type RecordChange =
  | { ok: true; record: CompetenceRecord; changed: boolean; activity?: Activity }
  | { ok: false; refusal: RecordRefusal };

const refuse = (refusal: RecordRefusal): RecordChange => ({ ok: false, refusal });

const entry = (
  at: Date,
  by: string,
  action: CompetenceHistoryAction,
  extra: Partial<CompetenceHistoryEntry> = {},
): CompetenceHistoryEntry => ({ at: at.toISOString(), by, action, ...extra });

/** Records a new activity from a form's input (activity.ts decides, access.ts says who may). */
export function addActivity(
  record: CompetenceRecord,
  input: unknown,
  ctx: RecordContext,
): RecordChange {
  const result = recordActivity(input, ctx);
  if (!result.ok) return result;
  const activity = result.activity;
  return {
    ok: true,
    changed: true,
    activity,
    record: {
      ...record,
      activities: [...record.activities, activity],
      history: [
        ...record.history,
        entry(ctx.now, ctx.actor.id, 'recorded', { activityId: activity.id }),
      ],
    },
  };
}

const findActivity = (record: CompetenceRecord, id: string) =>
  record.activities.find((a) => a.id === id);

const replaceActivity = (record: CompetenceRecord, activity: Activity) =>
  record.activities.map((a) => (a.id === activity.id ? activity : a));

/**
 * Changes an activity: the new input is checked as a new record would be, the activity keeps
 * its id and who first recorded it, and the history keeps its earlier form.
 */
export function changeActivity(
  record: CompetenceRecord,
  activityId: string,
  input: unknown,
  ctx: RecordContext,
): RecordChange {
  const before = findActivity(record, activityId);
  if (!before) return refuse({ code: 'unknown_activity' });
  if (!mayAmendActivity(ctx.actor, ctx.nurse, before.recordedBy)) {
    return refuse({ code: 'forbidden' });
  }
  if (before.status === 'withdrawn') return refuse({ code: 'withdrawn' });
  const result = recordActivity(input, { ...ctx, id: before.id });
  if (!result.ok) return result;
  const after: Activity = activitySchema.parse({
    ...result.activity,
    recordedBy: before.recordedBy,
    recordedAt: before.recordedAt,
    ...(before.eventId !== undefined && { eventId: before.eventId }),
  });
  if (JSON.stringify(after) === JSON.stringify(before)) {
    return { ok: true, record, changed: false, activity: before };
  }
  return {
    ok: true,
    changed: true,
    activity: after,
    record: {
      ...record,
      activities: replaceActivity(record, after),
      history: [
        ...record.history,
        entry(ctx.now, ctx.actor.id, 'changed', { activityId, previous: before }),
      ],
    },
  };
}

/** One activity's own change (activity.ts decides it), recorded in the history as `action`. */
function amendInRecord(
  record: CompetenceRecord,
  activityId: string,
  actorId: string,
  now: Date,
  action: 'withdrawn' | 'confirmed',
  change: (before: Activity) => ActivityResult,
): RecordChange {
  const before = findActivity(record, activityId);
  if (!before) return refuse({ code: 'unknown_activity' });
  const result = change(before);
  if (!result.ok) return result;
  if (!result.changed) return { ok: true, record, changed: false, activity: before };
  return {
    ok: true,
    changed: true,
    activity: result.activity,
    record: {
      ...record,
      activities: replaceActivity(record, result.activity),
      history: [...record.history, entry(now, actorId, action, { activityId })],
    },
  };
}

export function withdrawFromRecord(
  record: CompetenceRecord,
  activityId: string,
  actor: ActivityActor,
  nurse: CompetenceSubject,
  now: Date,
): RecordChange {
  return amendInRecord(record, activityId, actor.id, now, 'withdrawn', (before) =>
    withdrawActivity(before, actor, nurse, now),
  );
}

/** The nurse confirms the yearly meeting her leader recorded (activity.ts decides). */
export function confirmInRecord(
  record: CompetenceRecord,
  activityId: string,
  actor: ActivityActor,
  now: Date,
): RecordChange {
  return amendInRecord(record, activityId, actor.id, now, 'confirmed', (before) =>
    confirmLeaderMeeting(before, actor, now),
  );
}

/**
 * Attendance at a network event, as an activity of the event's kind with the event's date and
 * hours. Recording the same event twice changes nothing (the activity is named after it).
 */
export function addAttendance(
  record: CompetenceRecord,
  event: { id: string; kind: Activity['kind']; date: string; hours: number },
  actor: ActivityActor,
  nurse: CompetenceSubject,
  now: Date,
): RecordChange {
  const write = competenceAccess(actor, nurse).write;
  if (write !== 'network' && write !== 'leader') return refuse({ code: 'forbidden' });
  const id = attendanceId(event.id);
  const known = findActivity(record, id);
  if (known && known.status === 'active') {
    return { ok: true, record, changed: false, activity: known };
  }
  const activity = activitySchema.parse({
    kind: event.kind,
    nurseId: record.id,
    date: event.date,
    hours: event.hours,
    id,
    eventId: event.id,
    recordedBy: actor.id,
    recordedAt: now.toISOString(),
    status: 'active',
  });
  return {
    ok: true,
    changed: true,
    activity,
    record: {
      ...record,
      activities: known ? replaceActivity(record, activity) : [...record.activities, activity],
      history: [...record.history, entry(now, actor.id, 'attended', { activityId: id })],
    },
  };
}

/** The activity id of a nurse's attendance at an event: one per event in her record. */
export const attendanceId = (eventId: string): string => `event-${eventId}`.slice(0, 64);

export const profileInputSchema = z
  .object({
    appointedAt: z.iso.date().optional(),
    level: competenceLevelSchema.optional(),
  })
  .strict();
export type ProfileInput = z.infer<typeof profileInputSchema>;

/**
 * Sets the appointment date or the level. The nurse herself or a leader of her zone may (the
 * plan counts from the appointment, so it is set by those who know it); never in the future.
 */
export function setProfile(
  record: CompetenceRecord,
  input: unknown,
  actor: ActivityActor,
  nurse: CompetenceSubject,
  now: Date,
  today: string,
): RecordChange {
  if (containsNationalId(JSON.stringify(input ?? null))) {
    return refuse({ code: 'contains_national_id', field: 'appointedAt' });
  }
  const parsed = profileInputSchema.safeParse(input);
  if (!parsed.success) return refuse({ code: 'invalid_input', issues: [] });
  const write = competenceAccess(actor, nurse).write;
  if (write !== 'own' && write !== 'leader') return refuse({ code: 'forbidden' });
  const { appointedAt, level } = parsed.data;
  if (appointedAt !== undefined && appointedAt > today) {
    return refuse({ code: 'date_in_future', field: 'date' });
  }
  const next = {
    ...record,
    ...(appointedAt !== undefined && { appointedAt }),
    ...(level !== undefined && { level }),
  };
  if (next.appointedAt === record.appointedAt && next.level === record.level) {
    return { ok: true, record, changed: false };
  }
  return {
    ok: true,
    changed: true,
    record: {
      ...next,
      history: [
        ...record.history,
        entry(now, actor.id, 'profile', {
          appointedAtBefore: record.appointedAt ?? '',
          levelBefore: record.level ?? '',
        }),
      ],
    },
  };
}

/* ----------------------------------------------------------------------------------------------
 * The deadline engine's schedule. Pure: the time comes in.
 * -------------------------------------------------------------------------------------------- */

/**
 * The record with its schedule brought up to date at `now`: entries of requirements no longer
 * open are dropped, and nextDueAt is the earliest wake-up of an open one (now for one not yet
 * scheduled) or the start of the next competence year, when new requirements open.
 */
export function withSchedule(
  record: CompetenceRecord,
  config: CompetenceConfig,
  now: Date,
  timeZone: string,
): CompetenceRecord {
  if (record.appointedAt === undefined) return { ...record, schedule: {}, nextDueAt: null };
  const plan = evaluatePlan(
    { appointedAt: record.appointedAt, level: record.level },
    record.activities,
    config,
    now,
    timeZone,
  );
  const schedule: Record<string, string | null> = {};
  const times: string[] = [];
  for (const d of plan.deadlines) {
    const known = record.schedule[d.key];
    schedule[d.key] = known === undefined ? now.toISOString() : known;
    if (schedule[d.key] !== null) times.push(schedule[d.key] as string);
  }
  const boundaries = [plan.year?.to, plan.firstYear.ended ? undefined : plan.firstYear.to];
  // A period begins where the day before it ends.
  for (const to of boundaries) {
    if (to !== undefined) times.push(endOfLocalDay(addDays(to, -1), timeZone));
  }
  const next = times.sort()[0] ?? null;
  return { ...record, schedule, nextDueAt: next };
}
