import { DateTime } from 'luxon';
import { z } from 'zod/v4';
import { boundedMemo } from '../bounded-memo';
import { type Activity, type ActivityKind, effectiveHours, isConfirmedByNurse } from './activity';
import {
  type CompetenceConfig,
  type CompetenceLevel,
  competenceLevelSchema,
  type DueBy,
  meetsLevel,
  type Requirement,
  type RequirementSet,
  requirementSetOn,
} from './requirements';

/**
 * A resource nurse's competence plan, evaluated: for each requirement of her first year and of
 * the competence year that contains `asOf`, whether it is done, still open (missing) or past its
 * due date (overdue), what counted and what is left, and the deadlines the deadline engine
 * tracks. Pure: the time and the time zone come in, nothing is read or stored.
 *
 * Readings chosen (see also requirements.ts):
 * - Days are calendar days in the municipality's time zone. An activity counts from its date,
 *   when that date is on or before the local date of `asOf` (a record added later for an earlier
 *   day counts for that day).
 * - A period is half-open: the first year runs from the appointment date up to, not including,
 *   its anniversary. The anniversary of 29 February in a common year is 1 March, so a nurse
 *   appointed 29 February 2028 has a first year whose last day is 28 February 2029 (a full 365
 *   days, not one short) and her second year begins 1 March 2029; in a leap year the years
 *   counted from her appointment begin on 29 February again.
 * - `byWhen` is the last day still in time; the deadline (`dueAt`) is the end of that day. Not
 *   done at or after it: overdue. Activities later in the period still make it done. A
 *   requirement without `dueBy` falls due on its period's last day, so it shows as missing to the
 *   end and its period is over when it would turn overdue: give it a `dueBy` inside the year for
 *   the engine to remind and escalate in time.
 * - In a calendar year the nurse was not appointed for (see requirements.ts), only the level and
 *   the first-year requirements are listed.
 * - A first-year requirement's result is final once the first year is over (done or overdue).
 *   It is listed until the end of the competence year in which the first year ends (so that
 *   year's overview still shows how the first year went); after that it is history, still seen
 *   by evaluating as of an earlier day. A nurse appointed years ago has no first-year items.
 * - The engine gets deadlines only for requirements not done whose period has not ended.
 * - Withdrawn activities are ignored everywhere.
 */

export const competenceNurseSchema = z
  .object({
    /** The day the zone leader appointed her resource nurse. */
    appointedAt: z.iso.date(),
    /** Her recorded level in the national programme; absent: not recorded. */
    level: competenceLevelSchema.optional(),
  })
  .strict();
export type CompetenceNurse = z.infer<typeof competenceNurseSchema>;

/* ----------------------------------------------------------------------------------------------
 * Calendar days as ISO strings (YYYY-MM-DD). They compare as strings; no time zone is involved.
 * -------------------------------------------------------------------------------------------- */

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) =>
  m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDay = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const partsOf = (day: string): [number, number, number] => [
  Number(day.slice(0, 4)),
  Number(day.slice(5, 7)),
  Number(day.slice(8, 10)),
];

/** The day `years` after `day`; 29 February falls on 1 March in a common year. */
export function anniversary(day: string, years: number): string {
  const [y, m, d] = partsOf(day);
  const year = y + years;
  if (m === 2 && d === 29 && !isLeapYear(year)) return isoDay(year, 3, 1);
  return isoDay(year, m, d);
}

/** The day `months` after `day`; a day the month lacks is its last day (31 May + 9 → 28 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = partsOf(day);
  const index = m - 1 + months;
  const year = y + Math.floor(index / 12);
  const month = (((index % 12) + 12) % 12) + 1;
  return isoDay(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = partsOf(day);
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d + days);
  return isoDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

const minDay = (a: string, b: string) => (a <= b ? a : b);

/* ----------------------------------------------------------------------------------------------
 * Periods
 * -------------------------------------------------------------------------------------------- */

/** A run of days: from `from` up to, not including, `to`; `lastDay` is the day before `to`. */
export interface Period {
  from: string;
  to: string;
  lastDay: string;
}

const period = (from: string, to: string): Period => ({ from, to, lastDay: addDays(to, -1) });

export const firstYearOf = (appointedAt: string): Period =>
  period(appointedAt, anniversary(appointedAt, 1));

export interface CompetenceYearPeriod extends Period {
  /** '2027' for a calendar year; '2026-10-15/2027-10-14' for a year counted from appointment. */
  label: string;
  /** Whether the yearly requirements apply to it (a calendar year of appointment may be spared). */
  applies: boolean;
}

/**
 * The competence year that contains `day`, or null when years are counted from the appointment
 * and `day` is before it.
 */
export function competenceYearOn(
  config: CompetenceConfig,
  appointedAt: string,
  day: string,
): CompetenceYearPeriod | null {
  if (config.year.basis === 'calendar') {
    const year = day.slice(0, 4);
    const from = `${year}-01-01`;
    const by = config.year.includeAppointmentYearIfAppointedBy;
    const applies =
      appointedAt <= from ||
      (appointedAt.slice(0, 4) === year && by !== undefined && appointedAt.slice(5) <= by);
    return {
      from,
      to: `${pad(Number(year) + 1, 4)}-01-01`,
      lastDay: `${year}-12-31`,
      label: year,
      applies,
    };
  }
  if (day < appointedAt) return null;
  let k = Math.max(0, Number(day.slice(0, 4)) - Number(appointedAt.slice(0, 4)));
  while (k > 0 && anniversary(appointedAt, k) > day) k--;
  while (anniversary(appointedAt, k + 1) <= day) k++;
  const p = period(anniversary(appointedAt, k), anniversary(appointedAt, k + 1));
  return { ...p, label: `${p.from}/${p.lastDay}`, applies: true };
}

/** The set a day's activities are measured with: the one in force when its year began. */
function setForDay(config: CompetenceConfig, appointedAt: string, day: string): RequirementSet {
  if (config.sets.length === 1) return config.sets[0];
  const year = competenceYearOn(config, appointedAt, day);
  return requirementSetOn(config, year ? year.from : day);
}

/** The last day still in time for a requirement in a period. */
export function dueDay(dueBy: DueBy | undefined, p: Period): string {
  if (dueBy === undefined) return p.lastDay;
  if (dueBy.kind === 'monthsAfterStart') return minDay(addMonths(p.from, dueBy.months), p.lastDay);
  let candidate = `${p.from.slice(0, 4)}-${dueBy.monthDay}`;
  if (candidate <= p.from)
    candidate = `${pad(Number(p.from.slice(0, 4)) + 1, 4)}-${dueBy.monthDay}`;
  return minDay(candidate, p.lastDay);
}

/* ----------------------------------------------------------------------------------------------
 * Time zone: the only place instants meet days. Memoised, since an overview asks the same few
 * days for every nurse and a Luxon zone conversion costs tens of microseconds.
 * -------------------------------------------------------------------------------------------- */

const endOfDayCache = boundedMemo<string, string>(4096);

/** The end of a local day as an instant (ISO, UTC): the next day's local midnight. */
export function endOfLocalDay(day: string, timeZone: string): string {
  return endOfDayCache(`${timeZone} ${day}`, () => {
    const next = DateTime.fromISO(addDays(day, 1), { zone: timeZone });
    if (!next.isValid) throw new Error(`cannot place ${day} in time zone ${timeZone}`);
    return next.toJSDate().toISOString();
  });
}

/** The local calendar day of an instant. */
export function localDay(instant: Date, timeZone: string): string {
  const day = DateTime.fromJSDate(instant, { zone: timeZone }).toISODate();
  if (day === null) throw new Error(`unknown time zone ${timeZone}`);
  return day;
}

/* ----------------------------------------------------------------------------------------------
 * Results
 * -------------------------------------------------------------------------------------------- */

export type RequirementStatus = 'done' | 'missing' | 'overdue';

export interface Measure {
  count: number;
  hours: number;
  /** Days of job shadowing; 0 for other kinds. */
  days: number;
}

export interface ActivityRequirementResult {
  type: 'activities';
  id: string;
  period: 'firstYear' | 'year';
  periodFrom: string;
  /** Exclusive; periodLastDay is the last day of the period. */
  periodTo: string;
  periodLastDay: string;
  /** The period is over at asOf: the result no longer changes. */
  ended: boolean;
  requirementsVersion: string;
  status: RequirementStatus;
  kinds: ActivityKind[];
  /** What counted. Hours are summed across the requirement's kinds. */
  done: Measure;
  /** The minimums the set asks for; a dimension it does not ask for is absent. */
  needed: Partial<Measure>;
  /** What is still lacking (all 0 when done). */
  missing: Measure;
  /** The last day in time (ISO date). */
  byWhen: string;
  /** The end of byWhen in the time zone (ISO instant): the deadline. */
  dueAt: string;
  /** Ids of the activities that counted. */
  activityIds: string[];
  /** Leader meetings recorded by the leader that the nurse has not confirmed (yet). */
  awaitingConfirmation: string[];
}

export interface LevelRequirementResult {
  type: 'level';
  id: 'level';
  period: 'standing';
  requirementsVersion: string;
  /** The level is a qualification, not a task with a date: never overdue, no deadline. */
  status: 'done' | 'missing';
  recorded: CompetenceLevel | null;
  minimum: CompetenceLevel;
  byWhen: null;
  dueAt: null;
}

export type RequirementResult = ActivityRequirementResult | LevelRequirementResult;

/** A deadline for the deadline engine: one per open requirement and period. */
export interface CompetenceDeadline {
  /** Unique within the nurse: `<requirement id>:<period start>`, e.g. `gatherings:2027-01-01`. */
  key: string;
  requirementId: string;
  periodFrom: string;
  byWhen: string;
  dueAt: string;
}

export interface StatusCounts {
  done: number;
  missing: number;
  overdue: number;
}

export interface PlanEvaluation {
  asOf: string;
  /** The local date of asOf. */
  today: string;
  timeZone: string;
  appointedAt: string;
  firstYear: Period & {
    ended: boolean;
    /** Its requirements are in `requirements` (until the end of the year it ends in). */
    listed: boolean;
    requirementsVersion: string;
  };
  /** The competence year containing today; null before the appointment (appointment years). */
  year: (CompetenceYearPeriod & { requirementsVersion: string }) | null;
  requirements: RequirementResult[];
  counts: StatusCounts;
  /** Every active activity of the current year dated up to today, by kind and in all. */
  hoursThisYear: { byKind: Record<ActivityKind, number>; total: number };
  /** Clinical supervision hours earned from job shadowing: this competence year, and ever. */
  supervisionHours: { thisYear: number; total: number };
  /** Sorted by dueAt. */
  deadlines: CompetenceDeadline[];
}

function levelResult(
  level: CompetenceLevel | undefined,
  set: RequirementSet,
): LevelRequirementResult {
  return {
    type: 'level',
    id: 'level',
    period: 'standing',
    requirementsVersion: set.version,
    status: meetsLevel(level, set.level.minimum) ? 'done' : 'missing',
    recorded: level ?? null,
    minimum: set.level.minimum,
    byWhen: null,
    dueAt: null,
  };
}

interface EvaluationContext {
  asOf: Date;
  today: string;
  timeZone: string;
}

function evaluateRequirement(
  req: Requirement,
  set: RequirementSet,
  p: Period,
  counted: readonly Activity[],
  ctx: EvaluationContext,
): ActivityRequirementResult {
  const done: Measure = { count: 0, hours: 0, days: 0 };
  const activityIds: string[] = [];
  const awaitingConfirmation: string[] = [];
  for (const a of counted) {
    if (a.date < p.from || a.date >= p.to || !req.kinds.includes(a.kind)) continue;
    if (req.withLeader === true && !(a.kind === 'introductionCourse' && a.withLeader === true)) {
      continue;
    }
    if (req.nurseConfirmation === true && !isConfirmedByNurse(a, ctx.asOf)) {
      awaitingConfirmation.push(a.id);
      continue;
    }
    done.count += 1;
    done.hours += effectiveHours(a, set.supervisionHoursPerJobShadowingDay);
    if (a.kind === 'jobShadowing') done.days += a.days;
    activityIds.push(a.id);
  }
  const needed: Partial<Measure> = {};
  if (req.minCount !== undefined) needed.count = req.minCount;
  if (req.minHours !== undefined) needed.hours = req.minHours;
  if (req.minDays !== undefined) needed.days = req.minDays;
  const missing: Measure = {
    count: Math.max(0, (req.minCount ?? 0) - done.count),
    hours: Math.max(0, (req.minHours ?? 0) - done.hours),
    days: Math.max(0, (req.minDays ?? 0) - done.days),
  };
  const isDone = missing.count === 0 && missing.hours === 0 && missing.days === 0;
  const byWhen = dueDay(req.dueBy, p);
  const dueAt = endOfLocalDay(byWhen, ctx.timeZone);
  const status: RequirementStatus = isDone
    ? 'done'
    : ctx.asOf.getTime() >= Date.parse(dueAt)
      ? 'overdue'
      : 'missing';
  return {
    type: 'activities',
    id: req.id,
    period: req.period,
    periodFrom: p.from,
    periodTo: p.to,
    periodLastDay: p.lastDay,
    ended: ctx.today >= p.to,
    requirementsVersion: set.version,
    status,
    kinds: [...req.kinds],
    done,
    needed,
    missing,
    byWhen,
    dueAt,
    activityIds,
    awaitingConfirmation,
  };
}

const emptyByKind = (): Record<ActivityKind, number> => ({
  gathering: 0,
  studyDay: 0,
  introductionCourse: 0,
  basicCourse: 0,
  jobShadowing: 0,
  leaderMeeting: 0,
  other: 0,
});

function evaluateOn(
  nurse: CompetenceNurse,
  activities: readonly Activity[],
  config: CompetenceConfig,
  ctx: EvaluationContext,
): PlanEvaluation {
  const { today } = ctx;
  const counted = activities.filter((a) => a.status === 'active' && a.date <= today);

  const first = firstYearOf(nurse.appointedAt);
  const firstSet = requirementSetOn(config, first.from);
  const year = competenceYearOn(config, nurse.appointedAt, today);
  const yearSet = requirementSetOn(config, year ? year.from : nurse.appointedAt);

  const listedUntil =
    competenceYearOn(config, nurse.appointedAt, first.lastDay)?.lastDay ?? first.lastDay;
  const firstYearListed = today <= listedUntil;

  const requirements: RequirementResult[] = [levelResult(nurse.level, yearSet)];
  for (const req of firstSet.requirements) {
    if (firstYearListed && req.period === 'firstYear') {
      requirements.push(evaluateRequirement(req, firstSet, first, counted, ctx));
    }
  }
  if (year?.applies) {
    for (const req of yearSet.requirements) {
      if (req.period === 'year') {
        requirements.push(evaluateRequirement(req, yearSet, year, counted, ctx));
      }
    }
  }

  const byKind = emptyByKind();
  let total = 0;
  let supervisionThisYear = 0;
  let supervisionTotal = 0;
  for (const a of counted) {
    const inYear = year !== null && a.date >= year.from && a.date < year.to;
    if (a.kind === 'jobShadowing') {
      const perDay = inYear
        ? yearSet.supervisionHoursPerJobShadowingDay
        : setForDay(config, nurse.appointedAt, a.date).supervisionHoursPerJobShadowingDay;
      supervisionTotal += a.days * perDay;
      if (inYear) supervisionThisYear += a.days * perDay;
    }
    if (inYear) {
      const hours = effectiveHours(a, yearSet.supervisionHoursPerJobShadowingDay);
      byKind[a.kind] += hours;
      total += hours;
    }
  }

  const counts: StatusCounts = { done: 0, missing: 0, overdue: 0 };
  const deadlines: CompetenceDeadline[] = [];
  for (const r of requirements) {
    counts[r.status] += 1;
    if (r.type === 'activities' && r.status !== 'done' && !r.ended) {
      deadlines.push({
        key: `${r.id}:${r.periodFrom}`,
        requirementId: r.id,
        periodFrom: r.periodFrom,
        byWhen: r.byWhen,
        dueAt: r.dueAt,
      });
    }
  }
  deadlines.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key));

  return {
    asOf: ctx.asOf.toISOString(),
    today,
    timeZone: ctx.timeZone,
    appointedAt: nurse.appointedAt,
    firstYear: {
      ...first,
      ended: today >= first.to,
      listed: firstYearListed,
      requirementsVersion: firstSet.version,
    },
    year: year ? { ...year, requirementsVersion: yearSet.version } : null,
    requirements,
    counts,
    hoursThisYear: { byKind, total },
    supervisionHours: { thisYear: supervisionThisYear, total: supervisionTotal },
    deadlines,
  };
}

/**
 * Evaluates one nurse's plan at `asOf`. `activities` are hers (all of them: withdrawn ones and
 * those dated after today are left out here). `config` is the whole competence file: each
 * period is measured with the requirement set in force when it began.
 */
export function evaluatePlan(
  nurse: CompetenceNurse,
  activities: readonly Activity[],
  config: CompetenceConfig,
  asOf: Date,
  timeZone: string,
): PlanEvaluation {
  return evaluateOn(nurse, activities, config, { asOf, today: localDay(asOf, timeZone), timeZone });
}

/* ----------------------------------------------------------------------------------------------
 * Zone overview: one row per nurse, for the zone leader, and the same as a flat table of strings
 * (one line per nurse and requirement) that a CSV writer can take as it is.
 * -------------------------------------------------------------------------------------------- */

export interface OverviewNurse extends CompetenceNurse {
  id: string;
  /** Staff names are not patient data. */
  name?: string;
}

export interface OverviewRow {
  nurseId: string;
  name: string;
  appointedAt: string;
  level: CompetenceLevel | null;
  counts: StatusCounts;
  items: RequirementResult[];
  hoursThisYear: number;
  supervisionHoursTotal: number;
  deadlines: CompetenceDeadline[];
}

export interface ZoneOverview {
  asOf: string;
  today: string;
  /** Most overdue first, then most missing, then by name and id. */
  rows: OverviewRow[];
  totals: StatusCounts;
  table: { header: string[]; rows: string[][] };
}

export type ActivitiesByNurse =
  | ReadonlyMap<string, readonly Activity[]>
  | Readonly<Record<string, readonly Activity[]>>;

const activitiesOf = (all: ActivitiesByNurse, nurseId: string): readonly Activity[] =>
  (all instanceof Map
    ? (all as ReadonlyMap<string, readonly Activity[]>).get(nurseId)
    : Object.hasOwn(all, nurseId)
      ? (all as Readonly<Record<string, readonly Activity[]>>)[nurseId]
      : undefined) ?? [];

export const OVERVIEW_TABLE_HEADER = [
  'nurseId',
  'nurseName',
  'appointedAt',
  'level',
  'requirement',
  'period',
  'periodFrom',
  'periodLastDay',
  'requirementsVersion',
  'status',
  'doneCount',
  'doneHours',
  'doneDays',
  'neededCount',
  'neededHours',
  'neededDays',
  'neededLevel',
  'missingCount',
  'missingHours',
  'missingDays',
  'byWhen',
  'awaitingConfirmation',
] as const;

const num = (n: number | undefined) => (n === undefined ? '' : String(n));

function tableRows(row: OverviewRow): string[][] {
  const head = [row.nurseId, row.name, row.appointedAt, row.level ?? ''];
  return row.items.map((item) => {
    if (item.type === 'level') {
      return [
        ...head,
        item.id,
        item.period,
        '',
        '',
        item.requirementsVersion,
        item.status,
        ...['', '', '', '', '', ''],
        item.minimum,
        ...['', '', '', '', ''],
      ];
    }
    return [
      ...head,
      item.id,
      item.period,
      item.periodFrom,
      item.periodLastDay,
      item.requirementsVersion,
      item.status,
      num(item.done.count),
      num(item.done.hours),
      num(item.done.days),
      num(item.needed.count),
      num(item.needed.hours),
      num(item.needed.days),
      '',
      num(item.missing.count),
      num(item.missing.hours),
      num(item.missing.days),
      item.byWhen,
      num(item.awaitingConfirmation.length),
    ];
  });
}

/** The overview as rows of strings, header first: one line per nurse and requirement. */
export function overviewTable(rows: readonly OverviewRow[]): {
  header: string[];
  rows: string[][];
} {
  return { header: [...OVERVIEW_TABLE_HEADER], rows: rows.flatMap(tableRows) };
}

const NAME_ORDER = new Intl.Collator('nb');

export function zoneOverview(
  nurses: readonly OverviewNurse[],
  activitiesByNurse: ActivitiesByNurse,
  config: CompetenceConfig,
  asOf: Date,
  timeZone: string,
): ZoneOverview {
  const ctx: EvaluationContext = { asOf, today: localDay(asOf, timeZone), timeZone };
  const totals: StatusCounts = { done: 0, missing: 0, overdue: 0 };
  const rows: OverviewRow[] = nurses.map((nurse) => {
    const evaluation = evaluateOn(
      { appointedAt: nurse.appointedAt, level: nurse.level },
      activitiesOf(activitiesByNurse, nurse.id),
      config,
      ctx,
    );
    totals.done += evaluation.counts.done;
    totals.missing += evaluation.counts.missing;
    totals.overdue += evaluation.counts.overdue;
    return {
      nurseId: nurse.id,
      name: nurse.name ?? '',
      appointedAt: nurse.appointedAt,
      level: nurse.level ?? null,
      counts: evaluation.counts,
      items: evaluation.requirements,
      hoursThisYear: evaluation.hoursThisYear.total,
      supervisionHoursTotal: evaluation.supervisionHours.total,
      deadlines: evaluation.deadlines,
    };
  });
  rows.sort(
    (a, b) =>
      b.counts.overdue - a.counts.overdue ||
      b.counts.missing - a.counts.missing ||
      NAME_ORDER.compare(a.name, b.name) ||
      a.nurseId.localeCompare(b.nurseId),
  );
  return { asOf: asOf.toISOString(), today: ctx.today, rows, totals, table: overviewTable(rows) };
}
