import { type DeadlineKey, deadlineKeySchema } from '../routine';
import type { CaseRecord, DeadlineFigure, DurationFigure } from './case-facts';
import { monthNumber, yearMonthOf } from './month';
import type { RunningDeadline } from './policy-context';

/*
 * A case's record (case-facts.ts) packed into numbers: one run of a shared Float64Array
 * instead of a graph of a dozen objects. A report keeps a hundred thousand of them between
 * reads and walks all of them for every month; as objects they were two million things for
 * the collector to trace and a pointer chase per fact, packed they are one typed-array view per
 * case, side by side in memory in the order they were made.
 *
 * Layout: the header below, then the moves [at, from zone], the deadlines [figure,
 * seriouslyIll, dueAt, month, eventAt, exitAt], the durations [figure, month, zone, hours] and
 * the running deadline's changes [at, key (-1 none), dueAt]. Months are month numbers
 * (month.ts), zones this process's zone codes, figures and keys indices into the lists below;
 * NaN stands for none, as in the record.
 */

export type PackedRecord = Float64Array;

export const DEADLINE_FIGURES: readonly DeadlineFigure[] = [
  'firstContact',
  'firstCall',
  'fveAssessment',
  'serviceDecision',
];
export const DURATION_FIGURES: readonly DurationFigure[] = ['cardToClaim', 'cardToFirstContact'];
export const DEADLINE_KEYS: readonly DeadlineKey[] = deadlineKeySchema.options;

const ZONE = 0;
const EARLIEST = 1;
const REGISTERED = 2;
const LAST = 3;
const CLOSED = 4;
const MAX_RULE_DAYS = 5;
const COMPLETE = 6;
const REFERRAL_MONTH = 7;
const REFERRAL_ZONE = 8;
const SAME_DAY_MONTH = 9;
const SAME_DAY_ZONE = 10;
const SAME_DAY_CLOSED_AT = 11;
const SAME_DAY_CLOSED_SAME_DAY = 12;
const SAME_DAY_END = 13;
const MOVES = 14;
const DEADLINES = 15;
const DURATIONS = 16;
const RUNNING = 17;
const HEADER = 18;

export const MOVE_SIZE = 2;
export const DEADLINE_SIZE = 6;
export const DURATION_SIZE = 4;
export const RUNNING_SIZE = 3;

/*
 * Records are cut from chunks of this many numbers; a chunk is freed by the collector once no
 * record in it is alive (its views hold it), so records replaced by newer versions go with it.
 */
const CHUNK = 1 << 16;
let chunk = new Float64Array(CHUNK);
let used = 0;

function allocate(length: number): PackedRecord {
  if (length > CHUNK) return new Float64Array(length);
  if (used + length > CHUNK) {
    chunk = new Float64Array(CHUNK);
    used = 0;
  }
  const view = chunk.subarray(used, used + length);
  used += length;
  return view;
}

const nanIfNone = (v: number | undefined | null): number => (v == null ? Number.NaN : v);

/** Packs a record; only the running deadline's changes are kept (the same answer at any time). */
export function packRecord(r: CaseRecord): PackedRecord {
  const running: [number, number, number][] = [];
  let before: RunningDeadline | null | undefined;
  for (let i = 0; i < r.times.length; i++) {
    const d = r.running[i];
    if (
      i > 0 &&
      (d === before || (d && before && d.key === before.key && d.dueAt === before.dueAt))
    ) {
      continue;
    }
    running.push([r.times[i], d ? DEADLINE_KEYS.indexOf(d.key) : -1, d ? d.dueAt : Number.NaN]);
    before = d;
  }
  const f = allocate(
    HEADER +
      r.moves.length * MOVE_SIZE +
      r.deadlines.length * DEADLINE_SIZE +
      r.durations.length * DURATION_SIZE +
      running.length * RUNNING_SIZE,
  );
  f[ZONE] = r.zone;
  f[EARLIEST] = r.earliest;
  f[REGISTERED] = r.registered;
  f[LAST] = r.last;
  f[CLOSED] = r.closed ? 1 : 0;
  f[MAX_RULE_DAYS] = r.maxRuleDays;
  f[COMPLETE] = r.complete ? 1 : 0;
  f[REFERRAL_MONTH] = r.referral ? monthNumber(r.referral.month) : Number.NaN;
  f[REFERRAL_ZONE] = nanIfNone(r.referral?.zone);
  f[SAME_DAY_MONTH] = r.sameDay ? monthNumber(r.sameDay.month) : Number.NaN;
  f[SAME_DAY_ZONE] = nanIfNone(r.sameDay?.zone);
  f[SAME_DAY_CLOSED_AT] = nanIfNone(r.sameDay?.closedAt);
  f[SAME_DAY_CLOSED_SAME_DAY] = r.sameDay?.closedSameDay ? 1 : 0;
  f[SAME_DAY_END] = nanIfNone(r.sameDay?.dayEnd);
  f[MOVES] = r.moves.length;
  f[DEADLINES] = r.deadlines.length;
  f[DURATIONS] = r.durations.length;
  f[RUNNING] = running.length;
  let o = HEADER;
  for (const m of r.moves) {
    f[o++] = m.at;
    f[o++] = m.from;
  }
  for (const d of r.deadlines) {
    f[o++] = DEADLINE_FIGURES.indexOf(d.figure);
    f[o++] = d.seriouslyIll ? 1 : 0;
    f[o++] = d.dueAt;
    f[o++] = monthNumber(d.month);
    f[o++] = d.eventAt;
    f[o++] = d.exitAt;
  }
  for (const d of r.durations) {
    f[o++] = DURATION_FIGURES.indexOf(d.figure);
    f[o++] = monthNumber(d.month);
    f[o++] = d.zone;
    f[o++] = d.hours;
  }
  for (const [at, key, dueAt] of running) {
    f[o++] = at;
    f[o++] = key;
    f[o++] = dueAt;
  }
  return f;
}

/** The record a packed one holds (its running deadline as changes only). */
export function unpackRecord(f: PackedRecord): CaseRecord {
  const moves: CaseRecord['moves'][number][] = [];
  for (let o = movesAt(f); o < deadlinesAt(f); o += MOVE_SIZE) {
    moves.push({ at: f[o], from: f[o + 1] });
  }
  const deadlines: CaseRecord['deadlines'] = [];
  for (let o = deadlinesAt(f); o < durationsAt(f); o += DEADLINE_SIZE) {
    deadlines.push({
      figure: DEADLINE_FIGURES[f[o]],
      seriouslyIll: f[o + 1] === 1,
      dueAt: f[o + 2],
      month: yearMonthOf(f[o + 3]),
      eventAt: f[o + 4],
      exitAt: f[o + 5],
    });
  }
  const durations: CaseRecord['durations'] = [];
  for (let o = durationsAt(f); o < runningAt(f); o += DURATION_SIZE) {
    durations.push({
      figure: DURATION_FIGURES[f[o]],
      month: yearMonthOf(f[o + 1]),
      zone: f[o + 2],
      hours: f[o + 3],
    });
  }
  const times: number[] = [];
  const running: (RunningDeadline | null)[] = [];
  for (let o = runningAt(f); o < f.length; o += RUNNING_SIZE) {
    times.push(f[o]);
    running.push(f[o + 1] < 0 ? null : { key: DEADLINE_KEYS[f[o + 1]], dueAt: f[o + 2] });
  }
  return {
    complete: f[COMPLETE] === 1,
    zone: f[ZONE],
    moves,
    earliest: f[EARLIEST],
    registered: f[REGISTERED],
    last: f[LAST],
    closed: f[CLOSED] === 1,
    maxRuleDays: f[MAX_RULE_DAYS],
    referral: Number.isNaN(f[REFERRAL_MONTH])
      ? null
      : { month: yearMonthOf(f[REFERRAL_MONTH]), zone: f[REFERRAL_ZONE] },
    deadlines,
    durations,
    sameDay: Number.isNaN(f[SAME_DAY_MONTH])
      ? null
      : {
          month: yearMonthOf(f[SAME_DAY_MONTH]),
          zone: f[SAME_DAY_ZONE],
          closedAt: f[SAME_DAY_CLOSED_AT],
          closedSameDay: f[SAME_DAY_CLOSED_SAME_DAY] === 1,
          dayEnd: f[SAME_DAY_END],
        },
    times,
    running,
  };
}

export const packedZone = (f: PackedRecord): number => f[ZONE];
export const packedRegistered = (f: PackedRecord): number => f[REGISTERED];
export const packedLast = (f: PackedRecord): number => f[LAST];
export const packedClosed = (f: PackedRecord): boolean => f[CLOSED] === 1;
export const packedMaxRuleDays = (f: PackedRecord): number => f[MAX_RULE_DAYS];
export const packedComplete = (f: PackedRecord): boolean => f[COMPLETE] === 1;

/** The referral's month number and zone code (month NaN: none). */
export const referralMonth = (f: PackedRecord): number => f[REFERRAL_MONTH];
export const referralZone = (f: PackedRecord): number => f[REFERRAL_ZONE];

/** The same-day fact: month number (NaN: none), zone code, closedAt, closed the same day, day end. */
export const sameDayMonth = (f: PackedRecord): number => f[SAME_DAY_MONTH];
export const sameDayZone = (f: PackedRecord): number => f[SAME_DAY_ZONE];
export const sameDayClosedAt = (f: PackedRecord): number => f[SAME_DAY_CLOSED_AT];
export const sameDayClosedSameDay = (f: PackedRecord): boolean => f[SAME_DAY_CLOSED_SAME_DAY] === 1;
export const sameDayEnd = (f: PackedRecord): number => f[SAME_DAY_END];

/** Where each part starts; a part ends where the next begins (the running deadline at the end). */
export const movesAt = (_f: PackedRecord): number => HEADER;
export const deadlinesAt = (f: PackedRecord): number => HEADER + f[MOVES] * MOVE_SIZE;
export const durationsAt = (f: PackedRecord): number =>
  deadlinesAt(f) + f[DEADLINES] * DEADLINE_SIZE;
export const runningAt = (f: PackedRecord): number => durationsAt(f) + f[DURATIONS] * DURATION_SIZE;

/** The zone (code) of the case at `ms`: the zone the next move came from, else its zone. */
export function packedZoneAt(f: PackedRecord, ms: number): number {
  const end = deadlinesAt(f);
  for (let o = HEADER; o < end; o += MOVE_SIZE) if (f[o] > ms) return f[o + 1];
  return f[ZONE];
}

/**
 * Where the deadline running at `ms` sits (its key at +1, dueAt at +2), or -1 before the first
 * entry: the one after the last counted entry at or before `ms`.
 */
export function packedRunningAt(f: PackedRecord, ms: number): number {
  const first = runningAt(f);
  let o = f.length - RUNNING_SIZE;
  while (o >= first && f[o] > ms) o -= RUNNING_SIZE;
  return o < first ? -1 : o;
}
