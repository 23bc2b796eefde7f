import fc from 'fast-check';
import { workingCalendar } from '../../src/domain/working-calendar';
import { defaultRoutine } from '../support/domain-fixtures';

/**
 * The instant-based day questions (served from cached day windows) answer exactly what the
 * calendar-day questions do, for any instant: across DST changes, Easter and Christmas.
 */
describe('working calendar: instant-based day questions', () => {
  const workingTime = defaultRoutine().policy.workingTime;
  const calendar = workingCalendar(workingTime);
  const instants = fc
    .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T23:59:59Z') })
    .filter((d) => !Number.isNaN(d.getTime()));

  it('sameWorkingDayEnd is the day end before it, else the next working day end', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        const day = calendar.dayOf(instant);
        const end = calendar.endOfWorkingDay(day);
        const expected =
          calendar.isWorkingDay(day) && instant.getTime() < end.toMillis()
            ? end
            : calendar.endOfWorkingDay(calendar.nextWorkingDay(day));
        expect(calendar.sameWorkingDayEnd(instant).toISOString()).toBe(
          expected.toJSDate().toISOString(),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('endOfWorkingDayAfter counts calendar days, then falls back to a working day', () => {
    fc.assert(
      fc.property(
        instants,
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom('next' as const, 'previous' as const),
        (instant, days, fallback) => {
          const dayN = calendar.dayOf(instant).plus({ days });
          const last = calendar.isWorkingDay(dayN)
            ? dayN
            : fallback === 'next'
              ? calendar.nextWorkingDay(dayN)
              : calendar.previousWorkingDay(dayN);
          expect(calendar.endOfWorkingDayAfter(instant, days, fallback).toISOString()).toBe(
            calendar.endOfWorkingDay(last).toJSDate().toISOString(),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads Maundy Thursday 2026 evening as Tuesday after Easter Monday', () => {
    // 2026-04-02 is Maundy Thursday; Friday, the weekend and Easter Monday are not working days.
    expect(calendar.sameWorkingDayEnd(new Date('2026-04-02T18:00:00+02:00')).toISOString()).toBe(
      new Date(`2026-04-07T${workingTime.end}:00+02:00`).toISOString(),
    );
  });
});
