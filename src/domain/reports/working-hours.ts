import { DateTime } from 'luxon';
import { boundedMemo } from '../bounded-memo';
import type { WorkingTime } from '../routine';
import { workingCalendar } from '../working-calendar';
import type { YearMonth } from './month';

/*
 * The figures ask the same few questions of hundreds of thousands of instants: which local day
 * (and month) is this, where does working time start and end that day. A Luxon zone conversion
 * costs tens of microseconds, so each local day is worked out once (with the working calendar's
 * own answers: its holidays, closed dates and hours) and then looked up by number.
 */

const DAY_MS = 24 * 60 * 60_000;

/** One local calendar day as instants. */
export interface LocalDay {
  /** Days since 1970-01-01 of the local date. */
  ordinal: number;
  /** The local date, `YYYY-MM-DD`. */
  date: string;
  month: YearMonth;
  /** Local midnight, and the next one (23 or 25 hours later on a DST change day). */
  from: number;
  to: number;
}

/** A local day with the working time of a routine's calendar. */
export interface WorkingDay extends LocalDay {
  working: boolean;
  /** Start of working time that day (NaN on a day off). */
  start: number;
  /** End of working time on that calendar day, working day or not (as the engine reads it). */
  end: number;
}

export interface DayIndex<D extends LocalDay> {
  /** The local day an instant lies in. */
  dayAt(ms: number): D;
  /** The local day `ordinal` (days since 1970-01-01 of the local date). */
  day(ordinal: number): D;
}

const MAX_CACHED_DAYS = 50_000;

function dayIndex<D extends LocalDay>(build: (ordinal: number) => D): DayIndex<D> {
  const days = boundedMemo<number, D>(MAX_CACHED_DAYS);
  const day = (ordinal: number): D => days(ordinal, () => build(ordinal));
  return {
    day,
    // The local date is the UTC date or a neighbour: offsets are under a day.
    dayAt(ms) {
      const utcDay = Math.floor(ms / DAY_MS);
      let d = day(utcDay);
      if (ms >= d.from && ms < d.to) return d;
      d = day(ms < d.from ? utcDay - 1 : utcDay + 1);
      if (ms >= d.from && ms < d.to) return d;
      throw new Error(`no local day holds ${new Date(ms).toISOString()}`);
    },
  };
}

function localMidnight(ordinal: number, zone: string): DateTime {
  const date = new Date(ordinal * DAY_MS);
  return DateTime.fromObject(
    { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() },
    { zone },
  );
}

function localDayOf(ordinal: number, midnight: DateTime): LocalDay {
  const date = midnight.toISODate() ?? '';
  return {
    ordinal,
    date,
    month: date.slice(0, 7),
    from: midnight.toMillis(),
    to: midnight.plus({ days: 1 }).toMillis(),
  };
}

const localIndexes = new Map<string, DayIndex<LocalDay>>();

/** The local days of a time zone. */
export function localDays(timeZone: string): DayIndex<LocalDay> {
  let index = localIndexes.get(timeZone);
  if (!index) {
    if (!DateTime.local({ zone: timeZone }).isValid)
      throw new Error(`unknown time zone ${timeZone}`);
    index = dayIndex((ordinal) => localDayOf(ordinal, localMidnight(ordinal, timeZone)));
    localIndexes.set(timeZone, index);
  }
  return index;
}

/** The report month (in `timeZone`) of an instant. */
export const monthOf = (ms: number, timeZone: string): YearMonth =>
  localDays(timeZone).dayAt(ms).month;

export interface WorkingHours extends DayIndex<WorkingDay> {
  /**
   * Milliseconds of working time in [from, to): only time inside working hours of working days
   * counts. 0 when `to` is not after `from`.
   */
  workingMsBetween(from: number, to: number): number;
}

const workingIndexes = boundedMemo<string, WorkingHours>(64);

/** Working days and hours of a routine's working time, answered by the working calendar. */
export function workingHours(workingTime: WorkingTime, key = JSON.stringify(workingTime)) {
  return workingIndexes(key, () => buildWorkingHours(workingTime));
}

function buildWorkingHours(workingTime: WorkingTime): WorkingHours {
  const calendar = workingCalendar(workingTime);
  const zone = workingTime.timeZone;
  const index = dayIndex<WorkingDay>((ordinal) => {
    const midnight = localMidnight(ordinal, zone);
    const working = calendar.isWorkingDay(midnight);
    return {
      ...localDayOf(ordinal, midnight),
      working,
      // On a working day the next working instant from midnight is that day's start.
      start: working ? calendar.nextWorkingInstant(midnight.toJSDate()).getTime() : Number.NaN,
      end: calendar.endOfWorkingDay(midnight).toMillis(),
    };
  });
  return {
    ...index,
    workingMsBetween(from, to) {
      if (!(to > from)) return 0;
      let total = 0;
      const last = index.dayAt(to).ordinal;
      for (let ordinal = index.dayAt(from).ordinal; ordinal <= last; ordinal++) {
        const d = index.day(ordinal);
        if (!d.working) continue;
        const span = Math.min(to, d.end) - Math.max(from, d.start);
        if (span > 0) total += span;
      }
      return total;
    },
  };
}
