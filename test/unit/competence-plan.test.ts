import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { loadCompetence } from '../../src/config/competence-file';
import {
  ACTIVITY_KINDS,
  type Activity,
  type ActivityActor,
  type ActivityKind,
  activitySchema,
  confirmLeaderMeeting,
  recordActivity,
  withdrawActivity,
} from '../../src/domain/competence/activity';
import {
  type ActivityRequirementResult,
  addDays,
  addMonths,
  anniversary,
  type CompetenceNurse,
  competenceYearOn,
  dueDay,
  evaluatePlan,
  firstYearOf,
  localDay,
  OVERVIEW_TABLE_HEADER,
  type PlanEvaluation,
  zoneOverview,
} from '../../src/domain/competence/plan';
import {
  type CompetenceConfig,
  competenceConfigSchema,
} from '../../src/domain/competence/requirements';
import { OSLO, oslo, VALID_FNR } from '../support/domain-fixtures';

const COMPETENCE_PATH = path.join(__dirname, '..', '..', 'config', 'competence.json');
const shipped = (): CompetenceConfig => loadCompetence(COMPETENCE_PATH);

// biome-ignore lint/suspicious/noExplicitAny: raw JSON edited by a test
type Raw = any;
/** A variant of the shipped file, validated like the real one. */
function variant(edit: (raw: Raw) => void): CompetenceConfig {
  const raw = JSON.parse(fs.readFileSync(COMPETENCE_PATH, 'utf8'));
  edit(raw);
  return competenceConfigSchema.parse(raw);
}
const reqOf = (raw: Raw, id: string, set = 0): Raw =>
  raw.sets[set].requirements.find((r: Raw) => r.id === id);

/* ----------------------------------------------------------------------------------------------
 * Activities
 * -------------------------------------------------------------------------------------------- */

const NURSE = 'nurse-1';
const LEADER = 'leader-1';
let nextId = 0;

type Extra = Partial<{
  hours: number;
  days: number;
  withLeader: boolean;
  recordedBy: string;
  confirmedAt: string;
  status: 'withdrawn';
  id: string;
}>;

/** A valid stored activity of `kind` on `date`; hours default to 6, job shadowing to 1 day. */
function act(kind: ActivityKind, date: string, extra: Extra = {}): Activity {
  const { hours = 6, days = 1, withLeader, recordedBy = NURSE, confirmedAt, status, id } = extra;
  const raw: Record<string, unknown> = {
    id: id ?? `a${++nextId}`,
    nurseId: NURSE,
    kind,
    date,
    recordedBy,
    recordedAt: `${date}T14:00:00.000Z`,
    status: status ?? 'active',
  };
  if (kind === 'jobShadowing') raw.days = days;
  else raw.hours = hours;
  if (withLeader !== undefined) raw.withLeader = withLeader;
  if (confirmedAt !== undefined) raw.confirmedByNurse = { at: confirmedAt };
  if (status === 'withdrawn') {
    raw.withdrawnBy = recordedBy;
    raw.withdrawnAt = `${date}T15:00:00.000Z`;
  }
  return activitySchema.parse(raw);
}

const evaluate = (
  nurse: CompetenceNurse,
  activities: Activity[],
  at: string,
  config: CompetenceConfig = shipped(),
): PlanEvaluation => evaluatePlan(nurse, activities, config, oslo(at), OSLO);

function item(evaluation: PlanEvaluation, id: string): ActivityRequirementResult {
  const found = evaluation.requirements.find((r) => r.id === id);
  if (found?.type !== 'activities') throw new Error(`no requirement ${id}`);
  return found;
}
const ids = (evaluation: PlanEvaluation) => evaluation.requirements.map((r) => r.id);

/** Everything the 2027 yearly requirements ask, for a nurse appointed long before. */
const full2027 = (): Activity[] => [
  act('gathering', '2027-03-10', { hours: 6 }),
  act('gathering', '2027-09-10', { hours: 6 }),
  act('studyDay', '2027-05-20', { hours: 6 }),
  act('leaderMeeting', '2027-02-01', { hours: 1 }),
];

const VETERAN: CompetenceNurse = { appointedAt: '2025-01-01', level: 'B' };

/* ----------------------------------------------------------------------------------------------
 * Days and periods
 * -------------------------------------------------------------------------------------------- */

describe('days and periods', () => {
  it('counts months to the last day of a short month', () => {
    expect(addMonths('2026-05-31', 9)).toBe('2027-02-28');
    expect(addMonths('2027-05-31', 9)).toBe('2028-02-29');
    expect(addMonths('2026-10-15', 9)).toBe('2027-07-15');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('puts the anniversary of 29 February on 1 March in a common year', () => {
    expect(anniversary('2028-02-29', 1)).toBe('2029-03-01');
    expect(anniversary('2028-02-29', 4)).toBe('2032-02-29');
    expect(firstYearOf('2028-02-29')).toEqual({
      from: '2028-02-29',
      to: '2029-03-01',
      lastDay: '2029-02-28',
    });
  });

  it('counts years from the appointment, back on 29 February in a leap year', () => {
    const config = variant((raw) => (raw.year = { basis: 'appointment' }));
    const yearOn = (day: string) => competenceYearOn(config, '2028-02-29', day);
    expect(yearOn('2028-02-28')).toBeNull();
    expect(yearOn('2029-02-28')).toMatchObject({ from: '2028-02-29', lastDay: '2029-02-28' });
    expect(yearOn('2029-03-01')).toMatchObject({ from: '2029-03-01', to: '2030-03-01' });
    expect(yearOn('2031-06-01')).toMatchObject({ from: '2031-03-01', to: '2032-02-29' });
    expect(yearOn('2032-02-29')).toMatchObject({ from: '2032-02-29', to: '2033-03-01' });
  });

  it('finds the due day inside the period, capped at its last day', () => {
    const calendar2027 = { from: '2027-01-01', to: '2028-01-01', lastDay: '2027-12-31' };
    expect(dueDay({ kind: 'monthDay', monthDay: '10-01' }, calendar2027)).toBe('2027-10-01');
    expect(dueDay(undefined, calendar2027)).toBe('2027-12-31');
    const fromOct15 = firstYearOf('2026-10-15');
    expect(dueDay({ kind: 'monthDay', monthDay: '10-01' }, fromOct15)).toBe('2027-10-01');
    const fromOct1 = firstYearOf('2026-10-01');
    // The first 1 October after the start is 2027-10-01, outside a year that ends 30 September.
    expect(dueDay({ kind: 'monthDay', monthDay: '10-01' }, fromOct1)).toBe('2027-09-30');
    expect(dueDay({ kind: 'monthsAfterStart', months: 12 }, firstYearOf('2026-10-15'))).toBe(
      '2027-10-14',
    );
  });
});

/* ----------------------------------------------------------------------------------------------
 * The first year
 * -------------------------------------------------------------------------------------------- */

describe('the first year', () => {
  const nurse: CompetenceNurse = { appointedAt: '2026-10-15', level: 'B' };

  it('runs across the year boundary; activities of both calendar years count', () => {
    const evaluation = evaluate(
      nurse,
      [
        act('introductionCourse', '2026-11-10', { hours: 3, withLeader: true, id: 'i1' }),
        act('introductionCourse', '2027-03-05', { hours: 3, withLeader: true, id: 'i2' }),
      ],
      '2027-05-01T10:00',
    );
    expect(evaluation.firstYear).toMatchObject({
      from: '2026-10-15',
      to: '2027-10-15',
      lastDay: '2027-10-14',
      ended: false,
    });
    expect(item(evaluation, 'introductionCourse')).toMatchObject({
      status: 'done',
      done: { count: 2, hours: 6, days: 0 },
      missing: { count: 0, hours: 0, days: 0 },
      activityIds: ['i1', 'i2'],
      byWhen: '2027-07-15',
    });
  });

  it('ends the day before the anniversary', () => {
    const course = (date: string) => act('introductionCourse', date, { withLeader: true });
    const at = '2027-10-20T10:00';
    expect(item(evaluate(nurse, [course('2027-10-14')], at), 'introductionCourse').status).toBe(
      'done',
    );
    expect(item(evaluate(nurse, [course('2027-10-15')], at), 'introductionCourse').status).toBe(
      'overdue',
    );
    expect(item(evaluate(nurse, [course('2026-10-14')], at), 'introductionCourse').status).toBe(
      'overdue',
    );
  });

  it('counts an introduction course only when attended with the leader', () => {
    const evaluation = evaluate(
      nurse,
      [act('introductionCourse', '2026-11-10', { hours: 6, withLeader: false })],
      '2027-01-10T10:00',
    );
    expect(item(evaluation, 'introductionCourse')).toMatchObject({
      status: 'missing',
      missing: { hours: 6 },
    });
  });

  it('spares the calendar year of an appointment after 31 March, but not one before', () => {
    const late = evaluate(nurse, [], '2026-12-01T10:00');
    expect(late.year).toMatchObject({ label: '2026', applies: false });
    expect(ids(late)).toEqual(['level', 'introductionCourse', 'jobShadowing']);
    const early = evaluate({ appointedAt: '2026-03-31' }, [], '2026-12-01T10:00');
    expect(early.year?.applies).toBe(true);
    expect(ids(early)).toEqual([
      'level',
      'introductionCourse',
      'jobShadowing',
      'gatherings',
      'studyDay',
      'leaderMeeting',
    ]);
    // The year after the appointment always applies.
    expect(evaluate(nurse, [], '2027-01-02T10:00').year?.applies).toBe(true);
  });

  it('is final once over: a missed item stays overdue and gets no deadline', () => {
    const shadowing = [act('jobShadowing', '2027-01-10')];
    const evaluation = evaluate(nurse, shadowing, '2027-11-20T10:00');
    expect(evaluation.firstYear).toMatchObject({ ended: true, listed: true });
    expect(item(evaluation, 'introductionCourse')).toMatchObject({
      status: 'overdue',
      ended: true,
    });
    expect(item(evaluation, 'jobShadowing')).toMatchObject({ status: 'done', ended: true });
    expect(evaluation.deadlines.map((d) => d.requirementId)).not.toContain('introductionCourse');
  });

  it('is listed until the end of the competence year it ends in, then is history', () => {
    expect(evaluate(nurse, [], '2027-12-31T23:59').firstYear.listed).toBe(true);
    const next = evaluate(nurse, [], '2028-01-01T00:00');
    expect(next.firstYear.listed).toBe(false);
    expect(ids(next)).toEqual(['level', 'gatherings', 'studyDay', 'leaderMeeting']);
    // With years counted from the appointment, the first year is the first competence year.
    const config = variant((raw) => (raw.year = { basis: 'appointment' }));
    expect(evaluate(nurse, [], '2027-10-14T12:00', config).firstYear.listed).toBe(true);
    expect(evaluate(nurse, [], '2027-10-15T00:00', config).firstYear.listed).toBe(false);
  });
});

describe('appointment on 29 February', () => {
  const nurse: CompetenceNurse = { appointedAt: '2028-02-29', level: 'B' };
  const course = (date: string) => act('introductionCourse', date, { withLeader: true });

  it('has a first year whose last day is 28 February', () => {
    const evaluation = evaluate(nurse, [course('2029-02-28')], '2029-03-05T10:00');
    expect(evaluation.firstYear).toMatchObject({ lastDay: '2029-02-28', to: '2029-03-01' });
    expect(item(evaluation, 'introductionCourse').done.hours).toBe(6);
  });

  it('does not count 1 March towards it', () => {
    const evaluation = evaluate(nurse, [course('2029-03-01')], '2029-03-05T10:00');
    expect(item(evaluation, 'introductionCourse')).toMatchObject({
      status: 'overdue',
      done: { hours: 0 },
    });
  });

  it('is due nine months after, on 29 November', () => {
    const evaluation = evaluate(nurse, [], '2028-03-01T10:00');
    expect(item(evaluation, 'introductionCourse').byWhen).toBe('2028-11-29');
  });
});

/* ----------------------------------------------------------------------------------------------
 * Counting
 * -------------------------------------------------------------------------------------------- */

describe('counting activities', () => {
  it('sums hours across the kinds a requirement names', () => {
    const activities = [
      act('gathering', '2027-03-01', { hours: 6 }),
      act('basicCourse', '2027-09-20', { hours: 6 }),
    ];
    const strict = evaluate(VETERAN, activities, '2027-09-25T10:00');
    expect(item(strict, 'gatherings')).toMatchObject({
      status: 'missing',
      done: { count: 1, hours: 6 },
      missing: { count: 1, hours: 6 },
    });
    const config = variant((raw) => {
      reqOf(raw, 'gatherings').kinds = ['gathering', 'basicCourse'];
    });
    expect(
      item(evaluate(VETERAN, activities, '2027-09-25T10:00', config), 'gatherings'),
    ).toMatchObject({ status: 'done', done: { count: 2, hours: 12 } });
    expect(strict.hoursThisYear.byKind).toMatchObject({ gathering: 6, basicCourse: 6 });
    expect(strict.hoursThisYear.total).toBe(12);
  });

  it('sums job shadowing as its supervision hours when a requirement counts hours', () => {
    const config = variant((raw) => {
      const g = reqOf(raw, 'gatherings');
      g.kinds = ['gathering', 'jobShadowing'];
      delete g.minCount;
      g.minHours = 10;
    });
    const evaluation = evaluate(
      VETERAN,
      [
        act('gathering', '2027-03-01', { hours: 6 }),
        act('jobShadowing', '2027-04-01', { days: 1 }),
      ],
      '2027-05-01T10:00',
      config,
    );
    expect(item(evaluation, 'gatherings')).toMatchObject({
      status: 'done',
      done: { count: 2, hours: 10, days: 1 },
    });
  });

  it('ignores withdrawn activities', () => {
    const evaluation = evaluate(
      VETERAN,
      [
        act('gathering', '2027-03-01', { hours: 6 }),
        act('gathering', '2027-04-01', { hours: 6, status: 'withdrawn' }),
        act('studyDay', '2027-05-01', { hours: 6, status: 'withdrawn' }),
      ],
      '2027-06-01T10:00',
    );
    expect(item(evaluation, 'gatherings').done).toEqual({ count: 1, hours: 6, days: 0 });
    expect(item(evaluation, 'studyDay').status).toBe('missing');
    expect(evaluation.hoursThisYear.byKind.gathering).toBe(6);
    expect(evaluation.hoursThisYear.byKind.studyDay).toBe(0);
  });

  it('ignores activities dated after asOf', () => {
    const evaluation = evaluate(
      VETERAN,
      [act('studyDay', '2027-11-05', { hours: 6 })],
      '2027-11-04T23:59',
    );
    expect(item(evaluation, 'studyDay').done.count).toBe(0);
    expect(evaluation.hoursThisYear.total).toBe(0);
  });

  it('reports the year by kind and in total', () => {
    const evaluation = evaluate(
      VETERAN,
      [
        ...full2027(),
        act('other', '2027-06-01', { hours: 1.5 }),
        act('gathering', '2026-11-01', { hours: 6 }),
      ],
      '2027-12-01T10:00',
    );
    expect(evaluation.hoursThisYear.byKind).toEqual({
      gathering: 12,
      studyDay: 6,
      introductionCourse: 0,
      basicCourse: 0,
      jobShadowing: 0,
      leaderMeeting: 1,
      other: 1.5,
    });
    expect(evaluation.hoursThisYear.total).toBe(20.5);
    expect(evaluation.counts).toEqual({ done: 4, missing: 0, overdue: 0 });
  });
});

describe('job shadowing', () => {
  const nurse: CompetenceNurse = { appointedAt: '2026-10-15', level: 'B' };

  it('is done with one day; each day earns four supervision hours', () => {
    const evaluation = evaluate(
      nurse,
      [act('jobShadowing', '2027-02-05', { days: 2 })],
      '2027-03-01T10:00',
    );
    expect(item(evaluation, 'jobShadowing')).toMatchObject({
      status: 'done',
      done: { count: 1, days: 2, hours: 8 },
      needed: { days: 1 },
    });
    expect(evaluation.supervisionHours).toEqual({ thisYear: 8, total: 8 });
    expect(evaluation.hoursThisYear.byKind.jobShadowing).toBe(8);
  });

  it('adds up supervision hours over periods and years', () => {
    const activities = [
      act('jobShadowing', '2026-11-20', { days: 1 }),
      act('jobShadowing', '2027-02-05', { days: 3 }),
    ];
    expect(evaluate(nurse, activities, '2027-03-01T10:00').supervisionHours).toEqual({
      thisYear: 12,
      total: 16,
    });
    expect(evaluate(nurse, activities, '2028-01-10T10:00').supervisionHours).toEqual({
      thisYear: 0,
      total: 16,
    });
  });

  it('takes the hours per day from the requirement set', () => {
    const config = variant((raw) => (raw.sets[0].supervisionHoursPerJobShadowingDay = 5));
    const evaluation = evaluate(
      nurse,
      [act('jobShadowing', '2027-02-05', { days: 2 })],
      '2027-03-01T10:00',
      config,
    );
    expect(evaluation.supervisionHours.total).toBe(10);
  });

  it('is recorded as 1 to 3 whole days', () => {
    const ctx = recordCtx();
    for (const days of [1, 2, 3]) {
      expect(recordActivity({ ...input('jobShadowing'), days }, ctx).ok).toBe(true);
    }
    for (const days of [0, 4, 1.5]) {
      const result = recordActivity({ ...input('jobShadowing'), days }, ctx);
      expect(result).toMatchObject({ ok: false, refusal: { code: 'invalid_input' } });
      if (!result.ok && result.refusal.code === 'invalid_input') {
        expect(result.refusal.issues.map((i) => i.field)).toEqual(['days']);
      }
    }
  });
});

/* ----------------------------------------------------------------------------------------------
 * Due dates, overdue, deadlines
 * -------------------------------------------------------------------------------------------- */

describe('overdue after the by-when date', () => {
  const halfway = [act('gathering', '2027-03-10', { hours: 6 })];

  it('is missing through the last day in time and overdue from the day after', () => {
    expect(item(evaluate(VETERAN, halfway, '2027-10-01T23:59'), 'gatherings').status).toBe(
      'missing',
    );
    const overdue = evaluate(VETERAN, halfway, '2027-10-02T00:00');
    expect(item(overdue, 'gatherings')).toMatchObject({
      status: 'overdue',
      byWhen: '2027-10-01',
      dueAt: oslo('2027-10-02T00:00').toISOString(),
      missing: { count: 1, hours: 6 },
    });
    // Still in the engine's list while the year runs: the nurse can still catch up.
    expect(overdue.deadlines.map((d) => d.key)).toContain('gatherings:2027-01-01');
  });

  it('becomes done when the nurse catches up later in the year', () => {
    const evaluation = evaluate(
      VETERAN,
      [...halfway, act('gathering', '2027-11-05', { hours: 6 })],
      '2027-11-10T10:00',
    );
    expect(item(evaluation, 'gatherings').status).toBe('done');
    expect(evaluation.deadlines.map((d) => d.requirementId)).not.toContain('gatherings');
  });

  it('makes the leader meeting overdue after 1 December and the study day after New Year’s Eve', () => {
    expect(item(evaluate(VETERAN, [], '2027-12-01T23:59'), 'leaderMeeting').status).toBe('missing');
    expect(item(evaluate(VETERAN, [], '2027-12-02T00:00'), 'leaderMeeting').status).toBe('overdue');
    expect(item(evaluate(VETERAN, [], '2027-12-31T23:59'), 'studyDay').status).toBe('missing');
  });
});

describe('reminder deadlines from the config', () => {
  const nurse: CompetenceNurse = { appointedAt: '2027-02-01', level: 'B' };

  it('gives one deadline per open requirement, due at the end of its by-when day', () => {
    expect(evaluate(nurse, [], '2027-02-10T09:00').deadlines).toEqual([
      {
        key: 'gatherings:2027-01-01',
        requirementId: 'gatherings',
        periodFrom: '2027-01-01',
        byWhen: '2027-10-01',
        dueAt: '2027-10-01T22:00:00.000Z',
      },
      {
        key: 'introductionCourse:2027-02-01',
        requirementId: 'introductionCourse',
        periodFrom: '2027-02-01',
        byWhen: '2027-11-01',
        dueAt: '2027-11-01T23:00:00.000Z',
      },
      {
        key: 'jobShadowing:2027-02-01',
        requirementId: 'jobShadowing',
        periodFrom: '2027-02-01',
        byWhen: '2027-11-01',
        dueAt: '2027-11-01T23:00:00.000Z',
      },
      {
        key: 'leaderMeeting:2027-01-01',
        requirementId: 'leaderMeeting',
        periodFrom: '2027-01-01',
        byWhen: '2027-12-01',
        dueAt: '2027-12-01T23:00:00.000Z',
      },
      {
        key: 'studyDay:2027-01-01',
        requirementId: 'studyDay',
        periodFrom: '2027-01-01',
        byWhen: '2027-12-31',
        dueAt: '2027-12-31T23:00:00.000Z',
      },
    ]);
  });

  it('moves with the config', () => {
    const config = variant((raw) => {
      reqOf(raw, 'introductionCourse').dueBy.months = 6;
      reqOf(raw, 'gatherings').dueBy.monthDay = '09-15';
      reqOf(raw, 'studyDay').dueBy = { kind: 'monthDay', monthDay: '11-30' };
    });
    const byKey = Object.fromEntries(
      evaluate(nurse, [], '2027-02-10T09:00', config).deadlines.map((d) => [d.key, d.byWhen]),
    );
    expect(byKey).toMatchObject({
      'introductionCourse:2027-02-01': '2027-08-01',
      'gatherings:2027-01-01': '2027-09-15',
      'studyDay:2027-01-01': '2027-11-30',
    });
  });

  it('drops a requirement once done; the level never has one', () => {
    const evaluation = evaluate(
      nurse,
      [act('jobShadowing', '2027-02-05'), act('studyDay', '2027-02-06')],
      '2027-02-10T09:00',
    );
    expect(evaluation.deadlines.map((d) => d.requirementId)).toEqual([
      'gatherings',
      'introductionCourse',
      'leaderMeeting',
    ]);
    const noLevel = evaluate({ appointedAt: '2027-02-01' }, [], '2027-02-10T09:00');
    expect(noLevel.deadlines.map((d) => d.requirementId)).not.toContain('level');
  });

  it('counts appointment years from the appointment date', () => {
    const config = variant((raw) => (raw.year = { basis: 'appointment' }));
    const evaluation = evaluate({ appointedAt: '2026-10-15' }, [], '2027-11-01T10:00', config);
    expect(evaluation.year).toMatchObject({
      from: '2027-10-15',
      lastDay: '2028-10-14',
      label: '2027-10-15/2028-10-14',
    });
    expect(item(evaluation, 'gatherings')).toMatchObject({
      byWhen: '2028-10-01',
      periodFrom: '2027-10-15',
    });
    expect(evaluation.deadlines.map((d) => d.key)).toContain('gatherings:2027-10-15');
  });
});

/* ----------------------------------------------------------------------------------------------
 * The leader meeting and the level
 * -------------------------------------------------------------------------------------------- */

describe('the yearly leader meeting', () => {
  it('counts when the nurse recorded it herself', () => {
    const evaluation = evaluate(VETERAN, [act('leaderMeeting', '2027-02-01')], '2027-03-01T10:00');
    expect(item(evaluation, 'leaderMeeting').status).toBe('done');
  });

  it('waits for the nurse to confirm what the leader recorded', () => {
    const meeting = act('leaderMeeting', '2027-02-01', { recordedBy: LEADER, id: 'm1' });
    const evaluation = evaluate(VETERAN, [meeting], '2027-03-01T10:00');
    expect(item(evaluation, 'leaderMeeting')).toMatchObject({
      status: 'missing',
      awaitingConfirmation: ['m1'],
      done: { count: 0 },
    });
  });

  it('counts from the moment of the confirmation', () => {
    const meeting = act('leaderMeeting', '2027-02-01', {
      recordedBy: LEADER,
      confirmedAt: oslo('2027-02-03T12:00').toISOString(),
    });
    expect(item(evaluate(VETERAN, [meeting], '2027-02-03T11:59'), 'leaderMeeting').status).toBe(
      'missing',
    );
    expect(item(evaluate(VETERAN, [meeting], '2027-02-03T12:00'), 'leaderMeeting').status).toBe(
      'done',
    );
  });

  it('counts the leader’s record alone when the set does not ask for confirmation', () => {
    const config = variant((raw) => (reqOf(raw, 'leaderMeeting').nurseConfirmation = false));
    const meeting = act('leaderMeeting', '2027-02-01', { recordedBy: LEADER });
    expect(
      item(evaluate(VETERAN, [meeting], '2027-03-01T10:00', config), 'leaderMeeting').status,
    ).toBe('done');
  });
});

describe('the level', () => {
  const levelOf = (evaluation: PlanEvaluation) => evaluation.requirements[0];

  it('is done at B or C, missing at A or when not recorded, and never overdue', () => {
    const at = '2030-01-01T10:00';
    expect(levelOf(evaluate({ appointedAt: '2025-01-01', level: 'B' }, [], at)).status).toBe(
      'done',
    );
    expect(levelOf(evaluate({ appointedAt: '2025-01-01', level: 'C' }, [], at)).status).toBe(
      'done',
    );
    expect(levelOf(evaluate({ appointedAt: '2025-01-01', level: 'A' }, [], at))).toMatchObject({
      status: 'missing',
      recorded: 'A',
      minimum: 'B',
      dueAt: null,
    });
    expect(levelOf(evaluate({ appointedAt: '2025-01-01' }, [], at))).toMatchObject({
      status: 'missing',
      recorded: null,
    });
  });
});

/* ----------------------------------------------------------------------------------------------
 * A config change applies to the next year only
 * -------------------------------------------------------------------------------------------- */

describe('a change of requirements', () => {
  /** 2026.1 as shipped; 2027.2 from 1 June 2027 asks three gatherings, 16 hours, 8 h introduction. */
  const twoSets = (basis: 'calendar' | 'appointment') =>
    variant((raw) => {
      if (basis === 'appointment') raw.year = { basis: 'appointment' };
      const next = structuredClone(raw.sets[0]);
      next.version = '2027.2';
      next.validFrom = '2027-06-01';
      Object.assign(reqOf({ sets: [next] }, 'gatherings'), { minCount: 3, minHours: 16 });
      reqOf({ sets: [next] }, 'introductionCourse').minHours = 8;
      raw.sets.push(next);
      raw.version = '2027.2';
    });
  const gatherings = (dates: string[]) => dates.map((d) => act('gathering', d, { hours: 6 }));

  it('leaves the running calendar year as it began and applies from the next', () => {
    const config = twoSets('calendar');
    const activities = gatherings(['2027-02-10', '2027-09-10', '2028-02-10', '2028-09-10']);
    const y2027 = evaluate(VETERAN, activities, '2027-11-01T10:00', config);
    expect(y2027.year?.requirementsVersion).toBe('2026.1');
    expect(item(y2027, 'gatherings')).toMatchObject({
      status: 'done',
      needed: { count: 2, hours: 12 },
      requirementsVersion: '2026.1',
    });
    const y2028 = evaluate(VETERAN, activities, '2028-11-01T10:00', config);
    expect(y2028.year?.requirementsVersion).toBe('2027.2');
    expect(item(y2028, 'gatherings')).toMatchObject({
      status: 'overdue',
      needed: { count: 3, hours: 16 },
      missing: { count: 1, hours: 4 },
      requirementsVersion: '2027.2',
    });
  });

  it('keeps an appointment year that began before the change', () => {
    const config = twoSets('appointment');
    const nurse: CompetenceNurse = { appointedAt: '2026-08-15', level: 'B' };
    expect(evaluate(nurse, [], '2027-07-01T10:00', config).year?.requirementsVersion).toBe(
      '2026.1',
    );
    const next = evaluate(nurse, [], '2027-09-01T10:00', config);
    expect(next.year).toMatchObject({ from: '2027-08-15', requirementsVersion: '2027.2' });
    expect(item(next, 'gatherings').needed).toEqual({ count: 3, hours: 16 });
  });

  it('measures a first year with the set in force on the appointment date', () => {
    const config = twoSets('calendar');
    const course = [act('introductionCourse', '2027-07-10', { hours: 6, withLeader: true })];
    const before = evaluate({ appointedAt: '2027-05-31' }, course, '2027-08-01T10:00', config);
    expect(before.firstYear.requirementsVersion).toBe('2026.1');
    expect(item(before, 'introductionCourse').status).toBe('done');
    const after = evaluate({ appointedAt: '2027-06-01' }, course, '2027-08-01T10:00', config);
    expect(after.firstYear.requirementsVersion).toBe('2027.2');
    expect(item(after, 'introductionCourse')).toMatchObject({
      status: 'missing',
      missing: { hours: 2 },
    });
  });
});

/* ----------------------------------------------------------------------------------------------
 * Zone overview
 * -------------------------------------------------------------------------------------------- */

describe('zoneOverview', () => {
  const nurses = [
    { id: 'ida', name: 'Ida', appointedAt: '2025-01-01', level: 'B' as const },
    { id: 'bo', name: 'Bo', appointedAt: '2025-01-01', level: 'B' as const },
    { id: 'ny', name: 'Ny', appointedAt: '2027-02-01' },
  ];
  const activities = { ida: full2027(), ny: [act('jobShadowing', '2027-03-01')] };
  const at = oslo('2027-10-15T10:00');

  it('gives a row per nurse, most overdue first, then most missing', () => {
    const overview = zoneOverview(nurses, activities, shipped(), at, OSLO);
    expect(overview.rows.map((r) => [r.nurseId, r.counts])).toEqual([
      ['ny', { done: 1, missing: 4, overdue: 1 }],
      ['bo', { done: 1, missing: 2, overdue: 1 }],
      ['ida', { done: 4, missing: 0, overdue: 0 }],
    ]);
    expect(overview.totals).toEqual({ done: 6, missing: 6, overdue: 2 });
    const ny = overview.rows[0];
    expect(ny.items.map((i) => [i.id, i.status])).toEqual([
      ['level', 'missing'],
      ['introductionCourse', 'missing'],
      ['jobShadowing', 'done'],
      ['gatherings', 'overdue'],
      ['studyDay', 'missing'],
      ['leaderMeeting', 'missing'],
    ]);
    expect(ny.supervisionHoursTotal).toBe(4);
  });

  it('accepts the activities as a Map as well', () => {
    const asMap = new Map(Object.entries(activities));
    expect(zoneOverview(nurses, asMap, shipped(), at, OSLO)).toEqual(
      zoneOverview(nurses, activities, shipped(), at, OSLO),
    );
  });

  it('flattens to rows of strings, one per nurse and requirement', () => {
    const { table } = zoneOverview(nurses, activities, shipped(), at, OSLO);
    expect(table.header).toEqual([...OVERVIEW_TABLE_HEADER]);
    expect(table.rows).toHaveLength(6 + 4 + 4);
    for (const row of table.rows) {
      expect(row).toHaveLength(table.header.length);
      for (const cell of row) expect(typeof cell).toBe('string');
    }
    const column = (name: string) => table.header.indexOf(name);
    const boGatherings = table.rows.find(
      (r) => r[column('nurseId')] === 'bo' && r[column('requirement')] === 'gatherings',
    );
    expect(boGatherings).toEqual([
      'bo',
      'Bo',
      '2025-01-01',
      'B',
      'gatherings',
      'year',
      '2027-01-01',
      '2027-12-31',
      '2026.1',
      'overdue',
      '0',
      '0',
      '0',
      '2',
      '12',
      '',
      '',
      '2',
      '12',
      '0',
      '2027-10-01',
      '0',
    ]);
    const nyLevel = table.rows.find(
      (r) => r[column('nurseId')] === 'ny' && r[column('requirement')] === 'level',
    );
    expect(nyLevel?.[column('status')]).toBe('missing');
    expect(nyLevel?.[column('neededLevel')]).toBe('B');
    expect(nyLevel?.[column('level')]).toBe('');
  });
});

/* ----------------------------------------------------------------------------------------------
 * Recording, withdrawing, confirming
 * -------------------------------------------------------------------------------------------- */

const nurseActor: ActivityActor = { id: NURSE, roles: ['nurse'], zoneIds: ['nord'] };
const leaderActor: ActivityActor = { id: LEADER, roles: ['leader'], zoneIds: ['nord'] };
const otherLeader: ActivityActor = { id: 'leader-2', roles: ['leader'], zoneIds: ['sor'] };
const otherNurse: ActivityActor = { id: 'nurse-2', roles: ['nurse'], zoneIds: ['nord'] };
const theNurse = { id: NURSE, zoneIds: ['nord'] };

function recordCtx(actor: ActivityActor = nurseActor, now = oslo('2027-03-01T10:00')) {
  return { actor, nurse: theNurse, now, timeZone: OSLO, id: `r${++nextId}` };
}
const input = (kind: ActivityKind, date = '2027-03-01'): Record<string, unknown> =>
  kind === 'jobShadowing'
    ? { nurseId: NURSE, kind, date, days: 1 }
    : { nurseId: NURSE, kind, date, hours: 2 };

describe('recordActivity', () => {
  it('records for the nurse herself or her zone leader, with who and when', () => {
    const ctx = recordCtx();
    const result = recordActivity({ ...input('gathering'), text: ' Nettverkssamling ' }, ctx);
    expect(result).toEqual({
      ok: true,
      changed: true,
      activity: {
        id: ctx.id,
        nurseId: NURSE,
        kind: 'gathering',
        date: '2027-03-01',
        hours: 2,
        text: 'Nettverkssamling',
        recordedBy: NURSE,
        recordedAt: ctx.now.toISOString(),
        status: 'active',
      },
    });
    expect(recordActivity(input('leaderMeeting'), recordCtx(leaderActor)).ok).toBe(true);
  });

  it('refuses anyone else', () => {
    for (const actor of [otherNurse, otherLeader]) {
      expect(recordActivity(input('gathering'), recordCtx(actor))).toEqual({
        ok: false,
        refusal: { code: 'forbidden' },
      });
    }
    expect(recordActivity({ ...input('gathering'), nurseId: 'nurse-2' }, recordCtx())).toEqual({
      ok: false,
      refusal: { code: 'wrong_nurse', field: 'nurseId' },
    });
  });

  it('refuses a date after today, today being the local day', () => {
    // 23:30 UTC on 1 March is 00:30 on 2 March in Oslo.
    const now = new Date('2027-03-01T23:30:00Z');
    expect(recordActivity(input('gathering', '2027-03-02'), recordCtx(nurseActor, now)).ok).toBe(
      true,
    );
    expect(recordActivity(input('gathering', '2027-03-03'), recordCtx(nurseActor, now))).toEqual({
      ok: false,
      refusal: { code: 'date_in_future', field: 'date' },
    });
  });

  it('refuses a national id in any field, naming the field and never the number', () => {
    const inText = recordActivity(
      { ...input('gathering'), text: `pasient ${VALID_FNR}` },
      recordCtx(),
    );
    expect(inText).toEqual({ ok: false, refusal: { code: 'contains_national_id', field: 'text' } });
    const inKey = recordActivity({ ...input('gathering'), [VALID_FNR]: 1 }, recordCtx());
    expect(inKey).toMatchObject({ ok: false, refusal: { code: 'contains_national_id' } });
    expect(JSON.stringify(inKey)).not.toContain(VALID_FNR);
  });

  it('refuses invalid fields with their names', () => {
    const result = recordActivity(
      { ...input('gathering'), hours: 30, text: 'x'.repeat(201) },
      recordCtx(),
    );
    expect(result.ok).toBe(false);
    if (!result.ok && result.refusal.code === 'invalid_input') {
      expect(result.refusal.issues.map((i) => i.field).sort()).toEqual(['hours', 'text']);
    } else {
      throw new Error('expected invalid_input');
    }
  });
});

describe('withdrawActivity and confirmLeaderMeeting', () => {
  const now = oslo('2027-03-02T10:00');

  it('marks withdrawn (nothing is deleted); a second time changes nothing', () => {
    const gathering = act('gathering', '2027-03-01');
    const first = withdrawActivity(gathering, nurseActor, theNurse, now);
    expect(first).toEqual({
      ok: true,
      changed: true,
      activity: {
        ...gathering,
        status: 'withdrawn',
        withdrawnBy: NURSE,
        withdrawnAt: now.toISOString(),
      },
    });
    if (!first.ok) throw new Error('unreachable');
    expect(activitySchema.safeParse(first.activity).success).toBe(true);
    expect(withdrawActivity(first.activity, nurseActor, theNurse, now)).toMatchObject({
      ok: true,
      changed: false,
    });
    expect(withdrawActivity(gathering, leaderActor, theNurse, now).ok).toBe(true);
    expect(withdrawActivity(gathering, otherNurse, theNurse, now)).toEqual({
      ok: false,
      refusal: { code: 'forbidden' },
    });
  });

  it('lets only the nurse confirm a meeting her leader recorded', () => {
    const meeting = act('leaderMeeting', '2027-03-01', { recordedBy: LEADER });
    expect(confirmLeaderMeeting(meeting, leaderActor, now)).toEqual({
      ok: false,
      refusal: { code: 'forbidden' },
    });
    const confirmed = confirmLeaderMeeting(meeting, nurseActor, now);
    expect(confirmed).toMatchObject({
      ok: true,
      changed: true,
      activity: { confirmedByNurse: { at: now.toISOString() } },
    });
    if (!confirmed.ok) throw new Error('unreachable');
    expect(confirmLeaderMeeting(confirmed.activity, nurseActor, now)).toMatchObject({
      changed: false,
    });
    expect(confirmLeaderMeeting(act('gathering', '2027-03-01'), nurseActor, now)).toEqual({
      ok: false,
      refusal: { code: 'not_a_leader_meeting' },
    });
    const withdrawn = act('leaderMeeting', '2027-03-01', {
      recordedBy: LEADER,
      status: 'withdrawn',
    });
    expect(confirmLeaderMeeting(withdrawn, nurseActor, now)).toEqual({
      ok: false,
      refusal: { code: 'withdrawn' },
    });
  });
});

/* ----------------------------------------------------------------------------------------------
 * Properties
 * -------------------------------------------------------------------------------------------- */

describe('properties', () => {
  const configs: CompetenceConfig[] = [
    shipped(),
    variant((raw) => (raw.year = { basis: 'appointment' })),
    variant((raw) => {
      reqOf(raw, 'gatherings').kinds = ['gathering', 'basicCourse', 'jobShadowing'];
      reqOf(raw, 'leaderMeeting').nurseConfirmation = false;
      // Without a dueBy the study day falls due on the year's last day and is never overdue
      // within its year; with one, it can be.
      reqOf(raw, 'studyDay').dueBy = { kind: 'monthDay', monthDay: '11-01' };
      const next = structuredClone(raw.sets[0]);
      Object.assign(next, { version: 'v2', validFrom: '2027-06-01' });
      next.supervisionHoursPerJobShadowingDay = 3;
      reqOf({ sets: [next] }, 'studyDay').minCount = 2;
      raw.sets.push(next);
    }),
  ];

  /*
   * Activities and the appointment cluster around asOf (a year and a bit before it, a few days
   * after it), so that done, missing and overdue all occur often enough to be tested.
   */
  const activityNear = (today: string) =>
    fc
      .record({
        kind: fc.constantFrom(...ACTIVITY_KINDS),
        date: fc.integer({ min: -10, max: 450 }).map((n) => addDays(today, -n)),
        quarters: fc.integer({ min: 2, max: 96 }),
        days: fc.integer({ min: 1, max: 3 }),
        withLeader: fc.boolean(),
        byLeader: fc.boolean(),
        confirmedAfterDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
        withdrawn: fc.boolean(),
      })
      .map((a) =>
        act(a.kind, a.date, {
          hours: a.quarters / 4,
          days: a.days,
          withLeader: a.kind === 'introductionCourse' ? a.withLeader : undefined,
          recordedBy: a.byLeader ? LEADER : NURSE,
          confirmedAt:
            a.kind === 'leaderMeeting' && a.byLeader && a.confirmedAfterDays !== undefined
              ? `${addDays(a.date, a.confirmedAfterDays)}T09:00:00.000Z`
              : undefined,
          status: a.withdrawn ? 'withdrawn' : undefined,
        }),
      );
  const scenarioArb = (minActivities: number) =>
    fc
      .integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2031-06-30T00:00:00Z') })
      .map((ms) => new Date(ms))
      .chain((asOf) => {
        const today = localDay(asOf, OSLO);
        return fc.record({
          asOf: fc.constant(asOf),
          nurse: fc.record({
            appointedAt: fc.integer({ min: -30, max: 3 * 365 }).map((n) => addDays(today, -n)),
            level: fc.option(fc.constantFrom('A' as const, 'B' as const, 'C' as const), {
              nil: undefined,
            }),
          }),
          activities: fc.array(activityNear(today), { minLength: minActivities, maxLength: 16 }),
          extra: activityNear(today),
          pick: fc.nat(),
          config: fc.constantFrom(...configs),
        });
      });

  const statuses = (e: PlanEvaluation) => e.requirements.map((r) => [r.id, r.status] as const);

  it('adding an activity never makes a done requirement undone', () => {
    fc.assert(
      fc.property(scenarioArb(0), ({ nurse, activities, extra, asOf, config }) => {
        const before = statuses(evaluatePlan(nurse, activities, config, asOf, OSLO));
        const after = statuses(evaluatePlan(nurse, [...activities, extra], config, asOf, OSLO));
        expect(after.map(([id]) => id)).toEqual(before.map(([id]) => id));
        before.forEach(([, status], i) => {
          if (status === 'done') expect(after[i][1]).toBe('done');
        });
      }),
      { numRuns: 500 },
    );
  });

  it('withdrawing an activity never makes an undone requirement done', () => {
    fc.assert(
      fc.property(scenarioArb(1), ({ nurse, activities, pick, asOf, config }) => {
        const i = pick % activities.length;
        const result = withdrawActivity(activities[i], leaderActor, theNurse, asOf);
        if (!result.ok) throw new Error('a leader of the zone may withdraw');
        const withdrawn = activities.map((a, j) => (j === i ? result.activity : a));
        const before = statuses(evaluatePlan(nurse, activities, config, asOf, OSLO));
        const after = statuses(evaluatePlan(nurse, withdrawn, config, asOf, OSLO));
        expect(after.map(([id]) => id)).toEqual(before.map(([id]) => id));
        before.forEach(([, status], k) => {
          if (status !== 'done') expect(after[k][1]).not.toBe('done');
        });
      }),
      { numRuns: 500 },
    );
  });

  it('tracks a deadline only for requirements not done whose period runs', () => {
    fc.assert(
      fc.property(scenarioArb(0), ({ nurse, activities, asOf, config }) => {
        const evaluation = evaluatePlan(nurse, activities, config, asOf, OSLO);
        const open = evaluation.requirements
          .filter((r) => r.type === 'activities' && r.status !== 'done' && !r.ended)
          .map((r) => r.id)
          .sort();
        expect(evaluation.deadlines.map((d) => d.requirementId).sort()).toEqual(open);
      }),
      { numRuns: 200 },
    );
  });

  it('generates every status of every requirement (the properties above are not vacuous)', () => {
    const seen = new Set<string>();
    for (const { nurse, activities, asOf, config } of fc.sample(scenarioArb(0), {
      numRuns: 500,
      seed: 42,
    })) {
      for (const r of evaluatePlan(nurse, activities, config, asOf, OSLO).requirements) {
        seen.add(`${r.id}:${r.status}`);
      }
    }
    for (const id of [
      'introductionCourse',
      'jobShadowing',
      'gatherings',
      'studyDay',
      'leaderMeeting',
    ]) {
      for (const status of ['done', 'missing', 'overdue'])
        expect(seen).toContain(`${id}:${status}`);
    }
    expect(seen).toContain('level:done');
    expect(seen).toContain('level:missing');
  });
});
