import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
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

export function workingCalendar(workingTime: WorkingTime): WorkingCalendar {
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

  return {
    timeZone: zone,
    isWorkingDay,
    endOfWorkingDay: (day) => at(day, end),
    nextWorkingInstant(instant) {
      const day = DateTime.fromJSDate(instant, { zone }).startOf('day');
      if (isWorkingDay(day)) {
        if (instant < at(day, start).toJSDate()) return at(day, start).toJSDate();
        if (instant < at(day, end).toJSDate()) return instant;
      }
      return at(walk(day, 1), start).toJSDate();
    },
    nextWorkingDay: (day) => walk(day, 1),
    previousWorkingDay: (day) => walk(day, -1),
    dayOf: (instant) => DateTime.fromJSDate(instant, { zone }).startOf('day'),
  };
}
