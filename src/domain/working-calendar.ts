import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { boundedMemo } from './bounded-memo';
import type { WorkingTime } from './routine';

/**
 * Working days and hours in the municipality's time zone. Pure: the same WorkingTime and the
 * same instant always give the same answer (holiday tables are computed, not fetched).
 */
export interface WorkingCalendar {
  readonly timeZone: string;
  isWorkingDay(day: DateTime): boolean;
  /** The end of working time on that calendar day, as an instant. */
  endOfWorkingDay(day: DateTime): DateTime;
  /** The instant itself when it is in working time, else the start of the next working time. */
  nextWorkingInstant(instant: Date): Date;
  /**
   * The instant itself when a message may be delivered then, else the start of the next working
   * time. Unlike nextWorkingInstant the end of working time is included: a deadline falls at
   * the end, and the message at the deadline belongs to that working day, not to the next.
   */
  nextDeliveryInstant(instant: Date): Date;
  /**
   * The instant `minutes` of working time after it (before it when negative). Only minutes
   * inside working hours count, so 120 working minutes before Monday 09:00 is Friday 14:30.
   */
  addWorkingMinutes(instant: Date, minutes: number): Date;
  /**
   * The end of working time on the instant's own day when it lies before it on a working day,
   * else at the end of the next working day: what "the same working day" means for an event.
   */
  sameWorkingDayEnd(instant: Date): Date;
  /**
   * The end of working time on the calendar day `days` after the instant's day or, when that
   * day is not a working day, on the nearest working day in the `fallback` direction.
   */
  endOfWorkingDayAfter(instant: Date, days: number, fallback: 'next' | 'previous'): Date;
  nextWorkingDay(day: DateTime): DateTime;
  previousWorkingDay(day: DateTime): DateTime;
  /** A calendar day (midnight) in the working time zone. */
  dayOf(instant: Date): DateTime;
}

const publicHolidayCache = new Map<string, Set<string>>();

/** Only type 'public': date-holidays also lists observance and bank days, which are working days. */
function publicHolidays(country: string, year: number): Set<string> {
  const key = `${country}:${year}`;
  let days = publicHolidayCache.get(key);
  if (!days) {
    const table = new Holidays(country);
    days = new Set(
      table
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    publicHolidayCache.set(key, days);
  }
  return days;
}

function parseClock(hhmm: string): { hour: number; minute: number } {
  const [hour, minute] = hhmm.split(':').map(Number);
  return { hour, minute };
}

/** Guards the day walk against a configuration that closes every day. */
const MAX_DAYS_WITHOUT_WORK = 60;

const DAY_MS = 24 * 60 * 60_000;

/** One local calendar day as instants: what the instant-based questions need to know. */
interface DayWindow {
  /** Days since 1970-01-01 of the local date. */
  ordinal: number;
  working: boolean;
  /** Local midnight, and the next one (23 or 25 hours later on a DST change day). */
  from: number;
  to: number;
  /** Start and end of working time that day. */
  start: number;
  end: number;
}

/*
 * Calendars are cached by their working time: the escalation pass asks one per due item, every
 * item carries its own parsed copy of the same working time, and a zone conversion in Luxon
 * costs tens of microseconds. Bounded, since a cache is no reason to keep every day ever seen.
 */
const calendarCache = boundedMemo<string, WorkingCalendar>(64);
const MAX_CACHED_DAYS = 20_000;

export function workingCalendar(workingTime: WorkingTime): WorkingCalendar {
  // A frozen routine snapshot's object is asked for again and again: no JSON key for it.
  const known = Object.isFrozen(workingTime) ? byObject.get(workingTime) : undefined;
  if (known) return known;
  const calendar = calendarCache(JSON.stringify(workingTime), () => buildCalendar(workingTime));
  if (Object.isFrozen(workingTime)) byObject.set(workingTime, calendar);
  return calendar;
}

/** Calendars of frozen working times (which cannot change), by the object itself. */
const byObject = new WeakMap<WorkingTime, WorkingCalendar>();

function buildCalendar(workingTime: WorkingTime): WorkingCalendar {
  const closed = new Set(workingTime.closedDates);
  const weekdays = new Set(workingTime.days);
  const start = parseClock(workingTime.start);
  const end = parseClock(workingTime.end);
  const zone = workingTime.timeZone;
  // Built from the local wall-clock time, so 15:30 stays 15:30 on both sides of a DST change.
  const at = (day: DateTime, clock: { hour: number; minute: number }) =>
    DateTime.fromObject({ year: day.year, month: day.month, day: day.day, ...clock }, { zone });

  const isWorkingDay = (day: DateTime): boolean => {
    const date = day.toISODate() ?? '';
    return (
      weekdays.has(day.weekday) &&
      !closed.has(date) &&
      !publicHolidays(workingTime.holidayCountry, day.year).has(date)
    );
  };

  const walk = (day: DateTime, step: 1 | -1): DateTime => {
    let candidate = day;
    for (let i = 0; i < MAX_DAYS_WITHOUT_WORK; i++) {
      candidate = candidate.plus({ days: step });
      if (isWorkingDay(candidate)) return candidate;
    }
    throw new Error(`no working day within ${MAX_DAYS_WITHOUT_WORK} days of ${day.toISODate()}`);
  };

  const windows = boundedMemo<number, DayWindow>(MAX_CACHED_DAYS);
  const windowOf = (ordinal: number): DayWindow =>
    windows(ordinal, () => {
      const date = new Date(ordinal * DAY_MS);
      const midnight = DateTime.fromObject(
        { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() },
        { zone },
      );
      return {
        ordinal,
        working: isWorkingDay(midnight),
        from: midnight.toMillis(),
        to: midnight.plus({ days: 1 }).toMillis(),
        start: at(midnight, start).toMillis(),
        end: at(midnight, end).toMillis(),
      };
    });
  /** The local day an instant lies in: the UTC date or a neighbour, as offsets are under 24 h. */
  const windowAt = (ms: number): DayWindow => {
    const utcDay = Math.floor(ms / DAY_MS);
    for (const ordinal of [utcDay, utcDay - 1, utcDay + 1]) {
      const w = windowOf(ordinal);
      if (w.from <= ms && ms < w.to) return w;
    }
    throw new Error(`no local day in ${zone} holds ${new Date(ms).toISOString()}`);
  };
  const walkWindows = (from: DayWindow, step: 1 | -1): DayWindow => {
    for (let i = 1; i <= MAX_DAYS_WITHOUT_WORK; i++) {
      const w = windowOf(from.ordinal + i * step);
      if (w.working) return w;
    }
    throw new Error(
      `no working day within ${MAX_DAYS_WITHOUT_WORK} days of ${new Date(from.from).toISOString()}`,
    );
  };

  const nextWorking = (instant: Date, endIncluded: boolean): Date => {
    const t = instant.getTime();
    const w = windowAt(t);
    if (w.working) {
      if (t < w.start) return new Date(w.start);
      if (t < w.end || (endIncluded && t === w.end)) return instant;
    }
    return new Date(walkWindows(w, 1).start);
  };

  return {
    timeZone: zone,
    isWorkingDay,
    endOfWorkingDay: (day) => at(day, end),
    nextWorkingInstant: (instant) => nextWorking(instant, false),
    nextDeliveryInstant: (instant) => nextWorking(instant, true),
    addWorkingMinutes(instant, minutes) {
      if (minutes === 0) return instant;
      const step = minutes > 0 ? 1 : -1;
      let left = Math.abs(minutes) * 60_000;
      let t = instant.getTime();
      let w = windowAt(t);
      // Day by day, spending the working hours of each day that lie on the right side of t.
      for (;;) {
        if (w.working) {
          const from = step > 0 ? Math.max(t, w.start) : w.start;
          const until = step > 0 ? w.end : Math.min(t, w.end);
          const room = until - from;
          if (room > 0) {
            if (left <= room) return new Date(step > 0 ? from + left : until - left);
            left -= room;
          }
        }
        w = walkWindows(w, step);
        t = step > 0 ? w.start : w.end;
      }
    },
    // From the cached day windows, not Luxon: every case's deadlines are evaluated on each change.
    sameWorkingDayEnd(instant) {
      const t = instant.getTime();
      const w = windowAt(t);
      return new Date(w.working && t < w.end ? w.end : walkWindows(w, 1).end);
    },
    endOfWorkingDayAfter(instant, days, fallback) {
      const day = windowOf(windowAt(instant.getTime()).ordinal + days);
      return new Date(day.working ? day.end : walkWindows(day, fallback === 'next' ? 1 : -1).end);
    },
    nextWorkingDay: (day) => walk(day, 1),
    previousWorkingDay: (day) => walk(day, -1),
    dayOf: (instant) => DateTime.fromJSDate(instant, { zone }).startOf('day'),
  };
}
