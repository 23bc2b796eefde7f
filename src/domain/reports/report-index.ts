import { type Anchor, type DeadlineKey, deadlineKeySchema } from '../routine';
import {
  type CaseRecord,
  caseRecord,
  type DeadlineFigure,
  type DurationFigure,
  recordRunningAt,
  recordZoneAt,
  type SameDay,
  type Settlement,
  sameDayResult,
  settle,
} from './case-facts';
import { caseTimeline, instant, type ReportCase, zoneMoveOf } from './case-timeline';
import type { KeptCase } from './kept-case';
import { type MonthBounds, monthBounds, type YearMonth } from './month';
import {
  type AnchorTimes,
  maxRuleDays,
  type PolicyContext,
  policyResolver,
  type RunningDeadline,
} from './policy-context';
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
/**
 * How long after its anchor a deadline can fall, beyond the rule's own days: the engine walks at
 * most 60 days to a working day (working-calendar.ts), plus the day itself and a DST hour.
 */
const WALK_BOUND_MS = 62 * DAY_MS;
/** The schema's longest rule (withinDays ≤ 365) plus the walk: nothing reaches further. */
const LONGEST_BOUND_MS = 365 * DAY_MS + WALK_BOUND_MS;

const SETTLEMENTS: readonly Settlement[] = ['within', 'late', 'excluded', 'pending'];
const DEADLINE_KEYS: readonly DeadlineKey[] = deadlineKeySchema.options;
const UNKNOWN = -2;
const NONE = -1;
const SAME_DAY: readonly SameDay[] = ['sameDay', 'later', 'pending'];

/*
 * A month's facts as columns of small integers (and hours as doubles): plain number arrays
 * hold them unboxed, so the figures of a hundred thousand cases are a few arrays, not a
 * million objects for the collector to trace.
 * - deadline facts: zone << 3 | seriouslyIll << 2 | settlement index;
 * - same-day facts: zone << 2 | result index; referrals and durations: the zone.
 */
interface Columns {
  referrals: number[];
  deadlines: Record<DeadlineFigure, number[]>;
  durations: Record<DurationFigure, { zones: number[]; hours: number[] }>;
  sameDay: number[];
}

const emptyColumns = (): Columns => ({
  referrals: [],
  deadlines: { firstContact: [], firstCall: [], fveAssessment: [], serviceDecision: [] },
  durations: {
    cardToClaim: { zones: [], hours: [] },
    cardToFirstContact: { zones: [], hours: [] },
  },
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

  const columns = new Map<YearMonth, Columns>();
  const columnsOf = (m: YearMonth): Columns => {
    let c = columns.get(m);
    if (!c) {
      c = emptyColumns();
      columns.set(m, c);
    }
    return c;
  };

  /** Files a record's facts under their months, settled at the report's time. */
  const file = (r: CaseRecord) => {
    if (r.referral) columnsOf(r.referral.month).referrals.push(r.referral.zone);
    for (const d of r.deadlines) {
      const { result, at } = settle(d, asOf);
      columnsOf(d.month).deadlines[d.figure].push(
        (recordZoneAt(r, at) << 3) | (d.seriouslyIll ? 4 : 0) | SETTLEMENTS.indexOf(result),
      );
    }
    for (const d of r.durations) {
      const col = columnsOf(d.month).durations[d.figure];
      col.zones.push(d.zone);
      col.hours.push(d.hours);
    }
    if (r.sameDay) {
      const result = sameDayResult(r.sameDay, asOf);
      columnsOf(r.sameDay.month).sameDay.push((r.sameDay.zone << 2) | SAME_DAY.indexOf(result));
    }
  };

  /*
   * Each case's record is worked out (or kept from before) once and filed under its months
   * at once; a month asks only for the cases that can count in it. What stays per case here is
   * a few numbers and pointers.
   */
  const records: (CaseRecord | undefined)[] = new Array(n);
  const filed = new Uint8Array(n);
  const contexts: (PolicyContext | undefined)[] = new Array(n);
  const contextOf = (i: number): PolicyContext => {
    let ctx = contexts[i];
    if (!ctx) {
      ctx = resolve(cases[i].policy);
      contexts[i] = ctx;
    }
    return ctx;
  };
  const recordOf = (i: number): CaseRecord => {
    let r = records[i];
    if (!r) {
      const c = cases[i];
      const ctx = contextOf(i);
      r = caseRecord(caseTimeline(c, ctx, asOf), timeZone, ctx.maxRuleDays);
      records[i] = r;
    }
    return r;
  };

  // A compact summary of every case, read once: the month passes scan typed arrays.
  const earliest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const registered = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const last = new Float64Array(n);
  const closed = new Uint8Array(n);
  const maxDays = new Int16Array(n).fill(-1);
  for (let i = docs; i < n; i++) {
    const r = kept[i - docs].record;
    records[i] = r;
    earliest[i] = r.earliest;
    registered[i] = r.registered;
    last[i] = r.last;
    closed[i] = r.closed ? 1 : 0;
    maxDays[i] = r.maxRuleDays;
  }
  for (let i = 0; i < docs; i++) {
    const c = cases[i];
    const history = c.history;
    if (history.length === 0) continue;
    const first = instant(history[0].at);
    const hc = c.anchors.hospitalContact;
    earliest[i] = Math.min(hc === undefined ? first : instant(hc), first);
    registered[i] = first;
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

  const matches = (zone: ZoneFilter): ((z: number) => boolean) => {
    if (zone === null) return () => true;
    const wanted = knownZoneCode(zone);
    return (z) => z === wanted;
  };

  const month = (m: YearMonth): MonthFacts => {
    const known = months.get(m);
    if (known) return known;
    const bounds = monthBounds(m, timeZone);
    const readAt = Math.min(bounds.end - 1, asOf);
    const overdueZones: number[] = [];
    const overdueKeys: DeadlineKey[] = [];
    const readable = readAt >= bounds.start;
    const walkFrom = bounds.start - WALK_BOUND_MS;
    const longestFrom = bounds.start - LONGEST_BOUND_MS;

    for (let i = 0; i < n; i++) {
      // Everything a case counts for comes after the hospital's contact and its registration.
      if (!(earliest[i] < bounds.end)) continue;
      if (filed[i] === 0) {
        /*
         * Long before the month: its deadlines fell at most the longest rule and the walk to
         * a working day after its last entry, so only its state at the month's end can count.
         */
        let old = last[i] < walkFrom;
        if (old && last[i] >= longestFrom) {
          let days = maxDays[i];
          if (days < 0) {
            days = maxRuleDays(cases[i].policy);
            maxDays[i] = days;
          }
          old = last[i] < walkFrom - days * DAY_MS;
        }
        if (!old) {
          filed[i] = 1;
          file(recordOf(i));
        }
      }
      // Overdue at the month's end: the deadline running at that instant, if it had passed.
      if (!readable || !(registered[i] <= readAt) || (closed[i] === 1 && last[i] <= readAt)) {
        continue;
      }
      if (last[i] <= readAt) {
        // Nothing happened since: the deadline after the last entry, in the case's zone now.
        if (finalKey[i] === UNKNOWN) {
          const r = records[i];
          const running = r ? r.running[r.running.length - 1] : finalDeadline(i);
          finalKey[i] = running ? DEADLINE_KEYS.indexOf(running.key) : NONE;
          finalDue[i] = running ? running.dueAt : Number.NaN;
          // The zone after the last counted entry; a move after the report's time still says
          // which zone came before it (no move lies between the two).
          finalZone[i] = r ? recordZoneAt(r, readAt) : zoneCode(cases[i].zoneId);
        }
        if (finalKey[i] >= 0 && finalDue[i] <= readAt) {
          overdueZones.push(finalZone[i]);
          overdueKeys.push(DEADLINE_KEYS[finalKey[i]]);
        }
        continue;
      }
      const r = recordOf(i);
      const running = recordRunningAt(r, readAt);
      if (running && running.dueAt <= readAt) {
        overdueZones.push(recordZoneAt(r, readAt));
        overdueKeys.push(running.key);
      }
    }

    const col = columns.get(m) ?? emptyColumns();
    const mf: MonthFacts = {
      month: m,
      bounds,
      provisional: asOf < bounds.end,
      readAt,
      referrals(zone) {
        const inZone = matches(zone);
        let count = 0;
        for (const z of col.referrals) if (inZone(z)) count++;
        return count;
      },
      deadline(figure, zone, seriouslyIll) {
        const inZone = matches(zone);
        const counts = [0, 0, 0, 0];
        for (const code of col.deadlines[figure]) {
          if (!inZone(code >> 3)) continue;
          if (seriouslyIll !== undefined && (code & 4) !== (seriouslyIll ? 4 : 0)) continue;
          counts[code & 3]++;
        }
        return { within: counts[0], late: counts[1], excluded: counts[2], pending: counts[3] };
      },
      durations(figure, zone) {
        const inZone = matches(zone);
        const { zones, hours } = col.durations[figure];
        const out: number[] = [];
        for (let i = 0; i < zones.length; i++) if (inZone(zones[i])) out.push(hours[i]);
        return out;
      },
      sameDay(zone) {
        const inZone = matches(zone);
        const counts = [0, 0, 0];
        for (const code of col.sameDay) if (inZone(code >> 2)) counts[code & 3]++;
        return { sameDay: counts[0], later: counts[1], pending: counts[2] };
      },
      overdue(zone) {
        const inZone = matches(zone);
        const byKey = new Map<DeadlineKey, number>();
        for (let i = 0; i < overdueZones.length; i++) {
          if (inZone(overdueZones[i])) {
            byKey.set(overdueKeys[i], (byKey.get(overdueKeys[i]) ?? 0) + 1);
          }
        }
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
        found.set(k.id, { levels: k.levels, zoneAt: (ms) => zoneName(recordZoneAt(k.record, ms)) });
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
