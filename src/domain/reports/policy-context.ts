import { boundedMemo } from '../bounded-memo';
import type { CaseState } from '../case-state';
import { type Anchors, deadlineFor } from '../deadlines';
import type { Anchor, DeadlineKey, DeadlineRule, Policy, WorkingTime } from '../routine';
import { type WorkingHours, workingHours } from './working-hours';

/** Anchor instants as epoch milliseconds (the stored case keeps ISO strings). */
export type AnchorTimes = Partial<Record<Anchor, number>>;

/** The parts of a case's policy snapshot the figures read. */
export type ReportPolicy = Pick<Policy, 'workingTime' | 'deadlines' | 'stateDeadlines'>;

export interface RunningDeadline {
  key: DeadlineKey;
  dueAt: number;
}

/**
 * One policy snapshot, shared by every case that carries an equal one, with the deadline
 * engine's answers memoised. Every case stores its own copy of the policy, so equal snapshots
 * are found by value; in practice a municipality has a handful of routine versions.
 */
export interface PolicyContext {
  readonly policy: ReportPolicy;
  readonly hours: WorkingHours;
  /** The states in which the deadline `key` runs (policy.stateDeadlines read backwards). */
  statesOf(key: DeadlineKey): ReadonlySet<CaseState>;
  rule(key: DeadlineKey, seriouslyIll: boolean): DeadlineRule;
  /** `deadlineFor(rule, anchors, workingTime)` in epoch ms, undefined while an anchor is missing. */
  deadline(rule: DeadlineRule, anchors: AnchorTimes): number | undefined;
  /** The deadline that runs in `state`: `currentDeadline` of src/domain/case-schedule.ts. */
  runningDeadline(
    state: CaseState,
    seriouslyIll: boolean,
    anchors: AnchorTimes,
  ): RunningDeadline | null;
  /** The most days a withinDays rule of the policy counts. */
  readonly maxRuleDays: number;
}

/**
 * Whether the engine's answer for the rule depends on each anchor only through its local day
 * and whether it came before the end of working time that day. True of the three rule kinds
 * (deadlines.ts: `sameWorkingDay` reads the day and "before the end"; `withinDays` counts from
 * the day and floors at `sameWorkingDay`; `earliestOf` combines them). A new kind must be
 * judged here before the type check passes; until then it may answer false and be computed
 * for every case.
 */
function dependsOnDayOnly(rule: DeadlineRule): boolean {
  switch (rule.kind) {
    case 'sameWorkingDay':
    case 'withinDays':
      return true;
    case 'earliestOf':
      return rule.rules.every(dependsOnDayOnly);
    default: {
      const unknown: never = rule;
      return unknown;
    }
  }
}

function anchorsOf(rule: DeadlineRule, into: Set<Anchor> = new Set()): Anchor[] {
  if (rule.kind === 'earliestOf') for (const r of rule.rules) anchorsOf(r, into);
  else into.add(rule.from);
  return [...into];
}

interface RuleMemo {
  anchors: Anchor[];
  dayOnly: boolean;
  /** Anchor classes → due time (null: not computable yet). */
  due: (key: number | string, make: () => number | null) => number | null;
}

const MAX_MEMO_ENTRIES = 200_000;
/** An anchor's class as a number: local day ordinal · 2 + 1 when at or after the day's end. */
const CLASS_BITS = 2 ** 21;
const MISSING = CLASS_BITS - 1;

function buildContext(policy: ReportPolicy): PolicyContext {
  const hours = workingHours(policy.workingTime);
  const memos = new Map<DeadlineRule, RuleMemo>();
  const states = new Map<DeadlineKey, Set<CaseState>>();
  for (const [state, key] of Object.entries(policy.stateDeadlines) as [CaseState, DeadlineKey][]) {
    if (!states.has(key)) states.set(key, new Set());
    states.get(key)?.add(state);
  }
  const none: ReadonlySet<CaseState> = new Set();

  /*
   * The class of an anchor: its local day, and whether it came before the end of working time
   * that day (an event at exactly the end counts as after it). deadlineFor gives the same
   * answer for every instant of a class; its representative is local midnight, or the end.
   */
  const classOf = (ms: number): number => {
    const day = hours.dayAt(ms);
    return day.ordinal * 2 + (ms < day.end ? 0 : 1);
  };
  const representative = (cls: number): string => {
    const day = hours.day(Math.floor(cls / 2));
    return new Date(cls % 2 === 0 ? day.from : day.end).toISOString();
  };

  const direct = (rule: DeadlineRule, anchors: AnchorTimes, names: readonly Anchor[]) => {
    const iso: Anchors = {};
    for (const a of names) {
      const t = anchors[a];
      if (t !== undefined) iso[a] = new Date(t).toISOString();
    }
    return deadlineFor(rule, iso, policy.workingTime)?.getTime();
  };

  const fromClasses = (rule: DeadlineRule, names: readonly Anchor[], classes: number[]) => {
    const iso: Anchors = {};
    names.forEach((a, i) => {
      if (classes[i] !== MISSING) iso[a] = representative(classes[i]);
    });
    return deadlineFor(rule, iso, policy.workingTime)?.getTime() ?? null;
  };

  const memoOf = (rule: DeadlineRule): RuleMemo => {
    let memo = memos.get(rule);
    if (!memo) {
      memo = {
        anchors: anchorsOf(rule),
        dayOnly: dependsOnDayOnly(rule),
        due: boundedMemo<number | string, number | null>(MAX_MEMO_ENTRIES),
      };
      memos.set(rule, memo);
    }
    return memo;
  };

  const deadline = (rule: DeadlineRule, anchors: AnchorTimes): number | undefined => {
    const memo = memoOf(rule);
    if (!memo.dayOnly) return direct(rule, anchors, memo.anchors);
    const names = memo.anchors;
    const classes = names.map((a) => {
      const t = anchors[a];
      return t === undefined ? MISSING : classOf(t);
    });
    // One or two anchors (every shipped rule) make an exact integer key; more, a string.
    const key =
      classes.length === 1
        ? classes[0]
        : classes.length === 2
          ? classes[0] * CLASS_BITS + classes[1]
          : classes.join('|');
    return memo.due(key, () => fromClasses(rule, names, classes)) ?? undefined;
  };

  const rule = (key: DeadlineKey, seriouslyIll: boolean): DeadlineRule => {
    const d = policy.deadlines[key];
    return seriouslyIll ? d.seriouslyIll : d.normal;
  };

  return {
    policy,
    hours,
    statesOf: (key) => states.get(key) ?? none,
    rule,
    deadline,
    runningDeadline(state, seriouslyIll, anchors) {
      if (state === 'closed') return null;
      const key = policy.stateDeadlines[state];
      if (!key) return null;
      const dueAt = deadline(rule(key, seriouslyIll), anchors);
      return dueAt === undefined ? null : { key, dueAt };
    },
    maxRuleDays: maxRuleDays(policy),
  };
}

/*
 * Equality of the policy parts, field by field along the schema (routine.ts): every stored
 * case has its own parsed copy, and a generic deep comparison costs microseconds per case.
 * The objects below list every field against the types, so a new field in WorkingTime, a new
 * deadline key or a new state breaks the type check here until it is compared.
 */
/** Every field of WorkingTime, each compared by sameWorkingTime (the tests change each one). */
export const COMPARED_WORKING_TIME_FIELDS = Object.keys({
  timeZone: true,
  days: true,
  start: true,
  end: true,
  holidayCountry: true,
  closedDates: true,
  nonWorkingDayFallback: true,
} satisfies Record<keyof WorkingTime, true>) as (keyof WorkingTime)[];
const DEADLINE_KEYS = Object.keys({
  fveAssessment: true,
  firstContact: true,
  followUpReview: true,
  serviceDecision: true,
  handover: true,
} satisfies Record<DeadlineKey, true>) as DeadlineKey[];
const STATES_WITH_DEADLINES = Object.keys({
  referred: true,
  awaiting_claim: true,
  claimed: true,
  in_follow_up: true,
  services_needed: true,
  hsy_granted: true,
} satisfies Record<Exclude<CaseState, 'closed'>, true>) as Exclude<CaseState, 'closed'>[];

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Compares every field COMPARED_WORKING_TIME_FIELDS lists. */
function sameWorkingTime(a: WorkingTime, b: WorkingTime): boolean {
  return (
    a.timeZone === b.timeZone &&
    a.start === b.start &&
    a.end === b.end &&
    a.holidayCountry === b.holidayCountry &&
    a.nonWorkingDayFallback === b.nonWorkingDayFallback &&
    sameList(a.days, b.days) &&
    sameList(a.closedDates, b.closedDates)
  );
}

export function sameRule(a: DeadlineRule, b: DeadlineRule): boolean {
  switch (a.kind) {
    case 'sameWorkingDay':
      return b.kind === 'sameWorkingDay' && a.from === b.from;
    case 'withinDays':
      return b.kind === 'withinDays' && a.from === b.from && a.days === b.days;
    case 'earliestOf': {
      if (b.kind !== 'earliestOf' || a.rules.length !== b.rules.length) return false;
      for (let i = 0; i < a.rules.length; i++) if (!sameRule(a.rules[i], b.rules[i])) return false;
      return true;
    }
    default: {
      const unknown: never = a;
      return unknown;
    }
  }
}

/** Whether two snapshots give every figure the same answer (working time, deadlines, states). */
export function samePolicy(a: ReportPolicy, b: ReportPolicy): boolean {
  if (a === b) return true;
  if (!sameWorkingTime(a.workingTime, b.workingTime)) return false;
  for (const key of DEADLINE_KEYS) {
    const da = a.deadlines[key];
    const db = b.deadlines[key];
    if (da === db) continue;
    if (!da || !db) return false;
    if (!sameRule(da.normal, db.normal) || !sameRule(da.seriouslyIll, db.seriouslyIll)) {
      return false;
    }
  }
  const sa = a.stateDeadlines;
  const sb = b.stateDeadlines;
  for (const state of STATES_WITH_DEADLINES) if (sa[state] !== sb[state]) return false;
  return true;
}

const contexts: PolicyContext[] = [];
const MAX_CONTEXTS = 256;

/** The shared context of a policy snapshot equal to `policy`. */
export function policyContext(policy: ReportPolicy): PolicyContext {
  for (const ctx of contexts) if (samePolicy(ctx.policy, policy)) return ctx;
  if (contexts.length >= MAX_CONTEXTS) contexts.length = 0;
  const ctx = buildContext(
    structuredClone({
      workingTime: policy.workingTime,
      deadlines: policy.deadlines,
      stateDeadlines: policy.stateDeadlines,
    }),
  );
  contexts.push(ctx);
  return ctx;
}

/**
 * Finds contexts for many cases: the same policy object (a shared parse) is looked up once,
 * and the last context found is tried first, as consecutive cases mostly share a routine.
 */
export function policyResolver(): (policy: ReportPolicy) => PolicyContext {
  const byObject = new WeakMap<object, PolicyContext>();
  let last: PolicyContext | undefined;
  return (policy) => {
    let ctx = byObject.get(policy);
    if (ctx) return ctx;
    ctx = last && samePolicy(last.policy, policy) ? last : policyContext(policy);
    byObject.set(policy, ctx);
    last = ctx;
    return ctx;
  };
}

/**
 * The most days any `withinDays` rule of the policy counts: with the engine's walk to a working
 * day (at most 60 days) it bounds how long after its anchor a deadline can fall.
 */
export function maxRuleDays(policy: Pick<Policy, 'deadlines'>): number {
  let max = 0;
  const walk = (rule: DeadlineRule) => {
    if (rule.kind === 'earliestOf') for (const r of rule.rules) walk(r);
    else if (rule.kind === 'withinDays' && rule.days > max) max = rule.days;
  };
  for (const key of DEADLINE_KEYS) {
    const d = policy.deadlines[key];
    if (d) {
      walk(d.normal);
      walk(d.seriouslyIll);
    }
  }
  return max;
}
