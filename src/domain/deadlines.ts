import type { Anchor, DeadlineRule, WorkingTime } from './routine';
import { workingCalendar } from './working-calendar';

export type Anchors = Partial<Record<Anchor, string>>;

/**
 * The instant a deadline rule falls due, or undefined while an anchor it counts from has not
 * happened yet. Pure over the rule, the recorded anchors and the working time.
 */
export function deadlineFor(
  rule: DeadlineRule,
  anchors: Anchors,
  workingTime: WorkingTime,
): Date | undefined {
  const calendar = workingCalendar(workingTime);

  const evaluate = (r: DeadlineRule): Date | undefined => {
    switch (r.kind) {
      case 'sameWorkingDay': {
        const from = anchors[r.from];
        if (!from) return undefined;
        const instant = new Date(from);
        const day = calendar.dayOf(instant);
        const sameDayEnd = calendar.endOfWorkingDay(day);
        if (calendar.isWorkingDay(day) && instant.getTime() < sameDayEnd.toMillis()) {
          return sameDayEnd.toJSDate();
        }
        return calendar.endOfWorkingDay(calendar.nextWorkingDay(day)).toJSDate();
      }
      case 'withinDays': {
        const from = anchors[r.from];
        if (!from) return undefined;
        const dayN = calendar.dayOf(new Date(from)).plus({ days: r.days });
        if (calendar.isWorkingDay(dayN)) return calendar.endOfWorkingDay(dayN).toJSDate();
        const fallback =
          workingTime.nonWorkingDayFallback === 'next'
            ? calendar.nextWorkingDay(dayN)
            : calendar.previousWorkingDay(dayN);
        return calendar.endOfWorkingDay(fallback).toJSDate();
      }
      case 'earliestOf': {
        const candidates = r.rules.map(evaluate);
        // All parts must be known: "the earlier of two" is not known while one is missing.
        if (candidates.some((c) => c === undefined)) return undefined;
        return new Date(Math.min(...candidates.map((c) => (c as Date).getTime())));
      }
    }
  };

  return evaluate(rule);
}
