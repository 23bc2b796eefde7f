import { type DeadlineKey, type DeadlineRule, deadlineKeySchema } from '../routine';
import type { DeadlineFigure, DurationFigure } from './case-facts';
import { isYearMonth, type YearMonth } from './month';
import { summarise } from './percentiles';
import {
  type EscalationFact,
  type MonthFacts,
  type ReportInput,
  reportIndex,
  type ShareCounts,
  type ZoneFilter,
} from './report-index';

export type { ZoneFilter };

/*
 * The compliance figures (internkontroll: are the seriously ill phoned in time, in every zone,
 * every month?). A figure is a registered definition: the page lists a registry and renders
 * each value by its kind, so another area (the competence plan, Pakkeforløp hjem) adds its
 * figures by adding definitions, not by changing the page.
 */

export const ALL_ZONES: ZoneFilter = null;

export interface CountValue {
  kind: 'count';
  count: number;
}

/** A share of cases that met a deadline. `share` is within / (within + late), null when none. */
export interface ShareValue {
  kind: 'share';
  within: number;
  /** within + late: the cases whose outcome is settled. */
  total: number;
  share: number | null;
  /** Deadline still ahead and the event not yet there: counted in neither. */
  pending: number;
  /** Left the step before the deadline without the event: counted in neither. */
  excluded: number;
}

export interface DurationsValue {
  kind: 'durations';
  unit: 'workingHours';
  n: number;
  /** Nearest rank (percentiles.ts); null without values. */
  median: number | null;
  p90: number | null;
}

export interface CountsByKeyValue {
  kind: 'countsByKey';
  total: number;
  /** In a stable order: the routine's order of steps or levels. */
  counts: { key: string; count: number }[];
}

export type FigureValue = CountValue | ShareValue | DurationsValue | CountsByKeyValue;
export type FigureKind = FigureValue['kind'];

/**
 * A figure: what it is called and means (a locale key each, and the English text the locale
 * files and the README start from) and how it is computed for a month and a zone.
 */
export interface FigureDefinitionOf<I, K extends FigureKind> {
  /** Unique in a registry; camelCase, part of the locale keys. */
  id: string;
  /** The area the figure belongs to (`hsyre`, later `competence`, `pathway`). */
  area: string;
  kind: K;
  labelKey: string;
  definitionKey: string;
  en: { label: string; definition: string };
  /** For a deadline figure: the routine's rule it is measured against. */
  deadline?: { key: DeadlineKey; urgency: 'seriouslyIll' | 'normal' };
  compute(input: I, month: YearMonth, zone: ZoneFilter): Extract<FigureValue, { kind: K }>;
}

/** A figure of any kind: a union by kind, so `kind` tells what `compute` returns. */
export type FigureDefinition<I = ReportInput> = {
  [K in FigureKind]: FigureDefinitionOf<I, K>;
}[FigureKind];

/** A computed figure, ready to render. */
export interface FigureRow {
  id: string;
  area: string;
  kind: FigureKind;
  labelKey: string;
  definitionKey: string;
  value: FigureValue;
}

/** The figures a page shows, in order. Immutable: `with` returns a new registry. */
export interface FigureRegistry<I = ReportInput> {
  readonly definitions: readonly FigureDefinition<I>[];
  get(id: string): FigureDefinition<I> | undefined;
  /** This registry and more figures (another area's); an id used twice is refused. */
  with<J extends I>(more: readonly FigureDefinition<J>[]): FigureRegistry<J>;
  /** Every figure for one month and zone (null: all zones). */
  compute(input: I, month: YearMonth, zone: ZoneFilter): FigureRow[];
}

export function figureRegistry<I>(definitions: readonly FigureDefinition<I>[]): FigureRegistry<I> {
  const byId = new Map<string, FigureDefinition<I>>();
  for (const d of definitions) {
    if (byId.has(d.id)) throw new Error(`figure ${d.id} is defined twice`);
    byId.set(d.id, d);
  }
  const list = Object.freeze([...definitions]);
  return {
    definitions: list,
    get: (id) => byId.get(id),
    with: <J extends I>(more: readonly FigureDefinition<J>[]) =>
      figureRegistry<J>([...(list as readonly FigureDefinition<J>[]), ...more]),
    compute(input, month, zone) {
      if (!isYearMonth(month)) throw new Error(`not a month (YYYY-MM): ${month}`);
      return list.map((d) => ({
        id: d.id,
        area: d.area,
        kind: d.kind,
        labelKey: d.labelKey,
        definitionKey: d.definitionKey,
        value: d.compute(input, month, zone),
      }));
    },
  };
}

/* ----------------------------------------------------------------------------------------------
 * Computing the values from a month's facts.
 * -------------------------------------------------------------------------------------------- */

function shareValue(c: ShareCounts): ShareValue {
  const total = c.within + c.late;
  return {
    kind: 'share',
    within: c.within,
    total,
    share: total === 0 ? null : c.within / total,
    pending: c.pending,
    excluded: c.excluded,
  };
}

const monthOfInput = (input: ReportInput, month: YearMonth): MonthFacts =>
  reportIndex(input).month(month);

function deadlineShare(figure: DeadlineFigure, urgency: 'seriouslyIll' | 'normal') {
  return (input: ReportInput, month: YearMonth, zone: ZoneFilter): ShareValue =>
    shareValue(monthOfInput(input, month).deadline(figure, zone, urgency === 'seriouslyIll'));
}

function durationsOf(figure: DurationFigure) {
  return (input: ReportInput, month: YearMonth, zone: ZoneFilter): DurationsValue => {
    const { n, median, p90 } = summarise(monthOfInput(input, month).durations(figure, zone));
    return { kind: 'durations', unit: 'workingHours', n, median, p90 };
  };
}

function countsOf(keys: readonly string[], counts: ReadonlyMap<string, number>): CountsByKeyValue {
  const all = new Map(keys.map((k) => [k, 0]));
  let total = 0;
  for (const [key, count] of counts) {
    all.set(key, (all.get(key) ?? 0) + count);
    total += count;
  }
  return { kind: 'countsByKey', total, counts: [...all].map(([key, count]) => ({ key, count })) };
}

/**
 * Escalations sent, by level, for one month and zone. Separate from the case figures: the
 * sent markers are not part of the case documents, so they come as `input.escalations`;
 * `input.cases` only says which zone each case was in when its message was sent.
 */
export function escalationsSent(
  input: ReportInput,
  month: YearMonth,
  zone: ZoneFilter,
): CountsByKeyValue {
  const facts: readonly EscalationFact[] = reportIndex(input).escalations(month);
  const order = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const f of facts) {
    order.set(f.level, Math.min(order.get(f.level) ?? f.order, f.order));
    if (zone === null || f.zone === zone) counts.set(f.level, (counts.get(f.level) ?? 0) + 1);
  }
  const levels = [...order].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  return countsOf(
    levels.map(([level]) => level),
    counts,
  );
}

/* ----------------------------------------------------------------------------------------------
 * The HSYRE figures.
 * -------------------------------------------------------------------------------------------- */

const key = (id: string) => ({
  labelKey: `reports.figures.${id}.label`,
  definitionKey: `reports.figures.${id}.definition`,
});

const URGENCY_EN = { seriouslyIll: 'seriously ill', normal: 'normal' } as const;

const SETTLED =
  'A case still waiting when its deadline passed counts as not within; one that left the step ' +
  'before its deadline without it (closed, HSY granted, given back) is left out (excluded); ' +
  'one whose deadline is still ahead is pending. The zone is the one the case was in when ' +
  'the outcome was settled: at the event when within, at the deadline when not.';

const FIRST_CONTACT_RULE =
  'The deadline is the case’s own firstContact deadline from its policy snapshot (routine ' +
  '2026.2: for the seriously ill the earlier of the end of the working day on which HSYRE was ' +
  'registered (the card posted) and 3 days from the hospital’s contact; for normal patients ' +
  'the end of that working day), counted in the month it falls in.';

function firstContactFigure(
  urgency: 'seriouslyIll' | 'normal',
): FigureDefinitionOf<ReportInput, 'share'> {
  const id = `firstContactInTime${urgency === 'seriouslyIll' ? 'SeriouslyIll' : 'Normal'}`;
  return {
    id,
    area: 'hsyre',
    kind: 'share',
    ...key(id),
    deadline: { key: 'firstContact', urgency },
    en: {
      label: `First phone contact within the deadline (${URGENCY_EN[urgency]})`,
      definition:
        'Of the cases whose first-contact deadline falls in the month: the share whose first ' +
        'call that reached the patient (Ringt – nådd) or agreed a home visit (Hjemmebesøk ' +
        'avtalt) was logged at or before the deadline. A call that did not reach the patient ' +
        'does not count, as on the case card ("first contact in time"). ' +
        `${FIRST_CONTACT_RULE} ${SETTLED}`,
    },
    compute: deadlineShare('firstContact', urgency),
  };
}

function firstCallFigure(
  urgency: 'seriouslyIll' | 'normal',
): FigureDefinitionOf<ReportInput, 'share'> {
  const id = `firstCallInTime${urgency === 'seriouslyIll' ? 'SeriouslyIll' : 'Normal'}`;
  return {
    id,
    area: 'hsyre',
    kind: 'share',
    ...key(id),
    deadline: { key: 'firstContact', urgency },
    en: {
      label: `First call attempt within the deadline (${URGENCY_EN[urgency]})`,
      definition:
        'As the first phone contact, but any logged call counts, also one that did not reach ' +
        'the patient (Ringt – ikke nådd): did a nurse try in time? The gap to the first phone ' +
        `contact is the calls that did not get through. ${FIRST_CONTACT_RULE} ${SETTLED}`,
    },
    compute: deadlineShare('firstCall', urgency),
  };
}

function fveFigure(urgency: 'seriouslyIll' | 'normal'): FigureDefinitionOf<ReportInput, 'share'> {
  const id = `fveAssessmentInTime${urgency === 'seriouslyIll' ? 'SeriouslyIll' : 'Normal'}`;
  const days = urgency === 'seriouslyIll' ? 3 : 14;
  return {
    id,
    area: 'hsyre',
    kind: 'share',
    ...key(id),
    deadline: { key: 'fveAssessment', urgency },
    en: {
      label: `FVE’s assessment within ${days} days (${URGENCY_EN[urgency]})`,
      definition:
        'Of the cases whose fveAssessment deadline falls in the month: the share FVE had ' +
        'assessed by then (steps 3 and 4). The deadline is the case’s own fveAssessment rule ' +
        `(routine 2026.2, ${URGENCY_EN[urgency]}: withinDays ${days} from hospitalContact: the ` +
        `end of working time on the ${days}th calendar day after the day of the hospital’s ` +
        'contact, moved back to the last working day before it when that day is a day off, and ' +
        'never before the end of the contact’s own working day). Assessed means: HSYRE ' +
        'registered on the referral form at once (at the registration), or the case left ' +
        'Henvist (HSYRE registered, HSY granted, or closed as declined or not needed). A case ' +
        `closed as moved or died while Henvist is no assessment. ${SETTLED}`,
    },
    compute: deadlineShare('fveAssessment', urgency),
  };
}

function serviceDecisionFigure(
  urgency: 'seriouslyIll' | 'normal',
): FigureDefinitionOf<ReportInput, 'share'> {
  const id = `serviceDecisionInTime${urgency === 'seriouslyIll' ? 'SeriouslyIll' : 'Normal'}`;
  return {
    id,
    area: 'hsyre',
    kind: 'share',
    ...key(id),
    deadline: { key: 'serviceDecision', urgency },
    en: {
      label: `Service decision within 3 days (${URGENCY_EN[urgency]})`,
      definition:
        'Of the reports of a need for services (Behov for tjenester) whose serviceDecision ' +
        'deadline falls in the month: the share FVE decided by then, with a decision (Vedtak: ' +
        'andre tjenester / ingen tjenester) or by granting home nursing (HSY innvilget). The ' +
        'deadline is the case’s own serviceDecision rule (routine 2026.2: withinDays 3 from ' +
        'servicesReported, both urgencies). A case reported twice counts twice. Closing the ' +
        `case or giving it back is no decision. ${SETTLED}`,
    },
    compute: deadlineShare('serviceDecision', urgency),
  };
}

const WORKING_HOURS =
  'in working hours: only time inside the case’s own working time counts (routine 2026.2: ' +
  'Monday to Friday 08:00–15:30 Oslo time, not on Norwegian public holidays), so a card ' +
  'posted at 15:00 on a Friday and claimed at 08:30 on Monday waited one working hour. ' +
  'Median and 90th percentile by nearest rank (the value at rank ⌈p·n/100⌉: with two cases ' +
  'the median is the shorter wait).';

export const FIGURE_DEFINITIONS: readonly FigureDefinition<ReportInput>[] = [
  {
    id: 'referralsRegistered',
    area: 'hsyre',
    kind: 'count',
    ...key('referralsRegistered'),
    en: {
      label: 'Referrals registered',
      definition:
        'Cases registered in the month (the registerReferral entry of the history: FVE’s form ' +
        'or the record system’s REST intake), with or without HSYRE, in the zone the case was ' +
        'in at registration. The month is read in Oslo time: a referral at 23:30 UTC on the ' +
        'last day of a month belongs to the next month.',
    },
    compute: (input, month, zone) => ({
      kind: 'count',
      count: monthOfInput(input, month).referrals(zone),
    }),
  },
  firstContactFigure('seriouslyIll'),
  firstContactFigure('normal'),
  firstCallFigure('seriouslyIll'),
  firstCallFigure('normal'),
  {
    id: 'cardToClaim',
    area: 'hsyre',
    kind: 'durations',
    ...key('cardToClaim'),
    en: {
      label: 'From card to claim (working hours)',
      definition:
        'From the HSYRE card in the zone channel (the first postCard entry) to the first time a ' +
        'nurse had the case (Jeg tar den, or a leader giving an unclaimed case to a nurse), ' +
        `${WORKING_HOURS} Counted in the month of the claim, in the zone the case was in then. ` +
        'A claim recorded before the card’s entry counts as 0; a case without a card entry is ' +
        'left out.',
    },
    compute: durationsOf('cardToClaim'),
  },
  {
    id: 'cardToFirstContact',
    area: 'hsyre',
    kind: 'durations',
    ...key('cardToFirstContact'),
    en: {
      label: 'From card to first phone contact (working hours)',
      definition:
        'From the HSYRE card (the first postCard entry) to the first call that reached the ' +
        `patient or agreed a home visit, ${WORKING_HOURS} Counted in the month of the contact, ` +
        'in the zone the case was in then.',
    },
    compute: durationsOf('cardToFirstContact'),
  },
  fveFigure('seriouslyIll'),
  fveFigure('normal'),
  serviceDecisionFigure('seriouslyIll'),
  serviceDecisionFigure('normal'),
  {
    id: 'overdueAtMonthEnd',
    area: 'hsyre',
    kind: 'countsByKey',
    ...key('overdueAtMonthEnd'),
    en: {
      label: 'Cases overdue at month end, by step',
      definition:
        'Open cases whose running deadline had fallen due by the last instant of the month (by ' +
        'the report’s time for the month in progress), by step. The state and anchors at that ' +
        'instant are replayed from the history and the deadline computed from the case’s own ' +
        'policy snapshot as the bot computes it (currentDeadline); counted in the zone the ' +
        'case was in at that instant.',
    },
    compute: (input, month, zone) =>
      countsOf(deadlineKeySchema.options, monthOfInput(input, month).overdue(zone)),
  },
  {
    id: 'hsyreEndedSameDay',
    area: 'hsyre',
    kind: 'share',
    ...key('hsyreEndedSameDay'),
    en: {
      label: 'HSYRE ended the same day as HSY was granted',
      definition:
        'Of the cases granted home nursing (HSY innvilget) in the month: the share that was ' +
        'closed (handed over to the primary contact, or closed) on the same calendar day in ' +
        'Oslo as the grant (step 9: "same day"). Pending while that day has not ended and the ' +
        'case is open. The zone is the one at the grant. This is the calendar day; the ' +
        'handover deadline the bot escalates is the same working day.',
    },
    compute: (input, month, zone) => {
      const c = monthOfInput(input, month).sameDay(zone);
      return shareValue({ within: c.sameDay, late: c.later, pending: c.pending, excluded: 0 });
    },
  },
  {
    id: 'escalationsSent',
    area: 'hsyre',
    kind: 'countsByKey',
    ...key('escalationsSent'),
    en: {
      label: 'Escalations sent, by level',
      definition:
        'Escalation messages sent in the month (the store’s send markers with status sent, ' +
        'passed as {caseId, level, at}), by level in the routine’s order (reminder, overdue, ' +
        'fve), in the zone the case was in when it was sent. Levels skipped after downtime were ' +
        'not sent and are not counted. A message whose case is not among the cases counts for ' +
        'all zones only.',
    },
    compute: escalationsSent,
  },
];

/** The HSYRE figures as a registry; other areas extend it with `.with([...])`. */
export const HSYRE_FIGURES: FigureRegistry<ReportInput> = figureRegistry(FIGURE_DEFINITIONS);

/** Every figure for a month and zone (null: all zones), with whether the month had ended. */
export function computeFigures(
  input: ReportInput,
  month: YearMonth,
  zone: ZoneFilter,
  registry: FigureRegistry<ReportInput> = HSYRE_FIGURES,
): { month: YearMonth; zone: ZoneFilter; provisional: boolean; figures: FigureRow[] } {
  const figures = registry.compute(input, month, zone);
  return { month, zone, provisional: monthOfInput(input, month).provisional, figures };
}

/** A rule in plain English, for showing the routine a figure is measured against. */
export function describeRule(rule: DeadlineRule): string {
  switch (rule.kind) {
    case 'sameWorkingDay':
      return `the end of working time on the day of ${rule.from} (the next working day's when after hours)`;
    case 'withinDays':
      return `${rule.days} days from ${rule.from} (end of working time on day ${rule.days})`;
    case 'earliestOf':
      return `the earliest of: ${rule.rules.map(describeRule).join('; ')}`;
  }
}
