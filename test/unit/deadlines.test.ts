import { DateTime } from 'luxon';
import { type Anchors, deadlineFor } from '../../src/domain/deadlines';
import type { DeadlineRule, WorkingTime } from '../../src/domain/routine';
import { workingCalendar } from '../../src/domain/working-calendar';
import { defaultRoutine, OSLO, osloIso } from '../support/domain-fixtures';

/** The default config's working time: Europe/Oslo, Mon-Fri 08:00-15:30, NO public holidays. */
const DEFAULT_WT: WorkingTime = defaultRoutine().policy.workingTime;

const withWt = (patch: Partial<WorkingTime>): WorkingTime => ({ ...DEFAULT_WT, ...patch });

const sameWorkingDay: DeadlineRule = { kind: 'sameWorkingDay', from: 'hsyreRegistered' };
const withinDays = (days: number): DeadlineRule => ({
  kind: 'withinDays',
  from: 'hospitalContact',
  days,
});
/** The default routine's seriously ill first-contact rule. */
const seriouslyIllFirstContact: DeadlineRule = {
  kind: 'earliestOf',
  rules: [sameWorkingDay, withinDays(3)],
};

const due = (rule: DeadlineRule, anchors: Anchors, wt: WorkingTime = DEFAULT_WT) =>
  deadlineFor(rule, anchors, wt)?.toISOString();

/** Deadline of a message ("HSYRE ny pas.") posted at a local Oslo time. */
const messageDue = (local: string, wt: WorkingTime = DEFAULT_WT) =>
  due(sameWorkingDay, { hsyreRegistered: osloIso(local) }, wt);

/** "Within N days" of a hospital contact at a local Oslo time. */
const withinDue = (local: string, days: number, wt: WorkingTime = DEFAULT_WT) =>
  due(withinDays(days), { hospitalContact: osloIso(local) }, wt);

const weekday = (isoDate: string) =>
  DateTime.fromISO(isoDate, { zone: OSLO }).toFormat('cccc', { locale: 'en' });

describe('test calendar sanity (the dates the scenarios rely on)', () => {
  it.each([
    ['2026-03-11', 'Wednesday'],
    ['2026-03-13', 'Friday'],
    ['2026-03-20', 'Friday'],
    ['2026-03-29', 'Sunday'],
    ['2026-04-02', 'Thursday'],
    ['2026-05-17', 'Sunday'],
    ['2026-05-22', 'Friday'],
    ['2026-05-25', 'Monday'],
    ['2026-10-25', 'Sunday'],
    ['2026-12-24', 'Thursday'],
    ['2027-05-17', 'Monday'],
    ['2026-03-14', 'Saturday'],
    ['2026-03-28', 'Saturday'],
    ['2027-03-25', 'Thursday'],
    ['2027-03-28', 'Sunday'],
    ['2027-03-30', 'Tuesday'],
  ])('%s is a %s', (date, day) => {
    expect(weekday(date)).toBe(day);
  });

  it('the default working time is the one the brief describes', () => {
    expect(DEFAULT_WT).toEqual({
      timeZone: 'Europe/Oslo',
      days: [1, 2, 3, 4, 5],
      start: '08:00',
      end: '15:30',
      holidayCountry: 'NO',
      closedDates: [],
      nonWorkingDayFallback: 'previous',
    });
  });
});

describe('working calendar (default working time)', () => {
  const calendar = workingCalendar(DEFAULT_WT);
  const day = (isoDate: string) => DateTime.fromISO(isoDate, { zone: OSLO });

  it.each([
    ['2026-01-01', 'New Year'],
    ['2026-04-02', 'Maundy Thursday'],
    ['2026-04-03', 'Good Friday'],
    ['2026-04-06', 'Easter Monday'],
    ['2026-05-01', 'Labour Day'],
    ['2026-05-14', 'Ascension Day'],
    ['2026-05-25', 'Whit Monday'],
    ['2026-12-25', 'Christmas Day'],
    ['2027-05-17', 'Constitution Day and Whit Monday'],
    ['2027-05-06', 'Ascension Day 2027'],
    ['2027-03-25', 'Maundy Thursday 2027'],
  ])('%s (%s) is not a working day', (date) => {
    expect(calendar.isWorkingDay(day(date))).toBe(false);
  });

  it.each([
    ['2026-03-11', 'an ordinary Wednesday'],
    ['2026-04-01', 'Wednesday before Easter'],
    ['2026-04-07', 'Tuesday after Easter Monday'],
    ['2026-05-08', 'Liberation Day (an observance, not a public holiday)'],
    ['2026-05-18', 'Monday after 17 May on a Sunday (no substitute holiday)'],
    ['2026-12-24', 'Christmas Eve (bank holiday only)'],
    ['2026-12-31', "New Year's Eve (bank holiday only)"],
  ])('%s (%s) is a working day', (date) => {
    expect(calendar.isWorkingDay(day(date))).toBe(true);
  });

  it('weekends are not working days', () => {
    expect(calendar.isWorkingDay(day('2026-03-14'))).toBe(false);
    expect(calendar.isWorkingDay(day('2026-03-15'))).toBe(false);
  });

  it('closedDates closes an otherwise working day', () => {
    const closing = workingCalendar(withWt({ closedDates: ['2026-12-24', '2026-12-31'] }));
    expect(closing.isWorkingDay(day('2026-12-24'))).toBe(false);
    expect(closing.isWorkingDay(day('2026-12-31'))).toBe(false);
    expect(closing.isWorkingDay(day('2026-12-23'))).toBe(true);
  });

  it('dayOf takes the calendar day in Oslo, not in UTC', () => {
    // 23:30 UTC on Thursday 26 March is 00:30 on Friday in Oslo.
    expect(calendar.dayOf(new Date('2026-03-26T23:30:00Z')).toISODate()).toBe('2026-03-27');
    // 22:30 UTC on Sunday 29 March (summer time) is 00:30 on Monday in Oslo.
    expect(calendar.dayOf(new Date('2026-03-29T22:30:00Z')).toISODate()).toBe('2026-03-30');
  });

  it('next/previous working day skip weekends and holidays', () => {
    expect(calendar.nextWorkingDay(day('2026-04-01')).toISODate()).toBe('2026-04-07');
    expect(calendar.previousWorkingDay(day('2026-04-07')).toISODate()).toBe('2026-04-01');
  });

  it('refuses to walk forever when no day is ever a working day', () => {
    const saturdaysOnly = workingCalendar(withWt({ days: [6], closedDates: [] }));
    // Saturdays only is fine ...
    expect(saturdaysOnly.nextWorkingDay(day('2026-03-09')).toISODate()).toBe('2026-03-14');
    // ... but a calendar with every day closed throws instead of looping.
    const closedAll = workingCalendar(
      withWt({
        days: [6],
        closedDates: Array.from({ length: 70 }, (_, i) =>
          day('2026-03-09').plus({ days: i }).toISODate(),
        ).filter((d): d is string => d !== null),
      }),
    );
    expect(() => closedAll.nextWorkingDay(day('2026-03-09'))).toThrow(/no working day/);
  });
});

describe('sameWorkingDay', () => {
  it('a message at 07:00 on a working day is due the same day at 15:30', () => {
    expect(messageDue('2026-03-11T07:00')).toBe('2026-03-11T14:30:00.000Z');
  });

  it('a message during working hours is due the same day at 15:30', () => {
    expect(messageDue('2026-03-11T10:00')).toBe('2026-03-11T14:30:00.000Z');
    expect(messageDue('2026-03-11T15:29:59')).toBe('2026-03-11T14:30:00.000Z');
  });

  it('a message at exactly 15:30 counts as after working time (next working day)', () => {
    expect(messageDue('2026-03-11T15:30')).toBe('2026-03-12T14:30:00.000Z');
  });

  it('a message after working time is due the next working day at 15:30', () => {
    expect(messageDue('2026-03-11T16:00')).toBe('2026-03-12T14:30:00.000Z');
    expect(messageDue('2026-03-11T23:59')).toBe('2026-03-12T14:30:00.000Z');
  });

  it('a message at 15:31 on a Friday is due Monday 15:30 (across the weekend)', () => {
    expect(messageDue('2026-03-20T15:31')).toBe('2026-03-23T14:30:00.000Z');
  });

  it('a message at 15:31 on a Friday before Whit Monday is due Tuesday 15:30', () => {
    // 25 May 2026 is Whit Monday.
    expect(messageDue('2026-05-22T15:31')).toBe('2026-05-26T13:30:00.000Z');
  });

  it('a message on a Saturday or Sunday is due Monday 15:30', () => {
    expect(messageDue('2026-03-21T07:00')).toBe('2026-03-23T14:30:00.000Z');
    expect(messageDue('2026-03-22T11:00')).toBe('2026-03-23T14:30:00.000Z');
  });

  it('uses the Oslo calendar day: 00:30 Oslo (23:30 UTC the day before) is due that Oslo day', () => {
    // 2026-03-10T23:30Z is Wednesday 11 March 00:30 in Oslo: before working time, same day.
    expect(due(sameWorkingDay, { hsyreRegistered: '2026-03-10T23:30:00.000Z' })).toBe(
      '2026-03-11T14:30:00.000Z',
    );
  });

  it('follows a configured end of the working day', () => {
    expect(messageDue('2026-03-11T10:00', withWt({ end: '16:00' }))).toBe(
      '2026-03-11T15:00:00.000Z',
    );
  });

  it('is undefined while the anchor has not happened', () => {
    expect(deadlineFor(sameWorkingDay, {}, DEFAULT_WT)).toBeUndefined();
    expect(
      deadlineFor(sameWorkingDay, { hospitalContact: osloIso('2026-03-11T10:00') }, DEFAULT_WT),
    ).toBeUndefined();
  });
});

describe('withinDays', () => {
  it('counts calendar days and ends at the end of working time on day N', () => {
    expect(withinDue('2026-03-09T10:00', 3)).toBe('2026-03-12T14:30:00.000Z'); // Mon → Thu
    expect(withinDue('2026-03-09T10:00', 14)).toBe('2026-03-23T14:30:00.000Z'); // Mon → Mon
  });

  it('the time of day of the start event does not matter (calendar days)', () => {
    expect(withinDue('2026-03-09T00:05', 3)).toBe('2026-03-12T14:30:00.000Z');
    expect(withinDue('2026-03-09T23:55', 3)).toBe('2026-03-12T14:30:00.000Z');
  });

  it('0 days is the end of working time on the day itself', () => {
    expect(withinDue('2026-03-09T10:00', 0)).toBe('2026-03-09T14:30:00.000Z');
  });

  it('across a weekend: day N on a Saturday falls back to Friday 15:30 (never stretched)', () => {
    expect(withinDue('2026-03-11T10:00', 3)).toBe('2026-03-13T14:30:00.000Z'); // Wed → Sat → Fri
    expect(withinDue('2026-03-12T10:00', 3)).toBe('2026-03-13T14:30:00.000Z'); // Thu → Sun → Fri
  });

  it("across a weekend with nonWorkingDayFallback 'next': Monday 15:30", () => {
    const next = withWt({ nonWorkingDayFallback: 'next' });
    expect(withinDue('2026-03-11T10:00', 3, next)).toBe('2026-03-16T14:30:00.000Z');
    expect(withinDue('2026-03-12T10:00', 3, next)).toBe('2026-03-16T14:30:00.000Z');
  });

  it('the fallback switch does not matter when day N is a working day', () => {
    const next = withWt({ nonWorkingDayFallback: 'next' });
    expect(withinDue('2026-03-09T10:00', 3, next)).toBe(withinDue('2026-03-09T10:00', 3));
  });

  it('a start on a weekend counts from that calendar day', () => {
    expect(withinDue('2026-03-14T12:00', 3)).toBe('2026-03-17T14:30:00.000Z'); // Sat → Tue
  });
});

describe('across the change to summer time (Sunday 29 March 2026)', () => {
  it('Friday 27 March (CET, UTC+1): 15:30 local is 14:30 UTC', () => {
    expect(withinDue('2026-03-26T10:00', 3)).toBe('2026-03-27T14:30:00.000Z'); // Thu → Sun → Fri
  });

  it('Monday 30 March (CEST, UTC+2): 15:30 local is 13:30 UTC', () => {
    expect(withinDue('2026-03-27T10:00', 3)).toBe('2026-03-30T13:30:00.000Z'); // Fri → Mon
    const next = withWt({ nonWorkingDayFallback: 'next' });
    expect(withinDue('2026-03-26T10:00', 3, next)).toBe('2026-03-30T13:30:00.000Z');
  });

  it('a message after working time on the Friday before is due Monday 15:30 CEST', () => {
    expect(messageDue('2026-03-27T16:00')).toBe('2026-03-30T13:30:00.000Z');
  });

  it('a message during the missing hour (Sunday 29 March) is due Monday 15:30 CEST', () => {
    // 01:30 UTC on 29 March is 03:30 CEST, just after the clocks went forward.
    expect(due(sameWorkingDay, { hsyreRegistered: '2026-03-29T01:30:00.000Z' })).toBe(
      '2026-03-30T13:30:00.000Z',
    );
  });

  it('counting 14 days across the change still ends at 15:30 local', () => {
    expect(withinDue('2026-03-20T10:00', 14)).toBe('2026-04-01T13:30:00.000Z'); // Fri → Fri 3 Apr (Good Friday) → Wed 1 Apr
    expect(withinDue('2026-03-16T10:00', 14)).toBe('2026-03-30T13:30:00.000Z'); // Mon → Mon
  });
});

describe('across the change to winter time (Sunday 25 October 2026)', () => {
  it('Friday 23 October (CEST, UTC+2): 15:30 local is 13:30 UTC', () => {
    expect(withinDue('2026-10-22T10:00', 3)).toBe('2026-10-23T13:30:00.000Z'); // Thu → Sun → Fri
  });

  it('Monday 26 October (CET, UTC+1): 15:30 local is 14:30 UTC', () => {
    expect(withinDue('2026-10-23T10:00', 3)).toBe('2026-10-26T14:30:00.000Z'); // Fri → Mon
    const next = withWt({ nonWorkingDayFallback: 'next' });
    expect(withinDue('2026-10-22T10:00', 3, next)).toBe('2026-10-26T14:30:00.000Z');
  });

  it('a message after working time on the Friday before is due Monday 15:30 CET', () => {
    expect(messageDue('2026-10-23T15:45')).toBe('2026-10-26T14:30:00.000Z');
  });

  it('a message during the repeated hour (Sunday 25 October) is due Monday 15:30 CET', () => {
    // 00:30 and 01:30 UTC are both 02:30 local on 25 October.
    expect(due(sameWorkingDay, { hsyreRegistered: '2026-10-25T00:30:00.000Z' })).toBe(
      '2026-10-26T14:30:00.000Z',
    );
    expect(due(sameWorkingDay, { hsyreRegistered: '2026-10-25T01:30:00.000Z' })).toBe(
      '2026-10-26T14:30:00.000Z',
    );
  });
});

describe('around Easter 2026 (Maundy Thursday 2 April to Easter Monday 6 April)', () => {
  it('a message after working time on Wednesday 1 April is due Tuesday 7 April', () => {
    expect(messageDue('2026-04-01T16:00')).toBe('2026-04-07T13:30:00.000Z');
  });

  it.each([
    '2026-04-02T09:00',
    '2026-04-03T09:00',
    '2026-04-04T09:00',
    '2026-04-05T09:00',
    '2026-04-06T09:00',
  ])('a message on %s (a holiday or weekend) is due Tuesday 7 April', (local) => {
    expect(messageDue(local)).toBe('2026-04-07T13:30:00.000Z');
  });

  it('a message on Wednesday 1 April in working hours is due that day', () => {
    expect(messageDue('2026-04-01T09:00')).toBe('2026-04-01T13:30:00.000Z');
  });

  it('3 days ending on Good Friday fall back to Wednesday 1 April, or Tuesday 7 April with "next"', () => {
    expect(withinDue('2026-03-31T10:00', 3)).toBe('2026-04-01T13:30:00.000Z'); // Tue → Fri 3 Apr
    const next = withWt({ nonWorkingDayFallback: 'next' });
    expect(withinDue('2026-03-31T10:00', 3, next)).toBe('2026-04-07T13:30:00.000Z');
  });

  it('14 days ending on Easter Monday fall back to Wednesday 1 April', () => {
    expect(withinDue('2026-03-23T10:00', 14)).toBe('2026-04-01T13:30:00.000Z'); // Mon → Mon 6 Apr
  });

  it('a 3-day limit over Easter never falls before the start event: the floor', () => {
    // Hospital contact Wednesday 1 April 16:00, 3 days → Saturday 4 April; every day back to
    // Wednesday 1 April is closed, and falling back would give Wednesday 15:30, before the
    // contact itself. The floor (the contact's own "same working day": after hours, so the next
    // working day) makes it Tuesday 7 April 15:30.
    expect(withinDue('2026-04-01T16:00', 3)).toBe('2026-04-07T13:30:00.000Z');
  });
});

describe('17 May', () => {
  it('2026: 17 May is a Sunday, and Monday 18 May is an ordinary working day', () => {
    expect(messageDue('2026-05-16T10:00')).toBe('2026-05-18T13:30:00.000Z'); // Sat → Mon
    expect(messageDue('2026-05-17T10:00')).toBe('2026-05-18T13:30:00.000Z'); // Sun → Mon
    expect(withinDue('2026-05-13T10:00', 4)).toBe('2026-05-15T13:30:00.000Z'); // Wed → Sun → Fri
  });

  it('2027: Monday 17 May (Constitution Day and Whit Monday) is not a working day', () => {
    expect(messageDue('2027-05-14T15:31')).toBe('2027-05-18T13:30:00.000Z'); // Fri → Tue
    expect(messageDue('2027-05-17T09:00')).toBe('2027-05-18T13:30:00.000Z');
    expect(withinDue('2027-05-13T10:00', 4)).toBe('2027-05-14T13:30:00.000Z'); // Thu → Mon → Fri
    const next = withWt({ nonWorkingDayFallback: 'next' });
    expect(withinDue('2027-05-13T10:00', 4, next)).toBe('2027-05-18T13:30:00.000Z');
  });
});

describe('Christmas', () => {
  const closedEve = withWt({ closedDates: ['2026-12-24'] });

  it('25 and 26 December are holidays: a message on 24 December after hours is due Monday 28', () => {
    expect(messageDue('2026-12-24T16:00')).toBe('2026-12-28T14:30:00.000Z');
    expect(messageDue('2026-12-25T10:00')).toBe('2026-12-28T14:30:00.000Z');
    expect(messageDue('2026-12-26T10:00')).toBe('2026-12-28T14:30:00.000Z');
  });

  it('24 December is a working day by default', () => {
    expect(messageDue('2026-12-24T10:00')).toBe('2026-12-24T14:30:00.000Z');
    expect(withinDue('2026-12-21T10:00', 3)).toBe('2026-12-24T14:30:00.000Z'); // Mon → Thu 24
    expect(withinDue('2026-12-21T10:00', 4)).toBe('2026-12-24T14:30:00.000Z'); // → Fri 25 → Thu 24
  });

  it('24 December listed in closedDates is not a working day', () => {
    expect(messageDue('2026-12-24T10:00', closedEve)).toBe('2026-12-28T14:30:00.000Z');
    expect(messageDue('2026-12-23T16:00', closedEve)).toBe('2026-12-28T14:30:00.000Z');
    expect(withinDue('2026-12-21T10:00', 3, closedEve)).toBe('2026-12-23T14:30:00.000Z');
    expect(withinDue('2026-12-21T10:00', 4, closedEve)).toBe('2026-12-23T14:30:00.000Z');
  });

  it("with 'next', 3 days ending on a closed 24 December go to Monday 28", () => {
    const next = withWt({ closedDates: ['2026-12-24'], nonWorkingDayFallback: 'next' });
    expect(withinDue('2026-12-21T10:00', 3, next)).toBe('2026-12-28T14:30:00.000Z');
  });

  it('31 December is a working day unless closed; 1 January never is', () => {
    expect(messageDue('2026-12-31T10:00')).toBe('2026-12-31T14:30:00.000Z');
    expect(messageDue('2026-12-31T16:00')).toBe('2027-01-04T14:30:00.000Z'); // Fri 1 Jan → Mon 4
    const closedNewYearsEve = withWt({ closedDates: ['2026-12-31'] });
    expect(messageDue('2026-12-31T10:00', closedNewYearsEve)).toBe('2027-01-04T14:30:00.000Z');
  });
});

describe('earliestOf: the seriously ill first-contact rule', () => {
  // Wednesday 11 March 2026, hospital contact 10:00: "within 3 days" ends Saturday 14 March,
  // so that part of the rule falls due Friday 13 March 15:30.
  const hospitalContact = osloIso('2026-03-11T10:00');

  it('docs/domain.md example: contact Wednesday 10:00 → 3 days ends Saturday → Friday 15:30', () => {
    expect(due(withinDays(3), { hospitalContact })).toBe('2026-03-13T14:30:00.000Z');
  });

  it('... or Thursday 15:30 when Friday is closed', () => {
    const fridayClosed = withWt({ closedDates: ['2026-03-13'] });
    expect(due(withinDays(3), { hospitalContact }, fridayClosed)).toBe('2026-03-12T14:30:00.000Z');
  });

  it('HSYRE registered on the Wednesday: the same working day is the earlier of two', () => {
    const anchors = { hospitalContact, hsyreRegistered: osloIso('2026-03-11T11:00') };
    expect(due(seriouslyIllFirstContact, anchors)).toBe('2026-03-11T14:30:00.000Z');
  });

  it('HSYRE registered Friday after hours: the 3-day limit (Friday 15:30) wins over Monday', () => {
    const anchors = { hospitalContact, hsyreRegistered: osloIso('2026-03-13T16:00') };
    expect(due(sameWorkingDay, anchors)).toBe('2026-03-16T14:30:00.000Z');
    expect(due(seriouslyIllFirstContact, anchors)).toBe('2026-03-13T14:30:00.000Z');
  });

  it('HSYRE registered Thursday after hours with Friday closed: Thursday 15:30', () => {
    const fridayClosed = withWt({ closedDates: ['2026-03-13'] });
    const anchors = { hospitalContact, hsyreRegistered: osloIso('2026-03-12T16:00') };
    // Same working day alone would be Monday (Friday closed); the 3-day limit is Thursday.
    expect(due(sameWorkingDay, anchors, fridayClosed)).toBe('2026-03-16T14:30:00.000Z');
    expect(due(seriouslyIllFirstContact, anchors, fridayClosed)).toBe('2026-03-12T14:30:00.000Z');
  });

  it('the order of the rules does not matter', () => {
    const anchors = { hospitalContact, hsyreRegistered: osloIso('2026-03-13T16:00') };
    const reversed: DeadlineRule = { kind: 'earliestOf', rules: [withinDays(3), sameWorkingDay] };
    expect(due(reversed, anchors)).toBe(due(seriouslyIllFirstContact, anchors));
  });

  it("with nonWorkingDayFallback 'next' the 3-day part moves to Monday and both parts agree", () => {
    const next = withWt({ nonWorkingDayFallback: 'next' });
    const anchors = { hospitalContact, hsyreRegistered: osloIso('2026-03-13T16:00') };
    expect(due(withinDays(3), anchors, next)).toBe('2026-03-16T14:30:00.000Z');
    expect(due(seriouslyIllFirstContact, anchors, next)).toBe('2026-03-16T14:30:00.000Z');
  });

  it('is undefined when an anchor one of its rules needs is missing', () => {
    expect(deadlineFor(seriouslyIllFirstContact, { hospitalContact }, DEFAULT_WT)).toBeUndefined();
    expect(
      deadlineFor(
        seriouslyIllFirstContact,
        { hsyreRegistered: osloIso('2026-03-11T11:00') },
        DEFAULT_WT,
      ),
    ).toBeUndefined();
    expect(deadlineFor(seriouslyIllFirstContact, {}, DEFAULT_WT)).toBeUndefined();
  });

  it('nests: an earliestOf inside an earliestOf', () => {
    const nested: DeadlineRule = {
      kind: 'earliestOf',
      rules: [{ kind: 'earliestOf', rules: [withinDays(14)] }, withinDays(3)],
    };
    expect(due(nested, { hospitalContact })).toBe('2026-03-13T14:30:00.000Z');
  });
});

describe('the floor: "within N days" is never before the start event\'s own working day', () => {
  const routine = defaultRoutine();
  const fveSeriouslyIll = routine.policy.deadlines.fveAssessment.seriouslyIll;
  const firstContactSeriouslyIll = routine.policy.deadlines.firstContact.seriouslyIll;
  const closedEve = withWt({ closedDates: ['2026-12-24'] });

  describe('Maundy Thursday 2027 (25 March; Easter Sunday 28 March is also the change to summer time)', () => {
    // 3 days → Easter Sunday; falling back passes Good Friday and Maundy Thursday to Wednesday
    // 24 March 15:30, the day before the contact. The contact came on a holiday, so the floor is
    // the end of the next working day: Tuesday 30 March 15:30 CEST (Easter Monday is closed).
    const hospitalContact = osloIso('2027-03-25T10:00');

    it('seriously ill, FVE assessment: Tuesday 30 March 15:30, not Wednesday 24 March', () => {
      expect(due(fveSeriouslyIll, { hospitalContact })).toBe('2027-03-30T13:30:00.000Z');
      expect(
        due(fveSeriouslyIll, { hospitalContact }, withWt({ nonWorkingDayFallback: 'next' })),
      ).toBe('2027-03-30T13:30:00.000Z');
    });

    it('seriously ill, first contact when FVE registers HSYRE the same day: Tuesday 30 March', () => {
      const anchors = { hospitalContact, hsyreRegistered: osloIso('2027-03-25T11:00') };
      expect(due(firstContactSeriouslyIll, anchors)).toBe('2027-03-30T13:30:00.000Z');
    });

    it('the same contact on the Wednesday before, in working hours, is due that Wednesday', () => {
      // 3 days → Saturday 27 March → back to Wednesday 24 March itself: the floor agrees.
      expect(due(fveSeriouslyIll, { hospitalContact: osloIso('2027-03-24T10:00') })).toBe(
        '2027-03-24T14:30:00.000Z',
      );
    });

    it('normal (14 days) is not touched by the floor', () => {
      const normal = routine.policy.deadlines.fveAssessment.normal;
      expect(due(normal, { hospitalContact })).toBe('2027-04-08T13:30:00.000Z'); // Thu 8 April
    });
  });

  describe('Christmas Eve 2026 (Thursday 24 December; 25 and 26 December are holidays)', () => {
    it('in working hours: 3 days → Sunday 27 → back to Thursday 24 15:30, the floor agrees', () => {
      expect(withinDue('2026-12-24T10:00', 3)).toBe('2026-12-24T14:30:00.000Z');
    });

    it('after working hours: not the same Thursday 15:30, but Monday 28 December 15:30', () => {
      expect(withinDue('2026-12-24T16:00', 3)).toBe('2026-12-28T14:30:00.000Z');
      expect(withinDue('2026-12-24T16:00', 0)).toBe('2026-12-28T14:30:00.000Z');
    });

    it('with 24 December closed: Monday 28 December 15:30, not Wednesday 23', () => {
      expect(withinDue('2026-12-24T10:00', 3, closedEve)).toBe('2026-12-28T14:30:00.000Z');
    });
  });

  describe('a Saturday night (14 March 2026, 23:30)', () => {
    it.each([
      [0, 'Saturday → back to Friday 13, before the contact'],
      [1, 'Sunday → back to Friday 13, before the contact'],
      [2, 'Monday 16 itself'],
    ])('%i days (%s): Monday 16 March 15:30', (days) => {
      expect(withinDue('2026-03-14T23:30', days)).toBe('2026-03-16T14:30:00.000Z');
    });

    it('3 days end Tuesday 17 March, after the floor: unchanged', () => {
      expect(withinDue('2026-03-14T23:30', 3)).toBe('2026-03-17T14:30:00.000Z');
    });
  });

  describe('on the days the clocks change', () => {
    it('summer time: Saturday 28 March 2026, 1 day → Sunday → not Friday 15:30 CET but Monday 15:30 CEST', () => {
      expect(withinDue('2026-03-28T10:00', 1)).toBe('2026-03-30T13:30:00.000Z');
    });

    it('summer time: a contact in the hour after the clocks went forward, 0 days: Monday 15:30 CEST', () => {
      // 01:30 UTC on Sunday 29 March is 03:30 CEST.
      expect(due(withinDays(0), { hospitalContact: '2026-03-29T01:30:00.000Z' })).toBe(
        '2026-03-30T13:30:00.000Z',
      );
    });

    it('winter time: both 02:30 of Sunday 25 October 2026, 0 days: Monday 15:30 CET', () => {
      for (const hospitalContact of ['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']) {
        expect(due(withinDays(0), { hospitalContact })).toBe('2026-10-26T14:30:00.000Z');
      }
    });

    it('winter time: Friday 23 October 2026 after hours, 2 days → Sunday → Monday 15:30 CET', () => {
      expect(withinDue('2026-10-23T16:00', 2)).toBe('2026-10-26T14:30:00.000Z');
    });
  });

  it('the floor is the start event\'s "same working day", even for a start before 08:00', () => {
    // Wednesday 1 April 2026 07:00, before working hours: the whole Wednesday is ahead, so
    // 3 days (→ Saturday, back to Wednesday) stay Wednesday 15:30.
    expect(withinDue('2026-04-01T07:00', 3)).toBe('2026-04-01T13:30:00.000Z');
    expect(withinDue('2026-04-01T15:30', 3)).toBe('2026-04-07T13:30:00.000Z'); // 15:30 is after
  });
});

describe('purity', () => {
  it('gives the same answer for the same input and does not touch its arguments', () => {
    const anchors = Object.freeze({ hospitalContact: osloIso('2026-03-11T10:00') });
    const wt = Object.freeze(structuredClone(DEFAULT_WT));
    const first = deadlineFor(withinDays(3), anchors, wt);
    const second = deadlineFor(withinDays(3), anchors, wt);
    expect(first?.toISOString()).toBe(second?.toISOString());
    expect(first).not.toBe(second);
  });
});
