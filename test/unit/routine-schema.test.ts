import {
  deadlineKeySchema,
  policySchema,
  type Routine,
  routineSchema,
} from '../../src/domain/routine';
import { defaultRoutine, rawRoutineJson } from '../support/domain-fixtures';

// The file is JSON; the variants below edit a plain copy of it, so `any` is the honest type.
// biome-ignore lint/suspicious/noExplicitAny: raw JSON edited by each test
type RawRoutine = any;

/** Parses a variant of config/routine.json and returns the issues' paths (dotted) and messages. */
function issuesOf(edit: (r: RawRoutine) => void): { path: string; message: string }[] {
  const raw = rawRoutineJson() as RawRoutine;
  edit(raw);
  const parsed = routineSchema.safeParse(raw);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const pathsOf = (edit: (r: RawRoutine) => void) => issuesOf(edit).map((i) => i.path);

describe('config/routine.json', () => {
  it('parses with routineSchema', () => {
    const parsed = routineSchema.safeParse(rawRoutineJson());
    expect(parsed.success).toBe(true);
  });

  it('has a version and every deadline key the product uses', () => {
    const routine: Routine = defaultRoutine();
    expect(routine.version).toBe('2026.2');
    expect(Object.keys(routine.policy.deadlines).sort()).toEqual(
      [...deadlineKeySchema.options].sort(),
    );
  });

  it('encodes the routine of docs/domain.md', () => {
    const { deadlines, stateDeadlines, workingTime } = defaultRoutine().policy;
    expect(deadlines.fveAssessment).toEqual({
      normal: { kind: 'withinDays', from: 'hospitalContact', days: 14 },
      seriouslyIll: { kind: 'withinDays', from: 'hospitalContact', days: 3 },
    });
    expect(deadlines.firstContact).toEqual({
      normal: { kind: 'sameWorkingDay', from: 'hsyreRegistered' },
      seriouslyIll: {
        kind: 'earliestOf',
        rules: [
          { kind: 'sameWorkingDay', from: 'hsyreRegistered' },
          { kind: 'withinDays', from: 'hospitalContact', days: 3 },
        ],
      },
    });
    expect(deadlines.serviceDecision.normal).toEqual({
      kind: 'withinDays',
      from: 'servicesReported',
      days: 3,
    });
    expect(deadlines.handover.normal).toEqual({ kind: 'sameWorkingDay', from: 'hsyGranted' });
    expect(stateDeadlines).toEqual({
      referred: 'fveAssessment',
      awaiting_claim: 'firstContact',
      claimed: 'firstContact',
      in_follow_up: 'followUpReview',
      services_needed: 'serviceDecision',
      hsy_granted: 'handover',
    });
    expect(workingTime.nonWorkingDayFallback).toBe('previous');
  });

  it('delivers every level in working time, at the offsets of version 2026.1', () => {
    expect(
      defaultRoutine().policy.escalation.map(({ id, offsetMinutes, offsetUnit, deliver }) => ({
        id,
        offsetMinutes,
        offsetUnit,
        deliver,
      })),
    ).toEqual([
      { id: 'reminder', offsetMinutes: -120, offsetUnit: 'calendar', deliver: 'workingTime' },
      { id: 'overdue', offsetMinutes: 0, offsetUnit: 'calendar', deliver: 'workingTime' },
      { id: 'fve', offsetMinutes: 1440, offsetUnit: 'calendar', deliver: 'workingTime' },
    ]);
  });

  it('a level without offsetUnit and deliver (a 2026.1 snapshot) gets calendar minutes, working-time delivery', () => {
    const raw = rawRoutineJson() as RawRoutine;
    for (const level of raw.policy.escalation) {
      delete level.offsetUnit;
      delete level.deliver;
    }
    // As a running case stores it: the policy part alone, parsed on every read.
    const snapshot = policySchema.parse(raw.policy);
    expect(snapshot.escalation.map((l) => [l.offsetUnit, l.deliver])).toEqual([
      ['calendar', 'workingTime'],
      ['calendar', 'workingTime'],
      ['calendar', 'workingTime'],
    ]);
    expect(snapshot.escalation).toEqual(defaultRoutine().policy.escalation);
  });

  it('accepts offsets in working minutes and levels delivered at any time', () => {
    expect(
      pathsOf((r) => {
        r.policy.escalation[2].offsetMinutes = 450;
        r.policy.escalation[2].offsetUnit = 'working';
        r.policy.escalation[1].deliver = 'anyTime';
      }),
    ).toEqual([]);
  });

  it('fills closedDates and nonWorkingDayFallback with their defaults when left out', () => {
    const raw = rawRoutineJson() as RawRoutine;
    delete raw.policy.workingTime.closedDates;
    delete raw.policy.workingTime.nonWorkingDayFallback;
    const parsed = routineSchema.parse(raw);
    expect(parsed.policy.workingTime.closedDates).toEqual([]);
    expect(parsed.policy.workingTime.nonWorkingDayFallback).toBe('previous');
  });

  it('accepts a municipality closing 24 and 31 December and choosing the next working day', () => {
    expect(
      pathsOf((r) => {
        r.policy.workingTime.closedDates = ['2026-12-24', '2026-12-31'];
        r.policy.workingTime.nonWorkingDayFallback = 'next';
      }),
    ).toEqual([]);
  });

  it('accepts a state left out of stateDeadlines (it then has no deadline)', () => {
    expect(pathsOf((r) => delete r.policy.stateDeadlines.in_follow_up)).toEqual([]);
  });
});

describe('broken variants are refused with the path of the bad field', () => {
  it.each<[string, (r: RawRoutine) => void, string]>([
    // working time
    [
      'workingTime.end 25:00',
      (r) => (r.policy.workingTime.end = '25:00'),
      'policy.workingTime.end',
    ],
    [
      'workingTime.end 15:60',
      (r) => (r.policy.workingTime.end = '15:60'),
      'policy.workingTime.end',
    ],
    [
      'workingTime.start without a leading zero',
      (r) => (r.policy.workingTime.start = '8:00'),
      'policy.workingTime.start',
    ],
    [
      'workingTime.start after end',
      (r) => (r.policy.workingTime.start = '16:00'),
      'policy.workingTime.end',
    ],
    [
      'workingTime.start equal to end',
      (r) => (r.policy.workingTime.start = '15:30'),
      'policy.workingTime.end',
    ],
    [
      'unknown time zone',
      (r) => (r.policy.workingTime.timeZone = 'Europe/Bergen'),
      'policy.workingTime.timeZone',
    ],
    [
      'time zone not a string',
      (r) => (r.policy.workingTime.timeZone = 1),
      'policy.workingTime.timeZone',
    ],
    ['weekday 0', (r) => (r.policy.workingTime.days = [0, 1, 2]), 'policy.workingTime.days.0'],
    ['weekday 8', (r) => (r.policy.workingTime.days = [1, 8]), 'policy.workingTime.days.1'],
    ['no working days', (r) => (r.policy.workingTime.days = []), 'policy.workingTime.days'],
    [
      'holidayCountry of three letters',
      (r) => (r.policy.workingTime.holidayCountry = 'NOR'),
      'policy.workingTime.holidayCountry',
    ],
    [
      'holidayCountry the holiday library does not know',
      (r) => (r.policy.workingTime.holidayCountry = 'XX'),
      'policy.workingTime.holidayCountry',
    ],
    [
      'closed date that does not exist',
      (r) => (r.policy.workingTime.closedDates = ['2026-12-24', '2026-02-30']),
      'policy.workingTime.closedDates.1',
    ],
    [
      'closed date in another format',
      (r) => (r.policy.workingTime.closedDates = ['24.12.2026']),
      'policy.workingTime.closedDates.0',
    ],
    [
      'unknown fallback',
      (r) => (r.policy.workingTime.nonWorkingDayFallback = 'nearest'),
      'policy.workingTime.nonWorkingDayFallback',
    ],
    [
      'unknown working-time field',
      (r) => (r.policy.workingTime.lunch = '11:30'),
      'policy.workingTime',
    ],
    // deadline rules
    [
      'a deadline rule with an unknown kind',
      (r) =>
        (r.policy.deadlines.firstContact.normal = { kind: 'nextWeek', from: 'hsyreRegistered' }),
      'policy.deadlines.firstContact.normal.kind',
    ],
    [
      'an unknown kind nested in earliestOf',
      (r) => (r.policy.deadlines.firstContact.seriouslyIll.rules[1].kind = 'withinHours'),
      'policy.deadlines.firstContact.seriouslyIll.rules.1.kind',
    ],
    [
      'an unknown anchor',
      (r) => (r.policy.deadlines.fveAssessment.normal.from = 'referralSent'),
      'policy.deadlines.fveAssessment.normal.from',
    ],
    [
      'negative days',
      (r) => (r.policy.deadlines.fveAssessment.normal.days = -1),
      'policy.deadlines.fveAssessment.normal.days',
    ],
    [
      'fractional days',
      (r) => (r.policy.deadlines.fveAssessment.normal.days = 1.5),
      'policy.deadlines.fveAssessment.normal.days',
    ],
    [
      'more than a year',
      (r) => (r.policy.deadlines.fveAssessment.normal.days = 366),
      'policy.deadlines.fveAssessment.normal.days',
    ],
    [
      'days as a string',
      (r) => (r.policy.deadlines.fveAssessment.normal.days = '14'),
      'policy.deadlines.fveAssessment.normal.days',
    ],
    [
      'days missing',
      (r) => delete r.policy.deadlines.fveAssessment.normal.days,
      'policy.deadlines.fveAssessment.normal.days',
    ],
    [
      'an extra field on a rule',
      (r) => (r.policy.deadlines.handover.normal.days = 1),
      'policy.deadlines.handover.normal',
    ],
    [
      'an empty earliestOf',
      (r) => (r.policy.deadlines.firstContact.seriouslyIll.rules = []),
      'policy.deadlines.firstContact.seriouslyIll.rules',
    ],
    [
      'a deadline without its seriouslyIll rule',
      (r) => delete r.policy.deadlines.serviceDecision.seriouslyIll,
      'policy.deadlines.serviceDecision.seriouslyIll',
    ],
    [
      'a missing deadline key',
      (r) => delete r.policy.deadlines.handover,
      'policy.deadlines.handover',
    ],
    [
      'an unknown deadline key',
      (r) => (r.policy.deadlines.coffee = r.policy.deadlines.handover),
      'policy.deadlines',
    ],
    // states
    [
      'a deadline for the closed state',
      (r) => (r.policy.stateDeadlines.closed = 'handover'),
      'policy.stateDeadlines.closed',
    ],
    [
      'a state mapped to an unknown deadline',
      (r) => (r.policy.stateDeadlines.claimed = 'soon'),
      'policy.stateDeadlines.claimed',
    ],
    // escalation
    ['escalation levels out of order', (r) => r.policy.escalation.reverse(), 'policy.escalation'],
    [
      'two escalation levels at the same offset',
      (r) => (r.policy.escalation[1].offsetMinutes = -120),
      'policy.escalation',
    ],
    [
      'duplicate escalation ids',
      (r) => (r.policy.escalation[2].id = 'reminder'),
      'policy.escalation',
    ],
    ['no escalation levels', (r) => (r.policy.escalation = []), 'policy.escalation'],
    [
      'an escalation id with capitals',
      (r) => (r.policy.escalation[0].id = 'Reminder'),
      'policy.escalation.0.id',
    ],
    [
      'an unknown recipient',
      (r) => (r.policy.escalation[1].notify = 'everyone'),
      'policy.escalation.1.notify',
    ],
    [
      'an offset over 30 days',
      (r) => (r.policy.escalation[2].offsetMinutes = 30 * 24 * 60 + 1),
      'policy.escalation.2.offsetMinutes',
    ],
    [
      'an offset more than 7 days before',
      (r) => (r.policy.escalation[0].offsetMinutes = -7 * 24 * 60 - 1),
      'policy.escalation.0.offsetMinutes',
    ],
    [
      'an empty message key',
      (r) => (r.policy.escalation[0].messageKey = ''),
      'policy.escalation.0.messageKey',
    ],
    [
      'an unknown delivery',
      (r) => (r.policy.escalation[2].deliver = 'officeHours'),
      'policy.escalation.2.deliver',
    ],
    [
      'an unknown offset unit',
      (r) => (r.policy.escalation[2].offsetUnit = 'hours'),
      'policy.escalation.2.offsetUnit',
    ],
    [
      'an unknown level field (working minutes are offsetUnit, not a field of their own)',
      (r) => (r.policy.escalation[2].offsetWorkingMinutes = 450),
      'policy.escalation.2',
    ],
    // top level
    ['an empty version', (r) => (r.version = ''), 'version'],
    ['a missing version', (r) => delete r.version, 'version'],
    ['an unknown top-level field', (r) => (r.comment = 'hi'), ''],
    ['an unknown policy field', (r) => (r.policy.reviewEvery = 7), 'policy'],
  ])('%s', (_label, edit, path) => {
    const issues = issuesOf(edit);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((i) => i.path)).toContain(path);
  });

  it('explains the bad field in words', () => {
    expect(issuesOf((r) => (r.policy.workingTime.end = '25:00'))).toEqual([
      { path: 'policy.workingTime.end', message: 'expected HH:MM (24h)' },
    ]);
    expect(issuesOf((r) => (r.policy.workingTime.timeZone = 'Mars/Olympus'))).toEqual([
      { path: 'policy.workingTime.timeZone', message: 'unknown IANA time zone' },
    ]);
    expect(issuesOf((r) => r.policy.escalation.reverse())).toEqual([
      {
        path: 'policy.escalation',
        message: 'levels must be in strictly increasing offsetMinutes order',
      },
    ]);
    expect(issuesOf((r) => (r.policy.workingTime.start = '16:00'))).toEqual([
      { path: 'policy.workingTime.end', message: 'start must be before end' },
    ]);
  });

  it('an unknown field is refused at its parent, naming the field', () => {
    const unknownKeys = (edit: (r: RawRoutine) => void) => {
      const raw = rawRoutineJson() as RawRoutine;
      edit(raw);
      const parsed = routineSchema.safeParse(raw);
      return parsed.success
        ? []
        : parsed.error.issues.map((i) => ({
            path: i.path.join('.'),
            keys: 'keys' in i ? i.keys : undefined,
          }));
    };
    expect(unknownKeys((r) => (r.policy.workingTime.lunch = '11:30'))).toEqual([
      { path: 'policy.workingTime', keys: ['lunch'] },
    ]);
    expect(unknownKeys((r) => (r.policy.deadlines.coffee = r.policy.deadlines.handover))).toEqual([
      { path: 'policy.deadlines', keys: ['coffee'] },
    ]);
    expect(unknownKeys((r) => (r.comment = 'hi'))).toEqual([{ path: '', keys: ['comment'] }]);
  });

  it('names only the bad field, not its neighbours', () => {
    expect(pathsOf((r) => (r.policy.deadlines.firstContact.normal.kind = 'bogus'))).toEqual([
      'policy.deadlines.firstContact.normal.kind',
    ]);
  });
});
