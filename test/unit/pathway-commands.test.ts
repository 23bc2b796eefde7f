import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDomainError } from '../../src/domain/errors';
import { decideEscalation, escalationKey } from '../../src/domain/escalation';
import { type PathwayConfig, pathwayConfigSchema } from '../../src/domain/pathway/config';
import {
  applyPathwayCommand,
  EMPTY_TOPICS,
  PATHWAY_GUARDS,
  PATHWAY_TOPICS,
  type Pathway,
  type PathwayCommand,
  type PathwayCommandResult,
  type PathwayCommandType,
  type PathwayError,
  type PathwayInput,
  type PathwayResult,
  type PointState,
  parsePathwayPointCode,
  pathwayCommandDigest,
  pathwayCommandSchema,
  pathwayInputSchema,
  pathwaySchema,
  pointsDueForNotice,
  recordPointCardPosted,
  registerPathway,
  reschedulePathwayPoint,
  trackPathwayPoint,
  trackPathwayPoints,
} from '../../src/domain/pathway/pathway';
import { pathwayWindows } from '../../src/domain/pathway/windows';
import type { Role, StaffMember } from '../../src/domain/roster';
import {
  deepFreeze,
  defaultRoutine,
  KNOWN_ZONES,
  OTHER_ZONE,
  oslo,
  osloIso,
  staff,
  VALID_FNR,
  withOnlyRole,
  ZONE,
} from '../support/domain-fixtures';

/* ----------------------------------------------------------------------------------------------
 * Fixtures: the shipped config and routine; a diagnosis on Monday 5 January 2026, so point 2
 * runs from 5 April to Tuesday 5 May 2026 15:30 and point 3 to Monday 5 July 2027 15:30.
 * -------------------------------------------------------------------------------------------- */

const CONFIG: PathwayConfig = pathwayConfigSchema.parse(
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'config', 'pathways.json'), 'utf8')),
);
const WORKING_TIME = defaultRoutine().policy.workingTime;
const DIAGNOSIS = '2026-01-05';
const REGISTERED = oslo('2026-03-09T09:00');
/** Monday 20 April 2026, inside point 2's window. */
const NOW = oslo('2026-04-20T10:00');
const POINT2_CLOSES = osloIso('2026-05-05T15:30');
const POINT3_CLOSES = osloIso('2027-07-05T15:30');

const member = (id: string, roles: Role[], zoneIds: string[]): StaffMember => ({
  id,
  name: `Test ${id}`,
  roles,
  zoneIds,
});
/** The cancer coordinator works across the municipality: no zones. */
const cc = member('cc-1', ['cancerCoordinator'], []);
const cc2 = member('cc-2', ['cancerCoordinator'], []);

const PEOPLE = {
  fve: staff.fve,
  cc,
  nurseA: staff.nurseA,
  nurseB: staff.nurseB,
  nurseSouth: staff.nurseSouth,
  leader: staff.leader,
  leaderSouth: staff.leaderSouth,
  admin: staff.admin,
  networkLeader: withOnlyRole('networkLeader'),
} as const satisfies Record<string, StaffMember>;
type Who = keyof typeof PEOPLE;
const EVERYONE = Object.keys(PEOPLE) as Who[];

const input = (overrides: Partial<PathwayInput> = {}): PathwayInput => ({
  zoneId: ZONE,
  patientRef: 'DIPS-4711',
  diagnosisDate: DIAGNOSIS,
  hasServices: true,
  gpAgreement: false,
  ...overrides,
});

const BYTES = new Uint8Array([0, 1, 2, 3, 4]); // → ACDEF

function register(
  overrides: Partial<PathwayInput> = {},
  options: { now?: Date; actor?: StaffMember; config?: PathwayConfig } = {},
): PathwayResult {
  return registerPathway(
    input(overrides),
    options.actor ?? staff.fve,
    options.now ?? REGISTERED,
    options.config ?? CONFIG,
    WORKING_TIME,
    KNOWN_ZONES,
    { id: 'pathway-1', codeBytes: BYTES },
  );
}

function must(result: PathwayResult | PathwayCommandResult): Pathway {
  if (!result.ok) throw new Error(`unexpected refusal: ${result.error.code}`);
  return result.pathway;
}

function refusal(result: PathwayResult | PathwayCommandResult): PathwayError {
  if (result.ok) throw new Error('expected a refusal, got ok');
  return result.error;
}

/** As the store saves it: validated, and with the version the history entry names. */
const save = (p: Pathway): Pathway => pathwaySchema.parse({ ...p, version: p.version + 1 });

const newPathway = (overrides: Partial<PathwayInput> = {}): Pathway => must(register(overrides));

const step = (p: Pathway, command: PathwayCommand, actor: StaffMember, at: Date = NOW): Pathway =>
  save(must(applyPathwayCommand(p, command, actor, at)));

const apply = (
  p: Pathway,
  command: PathwayCommand,
  actor: StaffMember,
  at: Date = NOW,
  basedOnVersion?: number,
) => applyPathwayCommand(p, command, actor, at, basedOnVersion);

const pointOf = (p: Pathway, n: 2 | 3) => p.points[n - 2];

/** Point 2 of a zone-nurse pathway in a state, driven there by nurseA with real commands. */
function nursePointIn(state: 'pending' | 'claimed' | 'invited' | 'held' | 'declined'): Pathway {
  let p = newPathway({ hasServices: true });
  if (state === 'pending') return deepFreeze(p);
  p = step(p, { type: 'claimPoint', point: 2 }, staff.nurseA, oslo('2026-04-14T09:00'));
  if (state === 'claimed') return deepFreeze(p);
  p = step(p, { type: 'recordInvitation', point: 2 }, staff.nurseA, oslo('2026-04-15T09:00'));
  if (state === 'invited') return deepFreeze(p);
  if (state === 'declined') {
    const declined = step(
      p,
      { type: 'recordDeclined', point: 2, askAgainOn: '2026-04-27' },
      staff.nurseA,
      oslo('2026-04-16T14:00'),
    );
    return deepFreeze(declined);
  }
  p = step(
    p,
    { type: 'recordHeld', point: 2, date: '2026-04-16', nextOfKinPresent: false },
    staff.nurseA,
    oslo('2026-04-16T14:00'),
  );
  return deepFreeze(p);
}

/** Point 3 of a pathway whose GP agreed, in a state, driven by FVE. */
function gpPointIn(state: 'pending' | 'gpAsked' | 'gpConfirmed'): Pathway {
  let p = newPathway({ hasServices: true, gpAgreement: true });
  if (state === 'pending') return deepFreeze(p);
  p = step(p, { type: 'recordGpAsked', point: 3 }, staff.fve);
  if (state === 'gpAsked') return deepFreeze(p);
  return deepFreeze(step(p, { type: 'recordGpConfirmed', point: 3 }, staff.fve));
}

/* ----------------------------------------------------------------------------------------------
 * Registration
 * -------------------------------------------------------------------------------------------- */

describe('registerPathway', () => {
  it('opens a pathway with both windows frozen from the config and the routine', () => {
    const p = newPathway();
    expect(pathwaySchema.parse(p)).toEqual(p);
    expect(p).toMatchObject({
      id: 'pathway-1',
      code: 'ACDEF',
      zoneId: ZONE,
      patientRef: 'DIPS-4711',
      diagnosisDate: DIAGNOSIS,
      hasServices: true,
      gpAgreement: false,
      caseCode: null,
      configVersion: CONFIG.version,
      state: 'open',
      closedReason: null,
      version: 1,
      createdAt: REGISTERED.toISOString(),
      updatedAt: REGISTERED.toISOString(),
    });
    expect(p.policy).toEqual({ ...CONFIG.policy, workingTime: WORKING_TIME });
    const windows = pathwayWindows(DIAGNOSIS, CONFIG.policy, WORKING_TIME);
    expect(p.points.map((pt) => pt.point)).toEqual([2, 3]);
    p.points.forEach((pt, i) => {
      expect(pt).toMatchObject({
        opensAt: windows[i].opensAt,
        closesAt: windows[i].closesAt,
        noticeAt: windows[i].noticeAt,
        performer: 'zoneResourceNurse',
        state: 'pending',
        claimedBy: null,
        topics: EMPTY_TOPICS,
        distressThermometerOffered: false,
        documentedInRecord: false,
        copySentToGp: false,
        gpAsked: false,
        gpConfirmed: false,
        card: null,
      });
    });
    expect(p.points[0].closesAt).toBe(POINT2_CLOSES);
    expect(p.points[1].closesAt).toBe(POINT3_CLOSES);
    expect(p.history).toEqual([
      {
        at: REGISTERED.toISOString(),
        actorId: staff.fve.id,
        actorRole: 'fve',
        action: 'registerPathway',
        point: null,
        from: null,
        to: 'open',
        details: {
          hasServices: true,
          gpAgreement: false,
          performer2: 'zoneResourceNurse',
          performer3: 'zoneResourceNurse',
          caseCode: null,
        },
        version: 1,
      },
    ]);
  });

  it('schedules each point at its first level: the reminder 7 days before the window closes', () => {
    const p = newPathway();
    expect(p.points[0].nextDueAt).toBe(osloIso('2026-04-28T15:30'));
    expect(p.points[1].nextDueAt).toBe(osloIso('2027-06-28T15:30'));
    expect(p.nextDueAt).toBe(p.points[0].nextDueAt);
  });

  it('chooses the performer of each point by the local procedure, once', () => {
    expect(newPathway({ hasServices: false }).points.map((pt) => pt.performer)).toEqual([
      'cancerCoordinator',
      'cancerCoordinator',
    ]);
    expect(newPathway({ gpAgreement: true }).points.map((pt) => pt.performer)).toEqual([
      'zoneResourceNurse',
      'gp',
    ]);
  });

  it('keeps its own copy: a later edit of the config moves nothing of a registered pathway', () => {
    const config = structuredClone(CONFIG);
    const p = must(register({}, { config }));
    const before = structuredClone(p);
    config.version = '2099.1';
    config.policy.windows[0].closesAfterMonths = 6;
    config.policy.performers[0].performer = 'fve';
    config.policy.escalation[0].offsetMinutes = -60;
    expect(p).toEqual(before);
  });

  it('links the HSYRE case by its code, as typed', () => {
    const parsed = pathwayInputSchema.parse({ ...input(), caseCode: ' #acdef ' });
    expect(parsed.caseCode).toBe('ACDEF');
    expect(must(register(parsed)).caseCode).toBe('ACDEF');
    expect(pathwayInputSchema.safeParse({ ...input(), caseCode: 'ABCDE' }).success).toBe(false);
  });

  it('refuses anyone but FVE, an unknown zone and a national id', () => {
    for (const actor of [cc, staff.nurseA, staff.leader, staff.admin]) {
      expect(refusal(register({}, { actor }))).toMatchObject({
        code: 'forbidden_role',
        params: { action: 'registerPathway' },
      });
    }
    expect(refusal(register({ zoneId: 'vest' })).code).toBe('unknown_zone');
    expect(refusal(register({ patientRef: VALID_FNR }))).toMatchObject({
      code: 'contains_national_id',
      params: { field: 'patientRef' },
    });
    expect(pathwayInputSchema.safeParse(input({ patientRef: VALID_FNR })).success).toBe(false);
  });

  it('refuses a diagnosis date in the future, as the day is in Oslo', () => {
    // 23:30 in Oslo on 9 March is 22:30 UTC; 00:30 on 10 March is still 9 March in UTC.
    expect(
      refusal(register({ diagnosisDate: '2026-03-10' }, { now: oslo('2026-03-09T23:30') })),
    ).toEqual({
      kind: 'domain-error',
      code: 'diagnosis_date_out_of_range',
      params: { from: '2000-01-01', to: '2026-03-09' },
    });
    expect(register({ diagnosisDate: '2026-03-10' }, { now: oslo('2026-03-10T00:30') }).ok).toBe(
      true,
    );
    expect(register({ diagnosisDate: '2026-03-09' }, { now: oslo('2026-03-09T00:01') }).ok).toBe(
      true,
    );
  });

  it('refuses a diagnosis before 2000, in the input schema and in the core', () => {
    expect(pathwayInputSchema.safeParse(input({ diagnosisDate: '1999-12-31' })).success).toBe(
      false,
    );
    expect(pathwayInputSchema.safeParse(input({ diagnosisDate: '2000-01-01' })).success).toBe(true);
    expect(pathwayInputSchema.safeParse(input({ diagnosisDate: '2026-02-30' })).success).toBe(
      false,
    );
    expect(refusal(register({ diagnosisDate: '1999-12-31' })).code).toBe(
      'diagnosis_date_out_of_range',
    );
    expect(register({ diagnosisDate: '2000-01-01' }).ok).toBe(true);
  });

  it('registers a late pathway too: a window already closed is overdue at once', () => {
    const p = newPathway({ diagnosisDate: '2025-01-06' });
    expect(Date.parse(p.points[0].closesAt)).toBeLessThan(REGISTERED.getTime());
    expect(trackPathwayPoints(p).map((t) => t.id)).toEqual(['pathway-1:2', 'pathway-1:3']);
  });
});

/* ----------------------------------------------------------------------------------------------
 * The guard table
 * -------------------------------------------------------------------------------------------- */

/** One valid command of every type (the mapped type makes a forgotten command a type error). */
const SAMPLE: { [K in PathwayCommandType]: Extract<PathwayCommand, { type: K }> } = {
  claimPoint: { type: 'claimPoint', point: 2 },
  releasePoint: { type: 'releasePoint', point: 2 },
  recordInvitation: { type: 'recordInvitation', point: 2 },
  recordHeld: { type: 'recordHeld', point: 2, date: '2026-04-20', nextOfKinPresent: true },
  recordDeclined: { type: 'recordDeclined', point: 2, askAgainOn: '2026-04-27' },
  setTopic: { type: 'setTopic', point: 2, topic: 'nutrition', status: 'followUpNeeded' },
  setChecklist: { type: 'setChecklist', point: 2, documentedInRecord: true },
  recordGpAsked: { type: 'recordGpAsked', point: 3 },
  recordGpConfirmed: { type: 'recordGpConfirmed', point: 3 },
  close: { type: 'close', reason: 'moved' },
};
const COMMANDS = Object.keys(PATHWAY_GUARDS) as PathwayCommandType[];

/** The point states each command applies in, written out independently of PATHWAY_GUARDS. */
const SPEC_FROM: Record<PathwayCommandType, PointState[] | null> = {
  claimPoint: ['pending', 'claimed', 'invited', 'declined'],
  releasePoint: ['claimed', 'invited', 'declined'],
  recordInvitation: ['claimed', 'invited', 'declined'],
  recordHeld: ['claimed', 'invited', 'declined', 'held'],
  recordDeclined: ['claimed', 'invited', 'declined'],
  setTopic: ['held'],
  setChecklist: ['held'],
  recordGpAsked: ['pending', 'gpAsked'],
  recordGpConfirmed: ['gpAsked', 'gpConfirmed'],
  close: null,
};

const NP = 'not_the_performer';
const FR = 'forbidden_role';
const NR = 'not_responsible';
const NZ = 'not_in_zone';
const OK = 'ok';
type Outcome = typeof OK | PathwayError['code'];

/** Who may do what, written out person by person (nurseA has point 2 where someone has it). */
const WHO: {
  title: string;
  setup: () => Pathway;
  command: PathwayCommand;
  outcomes: Record<Who, Outcome>;
}[] = [
  {
    title: 'claimPoint on a zone nurse point',
    setup: () => nursePointIn('pending'),
    command: SAMPLE.claimPoint,
    outcomes: {
      fve: NP,
      cc: NP,
      nurseA: OK,
      nurseB: OK,
      nurseSouth: NZ,
      leader: NP,
      leaderSouth: NP,
      admin: NP,
      networkLeader: NP,
    },
  },
  {
    title: 'claimPoint on a cancer coordinator point',
    setup: () => deepFreeze(newPathway({ hasServices: false })),
    command: SAMPLE.claimPoint,
    outcomes: {
      fve: NP,
      cc: OK,
      nurseA: NP,
      nurseB: NP,
      nurseSouth: NP,
      leader: NP,
      leaderSouth: NP,
      admin: NP,
      networkLeader: NP,
    },
  },
  {
    title: 'claimPoint on a GP point',
    setup: () => gpPointIn('pending'),
    command: { type: 'claimPoint', point: 3 },
    outcomes: Object.fromEntries(EVERYONE.map((w) => [w, NP])) as Record<Who, Outcome>,
  },
  {
    title: 'releasePoint',
    setup: () => nursePointIn('claimed'),
    command: SAMPLE.releasePoint,
    outcomes: {
      fve: OK,
      cc: FR,
      nurseA: OK,
      nurseB: NR,
      nurseSouth: NZ,
      leader: OK,
      leaderSouth: NZ,
      admin: FR,
      networkLeader: FR,
    },
  },
  ...(['recordInvitation', 'recordHeld', 'recordDeclined'] as const).map((type) => ({
    title: type,
    setup: () => nursePointIn('invited'),
    command: SAMPLE[type],
    outcomes: {
      fve: FR,
      cc: FR,
      nurseA: OK,
      nurseB: NR,
      nurseSouth: NZ,
      leader: FR,
      leaderSouth: FR,
      admin: FR,
      networkLeader: FR,
    } as Record<Who, Outcome>,
  })),
  ...(['setTopic', 'setChecklist'] as const).map((type) => ({
    title: type,
    setup: () => nursePointIn('held'),
    command: SAMPLE[type],
    outcomes: {
      fve: FR,
      cc: FR,
      nurseA: OK,
      nurseB: NR,
      nurseSouth: NZ,
      leader: OK,
      leaderSouth: NZ,
      admin: FR,
      networkLeader: FR,
    } as Record<Who, Outcome>,
  })),
  ...(
    [
      ['recordGpAsked', 'pending'],
      ['recordGpConfirmed', 'gpAsked'],
    ] as const
  ).map(([type, state]) => ({
    title: type,
    setup: () => gpPointIn(state),
    command: SAMPLE[type],
    outcomes: {
      fve: OK,
      cc: OK,
      nurseA: FR,
      nurseB: FR,
      nurseSouth: FR,
      leader: FR,
      leaderSouth: FR,
      admin: FR,
      networkLeader: FR,
    } as Record<Who, Outcome>,
  })),
  {
    title: 'close',
    setup: () => nursePointIn('claimed'),
    command: SAMPLE.close,
    outcomes: {
      fve: OK,
      cc: OK,
      nurseA: FR,
      nurseB: FR,
      nurseSouth: FR,
      leader: FR,
      leaderSouth: FR,
      admin: FR,
      networkLeader: FR,
    },
  },
];

describe('the guard table', () => {
  it('has one sample per command type, each valid for pathwayCommandSchema', () => {
    expect(Object.keys(SAMPLE).sort()).toEqual([...COMMANDS].sort());
    for (const command of Object.values(SAMPLE)) {
      expect(pathwayCommandSchema.safeParse(command).success).toBe(true);
    }
  });

  it.each(COMMANDS)('PATHWAY_GUARDS.%s applies in the point states of the spec', (type) => {
    const from = PATHWAY_GUARDS[type].from;
    expect(from === null ? null : [...from].sort()).toEqual(SPEC_FROM[type]?.sort() ?? null);
  });

  it('covers every command in the who-may-do-what table', () => {
    expect(new Set(WHO.map((row) => row.command.type))).toEqual(new Set(COMMANDS));
  });

  const cases = WHO.flatMap((row) => EVERYONE.map((who) => ({ ...row, who })));
  it.each(cases)('$title by $who', ({ setup, command, outcomes, who }) => {
    const p = setup();
    const result = apply(p, command, PEOPLE[who]);
    const expected = outcomes[who];
    if (expected === OK) {
      expect(result).toMatchObject({ ok: true, changed: true });
      return;
    }
    expect(refusal(result).code).toBe(expected);
  });
});

describe('every command from every point state', () => {
  const MUNICIPAL: ('pending' | 'claimed' | 'invited' | 'held' | 'declined')[] = [
    'pending',
    'claimed',
    'invited',
    'held',
    'declined',
  ];
  const GP: ('pending' | 'gpAsked' | 'gpConfirmed')[] = ['pending', 'gpAsked', 'gpConfirmed'];
  const municipalCommands = COMMANDS.filter(
    (t) => t !== 'recordGpAsked' && t !== 'recordGpConfirmed' && t !== 'close',
  );

  const municipal = municipalCommands.flatMap((type) =>
    MUNICIPAL.map((state) => ({ type, state })),
  );
  it.each(municipal)('$type on a $state zone nurse point', ({ type, state }) => {
    const p = nursePointIn(state);
    expect(pointOf(p, 2).state).toBe(state);
    const result = apply(p, SAMPLE[type], staff.nurseA);
    if (SPEC_FROM[type]?.includes(state)) {
      expect(result.ok).toBe(true);
    } else {
      expect(refusal(result)).toEqual({
        kind: 'domain-error',
        code: 'wrong_state',
        params: { action: type, state },
      });
    }
  });

  const gp = (['recordGpAsked', 'recordGpConfirmed'] as const).flatMap((type) =>
    GP.map((state) => ({ type, state })),
  );
  it.each(gp)('$type on a $state GP point', ({ type, state }) => {
    const p = gpPointIn(state);
    const result = apply(p, SAMPLE[type], staff.fve);
    if (SPEC_FROM[type]?.includes(state)) {
      expect(result.ok).toBe(true);
    } else {
      expect(refusal(result).code).toBe('wrong_state');
    }
  });

  it('the municipality’s commands refuse a GP point, the GP commands a municipal one', () => {
    const withGp = gpPointIn('pending');
    for (const type of municipalCommands) {
      expect(refusal(apply(withGp, { ...SAMPLE[type], point: 3 }, staff.nurseA))).toEqual({
        kind: 'domain-error',
        code: 'not_the_performer',
        params: { performer: 'gp' },
      });
    }
    for (const type of ['recordGpAsked', 'recordGpConfirmed'] as const) {
      expect(refusal(apply(withGp, { type, point: 2 }, staff.fve)).params).toEqual({
        performer: 'zoneResourceNurse',
      });
    }
  });
});

/* ----------------------------------------------------------------------------------------------
 * Commands, one by one
 * -------------------------------------------------------------------------------------------- */

describe('claimPoint and releasePoint', () => {
  it('the performer claims: state, owner, one history entry with the acting role', () => {
    const p = nursePointIn('pending');
    const result = apply(p, SAMPLE.claimPoint, staff.nurseA);
    const next = must(result);
    expect(result).toMatchObject({ changed: true });
    expect(pointOf(next, 2)).toMatchObject({ state: 'claimed', claimedBy: staff.nurseA.id });
    expect(pointOf(next, 3)).toEqual(pointOf(p, 3));
    expect(next.history.slice(0, -1)).toEqual(p.history);
    expect(next.history.at(-1)).toEqual({
      at: NOW.toISOString(),
      actorId: staff.nurseA.id,
      actorRole: 'nurse',
      action: 'claimPoint',
      point: 2,
      from: 'pending',
      to: 'claimed',
      details: {},
      version: 2,
      commandDigest: pathwayCommandDigest(SAMPLE.claimPoint),
    });
    expect(next.updatedAt).toBe(NOW.toISOString());
    expect(pathwaySchema.safeParse(next).success).toBe(true);
  });

  it('one claim wins: the second claimer, on the saved pathway, hears who has it', () => {
    const base = nursePointIn('pending');
    // Both tap "Jeg tar den" on the same card (version 1): each is valid on its own.
    const a = apply(base, SAMPLE.claimPoint, staff.nurseA, NOW, base.version);
    const b = apply(base, SAMPLE.claimPoint, staff.nurseB, NOW, base.version);
    expect(a.ok && b.ok).toBe(true);
    // The store saves A's and refuses B's stale write; B's command runs again on what is saved.
    const saved = save(must(a));
    expect(refusal(apply(saved, SAMPLE.claimPoint, staff.nurseB, NOW, base.version))).toEqual({
      kind: 'domain-error',
      code: 'already_claimed',
      params: { claimedBy: staff.nurseA.id },
    });
    // Later states too: nobody takes an invited or declined point from its performer.
    for (const state of ['invited', 'declined'] as const) {
      expect(refusal(apply(nursePointIn(state), SAMPLE.claimPoint, staff.nurseB)).code).toBe(
        'already_claimed',
      );
    }
  });

  it('claiming one’s own point again changes nothing', () => {
    const p = nursePointIn('claimed');
    expect(apply(p, SAMPLE.claimPoint, staff.nurseA)).toEqual({
      ok: true,
      pathway: p,
      changed: false,
    });
  });

  it('a cancer coordinator claims in any zone; a second one is refused', () => {
    const p = newPathway({ hasServices: false, zoneId: OTHER_ZONE });
    const claimed = step(p, SAMPLE.claimPoint, cc);
    expect(pointOf(claimed, 2)).toMatchObject({ state: 'claimed', claimedBy: cc.id });
    expect(claimed.history.at(-1)?.actorRole).toBe('cancerCoordinator');
    expect(refusal(apply(claimed, SAMPLE.claimPoint, cc2)).params).toEqual({ claimedBy: cc.id });
  });

  it('FVE claims a point the procedure gives FVE', () => {
    const config = structuredClone(CONFIG);
    config.policy.performers = [
      { point: 2, performer: 'fve' },
      { point: 3, performer: 'cancerCoordinator' },
    ];
    const p = must(register({}, { config }));
    expect(pointOf(step(p, SAMPLE.claimPoint, staff.fve), 2).claimedBy).toBe(staff.fve.id);
    expect(refusal(apply(p, SAMPLE.claimPoint, cc)).params).toEqual({ performer: 'fve' });
  });

  it('release gives the point back to the zone; the performer, the leader or FVE may', () => {
    for (const actor of [staff.nurseA, staff.leader, staff.fve]) {
      const p = nursePointIn('invited');
      const next = must(apply(p, SAMPLE.releasePoint, actor));
      expect(pointOf(next, 2)).toMatchObject({ state: 'pending', claimedBy: null });
      // What happened stays: the invitation went out.
      expect(pointOf(next, 2).invitationSentAt).toBe(pointOf(p, 2).invitationSentAt);
      expect(next.history.at(-1)).toMatchObject({
        action: 'releasePoint',
        from: 'invited',
        to: 'pending',
        details: { previous: staff.nurseA.id },
      });
      // Someone else may claim it now.
      expect(pointOf(step(save(next), SAMPLE.claimPoint, staff.nurseB), 2).claimedBy).toBe(
        staff.nurseB.id,
      );
    }
  });

  it('a nurse who also leads the zone acts as the nurse on her own point, as leader on another', () => {
    const own = step(nursePointIn('pending'), SAMPLE.claimPoint, staff.nurseLeader);
    expect(step(own, SAMPLE.recordInvitation, staff.nurseLeader).history.at(-1)?.actorRole).toBe(
      'nurse',
    );
    const others = nursePointIn('claimed');
    expect(step(others, SAMPLE.releasePoint, staff.nurseLeader).history.at(-1)?.actorRole).toBe(
      'leader',
    );
    // A leader does not hold someone else's conversation.
    expect(refusal(apply(others, SAMPLE.recordInvitation, staff.nurseLeader)).code).toBe(
      'not_responsible',
    );
  });

  it('a removed nurse can no longer act on her claim', () => {
    const p = nursePointIn('claimed');
    const removed = { ...staff.nurseA, removedAt: NOW.toISOString() };
    expect(refusal(apply(p, SAMPLE.recordInvitation, removed)).code).toBe('forbidden_role');
    expect(apply(p, SAMPLE.releasePoint, staff.leader).ok).toBe(true);
  });
});

describe('recordInvitation, recordHeld, recordDeclined', () => {
  it('records the invitation at now; a later one is a new invitation', () => {
    const p = step(nursePointIn('claimed'), SAMPLE.recordInvitation, staff.nurseA);
    expect(pointOf(p, 2)).toMatchObject({ state: 'invited', invitationSentAt: NOW.toISOString() });
    const later = oslo('2026-04-22T09:00');
    const again = step(p, SAMPLE.recordInvitation, staff.nurseA, later);
    expect(pointOf(again, 2).invitationSentAt).toBe(later.toISOString());
    expect(again.history).toHaveLength(p.history.length + 1);
  });

  it('records the conversation: the day, whether next of kin took part; the point is done', () => {
    const p = step(nursePointIn('invited'), SAMPLE.recordHeld, staff.nurseA);
    expect(pointOf(p, 2)).toMatchObject({
      state: 'held',
      heldOn: '2026-04-20',
      nextOfKinPresent: true,
      nextDueAt: null,
    });
    expect(p.history.at(-1)).toMatchObject({
      from: 'invited',
      to: 'held',
      details: { date: '2026-04-20', nextOfKinPresent: true },
    });
    expect(trackPathwayPoints(p).map((t) => t.id)).toEqual(['pathway-1:3']);
    expect(p.nextDueAt).toBe(pointOf(p, 3).nextDueAt);
  });

  it('refuses a conversation day in the future or before the diagnosis', () => {
    const p = nursePointIn('invited');
    const held = (date: string, at: Date = NOW) =>
      apply(p, { type: 'recordHeld', point: 2, date, nextOfKinPresent: false }, staff.nurseA, at);
    expect(refusal(held('2026-04-21'))).toEqual({
      kind: 'domain-error',
      code: 'held_date_out_of_range',
      params: { from: DIAGNOSIS, to: '2026-04-20' },
    });
    expect(refusal(held('2026-01-04')).code).toBe('held_date_out_of_range');
    expect(held('2026-01-05').ok).toBe(true);
    // "Today" is Oslo's: at 00:30 on 21 April (22:30 UTC on the 20th) the 21st is today.
    expect(held('2026-04-21', oslo('2026-04-21T00:30')).ok).toBe(true);
  });

  it('the same conversation again changes nothing; a correction is recorded', () => {
    const p = nursePointIn('held'); // held on 16 April, without next of kin
    const same: PathwayCommand = {
      type: 'recordHeld',
      point: 2,
      date: '2026-04-16',
      nextOfKinPresent: false,
    };
    expect(apply(p, same, staff.nurseA)).toEqual({ ok: true, pathway: p, changed: false });
    const corrected = step(p, { ...same, nextOfKinPresent: true }, staff.nurseA);
    expect(pointOf(corrected, 2)).toMatchObject({ heldOn: '2026-04-16', nextOfKinPresent: true });
    expect(corrected.history.at(-1)).toMatchObject({ from: 'held', to: 'held' });
  });

  it('a plain decline ends the point: no reminder, no escalation', () => {
    const p = step(nursePointIn('invited'), { type: 'recordDeclined', point: 2 }, staff.nurseA);
    expect(pointOf(p, 2)).toMatchObject({
      state: 'declined',
      declinedAt: NOW.toISOString(),
      askAgainOn: null,
      nextDueAt: null,
    });
    expect(trackPathwayPoints(p).map((t) => t.id)).toEqual(['pathway-1:3']);
  });

  it('a decline with a day to ask again keeps the window running', () => {
    const p = nursePointIn('declined'); // ask again on 27 April
    expect(pointOf(p, 2).askAgainOn).toBe('2026-04-27');
    const [item] = trackPathwayPoints(p);
    expect(item).toMatchObject({ id: 'pathway-1:2', deadline: { dueAt: POINT2_CLOSES } });
    // Then the performer invites again and holds it.
    const invited = step(p, SAMPLE.recordInvitation, staff.nurseA, oslo('2026-04-27T09:00'));
    expect(pointOf(invited, 2).state).toBe('invited');
    const held = step(p, SAMPLE.recordHeld, staff.nurseA);
    expect(pointOf(held, 2)).toMatchObject({ state: 'held', declinedAt: pointOf(p, 2).declinedAt });
  });

  it('the day to ask again lies after today and on or before the closing day', () => {
    const p = nursePointIn('invited');
    const decline = (askAgainOn: string) =>
      apply(p, { type: 'recordDeclined', point: 2, askAgainOn }, staff.nurseA);
    expect(refusal(decline('2026-04-20'))).toEqual({
      kind: 'domain-error',
      code: 'ask_again_out_of_range',
      params: { after: '2026-04-20', to: '2026-05-05' },
    });
    expect(refusal(decline('2026-05-06')).code).toBe('ask_again_out_of_range');
    expect(decline('2026-04-21').ok).toBe(true);
    expect(decline('2026-05-05').ok).toBe(true);
  });

  it('the same decline again changes nothing; another day to ask again is recorded', () => {
    const p = nursePointIn('declined');
    expect(apply(p, SAMPLE.recordDeclined, staff.nurseA)).toMatchObject({ changed: false });
    const moved = step(
      p,
      { type: 'recordDeclined', point: 2, askAgainOn: '2026-04-30' },
      staff.nurseA,
    );
    expect(pointOf(moved, 2).askAgainOn).toBe('2026-04-30');
    const plain = step(p, { type: 'recordDeclined', point: 2, askAgainOn: null }, staff.nurseA);
    expect(pointOf(plain, 2).askAgainOn).toBeNull();
  });
});

describe('setTopic and setChecklist', () => {
  it('knows the 13 topic areas of the procedure', () => {
    expect(PATHWAY_TOPICS).toHaveLength(13);
    expect(new Set(PATHWAY_TOPICS).size).toBe(13);
    expect(Object.keys(EMPTY_TOPICS).sort()).toEqual([...PATHWAY_TOPICS].sort());
  });

  it('records each topic as discussed, needing follow-up, or not recorded', () => {
    let p = nursePointIn('held');
    for (const [i, topic] of PATHWAY_TOPICS.entries()) {
      const status = i % 2 === 0 ? 'discussed' : 'followUpNeeded';
      p = step(p, { type: 'setTopic', point: 2, topic, status }, staff.nurseA);
      expect(pointOf(p, 2).topics[topic]).toBe(status);
      expect(p.history.at(-1)?.details).toEqual({ topic, status });
    }
    p = step(p, { type: 'setTopic', point: 2, topic: 'oralHealth', status: null }, staff.nurseA);
    expect(pointOf(p, 2).topics.oralHealth).toBeNull();
    // Point 3's topics are its own.
    expect(pointOf(p, 3).topics).toEqual(EMPTY_TOPICS);
  });

  it('setting a topic to what it is changes nothing; an unknown topic does not parse', () => {
    const p = nursePointIn('held');
    expect(
      apply(p, { type: 'setTopic', point: 2, topic: 'nutrition', status: null }, staff.nurseA),
    ).toMatchObject({ changed: false });
    expect(pathwayCommandSchema.safeParse({ ...SAMPLE.setTopic, topic: 'diagnosis' }).success).toBe(
      false,
    );
    expect(pathwayCommandSchema.safeParse({ ...SAMPLE.setTopic, status: 'done' }).success).toBe(
      false,
    );
  });

  it('ticks the checklist field by field; the same again changes nothing', () => {
    let p = nursePointIn('held');
    p = step(p, { type: 'setChecklist', point: 2, distressThermometerOffered: true }, staff.nurseA);
    p = step(
      p,
      { type: 'setChecklist', point: 2, documentedInRecord: true, copySentToGp: true },
      staff.leader,
    );
    expect(pointOf(p, 2)).toMatchObject({
      distressThermometerOffered: true,
      documentedInRecord: true,
      copySentToGp: true,
    });
    expect(p.history.at(-1)).toMatchObject({
      actorRole: 'leader',
      details: { documentedInRecord: true, copySentToGp: true },
    });
    expect(
      apply(p, { type: 'setChecklist', point: 2, copySentToGp: true }, staff.nurseA),
    ).toMatchObject({ changed: false });
    expect(pathwayCommandSchema.safeParse({ type: 'setChecklist', point: 2 }).success).toBe(false);
  });
});

describe('the GP holds point 3', () => {
  it('FVE or the cancer coordinator records that the GP was asked and confirmed', () => {
    const asked = step(gpPointIn('pending'), SAMPLE.recordGpAsked, cc);
    expect(pointOf(asked, 3)).toMatchObject({ state: 'gpAsked', gpAsked: true, claimedBy: null });
    expect(asked.history.at(-1)).toMatchObject({ actorRole: 'cancerCoordinator', point: 3 });
    const confirmed = step(asked, SAMPLE.recordGpConfirmed, staff.fve);
    expect(pointOf(confirmed, 3)).toMatchObject({ state: 'gpConfirmed', gpConfirmed: true });
    // Done: only point 2 is tracked still.
    expect(trackPathwayPoints(confirmed).map((t) => t.id)).toEqual(['pathway-1:2']);
  });

  it('asking or confirming again changes nothing; confirming before asking is refused', () => {
    expect(apply(gpPointIn('gpAsked'), SAMPLE.recordGpAsked, staff.fve)).toMatchObject({
      changed: false,
    });
    expect(apply(gpPointIn('gpConfirmed'), SAMPLE.recordGpConfirmed, cc)).toMatchObject({
      changed: false,
    });
    expect(refusal(apply(gpPointIn('pending'), SAMPLE.recordGpConfirmed, staff.fve))).toEqual({
      kind: 'domain-error',
      code: 'wrong_state',
      params: { action: 'recordGpConfirmed', state: 'pending' },
    });
  });

  it('while the GP is asked the point is tracked without an owner', () => {
    const item = trackPathwayPoint(gpPointIn('gpAsked'), 3);
    expect(item).toMatchObject({ open: true, ownerId: null, deadline: { dueAt: POINT3_CLOSES } });
  });
});

describe('close', () => {
  it('closes with a reason, keeps every point and the history, and tracks nothing more', () => {
    const p = nursePointIn('held');
    const closed = step(p, { type: 'close', reason: 'died' }, cc);
    expect(closed).toMatchObject({ state: 'closed', closedReason: 'died', nextDueAt: null });
    expect(closed.points.map((pt) => pt.state)).toEqual(p.points.map((pt) => pt.state));
    expect(closed.history.slice(0, -1)).toEqual(p.history);
    expect(closed.history.at(-1)).toMatchObject({
      action: 'close',
      point: null,
      from: 'open',
      to: 'closed',
      details: { reason: 'died', note: null },
    });
    expect(trackPathwayPoints(closed)).toEqual([]);
    expect(closed.points.every((pt) => pt.nextDueAt === null)).toBe(true);
    expect(trackPathwayPoint(closed, 3)).toMatchObject({ open: false, deadline: null });
  });

  it('needs a reason; "other" needs a note, in the schema and in the core', () => {
    expect(pathwayCommandSchema.safeParse({ type: 'close' }).success).toBe(false);
    expect(pathwayCommandSchema.safeParse({ type: 'close', reason: 'bored' }).success).toBe(false);
    expect(pathwayCommandSchema.safeParse({ type: 'close', reason: 'other' }).success).toBe(false);
    expect(
      pathwayCommandSchema.safeParse({
        type: 'close',
        reason: 'other',
        note: 'Flyttet til utlandet',
      }).success,
    ).toBe(true);
    const p = nursePointIn('claimed');
    expect(refusal(apply(p, { type: 'close', reason: 'other' }, staff.fve))).toEqual({
      kind: 'domain-error',
      code: 'note_required',
      params: { reason: 'other' },
    });
    const closed = must(
      apply(p, { type: 'close', reason: 'other', note: 'Se journal' }, staff.fve),
    );
    expect(closed.history.at(-1)?.details).toEqual({ reason: 'other', note: 'Se journal' });
  });

  it('refuses a national id in the note, and changes nothing', () => {
    const p = nursePointIn('claimed');
    const result = apply(
      p,
      { type: 'close', reason: 'other', note: `pas ${VALID_FNR}` },
      staff.fve,
    );
    expect(refusal(result)).toMatchObject({
      code: 'contains_national_id',
      params: { field: 'note' },
    });
  });

  it('a closed pathway is never deleted and nothing more happens to it', () => {
    const closed = deepFreeze(step(nursePointIn('claimed'), SAMPLE.close, staff.fve));
    expect(pathwaySchema.safeParse(closed).success).toBe(true);
    for (const type of COMMANDS) {
      const actor = type === 'close' || type.startsWith('recordGp') ? staff.fve : staff.nurseA;
      expect(refusal(apply(closed, SAMPLE[type], actor))).toEqual({
        kind: 'domain-error',
        code: 'wrong_state',
        params: { action: type, state: 'closed' },
      });
    }
    // There is no command that removes a pathway.
    for (const type of ['delete', 'remove', 'reopen']) {
      expect(pathwayCommandSchema.safeParse({ type }).success).toBe(false);
    }
    // A closed document says why; an open one says nothing.
    expect(pathwaySchema.safeParse({ ...closed, closedReason: null }).success).toBe(false);
    expect(
      pathwaySchema.safeParse({ ...nursePointIn('pending'), closedReason: 'died' }).success,
    ).toBe(false);
  });
});

/* ----------------------------------------------------------------------------------------------
 * Replays, purity
 * -------------------------------------------------------------------------------------------- */

describe('replays (basedOnVersion and commandDigest)', () => {
  it('the same actor, command and payload since that version changes nothing', () => {
    const p = nursePointIn('claimed'); // version 2
    const once = save(must(apply(p, SAMPLE.recordInvitation, staff.nurseA, NOW, p.version)));
    const later = oslo('2026-04-20T10:05');
    const replay = apply(once, SAMPLE.recordInvitation, staff.nurseA, later, p.version);
    expect(replay).toEqual({ ok: true, pathway: once, changed: false });
    // Without the card's version it is a new invitation.
    const fresh = must(apply(once, SAMPLE.recordInvitation, staff.nurseA, later));
    expect(pointOf(fresh, 2).invitationSentAt).toBe(later.toISOString());
    // From the newer card it is a new one too.
    expect(apply(once, SAMPLE.recordInvitation, staff.nurseA, later, once.version)).toMatchObject({
      changed: true,
    });
  });

  it('a replay is recognised even where the command would now be refused', () => {
    const p = nursePointIn('claimed');
    const closed = save(must(apply(p, SAMPLE.close, staff.fve, NOW, p.version)));
    expect(apply(closed, SAMPLE.close, staff.fve, NOW, p.version)).toMatchObject({
      ok: true,
      changed: false,
    });
    expect(refusal(apply(closed, SAMPLE.close, staff.fve, NOW)).code).toBe('wrong_state');
  });

  it('another payload, command or actor from the same card is a new action', () => {
    const p = nursePointIn('invited');
    const held = save(must(apply(p, SAMPLE.recordHeld, staff.nurseA, NOW, p.version)));
    const other = { ...SAMPLE.recordHeld, nextOfKinPresent: false };
    expect(apply(held, other, staff.nurseA, NOW, p.version)).toMatchObject({ changed: true });
    expect(refusal(apply(held, SAMPLE.recordHeld, staff.nurseB, NOW, p.version)).code).toBe(
      'not_responsible',
    );
    // The other point's same command is not the same command.
    const gp = gpPointIn('pending');
    const asked = save(must(apply(gp, SAMPLE.recordGpAsked, staff.fve, NOW, gp.version)));
    expect(
      refusal(apply(asked, { type: 'recordGpAsked', point: 2 }, staff.fve, NOW, gp.version)).code,
    ).toBe('not_the_performer');
  });

  it('the digest is the command’s content, whatever the order of its keys', () => {
    const a = pathwayCommandDigest({
      type: 'recordHeld',
      point: 2,
      date: '2026-04-20',
      nextOfKinPresent: true,
    });
    const b = pathwayCommandDigest(
      JSON.parse('{"nextOfKinPresent":true,"date":"2026-04-20","point":2,"type":"recordHeld"}'),
    );
    expect(a).toBe(b);
    expect(a).not.toBe(pathwayCommandDigest({ ...SAMPLE.recordHeld, point: 3 }));
  });

  it('never mutates its input (frozen pathways throughout), refused or not', () => {
    const p = nursePointIn('held');
    const copy = structuredClone(p);
    for (const type of COMMANDS) {
      for (const who of EVERYONE) apply(p, SAMPLE[type], PEOPLE[who]);
    }
    expect(p).toEqual(copy);
  });

  it('a refusal is a domain error the adapters recognise', () => {
    expect(isDomainError(refusal(apply(nursePointIn('pending'), SAMPLE.close, staff.nurseA)))).toBe(
      true,
    );
  });
});

/* ----------------------------------------------------------------------------------------------
 * Tracking
 * -------------------------------------------------------------------------------------------- */

describe('trackPathwayPoints: the points as tracked items', () => {
  it('one item per open point, with the deadline at the window’s close', () => {
    const p = newPathway();
    const items = trackPathwayPoints(p);
    expect(items).toEqual([
      {
        kind: 'pathway',
        id: 'pathway-1:2',
        code: 'ACDEF-2',
        zoneId: ZONE,
        open: true,
        deadline: { key: 'pathwayPoint2', dueAt: POINT2_CLOSES },
        stepKey: 'pathways.points.2',
        ownerId: null,
        policy: { escalation: CONFIG.policy.escalation, workingTime: WORKING_TIME },
        nextDueAt: osloIso('2026-04-28T15:30'),
        thread: null,
        version: 1,
      },
      {
        kind: 'pathway',
        id: 'pathway-1:3',
        code: 'ACDEF-3',
        zoneId: ZONE,
        open: true,
        deadline: { key: 'pathwayPoint3', dueAt: POINT3_CLOSES },
        stepKey: 'pathways.points.3',
        ownerId: null,
        policy: { escalation: CONFIG.policy.escalation, workingTime: WORKING_TIME },
        nextDueAt: osloIso('2027-06-28T15:30'),
        thread: null,
        version: 1,
      },
    ]);
  });

  it('names the performer once claimed, and the card’s thread once posted', () => {
    const p = nursePointIn('claimed');
    const card = { conversationId: '19:nord@thread.tacv2', activityId: 'act-1' };
    const posted = save(recordPointCardPosted(p, 2, card, staff.fve, NOW));
    expect(pointOf(posted, 2).card).toEqual(card);
    expect(posted.history.at(-1)).toMatchObject({
      action: 'postCard',
      point: 2,
      from: 'claimed',
      to: 'claimed',
      version: p.version + 1,
    });
    expect(trackPathwayPoint(posted, 2)).toMatchObject({
      ownerId: staff.nurseA.id,
      thread: { conversationId: card.conversationId },
      version: posted.version,
    });
    expect(trackPathwayPoint(posted, 3).thread).toBeNull();
  });

  it('the engine escalates a point: performer 7 days before, leader at the close, FVE a day after', () => {
    const item = trackPathwayPoint(nursePointIn('claimed'), 2);
    const none = new Set<string>();
    const at = (local: string, handled: ReadonlySet<string> = none) =>
      decideEscalation(item, oslo(local), handled);
    const deadline = item.deadline;
    if (!deadline) throw new Error('point 2 has no deadline');
    const key = (level: string) => escalationKey(item.id, deadline, level);

    expect(at('2026-04-28T15:29').notify).toBeUndefined();
    expect(at('2026-04-28T15:30').notify?.level).toMatchObject({
      id: 'reminder',
      notify: 'responsible',
    });
    const closed = at('2026-05-05T15:30', new Set([key('reminder')]));
    expect(closed.notify?.level).toMatchObject({ id: 'closed', notify: 'zoneLeader' });
    expect(closed.nextDueAt).toBe(osloIso('2026-05-06T15:30'));
    // After downtime only the highest level goes out; the lower ones are skipped.
    const late = at('2026-05-06T15:30');
    expect(late.notify?.level.id).toBe('fve');
    expect(late.skipped.map((s) => s.level.id)).toEqual(['reminder', 'closed']);
    // The exactly-once keys name the point: those of the two points never meet.
    expect(key('closed')).toBe(`escalation:pathway-1:2:pathwayPoint2:${POINT2_CLOSES}:closed`);
    const other = trackPathwayPoint(nursePointIn('claimed'), 3);
    if (!other.deadline) throw new Error('point 3 has no deadline');
    expect(escalationKey(other.id, other.deadline, 'closed')).toBe(
      `escalation:pathway-1:3:pathwayPoint3:${POINT3_CLOSES}:closed`,
    );
  });

  it('a held point and a confirmed GP point leave the engine; both done means nothing tracked', () => {
    let p = newPathway({ gpAgreement: true });
    p = step(p, SAMPLE.claimPoint, staff.nurseA);
    p = step(p, SAMPLE.recordHeld, staff.nurseA);
    p = step(p, SAMPLE.recordGpAsked, staff.fve);
    expect(trackPathwayPoints(p).map((t) => t.code)).toEqual(['ACDEF-3']);
    p = step(p, SAMPLE.recordGpConfirmed, staff.fve);
    expect(trackPathwayPoints(p)).toEqual([]);
    expect(p.nextDueAt).toBeNull();
    expect(p.state).toBe('open');
  });

  it('a pass reschedules one point; the pathway keeps the earliest', () => {
    const p = newPathway();
    const later = osloIso('2026-05-05T15:30');
    const moved = reschedulePathwayPoint(p, 2, later);
    expect(pointOf(moved, 2).nextDueAt).toBe(later);
    expect(moved.nextDueAt).toBe(later);
    expect(moved.history).toEqual(p.history);
    const done = reschedulePathwayPoint(moved, 2, null);
    expect(done.nextDueAt).toBe(pointOf(p, 3).nextDueAt);
    expect(trackPathwayPoint(done, 2).nextDueAt).toBeNull();
  });

  it('says which points’ cards are due: at noticeAt, once, while the point is open', () => {
    const p = newPathway();
    const notice2 = new Date(pointOf(p, 2).noticeAt);
    expect(pointOf(p, 2).noticeAt).toBe(osloIso('2026-03-16T08:00'));
    expect(pointsDueForNotice(p, new Date(notice2.getTime() - 1))).toEqual([]);
    expect(pointsDueForNotice(p, notice2)).toEqual([2]);
    const card = { conversationId: 'c', activityId: 'a' };
    expect(pointsDueForNotice(recordPointCardPosted(p, 2, card, staff.fve, notice2), NOW)).toEqual(
      [],
    );
    expect(pointsDueForNotice(p, oslo('2027-01-01T09:00'))).toEqual([2, 3]);
    const closed = step(p, SAMPLE.close, staff.fve);
    expect(pointsDueForNotice(closed, oslo('2027-01-01T09:00'))).toEqual([]);
  });

  it('reads a point code as typed', () => {
    expect(parsePathwayPointCode('acdef-2')).toEqual({ code: 'ACDEF', point: 2 });
    expect(parsePathwayPointCode(' #ACDEF 3 ')).toEqual({ code: 'ACDEF', point: 3 });
    expect(parsePathwayPointCode('ACDEF3')).toEqual({ code: 'ACDEF', point: 3 });
    expect(parsePathwayPointCode('ACDEF-1')).toBeUndefined();
    expect(parsePathwayPointCode('ABCDE-2')).toBeUndefined(); // B is not in the alphabet
    expect(parsePathwayPointCode('ACDEF')).toBeUndefined();
  });
});
