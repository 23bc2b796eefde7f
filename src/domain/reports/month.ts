import { DateTime } from 'luxon';
import { boundedMemo } from '../bounded-memo';

/**
 * A calendar month of the report, `YYYY-MM`, in the routine's time zone (Europe/Oslo): a
 * referral at 23:30 UTC on 31 March is 01:30 on 1 April in Oslo, so it belongs to April.
 */
export type YearMonth = string;

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isYearMonth(value: string): value is YearMonth {
  return YEAR_MONTH.test(value);
}

export function parseYearMonth(value: string): { year: number; month: number } {
  const m = YEAR_MONTH.exec(value);
  if (!m) throw new Error(`not a month (YYYY-MM): ${value}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** A month as one number (months since year 0), for columns of numbers; `yearMonthOf` inverts it. */
export function monthNumber(month: YearMonth): number {
  const { year, month: m } = parseYearMonth(month);
  return year * 12 + (m - 1);
}

export function yearMonthOf(n: number): YearMonth {
  return `${String(Math.floor(n / 12)).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** The month `n` months after (before, when negative) `month`. */
export function addMonths(month: YearMonth, n: number): YearMonth {
  return yearMonthOf(monthNumber(month) + n);
}

/** Every month from `first` to `last`, both included, oldest first. */
export function monthsFrom(first: YearMonth, last: YearMonth): YearMonth[] {
  const months: YearMonth[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) months.push(m);
  return months;
}

export interface MonthBounds {
  /** Local midnight on the 1st, as epoch milliseconds. */
  start: number;
  /** Local midnight on the 1st of the next month (exclusive). */
  end: number;
}

const boundsCache = boundedMemo<string, MonthBounds>(10_000);

/** The instants a month covers in a time zone: [start, end). A DST change inside moves nothing. */
export function monthBounds(month: YearMonth, timeZone: string): MonthBounds {
  return boundsCache(`${timeZone}|${month}`, () => {
    const { year, month: m } = parseYearMonth(month);
    const start = DateTime.fromObject({ year, month: m, day: 1 }, { zone: timeZone });
    if (!start.isValid) throw new Error(`unknown time zone ${timeZone}`);
    return { start: start.toMillis(), end: start.plus({ months: 1 }).toMillis() };
  });
}

/** The last instant of the month (one millisecond before the next month's first midnight). */
export const lastInstantOf = (month: YearMonth, timeZone: string): number =>
  monthBounds(month, timeZone).end - 1;
