import { DateTime } from 'luxon';
import { z } from 'zod/v4';
import { describeInputIssues, type InputIssue } from '../input-issues';
import { containsNationalId, findNationalIdField, NATIONAL_ID_ISSUE } from '../privacy';
import type { Role } from '../roster';
import { mayAmendActivity, mayRecordActivity } from './access';

/**
 * A resource nurse's competence activity: a network gathering attended, a study day, the
 * introduction course, days of job shadowing (hospitering), the yearly meeting with the leader.
 * Staff data, not patient data; the short text is still refused when it holds a national id,
 * like every other field of every form.
 *
 * Nothing is deleted: an activity recorded by mistake is marked withdrawn (by whom, when) and
 * the evaluation ignores it.
 */

export const ACTIVITY_KINDS = [
  'gathering',
  'studyDay',
  'introductionCourse',
  'basicCourse',
  'jobShadowing',
  'leaderMeeting',
  'other',
] as const;
export const activityKindSchema = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof activityKindSchema>;

/** Hours in quarter hours, so sums stay exact in floating point: 0.5 to 24 per activity. */
export const activityHoursSchema = z.number().min(0.5).max(24).multipleOf(0.25);

/** Job shadowing is recorded in whole days, one period of 1 to 3 days (kompetanseplanen, 2). */
export const JOB_SHADOWING_DAYS = { min: 1, max: 3 } as const;
export const jobShadowingDaysSchema = z
  .int()
  .min(JOB_SHADOWING_DAYS.min)
  .max(JOB_SHADOWING_DAYS.max);

export const ACTIVITY_TEXT_MAX = 200;
export const activityTextSchema = z
  .string()
  .trim()
  .min(1)
  .max(ACTIVITY_TEXT_MAX)
  .refine((text) => !containsNationalId(text), {
    message: 'must not contain a national id',
    params: { reason: NATIONAL_ID_ISSUE },
  });

const staffId = z.string().min(1).max(200);

/** The part of each kind that a form sends. */
const kindFields = {
  hours: { hours: activityHoursSchema },
  introductionCourse: {
    hours: activityHoursSchema,
    /** Attended together with the nearest leader, as the competence plan asks. */
    withLeader: z.boolean().optional(),
  },
  jobShadowing: { days: jobShadowingDaysSchema },
  leaderMeeting: { hours: activityHoursSchema.optional() },
} as const;

const inputBase = {
  nurseId: staffId,
  /** The day it took place, in the municipality's calendar. */
  date: z.iso.date(),
  text: activityTextSchema.optional(),
};

const inputVariants = [
  z.object({ kind: z.literal('gathering'), ...inputBase, ...kindFields.hours }).strict(),
  z.object({ kind: z.literal('studyDay'), ...inputBase, ...kindFields.hours }).strict(),
  z.object({ kind: z.literal('basicCourse'), ...inputBase, ...kindFields.hours }).strict(),
  z.object({ kind: z.literal('other'), ...inputBase, ...kindFields.hours }).strict(),
  z
    .object({
      kind: z.literal('introductionCourse'),
      ...inputBase,
      ...kindFields.introductionCourse,
    })
    .strict(),
  z.object({ kind: z.literal('jobShadowing'), ...inputBase, ...kindFields.jobShadowing }).strict(),
  z
    .object({ kind: z.literal('leaderMeeting'), ...inputBase, ...kindFields.leaderMeeting })
    .strict(),
] as const;

/** What a form (or an import) sends to record an activity. */
export const activityInputSchema = z.discriminatedUnion('kind', [...inputVariants]);
export type ActivityInput = z.infer<typeof activityInputSchema>;

const storedBase = {
  ...inputBase,
  id: z.string().min(1).max(64),
  recordedBy: staffId,
  recordedAt: z.iso.datetime(),
  status: z.enum(['active', 'withdrawn']),
  /** Recorded as attendance at a network event (src/domain/competence/event.ts). */
  eventId: z.string().min(1).max(64).optional(),
  withdrawnBy: staffId.optional(),
  withdrawnAt: z.iso.datetime().optional(),
};

/**
 * The stored activity. A leader meeting recorded by the leader carries the nurse's confirmation
 * once given (`confirmedByNurse.at`); one the nurse recorded herself needs none.
 */
export const activitySchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('gathering'), ...storedBase, ...kindFields.hours }).strict(),
    z.object({ kind: z.literal('studyDay'), ...storedBase, ...kindFields.hours }).strict(),
    z.object({ kind: z.literal('basicCourse'), ...storedBase, ...kindFields.hours }).strict(),
    z.object({ kind: z.literal('other'), ...storedBase, ...kindFields.hours }).strict(),
    z
      .object({
        kind: z.literal('introductionCourse'),
        ...storedBase,
        ...kindFields.introductionCourse,
      })
      .strict(),
    z
      .object({ kind: z.literal('jobShadowing'), ...storedBase, ...kindFields.jobShadowing })
      .strict(),
    z
      .object({
        kind: z.literal('leaderMeeting'),
        ...storedBase,
        ...kindFields.leaderMeeting,
        confirmedByNurse: z.object({ at: z.iso.datetime() }).strict().optional(),
      })
      .strict(),
  ])
  .superRefine((a, ctx) => {
    const withdrawn = a.status === 'withdrawn';
    if (withdrawn && a.withdrawnBy === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['withdrawnBy'],
        message: 'a withdrawn activity says by whom',
      });
    }
    if (withdrawn && a.withdrawnAt === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['withdrawnAt'],
        message: 'a withdrawn activity says when',
      });
    }
    if (!withdrawn && a.withdrawnBy !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['withdrawnBy'],
        message: 'only for a withdrawn activity',
      });
    }
    if (!withdrawn && a.withdrawnAt !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['withdrawnAt'],
        message: 'only for a withdrawn activity',
      });
    }
  });
export type Activity = z.infer<typeof activitySchema>;

/**
 * The hours an activity counts for: its own hours, or for job shadowing the clinical supervision
 * it earns (days × the requirement set's hours per day, 4 by the competence plan). A leader
 * meeting recorded without a length counts 0 hours (it is counted, not timed).
 */
export function effectiveHours(activity: Activity, supervisionHoursPerDay: number): number {
  if (activity.kind === 'jobShadowing') return activity.days * supervisionHoursPerDay;
  return activity.hours ?? 0;
}

/**
 * Whether a leader meeting stands as confirmed at `asOf`: the nurse recorded it herself, or she
 * confirmed the leader's record at or before then. The meeting is at the nurse's initiative and
 * sets her plan and goals (funksjonsbeskrivelsen), so the leader's record alone does not make it
 * done.
 */
export function isConfirmedByNurse(activity: Activity, asOf: Date): boolean {
  if (activity.kind !== 'leaderMeeting') return true;
  if (activity.recordedBy === activity.nurseId) return true;
  return (
    activity.confirmedByNurse !== undefined &&
    Date.parse(activity.confirmedByNurse.at) <= asOf.getTime()
  );
}

/* ----------------------------------------------------------------------------------------------
 * Recording, withdrawing, confirming. Pure: the time, the new id and the people come in.
 * -------------------------------------------------------------------------------------------- */

/** Who acts, as the roster knows them. */
export interface ActivityActor {
  id: string;
  roles: readonly Role[];
  zoneIds: readonly string[];
}

/** The nurse the activity is about; `active`: still a resource nurse (absent: yes). */
export interface ActivityNurse {
  id: string;
  zoneIds: readonly string[];
  active?: boolean;
}

export type ActivityRefusal =
  | { code: 'contains_national_id'; field: string }
  | { code: 'invalid_input'; issues: InputIssue[] }
  | { code: 'date_in_future'; field: 'date' }
  | { code: 'wrong_nurse'; field: 'nurseId' }
  | { code: 'forbidden' }
  | { code: 'not_a_leader_meeting' }
  | { code: 'withdrawn' };

export type ActivityResult =
  | { ok: true; activity: Activity; changed: boolean }
  | { ok: false; refusal: ActivityRefusal };

const refuse = (refusal: ActivityRefusal): ActivityResult => ({ ok: false, refusal });

/** The nurse herself, or a leader of one of her zones (access.ts). */
export const mayRecordFor = (actor: ActivityActor, nurse: ActivityNurse): boolean =>
  mayRecordActivity(actor, nurse);

export interface RecordContext {
  actor: ActivityActor;
  nurse: ActivityNurse;
  now: Date;
  /** The municipality's time zone: "today" for the future-date check. */
  timeZone: string;
  /** The new activity's id, made by the caller. */
  id: string;
}

/**
 * Records an activity from a form's input. Refused, with nothing kept: a national id in any
 * field (named, never repeated), an invalid field, a date after today (activities are recorded
 * once they happened), a nurse other than `ctx.nurse`, or an actor who is neither the nurse nor
 * a leader of her zone.
 */
export function recordActivity(input: unknown, ctx: RecordContext): ActivityResult {
  const idField = findNationalIdField(input);
  if (idField !== undefined) return refuse({ code: 'contains_national_id', field: idField });
  const parsed = activityInputSchema.safeParse(input);
  if (!parsed.success) {
    return refuse({ code: 'invalid_input', issues: describeInputIssues(parsed.error) });
  }
  const data = parsed.data;
  if (data.nurseId !== ctx.nurse.id) return refuse({ code: 'wrong_nurse', field: 'nurseId' });
  const today = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone }).toISODate();
  if (today === null) throw new Error(`unknown time zone ${ctx.timeZone}`);
  if (data.date > today) return refuse({ code: 'date_in_future', field: 'date' });
  if (!mayRecordFor(ctx.actor, ctx.nurse)) return refuse({ code: 'forbidden' });
  const activity: Activity = {
    ...data,
    id: ctx.id,
    recordedBy: ctx.actor.id,
    recordedAt: ctx.now.toISOString(),
    status: 'active',
  };
  return { ok: true, activity: activitySchema.parse(activity), changed: true };
}

/**
 * Marks an activity withdrawn. Who may is access.ts's mayAmendActivity (the one who recorded it,
 * or a leader of the nurse's zone); a second withdrawal changes nothing.
 */
export function withdrawActivity(
  activity: Activity,
  actor: ActivityActor,
  nurse: ActivityNurse,
  now: Date,
): ActivityResult {
  if (!mayAmendActivity(actor, nurse, activity.recordedBy)) return refuse({ code: 'forbidden' });
  if (activity.status === 'withdrawn') return { ok: true, activity, changed: false };
  return {
    ok: true,
    activity: {
      ...activity,
      status: 'withdrawn',
      withdrawnBy: actor.id,
      withdrawnAt: now.toISOString(),
    },
    changed: true,
  };
}

/**
 * The nurse confirms a leader meeting her leader recorded. Only she may; confirming twice, or a
 * meeting she recorded herself, changes nothing; a withdrawn meeting cannot be confirmed.
 */
export function confirmLeaderMeeting(
  activity: Activity,
  actor: ActivityActor,
  now: Date,
): ActivityResult {
  if (activity.kind !== 'leaderMeeting') return refuse({ code: 'not_a_leader_meeting' });
  if (actor.id !== activity.nurseId) return refuse({ code: 'forbidden' });
  if (activity.status === 'withdrawn') return refuse({ code: 'withdrawn' });
  if (activity.recordedBy === activity.nurseId || activity.confirmedByNurse !== undefined) {
    return { ok: true, activity, changed: false };
  }
  return {
    ok: true,
    activity: { ...activity, confirmedByNurse: { at: now.toISOString() } },
    changed: true,
  };
}
