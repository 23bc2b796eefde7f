import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  type PathwayConfig,
  pathwayConfigSchema,
  type WindowRule,
} from '../../src/domain/pathway/config';
import {
  addCalendarDays,
  addCalendarMonths,
  pathwayWindows,
  pointWindow,
} from '../../src/domain/pathway/windows';
import type { WorkingTime } from '../../src/domain/routine';
import { workingCalendar } from '../../src/domain/working-calendar';
import { defaultRoutine, OSLO, osloIso } from '../support/domain-fixtures';

const PATHWAYS_PATH = join(__dirname, '..', '..', 'config', 'pathways.json');
const shipped = (): PathwayConfig =>
  pathwayConfigSchema.parse(JSON.parse(readFileSync(PATHWAYS_PATH, 'utf8')));

const WORKING_TIME: WorkingTime = defaultRoutine().policy.workingTime;
const POLICY = shipped().policy;

const windows = (diagnosisDate: string, workingTime: WorkingTime = WORKING_TIME) => {
  const [point2, point3] = pathwayWindows(diagnosisDate, POLICY, workingTime);
  return { point2, point3 };
};

const localOf = (iso: string) => DateTime.fromISO(iso, { zone: OSLO });

describe('calendar month arithmetic', () => {
  it.each([
    ['2024-01-31', 3, '2024-04-30'], // April has 30 days: clamps to the month's end
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'], // leap year
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 18, '2025-08-29'], // the day exists in August: no clamp
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-10-31', 4, '2026-02-28'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2026-03-15', 0, '2026-03-15'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it('counts days as calendar days, across a DST change', () => {
    expect(addCalendarDays('2026-04-10', -21)).toBe('2026-03-20');
    expect(addCalendarDays('2026-10-30', 3)).toBe('2026-11-02');
  });

  it('refuses what is not an ISO date', () => {
    expect(() => addCalendarMonths('2026-02-30', 1)).toThrow(/not an ISO date/);
    expect(() => addCalendarMonths('09.03.2026', 1)).toThrow(/not an ISO date/);
  });
});

describe('the windows of points 2 and 3 (shipped config, default working time)', () => {
  it('opens 3 and closes 4 months after the diagnosis for point 2, 12 and 18 for point 3', () => {
    const { point2, point3 } = windows('2026-01-13'); // a Tuesday
    expect(point2).toEqual({
      point: 2,
      opensOn: '2026-04-13',
      closesOn: '2026-05-13',
      closingDay: '2026-05-13',
      opensAt: osloIso('2026-04-13T00:00'),
      closesAt: osloIso('2026-05-13T15:30'),
      // 21 days before 13 April is Monday 23 March: the start of working time that day.
      noticeAt: osloIso('2026-03-23T08:00'),
    });
    expect(point3).toMatchObject({
      point: 3,
      opensOn: '2027-01-13',
      closesOn: '2027-07-13',
      closingDay: '2027-07-13',
      closesAt: osloIso('2027-07-13T15:30'),
    });
  });

  it('31 January: point 2 opens on 30 April (month arithmetic clamps to the month end)', () => {
    const { point2, point3 } = windows('2024-01-31');
    expect(point2.opensOn).toBe('2024-04-30');
    expect(point2.closesOn).toBe('2024-05-31');
    expect(point2.closesAt).toBe(osloIso('2024-05-31T15:30'));
    expect(point3.opensOn).toBe('2025-01-31');
    expect(point3.closesOn).toBe('2025-07-31');
  });

  it('29 February: point 3 opens on 28 February the next year, point 2 closes on a Saturday', () => {
    const { point2, point3 } = windows('2024-02-29');
    expect(point3.opensOn).toBe('2025-02-28');
    expect(point3.closesOn).toBe('2025-08-29');
    // 29 June 2024 is a Saturday: the window closes at the end of Friday 28 June.
    expect(point2.closesOn).toBe('2024-06-29');
    expect(point2.closingDay).toBe('2024-06-28');
    expect(point2.closesAt).toBe(osloIso('2024-06-28T15:30'));
  });

  it('late November: point 3 closing on Whit Monday moves back to Friday', () => {
    const { point3 } = windows('2024-11-25');
    expect(point3.closesOn).toBe('2026-05-25'); // 2. pinsedag
    expect(point3.closingDay).toBe('2026-05-22');
    expect(point3.closesAt).toBe(osloIso('2026-05-22T15:30'));
  });

  it('late November: point 3 closing on 17 May (a Sunday) moves back to Friday, after Ascension Day', () => {
    const { point3 } = windows('2024-11-17');
    expect(point3.closesOn).toBe('2026-05-17');
    // Friday 15 May is a working day (Ascension Day was Thursday 14 May).
    expect(point3.closingDay).toBe('2026-05-15');
  });

  it('Easter: a window closing on Good Friday ends on the Wednesday before', () => {
    // Point 3 of a diagnosis on 3 October 2024 and point 2 of one on 3 December 2025.
    expect(windows('2024-10-03').point3.closesOn).toBe('2026-04-03');
    expect(windows('2024-10-03').point3.closesAt).toBe(osloIso('2026-04-01T15:30'));
    expect(windows('2025-12-03').point2.closesAt).toBe(osloIso('2026-04-01T15:30'));
  });

  it('Christmas: closing on 25 or 26 December ends on Christmas Eve, or the 23rd when it is closed', () => {
    expect(windows('2025-06-25').point3.closesOn).toBe('2026-12-25');
    expect(windows('2025-06-25').point3.closesAt).toBe(osloIso('2026-12-24T15:30'));
    expect(windows('2025-08-26').point2.closesOn).toBe('2025-12-26');
    expect(windows('2025-08-26').point2.closesAt).toBe(osloIso('2025-12-24T15:30'));

    const closedOnChristmasEve = { ...WORKING_TIME, closedDates: ['2025-12-24', '2026-12-24'] };
    expect(windows('2025-06-25', closedOnChristmasEve).point3.closesAt).toBe(
      osloIso('2026-12-23T15:30'),
    );
    expect(windows('2025-08-26', closedOnChristmasEve).point2.closesAt).toBe(
      osloIso('2025-12-23T15:30'),
    );
  });

  it('closingDayFallback "next" moves a closing day off to the next working day instead', () => {
    const rule: WindowRule = POLICY.windows[0];
    const w = pointWindow('2025-12-03', rule, WORKING_TIME, 'next');
    // Good Friday 3 April 2026 → after Easter Monday → Tuesday 7 April.
    expect(w.closingDay).toBe('2026-04-07');
    expect(w.closesAt).toBe(osloIso('2026-04-07T15:30'));
  });

  it('never closes before it opens, even when the whole window is closed days', () => {
    const rule: WindowRule = {
      point: 2,
      opensAfterMonths: 3,
      closesAfterMonths: 4,
      noticeDaysBeforeOpening: 0,
    };
    // Every day from the opening (2 March 2026) to the closing (2 April) is closed.
    const closedDates = Array.from({ length: 32 }, (_, i) => addCalendarDays('2026-03-02', i));
    const w = pointWindow('2025-12-02', rule, { ...WORKING_TIME, closedDates }, 'previous');
    expect(w.opensOn).toBe('2026-03-02');
    expect(w.closesOn).toBe('2026-04-02');
    // Maundy Thursday to Easter Monday are holidays: Tuesday 7 April.
    expect(w.closingDay).toBe('2026-04-07');
  });

  it('DST: the closing deadline is 15:30 wall-clock time on both sides of the change', () => {
    // 30 November 2025 + 4 months = Monday 30 March 2026, the day after summer time began.
    const { point2 } = windows('2025-11-30');
    expect(point2.opensOn).toBe('2026-02-28'); // clamped
    expect(point2.closesAt).toBe('2026-03-30T13:30:00.000Z'); // 15:30 CEST
    // 13 January → 13 February (winter): 15:30 CET.
    expect(
      pointWindow(
        '2026-01-13',
        { ...POLICY.windows[0], closesAfterMonths: 1, opensAfterMonths: 0 },
        WORKING_TIME,
      ).closesAt,
    ).toBe('2026-02-13T14:30:00.000Z');
  });

  it('DST: the notice counts calendar days, not 24-hour periods, across the change', () => {
    // Point 2 of 10 January 2026 opens Friday 10 April (summer time); 21 days earlier is
    // Friday 20 March (winter time). 21 × 24 h before the opening would be 19 March 23:00.
    const { point2 } = windows('2026-01-10');
    expect(point2.opensAt).toBe('2026-04-09T22:00:00.000Z'); // midnight CEST
    expect(point2.noticeAt).toBe('2026-03-20T07:00:00.000Z'); // 08:00 CET
  });

  it('a notice day off moves to the start of the next working day', () => {
    // Point 2 of 30 November 2025 opens on Saturday 28 February; 21 days earlier is Saturday
    // 7 February: the card is posted on Monday 9 February at 08:00.
    expect(windows('2025-11-30').point2.noticeAt).toBe(osloIso('2026-02-09T08:00'));
  });

  it('follows the working time given: another zone, other hours', () => {
    const helsinki: WorkingTime = { ...WORKING_TIME, timeZone: 'Europe/Helsinki', end: '16:00' };
    const { point2 } = windows('2026-01-13', helsinki);
    expect(point2.closesAt).toBe(
      DateTime.fromISO('2026-05-13T16:00', { zone: 'Europe/Helsinki' }).toUTC().toISO(),
    );
  });
});

describe('window invariants (property)', () => {
  const calendar = workingCalendar(WORKING_TIME);
  const diagnosisDate = fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2035-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));

  it('closes at 15:30 on a working day no later than the nominal day and after the opening', () => {
    fc.assert(
      fc.property(diagnosisDate, (date) => {
        for (const w of pathwayWindows(date, POLICY, WORKING_TIME)) {
          const closing = localOf(w.closesAt);
          expect(closing.toFormat('HH:mm')).toBe('15:30');
          expect(calendar.isWorkingDay(closing.startOf('day'))).toBe(true);
          expect(w.closingDay <= w.closesOn).toBe(true);
          expect(w.closingDay >= w.opensOn).toBe(true);
          // Only days off lie between the closing day and the nominal one.
          for (
            let d = addCalendarDays(w.closingDay, 1);
            d <= w.closesOn;
            d = addCalendarDays(d, 1)
          ) {
            expect(calendar.isWorkingDay(DateTime.fromISO(d, { zone: OSLO }))).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('posts the notice at the start of working time, on or after the notice day', () => {
    fc.assert(
      fc.property(diagnosisDate, (date) => {
        for (const w of pathwayWindows(date, POLICY, WORKING_TIME)) {
          const notice = localOf(w.noticeAt);
          expect(notice.toFormat('HH:mm')).toBe('08:00');
          expect(calendar.isWorkingDay(notice.startOf('day'))).toBe(true);
          expect((notice.toISODate() as string) >= addCalendarDays(w.opensOn, -21)).toBe(true);
          expect(localOf(w.opensAt).toFormat('HH:mm')).toBe('00:00');
          expect(localOf(w.opensAt).toISODate()).toBe(w.opensOn);
        }
      }),
      { numRuns: 200 },
    );
  });
});
