import fc from 'fast-check';
import type { Case, HistoryEntry } from '../../src/domain/case';
import { applyCommand, type CaseCommand, recordCardPosted } from '../../src/domain/case-commands';
import { currentDeadline } from '../../src/domain/case-schedule';
import { deadlineFor } from '../../src/domain/deadlines';
import { caseRecord } from '../../src/domain/reports/case-facts';
import {
  caseTimeline,
  deadlineAt,
  instant,
  replayAt,
  zoneAt,
} from '../../src/domain/reports/case-timeline';
import {
  ALL_ZONES,
  computeFigures,
  escalationsSent,
  FIGURE_DEFINITIONS,
  type FigureDefinition,
  type FigureValue,
  figureRegistry,
  HSYRE_FIGURES,
  type ZoneFilter,
} from '../../src/domain/reports/figures';
import {
  caseKeeper,
  factsDoc,
  factsServe,
  type KeptCase,
  keptFromDoc,
  reportFactsDocSchema,
} from '../../src/domain/reports/kept-case';
import { addMonths, lastInstantOf, monthBounds, monthsFrom } from '../../src/domain/reports/month';
import { nearestRank, summarise } from '../../src/domain/reports/percentiles';
import {
  COMPARED_WORKING_TIME_FIELDS,
  policyContext,
  samePolicy,
} from '../../src/domain/reports/policy-context';
import {
  DEFAULT_REPORT_TIME_ZONE,
  type EscalationSent,
  type ReportInput,
} from '../../src/domain/reports/report-index';
import { monthOf, workingHours } from '../../src/domain/reports/working-hours';
import type { StaffMember } from '../../src/domain/roster';
import type { Anchor, DeadlineRule, WorkingTime } from '../../src/domain/routine';
import {
  deepFreeze,
  defaultRoutine,
  must,
  OTHER_ZONE,
  oslo,
  registerCase,
  roster,
  staff,
  ZONE,
} from '../support/domain-fixtures';

/* ----------------------------------------------------------------------------------------------
 * Cases built through the real domain (registerReferral, applyCommand, recordCardPosted) on
 * Oslo wall-clock times; a zone move is the one hand-written entry (no command exists yet).
 * -------------------------------------------------------------------------------------------- */

type Step =
  | { at: string; by: StaffMember; command: CaseCommand }
  | { at: string; card: true }
  | { at: string; moveTo: string };

interface Scenario {
  id: string;
  seriouslyIll?: boolean;
  zone?: string;
  /** Local Oslo time of the hospital's contact, and of the registration. */
  hospitalContact: string;
  registered: string;
  registerHsyre?: boolean;
  steps?: Step[];
}

const cmd = (at: string, by: StaffMember, command: CaseCommand): Step => ({ at, by, command });
const card = (at: string): Step => ({ at, card: true });
const claim = (at: string, by: StaffMember = staff.nurseA) => cmd(at, by, { type: 'claim' });
const reached = (at: string, by: StaffMember = staff.nurseA) =>
  cmd(at, by, { type: 'logContact', outcome: 'reached' });
const notReached = (at: string, by: StaffMember = staff.nurseA) =>
  cmd(at, by, { type: 'logContact', outcome: 'not_reached' });

/** Every intermediate case as well as the last: the store's documents after each save. */
function drive(s: Scenario): Case[] {
  let c = must(
    registerCase(
      {
        zoneId: s.zone ?? ZONE,
        seriouslyIll: s.seriouslyIll ?? false,
        hospitalContactAt: oslo(s.hospitalContact).toISOString(),
        registerHsyre: s.registerHsyre ?? true,
      },
      { now: oslo(s.registered), id: s.id },
    ),
  );
  const states = [c];
  for (const step of s.steps ?? []) {
    const now = oslo(step.at);
    if ('card' in step) {
      c = recordCardPosted(c, { conversationId: 'conv', activityId: s.id }, staff.fve, now);
    } else if ('moveTo' in step) {
      const entry: HistoryEntry = {
        at: now.toISOString(),
        actorId: staff.admin.id,
        actorRole: 'admin',
        action: 'moveZone',
        from: c.state,
        to: c.state,
        details: { fromZone: c.zoneId, toZone: step.moveTo },
        version: c.version + 1,
      };
      c = { ...c, zoneId: step.moveTo, history: [...c.history, entry] };
    } else {
      c = must(applyCommand(c, step.command, step.by, now, roster));
    }
    c = { ...c, version: c.version + 1 };
    states.push(c);
  }
  return states;
}

const build = (s: Scenario): Case => drive(s).at(-1) as Case;

/** Frozen, so any mutation of the documents throws. */
const input = (
  cases: Case[],
  asOf = '2026-12-31T12:00',
  extra: Partial<ReportInput> = {},
): ReportInput => deepFreeze<ReportInput>({ cases, asOf: oslo(asOf), ...extra });

/**
 * The same report with every case that can be kept read from its facts instead, as a store
 * would hold them (stored form, JSON and back), worked out when its last entry was written;
 * a case with an entry after the report's time stays a document, as the app reads it.
 */
const keptInput = (
  cases: Case[],
  asOf = '2026-12-31T12:00',
  extra: Partial<ReportInput> = {},
): ReportInput => {
  const at = oslo(asOf).getTime();
  const timeZone = extra.timeZone ?? DEFAULT_REPORT_TIME_ZONE;
  const docs: Case[] = [];
  const kept: KeptCase[] = [];
  for (const c of cases) {
    const lastAt = instant(c.history[c.history.length - 1].at);
    const k = lastAt <= at ? caseKeeper(timeZone, lastAt)(c) : undefined;
    const doc = k && JSON.parse(JSON.stringify(factsDoc(k, c.version, timeZone)));
    if (doc && factsServe(doc, c.version, timeZone, at)) {
      const back = keptFromDoc(reportFactsDocSchema.parse(doc));
      if (!back) throw new Error(`${c.id}: its stored facts do not read back`);
      kept.push(back);
    } else docs.push(c);
  }
  return input(docs, asOf, { ...extra, kept });
};

const figure = (i: ReportInput, id: string, month: string, zone: ZoneFilter = ALL_ZONES) => {
  const def = HSYRE_FIGURES.get(id);
  if (!def) throw new Error(`no figure ${id}`);
  return def.compute(i, month, zone);
};

const share = (value: FigureValue) => {
  if (value.kind !== 'share') throw new Error(`not a share: ${value.kind}`);
  return value;
};
const durations = (value: FigureValue) => {
  if (value.kind !== 'durations') throw new Error(`not durations: ${value.kind}`);
  return value;
};
const counts = (value: FigureValue) => {
  if (value.kind !== 'countsByKey') throw new Error(`not counts: ${value.kind}`);
  return Object.fromEntries(value.counts.map((c) => [c.key, c.count]));
};
const count = (value: FigureValue) => {
  if (value.kind !== 'count') throw new Error(`not a count: ${value.kind}`);
  return value.count;
};

const hours = (h: number, m = 0) => h + m / 60;

/* ---------------------------------------------------------------------------------------------- */

describe('percentiles by nearest rank', () => {
  it('takes the value at rank ⌈p·n/100⌉ of the sorted values, null for none', () => {
    expect(nearestRank([], 50)).toBeNull();
    expect(nearestRank([7], 50)).toBe(7);
    expect(nearestRank([7], 90)).toBe(7);
    // Two values: the median is the smaller, p90 the larger.
    expect(nearestRank([1, 2], 50)).toBe(1);
    expect(nearestRank([1, 2], 90)).toBe(2);
    expect(nearestRank([1, 2, 3, 4, 5], 50)).toBe(3);
    expect(nearestRank([1, 2, 3, 4, 5], 90)).toBe(5);
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(ten, 50)).toBe(5);
    expect(nearestRank(ten, 90)).toBe(9);
    expect(nearestRank(ten, 0)).toBe(1);
    expect(nearestRank(ten, 100)).toBe(10);
    // 7/100 · 100 is 7.000000000000001 in floating point; the rank is 7, not 8.
    expect(
      nearestRank(
        [...Array(100).keys()].map((i) => i + 1),
        7,
      ),
    ).toBe(7);
    expect(() => nearestRank(ten, 101)).toThrow(RangeError);
  });

  it('summarises values in any order without changing them', () => {
    const values = deepFreeze([9, 1, 5, 3, 7]);
    expect(summarise(values)).toEqual({ n: 5, median: 5, p90: 9 });
    expect(summarise([])).toEqual({ n: 0, median: null, p90: null });
  });
});

describe('months in Oslo time', () => {
  it('bounds a month at local midnight, across both DST changes', () => {
    expect(monthBounds('2026-03', 'Europe/Oslo')).toEqual({
      start: Date.parse('2026-02-28T23:00:00Z'),
      end: Date.parse('2026-03-31T22:00:00Z'),
    });
    expect(monthBounds('2026-10', 'Europe/Oslo')).toEqual({
      start: Date.parse('2026-09-30T22:00:00Z'),
      end: Date.parse('2026-10-31T23:00:00Z'),
    });
    expect(new Date(lastInstantOf('2026-10', 'Europe/Oslo')).toISOString()).toBe(
      '2026-10-31T22:59:59.999Z',
    );
  });

  it('puts 23:30 UTC on the last day of a month in the next month', () => {
    expect(monthOf(Date.parse('2026-03-31T23:30:00Z'), 'Europe/Oslo')).toBe('2026-04');
    expect(monthOf(Date.parse('2026-03-31T21:59:59.999Z'), 'Europe/Oslo')).toBe('2026-03');
    expect(monthOf(Date.parse('2026-12-31T23:30:00Z'), 'Europe/Oslo')).toBe('2027-01');
    expect(monthOf(Date.parse('2026-10-31T22:30:00Z'), 'Europe/Oslo')).toBe('2026-10');
  });

  it('counts months across a year', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsFrom('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(() => monthBounds('2026-13', 'Europe/Oslo')).toThrow(/YYYY-MM/);
  });
});

describe('working hours between two instants', () => {
  const wt = defaultRoutine().policy.workingTime;
  const between = (from: string, to: string) =>
    workingHours(wt).workingMsBetween(oslo(from).getTime(), oslo(to).getTime()) / 3_600_000;

  it('counts only time inside working time, the end of the day excluded', () => {
    expect(between('2026-03-09T15:29', '2026-03-09T15:31')).toBeCloseTo(hours(0, 1), 10);
    expect(between('2026-03-09T09:00', '2026-03-10T09:00')).toBeCloseTo(7.5, 10);
    expect(between('2026-03-09T16:00', '2026-03-10T07:00')).toBe(0);
    // Friday 15:00 to Monday 08:30: half an hour each side of the weekend.
    expect(between('2026-03-13T15:00', '2026-03-16T08:30')).toBeCloseTo(1, 10);
    // Maundy Thursday to Easter Monday are holidays: Wednesday 15:00 to Tuesday 08:30.
    expect(between('2026-04-01T15:00', '2026-04-07T08:30')).toBeCloseTo(1, 10);
    expect(between('2026-03-10T10:00', '2026-03-09T10:00')).toBe(0);
  });

  it('keeps 08:00-15:30 wall-clock time over both DST weekends', () => {
    expect(between('2026-03-27T15:00', '2026-03-30T08:30')).toBeCloseTo(1, 10);
    expect(between('2026-03-27T08:00', '2026-03-30T15:30')).toBeCloseTo(15, 10);
    expect(between('2026-10-23T15:00', '2026-10-26T08:30')).toBeCloseTo(1, 10);
    expect(between('2026-10-23T08:00', '2026-10-26T15:30')).toBeCloseTo(15, 10);
  });
});

describe('the memoised deadline is the engine’s deadline', () => {
  const policy = defaultRoutine().policy;
  const rules: [string, DeadlineRule][] = Object.entries(policy.deadlines).flatMap(([k, d]) => [
    [`${k} normal`, d.normal],
    [`${k} seriouslyIll`, d.seriouslyIll],
  ]);
  const ANCHORS: Anchor[] = [
    'hospitalContact',
    'hsyreRegistered',
    'firstContact',
    'servicesReported',
    'hsyGranted',
  ];
  // 2026-2027 with every minute as likely: DST days, Easter, 17 May, Christmas all come up.
  const instantArb = fc.integer({
    min: Date.parse('2025-12-20T00:00:00Z') / 60_000,
    max: Date.parse('2027-12-31T00:00:00Z') / 60_000,
  });
  const variants: [string, WorkingTime][] = [
    ['the shipped working time', policy.workingTime],
    [
      'next-day fallback, closed Christmas Eve, 00:00-23:59',
      {
        ...policy.workingTime,
        start: '00:00',
        end: '23:59',
        closedDates: ['2026-12-24', '2027-12-24'],
        nonWorkingDayFallback: 'next',
      },
    ],
  ];

  it.each(variants)('for random anchors (%s)', (_name, workingTime) => {
    const ctx = policyContext({ ...policy, workingTime });
    fc.assert(
      fc.property(
        fc.constantFrom(...rules.map(([, r]) => r)),
        fc.array(instantArb, { minLength: 5, maxLength: 5 }),
        fc.boolean(),
        (rule, minutes, nearEnd) => {
          const ms = minutes.map((m) => (nearEnd ? Math.round(m / 1440) * 1440 + 870 : m) * 60_000);
          const times = Object.fromEntries(ANCHORS.map((a, i) => [a, ms[i]]));
          const iso = Object.fromEntries(ANCHORS.map((a, i) => [a, new Date(ms[i]).toISOString()]));
          expect(ctx.deadline(rule, times)).toBe(deadlineFor(rule, iso, workingTime)?.getTime());
        },
      ),
      { numRuns: 400 },
    );
  });

  it('at the exact end of working time and one millisecond before it', () => {
    const ctx = policyContext(policy);
    const rule = ctx.rule('firstContact', true);
    for (const local of ['2026-03-09T15:30', '2026-03-27T15:30', '2026-10-23T15:30']) {
      for (const delta of [-1, 0, 1]) {
        const t = oslo(local).getTime() + delta;
        const anchors = { hsyreRegistered: t, hospitalContact: t - 86_400_000 };
        const iso = {
          hsyreRegistered: new Date(t).toISOString(),
          hospitalContact: new Date(t - 86_400_000).toISOString(),
        };
        expect(ctx.deadline(rule, anchors)).toBe(
          deadlineFor(rule, iso, policy.workingTime)?.getTime(),
        );
      }
    }
  });
});

describe('replaying a history', () => {
  const scenarios: Scenario[] = [
    {
      id: 'full',
      seriouslyIll: true,
      hospitalContact: '2026-03-09T08:00',
      registered: '2026-03-09T09:00',
      steps: [
        card('2026-03-09T09:00'),
        claim('2026-03-09T09:05'),
        notReached('2026-03-09T09:10'),
        reached('2026-03-09T11:00'),
        cmd('2026-03-10T10:00', staff.nurseA, { type: 'reportServicesNeeded' }),
        cmd('2026-03-11T10:00', staff.fve, { type: 'recordDecision', outcome: 'other_services' }),
        cmd('2026-03-16T10:00', staff.nurseA, { type: 'reportServicesNeeded' }),
        cmd('2026-03-17T10:00', staff.fve, { type: 'grantHsy' }),
        cmd('2026-03-17T13:00', staff.leader, { type: 'handOver' }),
      ],
    },
    {
      id: 'referred-first',
      hospitalContact: '2026-03-02T09:00',
      registered: '2026-03-02T10:00',
      registerHsyre: false,
      steps: [
        cmd('2026-03-05T09:00', staff.fve, { type: 'registerHsyre' }),
        card('2026-03-05T09:01'),
        claim('2026-03-05T10:00'),
        cmd('2026-03-05T11:00', staff.nurseA, { type: 'release' }),
        claim('2026-03-06T10:00', staff.nurseB),
        reached('2026-03-06T11:00', staff.nurseB),
        cmd('2026-03-09T09:00', staff.leader, { type: 'returnToQueue' }),
        claim('2026-03-09T10:00'),
        reached('2026-03-09T11:00'),
      ],
    },
  ];

  it.each(scenarios.map((s) => [s.id, s] as const))(
    'gives the state, anchors and deadline the domain had after every entry (%s)',
    (_id, scenario) => {
      const states = drive(scenario);
      const last = states.at(-1) as Case;
      const tl = caseTimeline(last, policyContext(last.policy), Date.parse('2027-01-01T00:00:00Z'));
      for (const c of states) {
        const at = Date.parse(c.history.at(-1)?.at ?? '');
        const replayed = replayAt(tl, at);
        expect(replayed?.state).toBe(c.state);
        expect(
          Object.fromEntries(
            Object.entries(replayed?.anchors ?? {}).map(([k, v]) => [k, new Date(v).toISOString()]),
          ),
        ).toEqual(c.anchors);
        const running = deadlineAt(tl, at);
        const expected = currentDeadline(c);
        expect(
          running && { key: running.key, dueAt: new Date(running.dueAt).toISOString() },
        ).toEqual(expected);
        expect(expected).toEqual(c.deadline);
      }
      expect(replayAt(tl, Date.parse(last.history[0].at) - 1)).toBeNull();
      // The record keeps the same deadline after each entry (states[k] is the case after
      // entry k), for the month ends.
      const record = caseRecord(tl, 'Europe/Oslo', 14);
      expect(record.complete).toBe(true);
      expect(
        record.running.map((r) => r && { key: r.key, dueAt: new Date(r.dueAt).toISOString() }),
      ).toEqual(states.map((c) => c.deadline));
    },
  );
});

/* ---------------------------------------------------------------------------------------------- */

describe('first phone contact within the deadline', () => {
  // Monday 9 March 2026: the card is posted at 09:00, so the first call is due at 15:30.
  const lateByAMinute = build({
    id: 'late-by-a-minute',
    hospitalContact: '2026-03-09T08:00',
    registered: '2026-03-09T09:00',
    steps: [card('2026-03-09T09:00'), claim('2026-03-09T15:29'), reached('2026-03-09T15:31')],
  });
  const justInTime = build({
    id: 'just-in-time',
    hospitalContact: '2026-03-09T08:00',
    registered: '2026-03-09T09:00',
    steps: [card('2026-03-09T09:00'), claim('2026-03-09T15:29'), reached('2026-03-09T15:30')],
  });

  it('a case claimed at 15:29 and contacted at 15:31 is not within the 15:30 deadline', () => {
    expect(lateByAMinute.firstContactMet).toBe(false);
    const value = share(figure(input([lateByAMinute]), 'firstContactInTimeNormal', '2026-03'));
    expect(value).toEqual({
      kind: 'share',
      within: 0,
      total: 1,
      share: 0,
      pending: 0,
      excluded: 0,
    });
  });

  it('a contact at exactly the deadline is within, as the case card says', () => {
    expect(justInTime.firstContactMet).toBe(true);
    const value = share(
      figure(input([lateByAMinute, justInTime]), 'firstContactInTimeNormal', '2026-03'),
    );
    expect(value).toMatchObject({ within: 1, total: 2, share: 0.5 });
  });

  it('counts the working hours from the card, stopping at the end of the working day', () => {
    const i = input([lateByAMinute]);
    // 09:00 to 15:29 is 6 h 29 min; to 15:31 only 6 h 30 min, as 15:30 ends the working day.
    expect(durations(figure(i, 'cardToClaim', '2026-03')).median).toBeCloseTo(hours(6, 29), 10);
    expect(durations(figure(i, 'cardToFirstContact', '2026-03')).median).toBeCloseTo(
      hours(6, 30),
      10,
    );
    expect(durations(figure(i, 'cardToFirstContact', '2026-03')).p90).toBeCloseTo(6.5, 10);
  });

  it('a call that did not reach the patient counts only for the first call attempt', () => {
    const tried = build({
      id: 'tried',
      hospitalContact: '2026-03-09T08:00',
      registered: '2026-03-09T09:00',
      steps: [
        card('2026-03-09T09:00'),
        claim('2026-03-09T09:30'),
        notReached('2026-03-09T10:00'),
        reached('2026-03-10T09:00'),
      ],
    });
    const i = input([tried]);
    expect(share(figure(i, 'firstContactInTimeNormal', '2026-03'))).toMatchObject({
      within: 0,
      total: 1,
    });
    expect(share(figure(i, 'firstCallInTimeNormal', '2026-03'))).toMatchObject({
      within: 1,
      total: 1,
    });
  });

  it('seriously ill: the earlier of the two rules, which can be before the card was posted', () => {
    // Hospital contact Monday 2 March 10:00; FVE registers on Friday 6 March 09:00. Same working
    // day gives Friday 15:30, three days from the contact Thursday 5 March 15:30: the earlier.
    const lateRegistration = (id: string, seriouslyIll: boolean) =>
      build({
        id,
        seriouslyIll,
        hospitalContact: '2026-03-02T10:00',
        registered: '2026-03-06T09:00',
        steps: [card('2026-03-06T09:00'), claim('2026-03-06T09:10'), reached('2026-03-06T09:30')],
      });
    const ill = lateRegistration('ill', true);
    const normal = lateRegistration('normal', false);
    const i = input([ill, normal]);
    expect(share(figure(i, 'firstContactInTimeSeriouslyIll', '2026-03'))).toMatchObject({
      within: 0,
      total: 1,
    });
    expect(share(figure(i, 'firstContactInTimeNormal', '2026-03'))).toMatchObject({
      within: 1,
      total: 1,
    });
    // The report's deadline is the one the case ran with.
    const tl = caseTimeline(ill, policyContext(ill.policy), Date.parse('2027-01-01T00:00:00Z'));
    expect(new Date(deadlineAt(tl, oslo('2026-03-06T09:05').getTime())?.dueAt ?? 0)).toEqual(
      oslo('2026-03-05T15:30'),
    );

    // Registered the same morning: same working day (Monday 15:30) is the earlier rule.
    const sameDay = build({
      id: 'same-day',
      seriouslyIll: true,
      hospitalContact: '2026-03-09T08:00',
      registered: '2026-03-09T09:00',
      steps: [card('2026-03-09T09:00'), claim('2026-03-09T15:00'), reached('2026-03-10T08:30')],
    });
    const j = input([sameDay]);
    expect(share(figure(j, 'firstContactInTimeSeriouslyIll', '2026-03'))).toMatchObject({
      within: 0,
      total: 1,
    });
  });

  it('still without contact after the deadline: not within; before it: pending', () => {
    const waiting = build({
      id: 'waiting',
      hospitalContact: '2026-03-09T08:00',
      registered: '2026-03-09T09:00',
      steps: [card('2026-03-09T09:00')],
    });
    expect(
      share(figure(input([waiting], '2026-03-09T15:31'), 'firstContactInTimeNormal', '2026-03')),
    ).toMatchObject({ within: 0, total: 1, pending: 0 });
    const early = input([waiting], '2026-03-09T12:00');
    expect(share(figure(early, 'firstContactInTimeNormal', '2026-03'))).toMatchObject({
      within: 0,
      total: 0,
      share: null,
      pending: 1,
    });
    expect(computeFigures(early, '2026-03', ALL_ZONES).provisional).toBe(true);
  });

  it('a case closed before its deadline without a contact is left out', () => {
    const closed = build({
      id: 'closed',
      hospitalContact: '2026-03-09T08:00',
      registered: '2026-03-09T09:00',
      steps: [
        card('2026-03-09T09:00'),
        cmd('2026-03-09T11:00', staff.fve, { type: 'close', reason: 'died' }),
      ],
    });
    const grantedLate = build({
      id: 'granted-late',
      hospitalContact: '2026-03-09T08:00',
      registered: '2026-03-09T09:00',
      steps: [card('2026-03-09T09:00'), cmd('2026-03-10T09:00', staff.fve, { type: 'grantHsy' })],
    });
    expect(
      share(figure(input([closed, grantedLate]), 'firstContactInTimeNormal', '2026-03')),
    ).toEqual({
      kind: 'share',
      within: 0,
      total: 1,
      share: 0,
      pending: 0,
      excluded: 1,
    });
  });

  it('ignores history after the report’s time', () => {
    const c = build({
      id: 'future',
      hospitalContact: '2026-03-09T08:00',
      registered: '2026-03-09T09:00',
      steps: [card('2026-03-09T09:00'), claim('2026-03-09T10:00'), reached('2026-03-09T11:00')],
    });
    const before = input([c], '2026-03-09T10:30');
    expect(share(figure(before, 'firstContactInTimeNormal', '2026-03'))).toMatchObject({
      pending: 1,
    });
    expect(durations(figure(before, 'cardToFirstContact', '2026-03')).n).toBe(0);
    expect(durations(figure(before, 'cardToClaim', '2026-03')).n).toBe(1);
  });
});

describe('DST months', () => {
  it('March 2026 (29 March): card Friday 15:00, claimed and called Monday after the change', () => {
    const c = build({
      id: 'dst-march',
      hospitalContact: '2026-03-27T14:00',
      registered: '2026-03-27T15:00',
      steps: [card('2026-03-27T15:00'), claim('2026-03-30T08:30'), reached('2026-03-30T09:00')],
    });
    const i = input([c]);
    expect(durations(figure(i, 'cardToClaim', '2026-03')).median).toBeCloseTo(1, 10);
    expect(durations(figure(i, 'cardToFirstContact', '2026-03')).median).toBeCloseTo(1.5, 10);
    expect(share(figure(i, 'firstContactInTimeNormal', '2026-03'))).toMatchObject({
      within: 0,
      total: 1,
    });
    expect(count(figure(i, 'referralsRegistered', '2026-03'))).toBe(1);
  });

  it('October 2026 (25 October): month end at 23:00 UTC, overdue read at its last instant', () => {
    // Unclaimed since Friday 30 October 10:00: the first call was due that day at 15:30.
    const unclaimed = build({
      id: 'dst-october',
      hospitalContact: '2026-10-30T09:00',
      registered: '2026-10-30T10:00',
      steps: [card('2026-10-30T10:00')],
    });
    // 23:30 on Saturday 31 October in Oslo (22:30 UTC, CET) is still October.
    const lateEvening = build({
      id: 'late-evening',
      hospitalContact: '2026-10-31T23:00',
      registered: '2026-10-31T23:30',
    });
    const i = input([unclaimed, lateEvening]);
    expect(count(figure(i, 'referralsRegistered', '2026-10'))).toBe(2);
    expect(counts(figure(i, 'overdueAtMonthEnd', '2026-10'))).toEqual({
      fveAssessment: 0,
      firstContact: 1,
      followUpReview: 0,
      serviceDecision: 0,
      handover: 0,
    });
    // The later case's deadline (Monday 2 November) had not come at October's end.
    expect(counts(figure(i, 'overdueAtMonthEnd', '2026-11')).firstContact).toBe(2);
    expect(
      durations(
        figure(
          input([
            build({
              id: 'dst-oct-weekend',
              hospitalContact: '2026-10-23T14:00',
              registered: '2026-10-23T15:00',
              steps: [card('2026-10-23T15:00'), claim('2026-10-26T08:30')],
            }),
          ]),
          'cardToClaim',
          '2026-10',
        ),
      ).median,
    ).toBeCloseTo(1, 10);
  });
});

describe('a case that changed zone during the month', () => {
  // Registered in nord on Monday 9 March, nobody called by 15:30; moved to sor on Tuesday and
  // called there.
  const moved = build({
    id: 'moved',
    hospitalContact: '2026-03-09T08:00',
    registered: '2026-03-09T09:00',
    steps: [
      card('2026-03-09T09:00'),
      { at: '2026-03-10T10:00', moveTo: OTHER_ZONE },
      claim('2026-03-10T10:30', staff.nurseBoth),
      reached('2026-03-10T11:00', staff.nurseBoth),
    ],
  });
  const i = input([moved]);

  it('counts each figure in the zone the case was in at its counted event', () => {
    const tl = caseTimeline(moved, policyContext(moved.policy), Date.parse('2027-01-01T00:00:00Z'));
    expect(zoneAt(tl, oslo('2026-03-10T09:59').getTime())).toBe(ZONE);
    expect(zoneAt(tl, oslo('2026-03-10T10:00').getTime())).toBe(OTHER_ZONE);

    // Registered in nord.
    expect(count(figure(i, 'referralsRegistered', '2026-03', ZONE))).toBe(1);
    expect(count(figure(i, 'referralsRegistered', '2026-03', OTHER_ZONE))).toBe(0);
    // The deadline (Monday 15:30) was missed in nord.
    expect(share(figure(i, 'firstContactInTimeNormal', '2026-03', ZONE))).toMatchObject({
      within: 0,
      total: 1,
    });
    expect(share(figure(i, 'firstContactInTimeNormal', '2026-03', OTHER_ZONE)).total).toBe(0);
    // Claimed and called in sor: 7.5 h of Monday after 09:00 is 6.5 h, plus 2.5 / 3 h Tuesday.
    expect(durations(figure(i, 'cardToClaim', '2026-03', OTHER_ZONE)).median).toBeCloseTo(9, 10);
    expect(durations(figure(i, 'cardToFirstContact', '2026-03', OTHER_ZONE)).median).toBeCloseTo(
      9.5,
      10,
    );
    expect(durations(figure(i, 'cardToClaim', '2026-03', ZONE)).n).toBe(0);
    // At the end of March it is in sor, its follow-up review (14 days: 24 March) overdue.
    expect(counts(figure(i, 'overdueAtMonthEnd', '2026-03', OTHER_ZONE)).followUpReview).toBe(1);
    expect(counts(figure(i, 'overdueAtMonthEnd', '2026-03', ZONE)).followUpReview).toBe(0);
  });

  it('all zones together count the case once', () => {
    expect(count(figure(i, 'referralsRegistered', '2026-03'))).toBe(1);
    expect(share(figure(i, 'firstContactInTimeNormal', '2026-03')).total).toBe(1);
    expect(durations(figure(i, 'cardToClaim', '2026-03')).n).toBe(1);
  });
});

describe('month boundaries in Oslo time', () => {
  it('a referral at 23:30 UTC on 31 March is an April referral', () => {
    const lastUtcEvening = (id: string, utc: string) =>
      must(
        registerCase(
          { hospitalContactAt: oslo('2026-03-31T20:00').toISOString(), registerHsyre: true },
          { now: new Date(utc), id },
        ),
      );
    const april = lastUtcEvening('april', '2026-03-31T23:30:00Z');
    const march = lastUtcEvening('march', '2026-03-31T21:30:00Z');
    const i = input([april, march]);
    expect(count(figure(i, 'referralsRegistered', '2026-03'))).toBe(1);
    expect(count(figure(i, 'referralsRegistered', '2026-04'))).toBe(1);
  });

  it('a deadline at 15:30 on the last working day is counted in that month', () => {
    // Tuesday 31 March: due 15:30 the same day, called on Wednesday 1 April.
    const c = build({
      id: 'end-of-march',
      hospitalContact: '2026-03-31T08:00',
      registered: '2026-03-31T09:00',
      steps: [card('2026-03-31T09:00'), claim('2026-04-01T08:10'), reached('2026-04-01T08:20')],
    });
    const i = input([c]);
    expect(share(figure(i, 'firstContactInTimeNormal', '2026-03')).total).toBe(1);
    expect(share(figure(i, 'firstContactInTimeNormal', '2026-04')).total).toBe(0);
    // The durations are counted in the month of the claim and of the contact.
    expect(durations(figure(i, 'cardToClaim', '2026-03')).n).toBe(0);
    expect(durations(figure(i, 'cardToClaim', '2026-04')).median).toBeCloseTo(hours(6, 40), 10);
  });
});

describe('empty months', () => {
  it('every figure is zero or null, never invented', () => {
    const rows = computeFigures(input([]), '2026-05', ALL_ZONES).figures;
    expect(rows.map((r) => r.id)).toEqual(FIGURE_DEFINITIONS.map((d) => d.id));
    for (const row of rows) {
      const v = row.value;
      if (v.kind === 'count') expect(v.count).toBe(0);
      if (v.kind === 'share') {
        expect(v).toEqual({
          kind: 'share',
          within: 0,
          total: 0,
          share: null,
          pending: 0,
          excluded: 0,
        });
      }
      if (v.kind === 'durations') expect(v).toMatchObject({ n: 0, median: null, p90: null });
      if (v.kind === 'countsByKey') expect(v.total).toBe(0);
    }
  });

  it('a month without cases of its own next to busy ones', () => {
    const c = build({
      id: 'march-only',
      hospitalContact: '2026-03-09T08:00',
      registered: '2026-03-09T09:00',
      steps: [
        card('2026-03-09T09:00'),
        claim('2026-03-09T09:30'),
        reached('2026-03-09T10:00'),
        cmd('2026-03-09T11:00', staff.fve, { type: 'close', reason: 'not_needed' }),
      ],
    });
    const i = input([c]);
    for (const month of ['2026-02', '2026-06']) {
      for (const row of computeFigures(i, month, ZONE).figures) {
        const v = row.value;
        const n =
          v.kind === 'count'
            ? v.count
            : v.kind === 'durations'
              ? v.n
              : v.kind === 'share'
                ? v.total + v.pending + v.excluded
                : v.total;
        expect([row.id, n]).toEqual([row.id, 0]);
      }
    }
    expect(count(figure(i, 'referralsRegistered', '2026-03', ZONE))).toBe(1);
  });
});

describe('FVE’s assessment within 3 / 14 days', () => {
  // Seriously ill, hospital contact Monday 2 March 09:00: due Thursday 5 March 15:30.
  const referred = (id: string, steps: Step[], seriouslyIll = true) =>
    build({
      id,
      seriouslyIll,
      hospitalContact: '2026-03-02T09:00',
      registered: '2026-03-02T10:00',
      registerHsyre: false,
      steps,
    });

  it('counts leaving Henvist by the deadline, or registering with HSYRE at once', () => {
    const cases = [
      referred('in-time', [cmd('2026-03-05T15:00', staff.fve, { type: 'registerHsyre' })]),
      referred('late', [cmd('2026-03-06T09:00', staff.fve, { type: 'registerHsyre' })]),
      referred('granted', [cmd('2026-03-04T09:00', staff.fve, { type: 'grantHsy' })]),
      referred('declined', [
        cmd('2026-03-03T09:00', staff.fve, { type: 'close', reason: 'declined' }),
      ]),
      referred('died', [cmd('2026-03-03T09:00', staff.fve, { type: 'close', reason: 'died' })]),
      referred('waiting', []),
      build({
        id: 'at-once',
        seriouslyIll: true,
        hospitalContact: '2026-03-02T09:00',
        registered: '2026-03-02T10:00',
      }),
    ];
    expect(share(figure(input(cases), 'fveAssessmentInTimeSeriouslyIll', '2026-03'))).toEqual({
      kind: 'share',
      within: 4,
      total: 6,
      share: 4 / 6,
      pending: 0,
      excluded: 1,
    });
    expect(
      share(figure(input(cases, '2026-03-04T12:00'), 'fveAssessmentInTimeSeriouslyIll', '2026-03')),
    ).toMatchObject({ within: 3, total: 3, pending: 3, excluded: 1 });
  });

  it('14 days for a normal patient, counted in the month the deadline falls in', () => {
    // Contact Thursday 19 March; day 14 is Maundy Thursday 2 April: back to Wednesday 1 April.
    const late = build({
      id: 'normal-late',
      hospitalContact: '2026-03-19T09:00',
      registered: '2026-04-03T10:00',
    });
    const i = input([late]);
    expect(share(figure(i, 'fveAssessmentInTimeNormal', '2026-04'))).toMatchObject({
      within: 0,
      total: 1,
    });
    expect(share(figure(i, 'fveAssessmentInTimeNormal', '2026-03')).total).toBe(0);
    // Registered late: the three-day deadline (Friday 27 March + 3 = Monday 30 March 15:30)
    // fell in the month before the registration, and is counted there.
    const earlier = input([
      build({
        id: 'registered-in-april',
        seriouslyIll: true,
        hospitalContact: '2026-03-27T09:00',
        registered: '2026-04-01T10:00',
      }),
    ]);
    expect(share(figure(earlier, 'fveAssessmentInTimeSeriouslyIll', '2026-03'))).toMatchObject({
      within: 0,
      total: 1,
    });
    expect(share(figure(earlier, 'fveAssessmentInTimeSeriouslyIll', '2026-04')).total).toBe(0);
    expect(count(figure(earlier, 'referralsRegistered', '2026-04'))).toBe(1);
  });
});

describe('service decisions within 3 days', () => {
  const followed = (id: string, steps: Step[]) =>
    build({
      id,
      hospitalContact: '2026-03-09T08:00',
      registered: '2026-03-09T09:00',
      steps: [
        card('2026-03-09T09:00'),
        claim('2026-03-09T09:30'),
        reached('2026-03-09T10:00'),
        ...steps,
      ],
    });
  const report = (at: string) => cmd(at, staff.nurseA, { type: 'reportServicesNeeded' });
  const decide = (at: string) =>
    cmd(at, staff.fve, { type: 'recordDecision', outcome: 'no_services' });

  it('each report against its own deadline; a decision or the grant meets it', () => {
    const twice = followed('twice', [
      // Monday 9 March 10:30: due Thursday 12 March 15:30.
      report('2026-03-09T10:30'),
      decide('2026-03-12T15:00'),
      // Monday 16 March: due Thursday 19 March 15:30; HSY granted on Friday.
      report('2026-03-16T10:00'),
      cmd('2026-03-20T09:00', staff.fve, { type: 'grantHsy' }),
    ]);
    const closed = followed('closed', [
      report('2026-03-10T10:00'),
      cmd('2026-03-11T10:00', staff.fve, { type: 'close', reason: 'moved' }),
    ]);
    const i = input([twice, closed]);
    expect(share(figure(i, 'serviceDecisionInTimeNormal', '2026-03'))).toEqual({
      kind: 'share',
      within: 1,
      total: 2,
      share: 0.5,
      pending: 0,
      excluded: 1,
    });
    expect(share(figure(i, 'serviceDecisionInTimeSeriouslyIll', '2026-03')).total).toBe(0);
  });
});

describe('HSYRE ended the same day as HSY was granted', () => {
  const granted = (id: string, grantAt: string, steps: Step[]) =>
    build({
      id,
      hospitalContact: '2026-03-09T08:00',
      registered: '2026-03-09T09:00',
      steps: [card('2026-03-09T09:00'), cmd(grantAt, staff.fve, { type: 'grantHsy' }), ...steps],
    });
  const handOver = (at: string) => cmd(at, staff.leader, { type: 'handOver' });

  it('compares Oslo calendar days of the grant and the close', () => {
    const cases = [
      granted('same', '2026-03-10T10:00', [handOver('2026-03-10T14:00')]),
      granted('next', '2026-03-10T15:00', [handOver('2026-03-11T09:00')]),
      granted('closed', '2026-03-11T10:00', [
        cmd('2026-03-11T12:00', staff.fve, { type: 'close', reason: 'died' }),
      ]),
      // 23:30 and 00:30 Oslo are different days, though the same UTC date.
      granted('midnight', '2026-03-11T23:30', [handOver('2026-03-12T00:30')]),
      granted('open', '2026-03-12T10:00', []),
    ];
    expect(share(figure(input(cases, '2026-03-12T12:00'), 'hsyreEndedSameDay', '2026-03'))).toEqual(
      {
        kind: 'share',
        within: 2,
        total: 4,
        share: 0.5,
        pending: 1,
        excluded: 0,
      },
    );
    // Once the open case's day has ended, it did not end the same day.
    expect(
      share(figure(input(cases, '2026-03-13T00:00'), 'hsyreEndedSameDay', '2026-03')),
    ).toMatchObject({ within: 2, total: 5, pending: 0 });
  });
});

describe('escalations sent, by level', () => {
  const c = build({
    id: 'esc',
    hospitalContact: '2026-03-09T08:00',
    registered: '2026-03-09T09:00',
    steps: [card('2026-03-09T09:00'), { at: '2026-03-10T12:00', moveTo: OTHER_ZONE }],
  });
  const sent = (level: string, local: string, caseId = 'esc'): EscalationSent => ({
    caseId,
    level,
    at: oslo(local).toISOString(),
  });
  const events = [
    sent('fve', '2026-03-10T15:30'),
    sent('overdue', '2026-03-09T15:30'),
    sent('reminder', '2026-03-09T13:30'),
    sent('overdue', '2026-04-01T00:30'),
    sent('reminder', '2026-03-09T13:30', 'unknown-case'),
    sent('reminder', '2026-12-30T13:30'),
  ];
  const i = input([c], '2026-06-01T12:00', { escalations: events });

  it('counts by level in the routine’s order, in the zone at sending', () => {
    const all = escalationsSent(i, '2026-03', ALL_ZONES);
    expect(all.counts).toEqual([
      { key: 'reminder', count: 2 },
      { key: 'overdue', count: 1 },
      { key: 'fve', count: 1 },
    ]);
    expect(counts(escalationsSent(i, '2026-03', ZONE))).toEqual({
      reminder: 1,
      overdue: 1,
      fve: 0,
    });
    expect(counts(escalationsSent(i, '2026-03', OTHER_ZONE))).toEqual({
      reminder: 0,
      overdue: 0,
      fve: 1,
    });
    // Oslo month; and a message after the report's time has not been sent yet.
    expect(counts(escalationsSent(i, '2026-04', ALL_ZONES))).toEqual({ overdue: 1 });
    expect(escalationsSent(i, '2026-12', ALL_ZONES).total).toBe(0);
    expect(escalationsSent(input([c]), '2026-03', ALL_ZONES).total).toBe(0);
    expect(figure(i, 'escalationsSent', '2026-03')).toEqual(all);
  });
});

describe('the figure registry', () => {
  it('every definition has a unique id, locale keys and English text', () => {
    const ids = FIGURE_DEFINITIONS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of FIGURE_DEFINITIONS) {
      expect(d.labelKey).toBe(`reports.figures.${d.id}.label`);
      expect(d.definitionKey).toBe(`reports.figures.${d.id}.definition`);
      expect(d.en.label.length).toBeGreaterThan(5);
      expect(d.en.definition.length).toBeGreaterThan(40);
    }
  });

  it('another area adds figures over its own input without touching these', () => {
    interface CompetenceInput {
      courses: { zoneId: string; month: string }[];
    }
    const courses: FigureDefinition<ReportInput & CompetenceInput> = {
      id: 'introductionCourses',
      area: 'competence',
      kind: 'count',
      labelKey: 'competence.figures.introductionCourses.label',
      definitionKey: 'competence.figures.introductionCourses.definition',
      en: { label: 'Introduction courses held', definition: 'Courses held in the month.' },
      compute: (i, month, zone) => ({
        kind: 'count',
        count: i.courses.filter((c) => c.month === month && (zone === null || c.zoneId === zone))
          .length,
      }),
    };
    const registry = HSYRE_FIGURES.with([courses]);
    const both = { ...input([]), courses: [{ zoneId: ZONE, month: '2026-03' }] };
    const rows = registry.compute(both, '2026-03', ZONE);
    expect(rows.at(-1)).toMatchObject({ id: 'introductionCourses', value: { count: 1 } });
    expect(rows).toHaveLength(FIGURE_DEFINITIONS.length + 1);
    expect(HSYRE_FIGURES.definitions).toHaveLength(FIGURE_DEFINITIONS.length);
    expect(() => registry.with([courses])).toThrow(/defined twice/);
    expect(() => figureRegistry([...FIGURE_DEFINITIONS, FIGURE_DEFINITIONS[0]])).toThrow();
    expect(() => registry.compute(both, '2026-3', ZONE)).toThrow(/YYYY-MM/);
  });

  it('is pure: frozen input, the same answer twice, and a new input object answers afresh', () => {
    const c = build({
      id: 'pure',
      hospitalContact: '2026-03-09T08:00',
      registered: '2026-03-09T09:00',
      steps: [card('2026-03-09T09:00'), claim('2026-03-09T09:30'), reached('2026-03-09T10:00')],
    });
    const i = input([c]);
    const first = computeFigures(i, '2026-03', ZONE);
    expect(computeFigures(i, '2026-03', ZONE)).toEqual(first);
    expect(computeFigures(input([c]), '2026-03', ZONE)).toEqual(first);
    expect(first.provisional).toBe(false);
  });
});

describe('reading instants', () => {
  it('reads toISOString() output as Date.parse does, and leaves other forms to it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(instant(iso)).toBe(Date.parse(iso));
      }),
      { numRuns: 2000 },
    );
    for (const other of [
      '2026-03-09T08:00:00Z',
      '2026-03-09T08:00:00.000+01:00',
      '2024-02-29T12:00:00.000Z',
      '2026-02-29T12:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-03-09T08:00:0x.000Z',
      'not a time',
    ]) {
      expect(Object.is(instant(other), Date.parse(other))).toBe(true);
    }
  });
});

describe('equal policy snapshots', () => {
  const policy = defaultRoutine().policy;

  it('share a context when every compared field is equal', () => {
    expect(samePolicy(policy, structuredClone(policy))).toBe(true);
    expect(policyContext(structuredClone(policy))).toBe(policyContext(policy));
  });

  it.each(COMPARED_WORKING_TIME_FIELDS)('differ when working time %s differs', (field) => {
    const other = structuredClone(policy);
    const changed: Record<string, unknown> = {
      timeZone: 'Europe/Stockholm',
      days: [1, 2, 3, 4],
      start: '07:00',
      end: '15:00',
      holidayCountry: 'SE',
      closedDates: ['2026-12-24'],
      nonWorkingDayFallback: 'next',
    };
    (other.workingTime as Record<string, unknown>)[field] = changed[field];
    expect(samePolicy(policy, other)).toBe(false);
  });

  it('differ in any rule, any state deadline', () => {
    const paths: ((p: typeof policy) => void)[] = [
      (p) => {
        p.deadlines.fveAssessment.seriouslyIll = {
          kind: 'withinDays',
          from: 'hospitalContact',
          days: 2,
        };
      },
      (p) => {
        p.deadlines.handover.normal = { kind: 'sameWorkingDay', from: 'hsyreRegistered' };
      },
      (p) => {
        const rule = p.deadlines.firstContact.seriouslyIll;
        if (rule.kind === 'earliestOf') rule.rules.pop();
      },
      (p) => {
        p.stateDeadlines.in_follow_up = undefined;
      },
      (p) => {
        p.stateDeadlines.claimed = 'followUpReview';
      },
    ];
    for (const change of paths) {
      const other = structuredClone(policy);
      change(other);
      expect(samePolicy(policy, other)).toBe(false);
    }
  });
});

describe('a case long open without a change since', () => {
  // In follow-up since Monday 9 March: its review (14 days: 23 March 15:30) is overdue at the
  // end of every month after, read from the stored state as from the replay.
  const quiet = build({
    id: 'quiet',
    hospitalContact: '2026-03-09T08:00',
    registered: '2026-03-09T09:00',
    steps: [card('2026-03-09T09:00'), claim('2026-03-09T09:30'), reached('2026-03-09T10:00')],
  });

  it('is overdue at the end of every later month, in its zone', () => {
    for (const month of ['2026-03', '2026-06', '2026-12']) {
      expect(counts(figure(input([quiet]), 'overdueAtMonthEnd', month, ZONE)).followUpReview).toBe(
        1,
      );
      expect(
        counts(figure(input([quiet]), 'overdueAtMonthEnd', month, OTHER_ZONE)).followUpReview,
      ).toBe(0);
    }
    // Before it was registered, it counts nowhere.
    expect(counts(figure(input([quiet]), 'overdueAtMonthEnd', '2026-02')).followUpReview).toBe(0);
  });
});

describe('kept facts in place of the documents', () => {
  const cases = [
    build({
      id: 'c-waiting',
      hospitalContact: '2026-03-09T08:00',
      registered: '2026-03-09T09:00',
      steps: [card('2026-03-09T09:00')],
    }),
    build({
      id: 'c-done',
      seriouslyIll: true,
      hospitalContact: '2026-03-09T08:00',
      registered: '2026-03-09T09:00',
      steps: [
        card('2026-03-09T09:00'),
        claim('2026-03-09T09:30'),
        reached('2026-03-09T10:00'),
        cmd('2026-03-10T10:00', staff.nurseA, { type: 'reportServicesNeeded' }),
        cmd('2026-03-13T10:00', staff.fve, { type: 'grantHsy' }),
        cmd('2026-03-13T12:00', staff.leader, { type: 'handOver' }),
      ],
    }),
    build({
      id: 'c-moved',
      hospitalContact: '2026-03-30T08:00',
      registered: '2026-03-30T09:00',
      steps: [
        card('2026-03-30T09:00'),
        { at: '2026-04-02T10:00', moveTo: OTHER_ZONE },
        claim('2026-04-07T09:00', staff.nurseBoth),
      ],
    }),
  ];
  const all = (i: ReportInput) =>
    ['2026-03', '2026-04', '2026-05'].flatMap((m) =>
      [ALL_ZONES, ZONE, OTHER_ZONE].map((z) => computeFigures(i, m, z)),
    );

  it('give the same figures as the documents, at any report time', () => {
    for (const asOf of [
      '2026-03-09T12:00',
      '2026-04-01T12:00',
      '2026-03-09T16:00',
      '2026-06-01T00:00',
    ]) {
      const from = keptInput(cases, asOf);
      // Each report time keeps what it can: at 12:00 on 9 March the claim has not happened yet.
      expect((from.kept ?? []).length).toBeGreaterThan(0);
      expect(all(from)).toEqual(all(input(cases, asOf)));
    }
  });

  it('serve only the case version, format and time zone they were worked out for, after their last entry', () => {
    const [, done] = cases;
    const k = caseKeeper(DEFAULT_REPORT_TIME_ZONE, oslo('2026-04-01T12:00').getTime())(done);
    if (!k) throw new Error('no facts');
    const doc = factsDoc(k, done.version, DEFAULT_REPORT_TIME_ZONE);
    const at = oslo('2026-04-01T12:00').getTime();
    expect(factsServe(doc, done.version, DEFAULT_REPORT_TIME_ZONE, at)).toBe(true);
    expect(factsServe(doc, done.version + 1, DEFAULT_REPORT_TIME_ZONE, at)).toBe(false);
    expect(factsServe(doc, done.version, 'UTC', at)).toBe(false);
    expect(factsServe({ ...doc, format: doc.format + 1 }, done.version, 'UTC', at)).toBe(false);
    // Before its last entry (the grant's handover at 12:00 on 13 March) the case is read whole.
    expect(
      factsServe(doc, done.version, DEFAULT_REPORT_TIME_ZONE, oslo('2026-03-13T11:00').getTime()),
    ).toBe(false);
    // A case with an entry after the time it is worked out at has none.
    expect(
      caseKeeper(DEFAULT_REPORT_TIME_ZONE, oslo('2026-03-10T12:00').getTime())(done),
    ).toBeUndefined();
  });

  it('name no patient: the stored form holds no field of the case document but times, zones and staff', () => {
    const [, done] = cases;
    const k = caseKeeper(DEFAULT_REPORT_TIME_ZONE, oslo('2026-04-01T12:00').getTime())(done);
    if (!k) throw new Error('no facts');
    const text = JSON.stringify(factsDoc(k, done.version, DEFAULT_REPORT_TIME_ZONE));
    expect(text).not.toContain(done.patientRef);
    expect(text).not.toContain(done.code);
    expect(k.hadBy).toEqual([staff.nurseA.id]);
  });
});

describe('random histories through the real domain', () => {
  // Commands a case can be given in any order: the domain refuses the ones that do not fit
  // the state, and those are left out, as a user's refused press leaves no entry.
  const moves: ((c: Case) => [StaffMember, CaseCommand] | 'card' | 'move')[] = [
    () => [staff.fve, { type: 'registerHsyre' }],
    () => 'card',
    () => [staff.nurseBoth, { type: 'claim' }],
    () => [staff.nurseBoth, { type: 'release' }],
    () => [staff.nurseBoth, { type: 'logContact', outcome: 'not_reached' }],
    () => [staff.nurseBoth, { type: 'logContact', outcome: 'reached' }],
    () => [staff.nurseBoth, { type: 'logContact', outcome: 'visit_agreed' }],
    () => [staff.nurseBoth, { type: 'reportServicesNeeded' }],
    () => [staff.fve, { type: 'recordDecision', outcome: 'other_services' }],
    () => [staff.fve, { type: 'grantHsy' }],
    () => [staff.admin, { type: 'setAdmitted', admitted: true }],
    (c) => [c.zoneId === ZONE ? staff.leader : staff.leaderSouth, { type: 'handOver' }],
    (c) => [c.zoneId === ZONE ? staff.leader : staff.leaderSouth, { type: 'returnToQueue' }],
    () => [staff.fve, { type: 'close', reason: 'died' }],
    () => 'move',
  ];
  const caseArb = (id: string) =>
    fc
      .record({
        start: fc.integer({ min: 0, max: 150 * 24 * 60 }),
        late: fc.integer({ min: 0, max: 6 * 24 * 60 }),
        seriouslyIll: fc.boolean(),
        registerHsyre: fc.boolean(),
        zone: fc.constantFrom(ZONE, OTHER_ZONE),
        steps: fc.array(
          fc.record({
            move: fc.nat(moves.length - 1),
            gap: fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 14 * 1440 })),
          }),
          { maxLength: 12 },
        ),
      })
      .map((p) => {
        const t0 = oslo('2026-01-05T08:00').getTime() + p.start * 60_000;
        let c = must(
          registerCase(
            {
              zoneId: p.zone,
              seriouslyIll: p.seriouslyIll,
              hospitalContactAt: new Date(t0 - p.late * 60_000).toISOString(),
              registerHsyre: p.registerHsyre,
            },
            { now: new Date(t0), id },
          ),
        );
        let t = t0;
        for (const step of p.steps) {
          t += step.gap * 60_000;
          const now = new Date(t);
          const move = moves[step.move](c);
          if (move === 'card') {
            c = recordCardPosted(c, { conversationId: 'conv', activityId: id }, staff.fve, now);
          } else if (move === 'move') {
            const to = c.zoneId === ZONE ? OTHER_ZONE : ZONE;
            const entry: HistoryEntry = {
              at: now.toISOString(),
              actorId: staff.admin.id,
              actorRole: 'admin',
              action: 'moveZone',
              from: c.state,
              to: c.state,
              details: { fromZone: c.zoneId, toZone: to },
              version: c.version + 1,
            };
            c = { ...c, zoneId: to, history: [...c.history, entry] };
          } else {
            const result = applyCommand(c, move[1], move[0], now, roster);
            if (!result.ok || !result.changed) continue;
            c = result.case;
          }
          c = { ...c, version: c.version + 1 };
        }
        return c;
      });

  const months = monthsFrom('2026-01', '2026-07');
  const everything = (i: ReportInput, order: readonly string[]) => {
    const byMonth = new Map<string, unknown>();
    for (const m of order) {
      byMonth.set(
        m,
        [ALL_ZONES, ZONE, OTHER_ZONE].map((z) => computeFigures(i, m, z)),
      );
    }
    return months.map((m) => byMonth.get(m));
  };

  it('give the same figures in any month order, from the documents and from kept facts', () => {
    fc.assert(
      fc.property(
        fc.tuple(...Array.from({ length: 25 }, (_, k) => caseArb(`r-${k}`))),
        fc.constantFrom('2026-02-15T12:00', '2026-04-01T00:00', '2026-08-01T00:00'),
        (cases, asOf) => {
          const plain = everything(input(cases, asOf), months);
          expect(everything(input(cases, asOf), [...months].reverse())).toEqual(plain);
          expect(everything(keptInput(cases, asOf), months)).toEqual(plain);
          expect(everything(keptInput(cases, asOf), [...months].reverse())).toEqual(plain);
          // Each month asked alone (a page showing one month) reads the cases it needs only.
          for (const [k, m] of months.entries()) {
            expect(everything(input(cases, asOf), [m])[k]).toEqual(plain[k]);
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
