import { type DeadlineKey, deadlineKeySchema } from '../routine';
import type { CaseRecord, DeadlineFigure, DurationFigure } from './case-facts';
import { monthNumber } from './month';
import type { RunningDeadline } from './policy-context';

/*
 * A case's record (case-facts.ts) packed into numbers: one run of a shared Float64Array
 * instead of a graph of a dozen objects. A report keeps a hundred thousand of them between
 * reads and files every one of them for the months; as objects they were two million things
 * for the collector to trace and a pointer chase per fact, packed they are one typed-array view per
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
const REGISTERED = 1;
const LAST = 2;
const CLOSED = 3;
const MAX_RULE_DAYS = 4;
const REFERRAL_MONTH = 5;
const REFERRAL_ZONE = 6;
const SAME_DAY_MONTH = 7;
const SAME_DAY_ZONE = 8;
const SAME_DAY_CLOSED_AT = 9;
const SAME_DAY_CLOSED_SAME_DAY = 10;
const SAME_DAY_END = 11;
const MOVES = 12;
const DEADLINES = 13;
const DURATIONS = 14;
const RUNNING = 15;
const HEADER = 16;

const MOVE_SIZE = 2;
export const DEADLINE_SIZE = 6;
export const DURATION_SIZE = 4;
const RUNNING_SIZE = 3;

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
  f[REGISTERED] = r.registered;
  f[LAST] = r.last;
  f[CLOSED] = r.closed ? 1 : 0;
  f[MAX_RULE_DAYS] = r.maxRuleDays;
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

/** The slots of a packed record that hold a zone code (NaN where none). */
function zoneSlots(f: PackedRecord): number[] {
  const slots = [ZONE, REFERRAL_ZONE, SAME_DAY_ZONE];
  for (let o = HEADER; o < deadlinesAt(f); o += MOVE_SIZE) slots.push(o + 1);
  for (let o = durationsAt(f); o < runningAt(f); o += DURATION_SIZE) slots.push(o + 2);
  return slots;
}

/**
 * A copy of the record with every zone mapped by `to`: in memory of its own (`standalone`: a
 * form to store, soon garbage) or beside the other records kept (`shared`: one to keep).
 */
export function withZones(
  f: PackedRecord,
  to: (zone: number) => number,
  where: 'standalone' | 'shared',
): PackedRecord {
  const copy = where === 'shared' ? allocate(f.length) : new Float64Array(f.length);
  copy.set(f);
  for (const slot of zoneSlots(f)) if (!Number.isNaN(copy[slot])) copy[slot] = to(copy[slot]);
  return copy;
}

const isIndex = (v: number, below: number) => Number.isInteger(v) && v >= 0 && v < below;
const isCount = (v: number) => Number.isInteger(v) && v >= 0;

/**
 * Whether numbers read back from the store are a packed record whose zones are indices below
 * `zones`: the parts' counts add up to its length, and every figure, key and zone is one of
 * its list. Anything else is not used (stored facts are derived, and worked out anew).
 */
export function isPackedRecord(f: PackedRecord, zones: number): boolean {
  if (f.length < HEADER || ![MOVES, DEADLINES, DURATIONS, RUNNING].every((h) => isCount(f[h]))) {
    return false;
  }
  if (runningAt(f) + f[RUNNING] * RUNNING_SIZE !== f.length) return false;
  for (let o = deadlinesAt(f); o < durationsAt(f); o += DEADLINE_SIZE) {
    if (!isIndex(f[o], DEADLINE_FIGURES.length) || !Number.isInteger(f[o + 3])) return false;
  }
  for (let o = durationsAt(f); o < runningAt(f); o += DURATION_SIZE) {
    if (!isIndex(f[o], DURATION_FIGURES.length) || !Number.isInteger(f[o + 1])) return false;
  }
  for (let o = runningAt(f); o < f.length; o += RUNNING_SIZE) {
    if (f[o + 1] !== -1 && !isIndex(f[o + 1], DEADLINE_KEYS.length)) return false;
  }
  // The referral and the same-day grant: absent (month and zone NaN) or a month and a zone.
  for (const [month, zone] of [
    [REFERRAL_MONTH, REFERRAL_ZONE],
    [SAME_DAY_MONTH, SAME_DAY_ZONE],
  ]) {
    if (Number.isNaN(f[month]) !== Number.isNaN(f[zone])) return false;
    if (!Number.isNaN(f[month]) && !Number.isInteger(f[month])) return false;
  }
  const optional = new Set([REFERRAL_ZONE, SAME_DAY_ZONE]);
  return zoneSlots(f).every(
    (slot) => isIndex(f[slot], zones) || (optional.has(slot) && Number.isNaN(f[slot])),
  );
}

/** The record as bytes (little-endian doubles, as every platform Node runs on stores them). */
export const packedBytes = (f: PackedRecord): Buffer =>
  Buffer.from(f.buffer, f.byteOffset, f.byteLength);

/** The numbers of bytes from `packedBytes` (in memory of their own); undefined when not whole doubles. */
export function fromPackedBytes(bytes: Buffer): PackedRecord | undefined {
  if (bytes.length % Float64Array.BYTES_PER_ELEMENT !== 0) return undefined;
  const f = new Float64Array(bytes.length / Float64Array.BYTES_PER_ELEMENT);
  new Uint8Array(f.buffer).set(bytes);
  return f;
}

export const packedZone = (f: PackedRecord): number => f[ZONE];
export const packedRegistered = (f: PackedRecord): number => f[REGISTERED];
export const packedLast = (f: PackedRecord): number => f[LAST];
export const packedClosed = (f: PackedRecord): boolean => f[CLOSED] === 1;
export const packedMaxRuleDays = (f: PackedRecord): number => f[MAX_RULE_DAYS];

/** The referral's month number and zone code (month NaN: none). */
export const referralMonth = (f: PackedRecord): number => f[REFERRAL_MONTH];
export const referralZone = (f: PackedRecord): number => f[REFERRAL_ZONE];

/** The same-day fact: month number (NaN: none), zone code, closedAt, closed the same day, day end. */
export const sameDayMonth = (f: PackedRecord): number => f[SAME_DAY_MONTH];
export const sameDayZone = (f: PackedRecord): number => f[SAME_DAY_ZONE];
export const sameDayClosedAt = (f: PackedRecord): number => f[SAME_DAY_CLOSED_AT];
export const sameDayClosedSameDay = (f: PackedRecord): boolean => f[SAME_DAY_CLOSED_SAME_DAY] === 1;
export const sameDayEnd = (f: PackedRecord): number => f[SAME_DAY_END];

/** Where each part starts (the moves at HEADER); a part ends where the next begins. */
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
