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
        return from ? calendar.sameWorkingDayEnd(new Date(from)) : undefined;
      }
      case 'withinDays': {
        const from = anchors[r.from];
        if (!from) return undefined;
        const instant = new Date(from);
        const limit = calendar.endOfWorkingDayAfter(
          instant,
          r.days,
          workingTime.nonWorkingDayFallback,
        );
        // Falling back over a long holiday can land before the event itself (3 days from Maundy
        // Thursday back to the Wednesday); nobody can act before the event, so the deadline is
        // then the event's own working day, as "same working day" reads it.
        const floor = calendar.sameWorkingDayEnd(instant);
        return new Date(Math.max(limit.getTime(), floor.getTime()));
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
