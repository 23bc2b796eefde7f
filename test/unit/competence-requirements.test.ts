import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCompetence } from '../../src/config/competence-file';
import { ConfigError } from '../../src/config/settings';
import { activitySchema } from '../../src/domain/competence/activity';
import {
  type CompetenceConfig,
  competenceConfigSchema,
  requirementSetOn,
} from '../../src/domain/competence/requirements';
import { VALID_FNR } from '../support/domain-fixtures';

const COMPETENCE_PATH = path.join(__dirname, '..', '..', 'config', 'competence.json');

// The file is JSON; the variants below edit a plain copy of it, so `any` is the honest type.
// biome-ignore lint/suspicious/noExplicitAny: raw JSON edited by each test
type Raw = any;

const rawCompetence = (): Raw => JSON.parse(fs.readFileSync(COMPETENCE_PATH, 'utf8'));

/** The issues of a variant of config/competence.json, as dotted paths. */
function pathsOf(edit: (raw: Raw) => void): string[] {
  const raw = rawCompetence();
  edit(raw);
  const parsed = competenceConfigSchema.safeParse(raw);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => i.path.join('.'));
}

/** Index of a requirement in the shipped set, by id, so the tests read by name. */
const req = (raw: Raw, id: string): Raw => raw.sets[0].requirements.find((r: Raw) => r.id === id);
const reqIndex = (id: string): number =>
  rawCompetence().sets[0].requirements.findIndex((r: Raw) => r.id === id);

describe('config/competence.json', () => {
  it('parses, with a version', () => {
    const parsed = competenceConfigSchema.safeParse(rawCompetence());
    expect(parsed.success).toBe(true);
    expect((parsed.data as CompetenceConfig).version).toBe('2026.1');
  });

  it('encodes the competence plan and the function description', () => {
    const config = competenceConfigSchema.parse(rawCompetence());
    expect(config.year).toEqual({
      basis: 'calendar',
      includeAppointmentYearIfAppointedBy: '03-31',
    });
    expect(config.sets).toHaveLength(1);
    const [set] = config.sets;
    expect(set.level).toEqual({ minimum: 'B' });
    expect(set.supervisionHoursPerJobShadowingDay).toBe(4);
    const byId = Object.fromEntries(set.requirements.map((r) => [r.id, r]));
    expect(byId.introductionCourse).toEqual({
      id: 'introductionCourse',
      period: 'firstYear',
      kinds: ['introductionCourse'],
      minHours: 6,
      withLeader: true,
      dueBy: { kind: 'monthsAfterStart', months: 9 },
    });
    expect(byId.jobShadowing).toMatchObject({ period: 'firstYear', minDays: 1 });
    expect(byId.gatherings).toMatchObject({
      period: 'year',
      kinds: ['gathering'],
      minCount: 2,
      minHours: 12,
      dueBy: { kind: 'monthDay', monthDay: '10-01' },
    });
    expect(byId.studyDay).toMatchObject({ period: 'year', minCount: 1, minHours: 6 });
    expect(byId.studyDay.dueBy).toBeUndefined();
    expect(byId.leaderMeeting).toMatchObject({
      period: 'year',
      minCount: 1,
      nurseConfirmation: true,
      dueBy: { kind: 'monthDay', monthDay: '12-01' },
    });
  });

  it('loads through loadCompetence', () => {
    expect(loadCompetence(COMPETENCE_PATH).sets[0].version).toBe('2026.1');
  });
});

describe('competenceConfigSchema refuses each invalid field with its path', () => {
  const gatherings = reqIndex('gatherings');
  const intro = reqIndex('introductionCourse');
  const study = reqIndex('studyDay');
  const r = (i: number, ...rest: (string | number)[]) =>
    ['sets', 0, 'requirements', i, ...rest].join('.');

  const cases: [string, (raw: Raw) => void, string][] = [
    ['empty version', (x) => (x.version = ''), 'version'],
    ['unknown top-level key', (x) => (x.extra = 1), ''],
    ['unknown year basis', (x) => (x.year.basis = 'fiscal'), 'year.basis'],
    [
      'impossible month-day',
      (x) => (x.year.includeAppointmentYearIfAppointedBy = '02-30'),
      'year.includeAppointmentYearIfAppointedBy',
    ],
    [
      'month-day on an appointment basis',
      (x) => (x.year = { basis: 'appointment', includeAppointmentYearIfAppointedBy: '03-31' }),
      'year',
    ],
    ['no sets', (x) => (x.sets = []), 'sets'],
    ['empty set version', (x) => (x.sets[0].version = ''), 'sets.0.version'],
    ['bad validFrom', (x) => (x.sets[0].validFrom = '2026-13-01'), 'sets.0.validFrom'],
    [
      'a later set not valid from a later date',
      (x) => x.sets.push({ ...structuredClone(x.sets[0]), version: '2027.1' }),
      'sets.1.validFrom',
    ],
    [
      'a repeated set version',
      (x) => x.sets.push({ ...structuredClone(x.sets[0]), validFrom: '2027-01-01' }),
      'sets.1.version',
    ],
    ['unknown level', (x) => (x.sets[0].level.minimum = 'D'), 'sets.0.level.minimum'],
    [
      'negative supervision hours',
      (x) => (x.sets[0].supervisionHoursPerJobShadowingDay = -1),
      'sets.0.supervisionHoursPerJobShadowingDay',
    ],
    ['no requirements', (x) => (x.sets[0].requirements = []), 'sets.0.requirements'],
    ['bad requirement id', (x) => (req(x, 'gatherings').id = 'Bad id'), r(gatherings, 'id')],
    ['a repeated requirement id', (x) => (req(x, 'studyDay').id = 'gatherings'), r(study, 'id')],
    ['unknown period', (x) => (req(x, 'gatherings').period = 'month'), r(gatherings, 'period')],
    ['no kinds', (x) => (req(x, 'gatherings').kinds = []), r(gatherings, 'kinds')],
    ['unknown kind', (x) => (req(x, 'gatherings').kinds = ['party']), r(gatherings, 'kinds', 0)],
    [
      'a repeated kind',
      (x) => (req(x, 'gatherings').kinds = ['gathering', 'gathering']),
      r(gatherings, 'kinds'),
    ],
    ['minCount 0', (x) => (req(x, 'gatherings').minCount = 0), r(gatherings, 'minCount')],
    [
      'fractional minCount',
      (x) => (req(x, 'gatherings').minCount = 1.5),
      r(gatherings, 'minCount'),
    ],
    ['minHours 0', (x) => (req(x, 'gatherings').minHours = 0), r(gatherings, 'minHours')],
    [
      'minHours off the quarter hour',
      (x) => (req(x, 'gatherings').minHours = 12.3),
      r(gatherings, 'minHours'),
    ],
    ['minDays for gatherings', (x) => (req(x, 'gatherings').minDays = 1), r(gatherings, 'minDays')],
    [
      'withLeader on a gathering',
      (x) => (req(x, 'gatherings').withLeader = true),
      r(gatherings, 'withLeader'),
    ],
    [
      'nurseConfirmation on a study day',
      (x) => (req(x, 'studyDay').nurseConfirmation = true),
      r(study, 'nurseConfirmation'),
    ],
    [
      'no minimum at all',
      (x) => {
        const s = req(x, 'studyDay');
        delete s.minCount;
        delete s.minHours;
      },
      r(study),
    ],
    [
      'unknown dueBy kind',
      (x) => (req(x, 'gatherings').dueBy = { kind: 'weekly' }),
      r(gatherings, 'dueBy', 'kind'),
    ],
    [
      'dueBy months 0',
      (x) => (req(x, 'introductionCourse').dueBy.months = 0),
      r(intro, 'dueBy', 'months'),
    ],
    [
      'dueBy on 29 February',
      (x) => (req(x, 'gatherings').dueBy.monthDay = '02-29'),
      r(gatherings, 'dueBy', 'monthDay'),
    ],
    [
      'dueBy not MM-DD',
      (x) => (req(x, 'gatherings').dueBy.monthDay = '1 October'),
      r(gatherings, 'dueBy', 'monthDay'),
    ],
    ['unknown requirement key', (x) => (req(x, 'gatherings').note = 'x'), r(gatherings)],
  ];

  it.each(cases)('%s', (_name, edit, expected) => {
    expect(pathsOf(edit)).toEqual([expected]);
  });
});

describe('requirementSetOn', () => {
  const config = competenceConfigSchema.parse({
    ...rawCompetence(),
    sets: [
      { ...rawCompetence().sets[0], version: 'v1', validFrom: '2026-01-01' },
      { ...rawCompetence().sets[0], version: 'v2', validFrom: '2027-06-01' },
    ],
  });

  it('picks the latest set valid on the day, and the earliest before all', () => {
    expect(requirementSetOn(config, '2025-05-05').version).toBe('v1');
    expect(requirementSetOn(config, '2026-01-01').version).toBe('v1');
    expect(requirementSetOn(config, '2027-05-31').version).toBe('v1');
    expect(requirementSetOn(config, '2027-06-01').version).toBe('v2');
    expect(requirementSetOn(config, '2030-01-01').version).toBe('v2');
  });
});

describe('loadCompetence', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'competence-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stops with the path of the bad field', () => {
    const raw = rawCompetence();
    raw.sets[0].requirements[2].minCount = 0;
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(raw));
    expect(() => loadCompetence(file)).toThrow(ConfigError);
    expect(() => loadCompetence(file)).toThrow(/sets\.0\.requirements\.2\.minCount:/);
  });

  it('stops on a file that is not JSON', () => {
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, '{ "version": ');
    expect(() => loadCompetence(file)).toThrow(/Cannot read competence file/);
  });
});

describe('activitySchema', () => {
  const base = {
    id: 'a1',
    nurseId: 'n1',
    date: '2027-03-01',
    recordedBy: 'n1',
    recordedAt: '2027-03-01T12:00:00.000Z',
    status: 'active',
  };
  const issuesOf = (value: Record<string, unknown>) => {
    const parsed = activitySchema.safeParse(value);
    return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
  };

  it('accepts each kind in its own shape', () => {
    expect(issuesOf({ ...base, kind: 'gathering', hours: 6 })).toEqual([]);
    expect(issuesOf({ ...base, kind: 'studyDay', hours: 6.5, text: 'Fagdag Hamar' })).toEqual([]);
    expect(issuesOf({ ...base, kind: 'introductionCourse', hours: 6, withLeader: true })).toEqual(
      [],
    );
    expect(issuesOf({ ...base, kind: 'jobShadowing', days: 3 })).toEqual([]);
    expect(issuesOf({ ...base, kind: 'leaderMeeting' })).toEqual([]);
    expect(
      issuesOf({
        ...base,
        kind: 'leaderMeeting',
        recordedBy: 'leader',
        confirmedByNurse: { at: '2027-03-02T08:00:00.000Z' },
      }),
    ).toEqual([]);
  });

  it.each([
    ['hours below 0.5', { kind: 'gathering', hours: 0.25 }, 'hours'],
    ['hours above 24', { kind: 'gathering', hours: 24.5 }, 'hours'],
    ['hours off the quarter hour', { kind: 'gathering', hours: 1.1 }, 'hours'],
    ['gathering without hours', { kind: 'gathering' }, 'hours'],
    ['job shadowing of 4 days', { kind: 'jobShadowing', days: 4 }, 'days'],
    ['job shadowing of 0 days', { kind: 'jobShadowing', days: 0 }, 'days'],
    ['half a day of job shadowing', { kind: 'jobShadowing', days: 1.5 }, 'days'],
    ['job shadowing in hours', { kind: 'jobShadowing', days: 1, hours: 4 }, ''],
    ['withLeader on a gathering', { kind: 'gathering', hours: 2, withLeader: true }, ''],
    [
      'confirmation on a study day',
      { kind: 'studyDay', hours: 6, confirmedByNurse: { at: '2027-03-02T08:00:00.000Z' } },
      '',
    ],
    ['unknown kind', { kind: 'party', hours: 2 }, 'kind'],
    ['bad date', { kind: 'gathering', hours: 2, date: '1.3.2027' }, 'date'],
    ['text over 200', { kind: 'gathering', hours: 2, text: 'x'.repeat(201) }, 'text'],
    ['text with a national id', { kind: 'gathering', hours: 2, text: `om ${VALID_FNR}` }, 'text'],
    ['unknown status', { kind: 'gathering', hours: 2, status: 'deleted' }, 'status'],
    [
      'withdrawn without by whom and when',
      { kind: 'gathering', hours: 2, status: 'withdrawn' },
      'withdrawnBy',
    ],
    [
      'withdrawal fields on an active activity',
      { kind: 'gathering', hours: 2, withdrawnAt: '2027-03-02T08:00:00.000Z' },
      'withdrawnAt',
    ],
  ])('refuses %s', (_name, fields, expectedPath) => {
    expect(issuesOf({ ...base, ...fields })).toContain(expectedPath);
  });
});
