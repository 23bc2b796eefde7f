import type { Case, HistoryEntry } from '../case';
import type { CaseState } from '../case-state';
import type { Anchor } from '../routine';
import type { AnchorTimes, PolicyContext, RunningDeadline } from './policy-context';

/** What the figures read of a stored case: its history and its own policy snapshot. */
export type ReportCase = Pick<
  Case,
  'id' | 'zoneId' | 'seriouslyIll' | 'anchors' | 'policy' | 'history'
>;

/**
 * A move of the case to another zone. There is no such command yet; the figures read any
 * history entry whose details carry both `fromZone` and `toZone` (strings) as one, whatever
 * its action is called, effective at the entry's time. Without such entries the case was in
 * `zoneId` all along.
 */
export const ZONE_MOVE_DETAILS = { from: 'fromZone', to: 'toZone' } as const;

/**
 * The actions of today's history entries, none of which moves a case: their details are not
 * read for a move (one object less per entry of every case). Any other action, such as a
 * zone-move command added later, is.
 */
export const NOT_ZONE_MOVES: ReadonlySet<string> = new Set([
  'registerReferral',
  'postCard',
  'registerHsyre',
  'claim',
  'release',
  'reassign',
  'snooze',
  'logContact',
  'reportServicesNeeded',
  'recordDecision',
  'grantHsy',
  'handOver',
  'close',
  'setAdmitted',
  'updateChecklist',
  'returnToQueue',
]);

/** The move an entry records, if it records one. */
export function zoneMoveOf(e: HistoryEntry): { from: string; to: string } | undefined {
  if (NOT_ZONE_MOVES.has(e.action)) return undefined;
  const from = e.details[ZONE_MOVE_DETAILS.from];
  const to = e.details[ZONE_MOVE_DETAILS.to];
  return typeof from === 'string' && typeof to === 'string' ? { from, to } : undefined;
}

export interface ZoneMove {
  at: number;
  from: string;
  to: string;
}

/**
 * A case's history as instants, cut at the report's time: an entry after `asOf` has not
 * happened yet for the report (its zone moves still tell which zone came before them).
 */
export interface CaseTimeline {
  readonly source: ReportCase;
  readonly ctx: PolicyContext;
  readonly seriouslyIll: boolean;
  /** The history as stored; only the first `count` entries (at or before asOf) are read. */
  readonly entries: readonly HistoryEntry[];
  readonly count: number;
  /** The instants of those entries. */
  readonly times: readonly number[];
  readonly hospitalContact: number | undefined;
  readonly moves: readonly ZoneMove[];
}

const DAY_MS = 86_400_000;

/**
 * An ISO instant as epoch ms. The domain stores `toISOString()` output
 * (`YYYY-MM-DDTHH:mm:ss.sssZ`), read here digit by digit (Date.parse costs half a
 * microsecond, and the figures read every entry of every case); anything else goes to
 * Date.parse.
 */
export function instant(iso: string): number {
  if (
    iso.length !== 24 ||
    iso.charCodeAt(4) !== 45 ||
    iso.charCodeAt(7) !== 45 ||
    iso.charCodeAt(10) !== 84 ||
    iso.charCodeAt(13) !== 58 ||
    iso.charCodeAt(16) !== 58 ||
    iso.charCodeAt(19) !== 46 ||
    iso.charCodeAt(23) !== 90
  ) {
    return Date.parse(iso);
  }
  const y = digits4(iso, 0);
  const m = digits2(iso, 5);
  const day = digits2(iso, 8);
  const h = digits2(iso, 11);
  const min = digits2(iso, 14);
  const s = digits2(iso, 17);
  const ms = digits2(iso, 20) * 10 + digit(iso, 22);
  // A non-digit makes NaN or an out-of-range field: left to Date.parse.
  if (!(m >= 1 && m <= 12 && day >= 1 && day <= 31 && h <= 23 && min <= 59 && s <= 59 && ms >= 0)) {
    return Date.parse(iso);
  }
  if (day > 28 && day > daysInMonth(y, m)) return Date.parse(iso);
  // Days from the civil date (H. Hinnant's algorithm), with March-based years.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146_097 + doe - 719_468) * DAY_MS + h * 3_600_000 + min * 60_000 + s * 1000 + ms;
}

function digit(s: string, i: number): number {
  const v = s.charCodeAt(i) - 48;
  return v >= 0 && v <= 9 ? v : Number.NaN;
}
const digits2 = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);
const digits4 = (s: string, i: number) => digits2(s, i) * 100 + digits2(s, i + 2);
function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function caseTimeline(c: ReportCase, ctx: PolicyContext, asOf: number): CaseTimeline {
  const history = c.history;
  const times: number[] = [];
  let moves: ZoneMove[] | undefined;
  let count = 0;
  let future = false;
  for (let i = 0; i < history.length; i++) {
    const e = history[i];
    const t = instant(e.at);
    // Oldest first: everything from the first entry after the report's time on is the future.
    if (!future && t <= asOf) {
      times.push(t);
      count++;
    } else {
      future = true;
    }
    // Later moves are read too: the zone before a move is its fromZone, whenever it came.
    const move = zoneMoveOf(e);
    if (move) {
      moves ??= [];
      moves.push({ at: t, ...move });
    }
  }
  const hc = c.anchors.hospitalContact;
  return {
    source: c,
    ctx,
    seriouslyIll: c.seriouslyIll,
    entries: history,
    count,
    times,
    hospitalContact: hc === undefined ? undefined : instant(hc),
    moves: moves ?? NO_MOVES,
  };
}

const NO_MOVES: readonly ZoneMove[] = [];

/**
 * The zone the case was in at `ms`: the zone of the counted event. A move at exactly `ms` has
 * happened. It is the `fromZone` of the first move after `ms`, or the case's `zoneId` when no
 * move came later (so with no moves, `zoneId` throughout).
 */
export function zoneAt(tl: CaseTimeline, ms: number): string {
  for (const m of tl.moves) if (m.at > ms) return m.from;
  return tl.source.zoneId;
}

export interface ReplayedState {
  state: CaseState;
  anchors: AnchorTimes;
}

/**
 * How entry `e` (at `t`) changes the anchors: the effects of case-commands.ts and referral.ts.
 * True when an anchor changed.
 */
export function applyAnchors(anchors: AnchorTimes, e: HistoryEntry, t: number): boolean {
  let anchor: Anchor;
  switch (e.action) {
    case 'registerReferral':
      if (e.to !== 'awaiting_claim') return false;
      anchor = 'hsyreRegistered';
      break;
    case 'registerHsyre':
      anchor = 'hsyreRegistered';
      break;
    case 'logContact':
      // The first call that reached the patient (or agreed a visit) from claimed; a case given
      // back to the queue after it keeps that contact.
      if (e.from !== 'claimed' || e.to !== 'in_follow_up' || anchors.firstContact !== undefined) {
        return false;
      }
      anchor = 'firstContact';
      break;
    case 'reportServicesNeeded':
      anchor = 'servicesReported';
      break;
    case 'grantHsy':
      anchor = 'hsyGranted';
      break;
    default:
      return false;
  }
  if (anchors[anchor] === t) return false;
  anchors[anchor] = t;
  return true;
}

/**
 * The case's state and anchors as they were at `ms` (entries at or before it), or null before
 * it was registered. Mirrors the effects in case-commands.ts and referral.ts:
 * - hospitalContact is set at registration (only the anchors hold it);
 * - hsyreRegistered by a registration straight into awaiting_claim, or by registerHsyre;
 * - firstContact by the first logContact that took the case from claimed to in_follow_up
 *   (reached or visit agreed); kept when the case was given back to the queue later;
 * - servicesReported by each reportServicesNeeded (the latest one counts);
 * - hsyGranted by grantHsy.
 */
export function replayAt(tl: CaseTimeline, ms: number): ReplayedState | null {
  let last = -1;
  while (last + 1 < tl.count && tl.times[last + 1] <= ms) last++;
  return replayThrough(tl, last);
}

/** The state and anchors right after entry `last` (an index into `entries`); null before 0. */
export function replayThrough(tl: CaseTimeline, last: number): ReplayedState | null {
  const { entries, times } = tl;
  if (last < 0 || tl.count === 0) return null;
  const anchors: AnchorTimes = {};
  if (tl.hospitalContact !== undefined) anchors.hospitalContact = tl.hospitalContact;
  let state: CaseState = entries[0].to;
  for (let i = 0; i <= last && i < tl.count; i++) {
    state = entries[i].to;
    applyAnchors(anchors, entries[i], times[i]);
  }
  return { state, anchors };
}

/** The deadline that ran at `ms`, from the replayed state and the case's own snapshot. */
export function deadlineAt(tl: CaseTimeline, ms: number): RunningDeadline | null {
  const replayed = replayAt(tl, ms);
  if (!replayed) return null;
  return tl.ctx.runningDeadline(replayed.state, tl.seriouslyIll, replayed.anchors);
}
