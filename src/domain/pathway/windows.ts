import { DateTime } from 'luxon';
import type { WorkingTime } from '../routine';
import { workingCalendar } from '../working-calendar';
import { type PathwayPolicy, POINT_NUMBERS, type PointNumber, type WindowRule } from './config';

/**
 * When a collaboration point's conversation is due, from the diagnosis date. Pure: the same
 * date, rules and working time always give the same window.
 */
export interface PointWindow {
  point: PointNumber;
  /** The day the window opens: the diagnosis date plus opensAfterMonths calendar months. */
  opensOn: string;
  /** The nominal closing day: the diagnosis date plus closesAfterMonths calendar months. */
  closesOn: string;
  /** The working day whose end of working time is the deadline: closesOn, or moved off a day off. */
  closingDay: string;
  /** Local midnight at the start of opensOn, as an instant. */
  opensAt: string;
  /** The end of working time on closingDay, as an instant: the point's deadline. */
  closesAt: string;
  /**
   * When the point's card is posted: the start of working time noticeDaysBeforeOpening calendar
   * days before opensOn, or of the next working day when that day is not one.
   */
  noticeAt: string;
}

function dateOnly(isoDate: string): DateTime {
  const d = DateTime.fromISO(isoDate, { zone: 'UTC' });
  if (!d.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
    throw new Error(`not an ISO date: ${isoDate}`);
  }
  return d;
}

/**
 * The date `months` calendar months after an ISO date. A day the target month lacks clamps to
 * its last day: 31 January + 3 months is 30 April, 29 February + 12 months is 28 February.
 */
export function addCalendarMonths(isoDate: string, months: number): string {
  return dateOnly(isoDate).plus({ months }).toISODate() as string;
}

/** The date `days` calendar days after (before, when negative) an ISO date. */
export function addCalendarDays(isoDate: string, days: number): string {
  return dateOnly(isoDate).plus({ days }).toISODate() as string;
}

/** One point's window for a diagnosis date, in the working time's zone and calendar. */
export function pointWindow(
  diagnosisDate: string,
  rule: WindowRule,
  workingTime: WorkingTime,
  closingDayFallback: PathwayPolicy['closingDayFallback'] = 'previous',
): PointWindow {
  const calendar = workingCalendar(workingTime);
  const zone = workingTime.timeZone;
  const local = (isoDate: string) => DateTime.fromISO(isoDate, { zone }).startOf('day');

  const opensOn = addCalendarMonths(diagnosisDate, rule.opensAfterMonths);
  const closesOn = addCalendarMonths(diagnosisDate, rule.closesAfterMonths);
  let closing: DateTime = local(closesOn);
  if (!calendar.isWorkingDay(closing)) {
    closing =
      closingDayFallback === 'previous'
        ? calendar.previousWorkingDay(closing)
        : calendar.nextWorkingDay(closing);
    // Never before the window opens: a window of days over a long closure moves forward instead.
    if ((closing.toISODate() as string) < opensOn)
      closing = calendar.nextWorkingDay(local(closesOn));
  }
  const noticeDay = local(addCalendarDays(opensOn, -rule.noticeDaysBeforeOpening));
  return {
    point: rule.point,
    opensOn,
    closesOn,
    closingDay: closing.toISODate() as string,
    opensAt: local(opensOn).toJSDate().toISOString(),
    closesAt: calendar.endOfWorkingDay(closing).toJSDate().toISOString(),
    noticeAt: calendar.nextWorkingInstant(noticeDay.toJSDate()).toISOString(),
  };
}

/** The windows of points 2 and 3, in that order. */
export function pathwayWindows(
  diagnosisDate: string,
  policy: Pick<PathwayPolicy, 'windows' | 'closingDayFallback'>,
  workingTime: WorkingTime,
): PointWindow[] {
  return POINT_NUMBERS.map((point) => {
    const rule = policy.windows.find((w) => w.point === point);
    if (!rule) throw new Error(`the pathway policy has no window for point ${point}`);
    return pointWindow(diagnosisDate, rule, workingTime, policy.closingDayFallback);
  });
}
