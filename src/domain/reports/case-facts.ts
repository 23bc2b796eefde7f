import type { CaseState } from '../case-state';
import type { DeadlineKey } from '../routine';
import { applyAnchors, type CaseTimeline, zoneAt } from './case-timeline';
import type { YearMonth } from './month';
import type { AnchorTimes, RunningDeadline } from './policy-context';
import { localDays, monthOf } from './working-hours';
import { zoneCode } from './zone-codes';

/**
 * What one case contributes to the figures, worked out from its history and its own policy
 * snapshot into a record that does not depend on the report's time (only on the entries it
 * was given): how a deadline was met is settled against `asOf` when the record is counted.
 */

/**
 * How a case met a deadline:
 * - `within`: the event came at or before the deadline;
 * - `late`: it came after, or the deadline passed while the case still waited for it;
 * - `excluded`: the case left the step without the event before the deadline (closed,
 *   granted home nursing, given back): the deadline stopped running, nothing was missed;
 * - `pending`: neither yet, and the deadline is still ahead at the report's time.
 */
export type Settlement = 'within' | 'late' | 'excluded' | 'pending';

/**
 * The deadline figures:
 * - `firstContact`: the first call that reached the patient or agreed a visit, against the
 *   firstContact deadline;
 * - `firstCall`: the first call of any outcome (not reached included), against the same;
 * - `fveAssessment`: leaving Henvist (or registering with HSYRE at once), against
 *   fveAssessment;
 * - `serviceDecision`: each report of a need for services, against serviceDecision.
 */
export type DeadlineFigure = 'firstContact' | 'firstCall' | 'fveAssessment' | 'serviceDecision';

/** Working hours from the card to the first claim / first contact. */
export type DurationFigure = 'cardToClaim' | 'cardToFirstContact';

export type SameDay = 'sameDay' | 'later' | 'pending';

export interface DeadlineRecord {
  figure: DeadlineFigure;
  seriouslyIll: boolean;
  dueAt: number;
  /** The month of the deadline: the case is counted in the month its deadline falls in. */
  month: YearMonth;
  /** When the event came while the step ran (NaN: not yet), and when the step ended (NaN). */
  eventAt: number;
  exitAt: number;
}

export interface DurationRecord {
  figure: DurationFigure;
  /** The month and zone (zone-codes.ts) of the end event (the claim, the contact). */
  month: YearMonth;
  zone: number;
  hours: number;
}

export interface SameDayRecord {
  /** The month and zone (code) of the grant. */
  month: YearMonth;
  zone: number;
  /** When the case closed after the grant (NaN: still open), and the end of the grant's day. */
  closedAt: number;
  closedSameDay: boolean;
  dayEnd: number;
}

export interface CaseRecord {
  /** Every history entry was counted (none after the report's time): valid for any later time. */
  complete: boolean;
  /** The case's zone (code), and its moves with the code of the zone each came from. */
  zone: number;
  moves: readonly { at: number; from: number }[];
  /** The registration and the last entry. */
  registered: number;
  last: number;
  closed: boolean;
  /** The longest withinDays of the case's policy (bounds how late its deadlines can fall). */
  maxRuleDays: number;
  /** The registerReferral entry: its month and the zone then. */
  referral: { month: YearMonth; zone: number } | null;
  deadlines: DeadlineRecord[];
  durations: DurationRecord[];
  sameDay: SameDayRecord | null;
  /** The counted entries' instants and the deadline running after each (for month ends). */
  times: readonly number[];
  running: readonly (RunningDeadline | null)[];
}

/** Closing reasons that are no judgement of FVE's: the referral ended without an assessment. */
const NOT_AN_ASSESSMENT = new Set(['moved', 'died']);
/** What ends a service-decision episode as a decision (step 8): Vedtak, or HSY granted. */
const DECISIONS = new Set(['recordDecision', 'grantHsy']);

/** How a deadline was met at the report's time `asOf`, from its record's times (NaN: none). */
export function settlement(
  eventAt: number,
  exitAt: number,
  dueAt: number,
  asOf: number,
): Settlement {
  // An event after the case left the step does not belong to it (the record holds none such).
  if (!Number.isNaN(eventAt)) return eventAt <= dueAt ? 'within' : 'late';
  if (!Number.isNaN(exitAt) && exitAt <= dueAt) return 'excluded';
  return dueAt < asOf ? 'late' : 'pending';
}

/**
 * When the outcome was settled, the instant whose zone it counts for: the event when within,
 * the deadline when late, when the case left the step when excluded, the report's time while
 * pending.
 */
export function settledAt(
  result: Settlement,
  eventAt: number,
  exitAt: number,
  dueAt: number,
  asOf: number,
): number {
  switch (result) {
    case 'within':
      return eventAt;
    case 'late':
      return dueAt;
    case 'excluded':
      return exitAt;
    default:
      return asOf;
  }
}

/** Whether HSYRE ended the day HSY was granted, from the same-day record's times. */
export function sameDayOf(
  closedAt: number,
  closedSameDay: boolean,
  dayEnd: number,
  asOf: number,
): SameDay {
  if (!Number.isNaN(closedAt)) return closedSameDay ? 'sameDay' : 'later';
  return asOf >= dayEnd ? 'later' : 'pending';
}

/** Works out the record of one case from its timeline. */
export function caseRecord(tl: CaseTimeline, timeZone: string, maxRuleDays: number): CaseRecord {
  const { entries, times, count: n, ctx, seriouslyIll } = tl;
  const c = tl.source;
  const registered = n > 0 ? times[0] : Number.POSITIVE_INFINITY;
  const record: CaseRecord = {
    complete: n === c.history.length,
    zone: zoneCode(c.zoneId),
    moves: tl.moves.map((m) => ({ at: m.at, from: zoneCode(m.from) })),
    registered,
    last: n > 0 ? times[n - 1] : Number.NEGATIVE_INFINITY,
    closed: n > 0 && entries[n - 1].to === 'closed',
    maxRuleDays,
    referral: null,
    deadlines: [],
    durations: [],
    sameDay: null,
    times: n === times.length ? times : times.slice(0, n),
    running: [],
  };
  if (n === 0) return record;

  const deadline = (
    figure: DeadlineFigure,
    key: DeadlineKey,
    anchors: AnchorTimes,
    eventAt: number | undefined,
    exitAt: number | undefined,
  ): void => {
    const dueAt = ctx.deadline(ctx.rule(key, seriouslyIll), anchors);
    if (dueAt === undefined) return;
    // An event after the case left the step does not belong to it.
    const event = eventAt !== undefined && (exitAt === undefined || eventAt <= exitAt);
    record.deadlines.push({
      figure,
      seriouslyIll,
      dueAt,
      month: monthOf(dueAt, timeZone),
      eventAt: event ? (eventAt as number) : Number.NaN,
      exitAt: exitAt ?? Number.NaN,
    });
  };

  const fveStates = ctx.statesOf('fveAssessment');
  const fcStates = ctx.statesOf('firstContact');
  const sdStates = ctx.statesOf('serviceDecision');

  // One pass: the anchors as they grow, and the entries where each step starts and ends.
  const anchors: AnchorTimes = {};
  if (tl.hospitalContact !== undefined) anchors.hospitalContact = tl.hospitalContact;
  const running: (RunningDeadline | null)[] = new Array(n);
  let current: RunningDeadline | null = null;
  let state: CaseState | null = null;
  let registration = -1;
  let fveAnchors: AnchorTimes | undefined;
  let fveOpen = false;
  let fveExit = -1;
  let fcAnchors: AnchorTimes | undefined;
  let fcExit = -1;
  let episode: { anchors: AnchorTimes; exit: number } | undefined;
  let episodes: { anchors: AnchorTimes; exit: number }[] | undefined;
  let cardAt: number | undefined;
  let claimAt: number | undefined;
  let contactAt: number | undefined;
  let callAt: number | undefined;
  let grant = -1;
  let closedAfterGrant: number | undefined;
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    const t = times[i];
    const to = e.to;
    const action = e.action;
    const moved = applyAnchors(anchors, e, t);
    // The running deadline changes only with the state or an anchor.
    if (to !== state || moved) {
      current = ctx.runningDeadline(to, seriouslyIll, anchors);
      state = to;
    }
    running[i] = current;
    if (action === 'registerReferral' && registration < 0) {
      registration = i;
      fveAnchors = { ...anchors };
      fveOpen = fveStates.has(to);
    } else if (fveOpen && fveExit < 0 && !fveStates.has(to)) {
      fveExit = i;
    }
    if (fcAnchors === undefined) {
      if (fcStates.has(to)) fcAnchors = { ...anchors };
    } else if (fcExit < 0 && !fcStates.has(to)) {
      fcExit = i;
    }
    if (episode) {
      if (!sdStates.has(to)) {
        episode.exit = i;
        episode = undefined;
      }
    } else if (sdStates.has(to) && !(e.from !== null && sdStates.has(e.from))) {
      episode = { anchors: { ...anchors }, exit: -1 };
      episodes ??= [];
      episodes.push(episode);
    }
    if (action === 'postCard') cardAt ??= t;
    else if (action === 'logContact') {
      callAt ??= t;
      if (contactAt === undefined && e.from === 'claimed' && to === 'in_follow_up') contactAt = t;
    } else if (action === 'grantHsy' && grant < 0) grant = i;
    if (to === 'claimed' && e.from !== 'claimed') claimAt ??= t;
    if (grant >= 0 && closedAfterGrant === undefined && to === 'closed') closedAfterGrant = t;
  }
  record.running = running;

  // Referrals registered.
  if (registration >= 0) {
    const at = times[registration];
    record.referral = { month: monthOf(at, timeZone), zone: zoneCode(zoneAt(tl, at)) };
  }

  // FVE's assessment (steps 3 and 4): done when the case leaves the states in which the
  // fveAssessment deadline runs, or at registration when it never entered them.
  if (fveAnchors) {
    if (!fveOpen) {
      deadline('fveAssessment', 'fveAssessment', fveAnchors, times[registration], undefined);
    } else {
      const e = fveExit >= 0 ? entries[fveExit] : undefined;
      const noAssessment =
        e?.action === 'close' && NOT_AN_ASSESSMENT.has(String(e.details.reason ?? ''));
      const exitAt = e ? times[fveExit] : undefined;
      deadline(
        'fveAssessment',
        'fveAssessment',
        fveAnchors,
        noAssessment ? undefined : exitAt,
        exitAt,
      );
    }
  }

  // First contact (step 5): from the first entry that put the case where firstContact runs.
  if (fcAnchors) {
    const exitAt = fcExit >= 0 ? times[fcExit] : undefined;
    deadline('firstContact', 'firstContact', fcAnchors, contactAt, exitAt);
    deadline('firstCall', 'firstContact', fcAnchors, callAt, exitAt);
  }

  // Service decisions (step 8): one episode per entry into the states where it runs.
  for (const ep of episodes ?? []) {
    const x = ep.exit >= 0 ? entries[ep.exit] : undefined;
    const exitAt = x ? times[ep.exit] : undefined;
    const decided = x !== undefined && DECISIONS.has(x.action);
    deadline(
      'serviceDecision',
      'serviceDecision',
      ep.anchors,
      decided ? exitAt : undefined,
      exitAt,
    );
  }

  // Working hours from the card; a claim recorded before the card's entry (written after the
  // post) waited no time at all.
  if (cardAt !== undefined) {
    const since = (figure: DurationFigure, at: number) =>
      record.durations.push({
        figure,
        month: monthOf(at, timeZone),
        zone: zoneCode(zoneAt(tl, at)),
        hours: ctx.hours.workingMsBetween(cardAt as number, at) / 3_600_000,
      });
    if (claimAt !== undefined) since('cardToClaim', claimAt);
    if (contactAt !== undefined) since('cardToFirstContact', contactAt);
  }

  // HSYRE ended the same local day as HSY was granted (step 9).
  if (grant >= 0) {
    const grantAt = times[grant];
    const days = localDays(timeZone);
    const grantDay = days.dayAt(grantAt);
    record.sameDay = {
      month: grantDay.month,
      zone: zoneCode(zoneAt(tl, grantAt)),
      closedAt: closedAfterGrant ?? Number.NaN,
      closedSameDay:
        closedAfterGrant !== undefined && days.dayAt(closedAfterGrant).ordinal === grantDay.ordinal,
      dayEnd: grantDay.to,
    };
  }
  return record;
}
