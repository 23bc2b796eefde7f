import { z } from 'zod/v4';
import { escalationLevelSchema } from '../routine';
import { activityKindSchema } from './activity';

/**
 * The competence plan as data (config/competence.json): what a resource nurse is expected to do
 * in her first year and every year, and when she is reminded. Sources: kompetanseplan for
 * ressurssykepleiere, funksjonsbeskrivelse for ressurssykepleier i palliasjon.
 *
 * The file holds a list of requirement sets, each with a `version` and the date it is valid
 * from. A year is evaluated with the set in force on the first day of that year (the first
 * year: on the appointment date), so a set added during a year applies from each nurse's next
 * year and a running year keeps what it started with, as a running case keeps its routine
 * snapshot. A set that has come into force is therefore never edited: a change is a new set
 * with a later `validFrom`. Years that began before the earliest set use the earliest set.
 */

/** Level of competence in the national programme for palliative care: A basic, B extended, C specialised. */
export const competenceLevelSchema = z.enum(['A', 'B', 'C']);
export type CompetenceLevel = z.infer<typeof competenceLevelSchema>;

const LEVEL_RANK: Record<CompetenceLevel, number> = { A: 1, B: 2, C: 3 };
export const meetsLevel = (level: CompetenceLevel | undefined, minimum: CompetenceLevel): boolean =>
  level !== undefined && LEVEL_RANK[level] >= LEVEL_RANK[minimum];

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A day of the year, MM-DD. 29 February is refused: most years have none. */
export const monthDaySchema = z.string().superRefine((md, ctx) => {
  if (!/^\d{2}-\d{2}$/.test(md)) {
    ctx.addIssue({ code: 'custom', message: 'expected MM-DD' });
    return;
  }
  const month = Number(md.slice(0, 2));
  const day = Number(md.slice(3, 5));
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) {
    ctx.addIssue({ code: 'custom', message: 'not a day of the year' });
  } else if (md === '02-29') {
    ctx.addIssue({ code: 'custom', message: '29 February is not a day of every year' });
  }
});

/**
 * When a requirement is due inside its period (the last day still in time; the deadline is the
 * end of that day in the municipality's time zone). Absent: the last day of the period.
 * `monthsAfterStart` counts calendar months from the period's first day (a day the month lacks
 * is its last day: 31 May + 9 months is 28 February); `monthDay` is the first such day after the
 * period's first day. Either is capped at the period's last day.
 */
export const dueBySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('monthsAfterStart'), months: z.int().min(1).max(12) }).strict(),
  z.object({ kind: z.literal('monthDay'), monthDay: monthDaySchema }).strict(),
]);
export type DueBy = z.infer<typeof dueBySchema>;

const sameKinds = (kinds: readonly string[], only: string) =>
  kinds.length === 1 && kinds[0] === only;

/**
 * One requirement. Activities of any of `kinds` dated inside the period count, and their hours
 * are summed across those kinds (job shadowing counts its supervision hours). Done when every
 * minimum given is met.
 */
export const requirementSchema = z
  .object({
    /** Names the requirement in results, deadlines and locale keys (competence.requirements.<id>). */
    id: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'expected a camelCase identifier'),
    /** 'firstYear': the year from the appointment date; 'year': every competence year. */
    period: z.enum(['firstYear', 'year']),
    kinds: z
      .array(activityKindSchema)
      .min(1)
      .refine((kinds) => new Set(kinds).size === kinds.length, 'kinds must be unique'),
    minCount: z.int().min(1).max(50).optional(),
    minHours: z.number().min(0.25).max(1000).multipleOf(0.25).optional(),
    /** Only for job shadowing, which is recorded in days. */
    minDays: z.int().min(1).max(30).optional(),
    /** Only introduction courses attended together with the leader count. */
    withLeader: z.boolean().optional(),
    /** Only leader meetings the nurse recorded or confirmed count. */
    nurseConfirmation: z.boolean().optional(),
    dueBy: dueBySchema.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.minCount === undefined && r.minHours === undefined && r.minDays === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give minCount, minHours or minDays' });
    }
    if (r.minDays !== undefined && !sameKinds(r.kinds, 'jobShadowing')) {
      ctx.addIssue({
        code: 'custom',
        path: ['minDays'],
        message: 'only for kinds ["jobShadowing"]',
      });
    }
    if (r.withLeader === true && !sameKinds(r.kinds, 'introductionCourse')) {
      ctx.addIssue({
        code: 'custom',
        path: ['withLeader'],
        message: 'only for kinds ["introductionCourse"]',
      });
    }
    if (r.nurseConfirmation === true && !sameKinds(r.kinds, 'leaderMeeting')) {
      ctx.addIssue({
        code: 'custom',
        path: ['nurseConfirmation'],
        message: 'only for kinds ["leaderMeeting"]',
      });
    }
  });
export type Requirement = z.infer<typeof requirementSchema>;

const reminderLevelsSchema = z
  .array(escalationLevelSchema)
  .max(4)
  .refine(
    (levels) => levels.every((l, i) => i === 0 || levels[i - 1].offsetMinutes < l.offsetMinutes),
    'levels must be in strictly increasing offsetMinutes order',
  )
  .refine(
    (levels) => new Set(levels.map((l) => l.id)).size === levels.length,
    'level ids must be unique',
  );

/**
 * Who the deadline engine tells about an open requirement, relative to its deadline (the end of
 * `byWhen`), in the routine's working time, exactly once per level: the nurse ('responsible')
 * and her zone leaders ('zoneLeader'). Part of the set, so a period keeps the reminders of the
 * set it is measured with. Absent: no reminders.
 */
export const competenceRemindersSchema = z
  .object({ firstYear: reminderLevelsSchema, year: reminderLevelsSchema })
  .strict();
export type CompetenceReminders = z.infer<typeof competenceRemindersSchema>;

export const requirementSetSchema = z
  .object({
    /** Bump with every new set; results name the version each period was evaluated with. */
    version: z.string().min(1).max(40),
    /** The set applies to every year (and first year) that begins on or after this date. */
    validFrom: z.iso.date(),
    /** The level every resource nurse must have, a recorded attribute of the nurse. */
    level: z.object({ minimum: competenceLevelSchema }).strict(),
    /** Clinical supervision hours (NSF) each day of job shadowing earns. */
    supervisionHoursPerJobShadowingDay: z.number().min(0).max(24).multipleOf(0.25),
    reminders: competenceRemindersSchema.optional(),
    requirements: z
      .array(requirementSchema)
      .min(1)
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((r, i) => {
          if (seen.has(r.id)) {
            ctx.addIssue({
              code: 'custom',
              path: [i, 'id'],
              message: 'requirement ids must be unique',
            });
          }
          seen.add(r.id);
        });
      }),
  })
  .strict();
export type RequirementSet = z.infer<typeof requirementSetSchema>;

/**
 * How competence years are counted. 'calendar' (the default reading of the plan): 1 January to
 * 31 December; the calendar year of the appointment counts only when the nurse was appointed on
 * or before `includeAppointmentYearIfAppointedBy` (absent: only an appointment on 1 January),
 * since a nurse appointed in October cannot attend two gatherings by New Year. 'appointment':
 * years counted from the appointment date, the first of them being the first year.
 */
export const competenceYearSchema = z.discriminatedUnion('basis', [
  z
    .object({
      basis: z.literal('calendar'),
      includeAppointmentYearIfAppointedBy: monthDaySchema.optional(),
    })
    .strict(),
  z.object({ basis: z.literal('appointment') }).strict(),
]);
export type CompetenceYear = z.infer<typeof competenceYearSchema>;

/**
 * The reminder to nurses registered for a network event: `daysBefore` working days before the
 * event's day, at the start of working time. Absent (files from before it existed): 2 days.
 */
export const eventReminderSchema = z.object({ daysBefore: z.int().min(1).max(10) }).strict();
export type EventReminderConfig = z.infer<typeof eventReminderSchema>;
export const DEFAULT_EVENT_REMINDER: EventReminderConfig = { daysBefore: 2 };

export const competenceConfigSchema = z
  .object({
    /** The file's version: bump on every edit. */
    version: z.string().min(1).max(40),
    year: competenceYearSchema,
    // Optional in the type too, so configs written in code before it existed still compile.
    eventReminder: eventReminderSchema.optional(),
    /** Oldest first, each valid from a later date than the one before. */
    sets: z
      .array(requirementSetSchema)
      .min(1)
      .superRefine((sets, ctx) => {
        sets.forEach((set, i) => {
          if (i > 0 && set.validFrom <= sets[i - 1].validFrom) {
            ctx.addIssue({
              code: 'custom',
              path: [i, 'validFrom'],
              message: 'sets must be in strictly increasing validFrom order',
            });
          }
          if (sets.findIndex((s) => s.version === set.version) < i) {
            ctx.addIssue({
              code: 'custom',
              path: [i, 'version'],
              message: 'set versions must be unique',
            });
          }
        });
      }),
  })
  .strict();
export type CompetenceConfig = z.infer<typeof competenceConfigSchema>;

/**
 * The set in force on a day (ISO date): the latest whose validFrom is on or before it, or the
 * earliest set for a day before all of them.
 */
export function requirementSetOn(config: CompetenceConfig, day: string): RequirementSet {
  let found = config.sets[0];
  for (const set of config.sets) {
    if (set.validFrom <= day) found = set;
    else break;
  }
  return found;
}
