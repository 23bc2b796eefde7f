import type { Anchor, DeadlineKey } from '../routine';
import {
  caseRecord,
  type DeadlineFigure,
  type DurationFigure,
  type SameDay,
  type Settlement,
  sameDayOf,
  settledAt,
  settlement,
} from './case-facts';
import { caseTimeline, instant, type ReportCase, zoneMoveOf } from './case-timeline';
import type { KeptCase } from './kept-case';
import { type MonthBounds, monthBounds, monthNumber, type YearMonth } from './month';
import {
  DEADLINE_FIGURES,
  DEADLINE_KEYS,
  DEADLINE_SIZE,
  DURATION_FIGURES,
  DURATION_SIZE,
  deadlinesAt,
  durationsAt,
  type PackedRecord,
  packedClosed,
  packedLast,
  packedMaxRuleDays,
  packedRegistered,
  packedRunningAt,
  packedZoneAt,
  packRecord,
  referralMonth,
  referralZone,
  runningAt,
  sameDayClosedAt,
  sameDayClosedSameDay,
  sameDayEnd,
  sameDayMonth,
  sameDayZone,
} from './packed-record';
import {
  type AnchorTimes,
  type PolicyContext,
  policyResolver,
  type RunningDeadline,
} from './policy-context';
import { countAt, groups, zoneSum } from './tallies';
import { monthOf } from './working-hours';
import { knownZoneCode, zoneCode, zoneName } from './zone-codes';

/** The routine's time zone: months and "the same day" are read there. */
export const DEFAULT_REPORT_TIME_ZONE = 'Europe/Oslo';

/**
 * An escalation message that was sent, as the app reads it from the store's send markers
 * (`escalation:<case>:<deadline key>:<due time>:<level>`, status `sent`, at its updatedAt).
 * Skipped levels are not sent and are not passed.
 */
export interface EscalationSent {
  caseId: string;
  /** The level's id in the case's policy (`reminder`, `overdue`, `fve` in the shipped routine). */
  level: string;
  /** When it was sent (ISO). */
  at: string;
}

/** Everything the HSYRE figures read. Pure data: the app loads it, the functions never do. */
export interface ReportInput {
  /** The case documents as stored (history and policy snapshot are what is read). */
  readonly cases: readonly ReportCase[];
  /** Sent escalation messages; only the escalation figure reads them. */
  readonly escalations?: readonly EscalationSent[];
  /**
   * The report's "now" (injected): history entries after it have not happened yet, a deadline
   * after it is still pending, and a month that has not ended is reported as far as it went.
   */
  readonly asOf: Date;
  /** Months and calendar days are read in this zone; Europe/Oslo unless set. */
  readonly timeZone?: string;
  /**
   * Cases read from their kept facts (kept-case.ts) instead of a document: for a case with
   * stored facts of its current version, whose last entry is not after `asOf`.
   */
  readonly kept?: readonly KeptCase[];
}

export interface EscalationFact {
  /** The case's zone when it was sent; null when the case is not in the input. */
  zone: string | null;
  level: string;
  /** The level's place in the case's own escalation list (unknown levels last). */
  order: number;
}

export interface ShareCounts {
  within: number;
  late: number;
  pending: number;
  excluded: number;
}

/** One zone's id, or null for all zones together. */
export type ZoneFilter = string | null;

/** The month's facts, asked for by figure and zone. */
export interface MonthFacts {
  month: YearMonth;
  bounds: MonthBounds;
  /** The month had not ended at the report's time: its figures are so far. */
  provisional: boolean;
  /** The instant the month-end figures are read at: its last instant, or asOf if earlier. */
  readAt: number;
  referrals(zone: ZoneFilter): number;
  deadline(figure: DeadlineFigure, zone: ZoneFilter, seriouslyIll?: boolean): ShareCounts;
  /** Working hours, unsorted. */
  durations(figure: DurationFigure, zone: ZoneFilter): number[];
  sameDay(zone: ZoneFilter): Record<SameDay, number>;
  /** Open cases overdue at `readAt`, by deadline key. */
  overdue(zone: ZoneFilter): Map<DeadlineKey, number>;
}

const DAY_MS = 24 * 60 * 60_000;
/** The stretch of time the cases are grouped by (see `month`): about two groups a month. */
const BUCKET_MS = 16 * DAY_MS;
const bucketOf = (ms: number): number => Math.floor(ms / BUCKET_MS);

/**
 * How long after its anchor a deadline can fall, beyond the rule's own days: the engine walks at
 * most 60 days to a working day (working-calendar.ts), plus the day itself and a DST hour.
 */
const WALK_BOUND_MS = 62 * DAY_MS;

const SETTLEMENTS: readonly Settlement[] = ['within', 'late', 'excluded', 'pending'];
const UNKNOWN = -2;
const NONE = -1;
const SAME_DAY: readonly SameDay[] = ['sameDay', 'later', 'pending'];

/*
 * A month's facts as counts, filed as each case is read: the figures ask for counts by zone,
 * urgency and outcome, so nothing per case is kept but the hours the percentiles need. Zones
 * are this process's zone codes; counts are indexed as:
 * - referrals: zone;
 * - deadlines, per figure (index in DEADLINE_FIGURES): (zone * 2 + seriouslyIll) * 4 +
 *   settlement (index in SETTLEMENTS);
 * - same day: zone * 3 + result (index in SAME_DAY);
 * - overdue at the month's end: zone * DEADLINE_KEYS.length + key.
 */
interface MonthCounts {
  referrals: number[];
  deadlines: number[][];
  /** Per figure (index in DURATION_FIGURES): working hours by zone. */
  durations: Map<number, number[]>[];
  sameDay: number[];
}

const emptyCounts = (): MonthCounts => ({
  referrals: [],
  deadlines: DEADLINE_FIGURES.map(() => []),
  durations: DURATION_FIGURES.map(() => new Map()),
  sameDay: [],
});

export interface ReportIndex {
  readonly input: ReportInput;
  readonly asOf: number;
  readonly timeZone: string;
  month(month: YearMonth): MonthFacts;
  escalations(month: YearMonth): EscalationFact[];
}

/*
 * One index per input object: the figures of all months and zones share the per-case work
 * (a page asks a dozen figures for a dozen months). Nothing outside sees it; the same input
 * always gives the same figures.
 */
const indexes = new WeakMap<ReportInput, ReportIndex>();

export function reportIndex(input: ReportInput): ReportIndex {
  let index = indexes.get(input);
  if (!index) {
    index = buildIndex(input);
    indexes.set(input, index);
  }
  return index;
}

function buildIndex(input: ReportInput): ReportIndex {
  const asOf = input.asOf.getTime();
  const timeZone = input.timeZone ?? DEFAULT_REPORT_TIME_ZONE;
  const resolve = policyResolver();
  // Indices below `docs` are the documents, the kept cases follow them.
  const cases = input.cases;
  const docs = cases.length;
  const kept = input.kept ?? [];
  const n = docs + kept.length;
  const months = new Map<YearMonth, MonthFacts>();
  let escalationsByMonth: Map<YearMonth, EscalationSent[]> | undefined;
  const escalationFacts = new Map<YearMonth, EscalationFact[]>();

  // By month number (month.ts).
  const counts = new Map<number, MonthCounts>();
  const countsOf = (month: number): MonthCounts => {
    const m = month | 0;
    let c = counts.get(m);
    if (!c) {
      c = emptyCounts();
      counts.set(m, c);
    }
    return c;
  };

  /** Files a record's facts under their months, settled at the report's time. */
  const file = (f: PackedRecord) => {
    const referral = referralMonth(f);
    if (!Number.isNaN(referral)) countAt(countsOf(referral).referrals, referralZone(f));
    for (let o = deadlinesAt(f), end = durationsAt(f); o < end; o += DEADLINE_SIZE) {
      const dueAt = f[o + 2];
      const eventAt = f[o + 4];
      const exitAt = f[o + 5];
      const result = settlement(eventAt, exitAt, dueAt, asOf);
      const at = settledAt(result, eventAt, exitAt, dueAt, asOf);
      countAt(
        countsOf(f[o + 3]).deadlines[f[o] | 0],
        (packedZoneAt(f, at) * 2 + f[o + 1]) * 4 + SETTLEMENTS.indexOf(result),
      );
    }
    for (let o = durationsAt(f), end = runningAt(f); o < end; o += DURATION_SIZE) {
      const byZone = countsOf(f[o + 1]).durations[f[o] | 0];
      const zone = f[o + 2] | 0;
      const hours = byZone.get(zone);
      if (hours) hours.push(f[o + 3]);
      else byZone.set(zone, [f[o + 3]]);
    }
    const sameDayIn = sameDayMonth(f);
    if (!Number.isNaN(sameDayIn)) {
      const result = sameDayOf(sameDayClosedAt(f), sameDayClosedSameDay(f), sameDayEnd(f), asOf);
      countAt(countsOf(sameDayIn).sameDay, sameDayZone(f) * 3 + SAME_DAY.indexOf(result));
    }
  };

  /*
   * Each case's record is worked out (or kept from before) once and filed under its months
   * at once; a month asks only for the cases that can count in it. What stays per case here is
   * a few numbers and pointers.
   */
  const records: (PackedRecord | undefined)[] = new Array(n);
  const contexts: (PolicyContext | undefined)[] = new Array(n);
  const contextOf = (i: number): PolicyContext => {
    let ctx = contexts[i];
    if (!ctx) {
      ctx = resolve(cases[i].policy);
      contexts[i] = ctx;
    }
    return ctx;
  };
  const recordOf = (i: number): PackedRecord => {
    let r = records[i];
    if (!r) {
      const c = cases[i];
      const ctx = contextOf(i);
      r = packRecord(caseRecord(caseTimeline(c, ctx, asOf), timeZone, ctx.maxRuleDays));
      records[i] = r;
    }
    return r;
  };

  // A compact summary of every case, read once: the month passes scan typed arrays.
  const registered = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const last = new Float64Array(n);
  const closed = new Uint8Array(n);
  const maxDays = new Int16Array(n).fill(-1);
  for (let i = docs; i < n; i++) {
    const f = kept[i - docs].facts;
    records[i] = f;
    registered[i] = packedRegistered(f);
    last[i] = packedLast(f);
    closed[i] = packedClosed(f) ? 1 : 0;
    maxDays[i] = packedMaxRuleDays(f);
  }
  for (let i = 0; i < docs; i++) {
    const c = cases[i];
    const history = c.history;
    if (history.length === 0) continue;
    registered[i] = instant(history[0].at);
    const end = history[history.length - 1];
    last[i] = instant(end.at);
    closed[i] = end.to === 'closed' ? 1 : 0;
  }

  /**
   * The deadline after the last entry, from the stored state and anchors (the replay's answer
   * once nothing happens later), for a case without a record. Kept per case as numbers:
   * the month ends after its last change all read the same one.
   */
  const finalDeadline = (i: number): RunningDeadline | null => {
    const c = cases[i];
    const anchors: AnchorTimes = {};
    for (const [a, at] of Object.entries(c.anchors) as [Anchor, string][]) {
      anchors[a] = instant(at);
    }
    const end = c.history[c.history.length - 1];
    return contextOf(i).runningDeadline(end.to, c.seriouslyIll, anchors);
  };
  const finalKey = new Int8Array(n).fill(UNKNOWN);
  const finalDue = new Float64Array(n);
  const finalZone = new Int32Array(n);

  // A zone no fact names has code -1: nothing counts for it.
  const codeOf = (zone: ZoneFilter): number | null => (zone === null ? null : knownZoneCode(zone));

  /*
   * Which cases a month must look at, without walking all of them for every month:
   * - filing: a case can have a fact in a month only if its last entry came at most the longest
   *   rule and the walk to a working day before the month began. Cases are grouped by the
   *   stretch of BUCKET_MS their last entry fell in, and a month files every group from its
   *   bound on that is not filed yet (a few cases more than needed: a case's facts go to their
   *   own months, wherever it is filed from);
   * - overdue at a month's end: a case registered by then is either closed by then (nothing to
   *   count), still as it was after its last entry (an open case with nothing since: `open`),
   *   or had entries on both sides of that instant: grouped under every stretch its life spans.
   */
  let maxDaysOfAll = 0;
  let firstBucket = Number.POSITIVE_INFINITY;
  let lastBucket = Number.NEGATIVE_INFINITY;
  const open: number[] = [];
  for (let i = 0; i < n; i++) {
    if (registered[i] === Number.POSITIVE_INFINITY) continue; // no history: counts nowhere
    if (maxDays[i] < 0) maxDays[i] = contextOf(i).maxRuleDays;
    maxDaysOfAll = Math.max(maxDaysOfAll, maxDays[i]);
    firstBucket = Math.min(firstBucket, bucketOf(registered[i]), bucketOf(last[i]));
    lastBucket = Math.max(lastBucket, bucketOf(last[i]));
    if (closed[i] === 0) open.push(i);
  }
  const span = firstBucket <= lastBucket ? lastBucket - firstBucket + 1 : 0;
  const byLast = groups(span, (add) => {
    for (let i = 0; i < n; i++) {
      if (registered[i] !== Number.POSITIVE_INFINITY) add(bucketOf(last[i]) - firstBucket, i);
    }
  });
  const byLife = groups(span, (add) => {
    for (let i = 0; i < n; i++) {
      if (registered[i] === Number.POSITIVE_INFINITY || !(registered[i] < last[i])) continue;
      for (let b = bucketOf(registered[i]); b <= bucketOf(last[i]); b++) add(b - firstBucket, i);
    }
  });
  // Groups byLast[filedFrom..] are filed.
  let filedFrom = span;

  /** The deadline running at `readAt` counted when it had passed then, in the zone then. */
  const overdueAt = (i: number, readAt: number, overdue: number[]) => {
    if (last[i] <= readAt) {
      // Nothing happened since: the deadline after the last entry, in the case's zone now.
      if (finalKey[i] === UNKNOWN) {
        const f = records[i];
        if (f) {
          const slot = packedRunningAt(f, Number.POSITIVE_INFINITY);
          finalKey[i] = slot < 0 ? NONE : f[slot + 1];
          finalDue[i] = slot < 0 ? Number.NaN : f[slot + 2];
        } else {
          const running = finalDeadline(i);
          finalKey[i] = running ? DEADLINE_KEYS.indexOf(running.key) : NONE;
          finalDue[i] = running ? running.dueAt : Number.NaN;
        }
        // The zone after the last counted entry; a move after the report's time still says
        // which zone came before it (no move lies between the two).
        finalZone[i] = f ? packedZoneAt(f, readAt) : zoneCode(cases[i].zoneId);
      }
      if (finalKey[i] >= 0 && finalDue[i] <= readAt) {
        countAt(overdue, finalZone[i] * DEADLINE_KEYS.length + finalKey[i]);
      }
      return;
    }
    const f = recordOf(i);
    const slot = packedRunningAt(f, readAt);
    if (slot >= 0 && f[slot + 1] >= 0 && f[slot + 2] <= readAt) {
      countAt(overdue, packedZoneAt(f, readAt) * DEADLINE_KEYS.length + f[slot + 1]);
    }
  };

  const month = (m: YearMonth): MonthFacts => {
    const known = months.get(m);
    if (known) return known;
    const bounds = monthBounds(m, timeZone);
    const readAt = Math.min(bounds.end - 1, asOf);
    const overdue: number[] = [];

    const from = Math.max(
      0,
      bucketOf(bounds.start - WALK_BOUND_MS - maxDaysOfAll * DAY_MS) - firstBucket,
    );
    for (let b = from; b < filedFrom; b++) {
      for (let k = byLast.start[b]; k < byLast.start[b + 1]; k++) file(recordOf(byLast.cases[k]));
    }
    filedFrom = Math.min(filedFrom, from);

    if (readAt >= bounds.start) {
      for (const i of open) {
        if (registered[i] <= readAt && last[i] <= readAt) {
          overdueAt(i, readAt, overdue);
        }
      }
      const b = bucketOf(readAt) - firstBucket;
      if (b >= 0 && b < span) {
        for (let k = byLife.start[b]; k < byLife.start[b + 1]; k++) {
          const i = byLife.cases[k];
          if (registered[i] <= readAt && readAt < last[i]) {
            overdueAt(i, readAt, overdue);
          }
        }
      }
    }

    const col = counts.get(monthNumber(m)) ?? emptyCounts();
    const mf: MonthFacts = {
      month: m,
      bounds,
      provisional: asOf < bounds.end,
      readAt,
      referrals(zone) {
        return zoneSum(col.referrals, codeOf(zone), 1, 0);
      },
      deadline(figure, zone, seriouslyIll) {
        const tally = col.deadlines[DEADLINE_FIGURES.indexOf(figure)];
        const code = codeOf(zone);
        // Undefined: both urgencies.
        const ill = seriouslyIll !== false;
        const notIll = seriouslyIll !== true;
        const count = (settled: number) =>
          (ill ? zoneSum(tally, code, 8, 4 + settled) : 0) +
          (notIll ? zoneSum(tally, code, 8, settled) : 0);
        return { within: count(0), late: count(1), excluded: count(2), pending: count(3) };
      },
      durations(figure, zone) {
        const byZone = col.durations[DURATION_FIGURES.indexOf(figure)];
        if (zone === null) return [...byZone.values()].flat();
        return [...(byZone.get(knownZoneCode(zone)) ?? [])];
      },
      sameDay(zone) {
        const code = codeOf(zone);
        return {
          sameDay: zoneSum(col.sameDay, code, 3, 0),
          later: zoneSum(col.sameDay, code, 3, 1),
          pending: zoneSum(col.sameDay, code, 3, 2),
        };
      },
      overdue(zone) {
        const code = codeOf(zone);
        const byKey = new Map<DeadlineKey, number>();
        DEADLINE_KEYS.forEach((key, k) => {
          const count = zoneSum(overdue, code, DEADLINE_KEYS.length, k);
          if (count > 0) byKey.set(key, count);
        });
        return byKey;
      },
    };
    months.set(m, mf);
    return mf;
  };

  /** Sent escalations by month first; zones are looked up only for the month asked. */
  const escalations = (m: YearMonth): EscalationFact[] => {
    const known = escalationFacts.get(m);
    if (known) return known;
    if (!escalationsByMonth) {
      escalationsByMonth = new Map();
      for (const e of input.escalations ?? []) {
        const at = instant(e.at);
        if (!(at <= asOf)) continue;
        const key = monthOf(at, timeZone);
        let list = escalationsByMonth.get(key);
        if (!list) {
          list = [];
          escalationsByMonth.set(key, list);
        }
        list.push(e);
      }
    }
    const events = escalationsByMonth.get(m) ?? [];
    const wanted = new Set(events.map((e) => e.caseId));
    const found = new Map<string, { levels: readonly string[]; zoneAt(ms: number): string }>();
    if (wanted.size > 0) {
      for (const c of cases) {
        if (!wanted.has(c.id)) continue;
        found.set(c.id, {
          levels: c.policy.escalation.map((l) => l.id),
          zoneAt: (ms) => zoneInHistory(c, ms),
        });
      }
      for (const k of kept) {
        if (!wanted.has(k.id)) continue;
        found.set(k.id, { levels: k.levels, zoneAt: (ms) => zoneName(packedZoneAt(k.facts, ms)) });
      }
    }
    const list = events.map((e): EscalationFact => {
      const c = found.get(e.caseId);
      const order = c?.levels.indexOf(e.level) ?? -1;
      return {
        zone: c ? c.zoneAt(instant(e.at)) : null,
        level: e.level,
        order: order < 0 ? Number.MAX_SAFE_INTEGER : order,
      };
    });
    escalationFacts.set(m, list);
    return list;
  };

  return { input, asOf, timeZone, month, escalations };
}

/** zoneAt without a timeline: the `fromZone` of the first move after `ms`, else `zoneId`. */
function zoneInHistory(c: ReportCase, ms: number): string {
  for (const e of c.history) {
    const move = zoneMoveOf(e);
    if (move && instant(e.at) > ms) return move.from;
  }
  return c.zoneId;
}
