import Holidays from 'date-holidays';
import { z } from 'zod/v4';
import { caseStateSchema } from './case-state';

/**
 * The routine as data. A municipality edits config/routine.json; this schema is the
 * contract for that file. A case snapshots the policy part at registration so that a
 * later edit never moves the deadlines of a case already in progress.
 */

/*
 * Both checks are memoised: every stored case carries a policy snapshot that is validated on
 * each read, and building an Intl formatter or the holiday library's country table each time
 * would make a point read ten times slower.
 */
const knownTimeZones = new Map<string, boolean>();
function isKnownTimeZone(zone: string): boolean {
  let known = knownTimeZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    knownTimeZones.set(zone, known);
  }
  return known;
}

let holidayCountries: Record<string, string> | undefined;
function isHolidayCountry(code: string): boolean {
  holidayCountries ??= new Holidays().getCountries();
  return Object.hasOwn(holidayCountries, code);
}

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24h)');
const isoDate = z.iso.date();

/** The moments a deadline can count from; each is recorded on the case when it happens. */
export const anchorSchema = z.enum([
  'hospitalContact',
  'hsyreRegistered',
  'firstContact',
  'servicesReported',
  'hsyGranted',
]);
export type Anchor = z.infer<typeof anchorSchema>;

export type DeadlineRule =
  | { kind: 'sameWorkingDay'; from: Anchor }
  | { kind: 'withinDays'; from: Anchor; days: number }
  | { kind: 'earliestOf'; rules: DeadlineRule[] };

export const deadlineRuleSchema: z.ZodType<DeadlineRule> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('sameWorkingDay'), from: anchorSchema }).strict(),
    z
      .object({ kind: z.literal('withinDays'), from: anchorSchema, days: z.int().min(0).max(365) })
      .strict(),
    z.object({ kind: z.literal('earliestOf'), rules: z.array(deadlineRuleSchema).min(1) }).strict(),
  ]),
);

export const deadlineKeySchema = z.enum([
  'fveAssessment',
  'firstContact',
  'followUpReview',
  'serviceDecision',
  'handover',
]);
export type DeadlineKey = z.infer<typeof deadlineKeySchema>;

const deadlineSchema = z
  .object({
    normal: deadlineRuleSchema,
    seriouslyIll: deadlineRuleSchema,
  })
  .strict();

export const workingTimeSchema = z
  .object({
    timeZone: z.string().refine(isKnownTimeZone, 'unknown IANA time zone'),
    /** ISO weekdays, 1 = Monday. */
    days: z.array(z.int().min(1).max(7)).min(1),
    start: clockTime,
    end: clockTime,
    /** Country whose public holidays are not working days (date-holidays code). */
    holidayCountry: z.string().refine(isHolidayCountry, 'not a country date-holidays knows'),
    /** Extra closed days, e.g. 2026-12-24 when the municipality closes on Christmas Eve. */
    closedDates: z.array(isoDate).default([]),
    /**
     * "Within N days" ending on a non-working day: 'previous' (the routine's reading, never
     * stretched) or 'next' working day.
     */
    nonWorkingDayFallback: z.enum(['previous', 'next']).default('previous'),
  })
  .strict()
  .refine((w) => w.start < w.end, { message: 'start must be before end', path: ['end'] });
export type WorkingTime = z.infer<typeof workingTimeSchema>;

export const escalationLevelSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    /** Minutes relative to the deadline: negative before, 0 at, positive after. */
    offsetMinutes: z
      .int()
      .min(-7 * 24 * 60)
      .max(30 * 24 * 60),
    /**
     * How offsetMinutes counts: every minute ('calendar', as before the setting existed) or
     * only minutes inside working time ('working': 450 after a Friday 15:30 deadline is
     * Monday 15:30).
     */
    offsetUnit: z.enum(['calendar', 'working']).default('calendar'),
    /**
     * 'workingTime': a level whose time falls outside working time is delivered at the next
     * start of working time, and a pass that finds it long overdue outside working time
     * (downtime) waits for that start too. 'anyTime': delivered when it falls due, day or
     * night. A snapshot stored before the setting existed gets 'workingTime' as well: nobody
     * acts on a message at 03:00, and the exactly-once keys do not depend on the time.
     */
    deliver: z.enum(['workingTime', 'anyTime']).default('workingTime'),
    /** Who is told: the responsible nurse (the zone channel while unclaimed), the zone leader, FVE. */
    notify: z.enum(['responsible', 'zoneLeader', 'fve']),
    /** Locale key of the message text. */
    messageKey: z.string().min(1),
  })
  .strict();
export type EscalationLevel = z.infer<typeof escalationLevelSchema>;

/**
 * A claimed case without a logged contact is an unacknowledged alert: the responsible nurse is
 * reminded every `everyMinutes` of working time until a contact is logged or the deadline
 * passes (then the escalation levels take over). The nurse may snooze for one of the fixed
 * `snoozeMinutes`, never past the deadline.
 */
export const claimReminderSchema = z
  .object({
    everyMinutes: z
      .int()
      .min(15)
      .max(24 * 60),
    snoozeMinutes: z
      .array(
        z
          .int()
          .min(5)
          .max(24 * 60),
      )
      .min(1)
      .max(4),
    messageKey: z.string().min(1),
  })
  .strict();
export type ClaimReminder = z.infer<typeof claimReminderSchema>;

// Cases registered before the setting existed carry a policy snapshot without it.
const DEFAULT_CLAIM_REMINDER: ClaimReminder = {
  everyMinutes: 60,
  snoozeMinutes: [60, 240],
  messageKey: 'escalation.claimedSilent',
};

const caseStateWithDeadline = caseStateSchema.exclude(['closed']);

export const policySchema = z
  .object({
    workingTime: workingTimeSchema,
    deadlines: z.record(deadlineKeySchema, deadlineSchema),
    /** Which deadline runs while a case is in a state; a state left out has none. */
    stateDeadlines: z.partialRecord(caseStateWithDeadline, deadlineKeySchema),
    escalation: z
      .array(escalationLevelSchema)
      .min(1)
      // Compared as numbers whatever their unit: the list is the order of escalation. Should
      // delivery in working time put a level after a higher one, it is overtaken (level-time.ts).
      .refine(
        (levels) =>
          levels.every((l, i) => i === 0 || levels[i - 1].offsetMinutes < l.offsetMinutes),
        'levels must be in strictly increasing offsetMinutes order',
      )
      .refine(
        (levels) => new Set(levels.map((l) => l.id)).size === levels.length,
        'level ids must be unique',
      ),
    claimReminder: claimReminderSchema.default(DEFAULT_CLAIM_REMINDER),
  })
  .strict();
export type Policy = z.infer<typeof policySchema>;

export const routineSchema = z
  .object({
    /** Bump on every change; cases record the version they were registered under. */
    version: z.string().min(1),
    policy: policySchema,
  })
  .strict();
export type Routine = z.infer<typeof routineSchema>;
