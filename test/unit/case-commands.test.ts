import { type Case, type CaseState, caseSchema, caseStateSchema } from '../../src/domain/case';
import {
  applyCommand,
  type CaseCommand,
  type CaseCommandType,
  type CommandResult,
  caseCommandSchema,
  commandDigest,
  GUARDS,
} from '../../src/domain/case-commands';
import { currentDeadline, firstWakeUp } from '../../src/domain/case-schedule';
import { type Role, roleSchema, type StaffMember } from '../../src/domain/roster';
import {
  caseIn,
  deepFreeze,
  must,
  nationalId,
  newCase,
  OTHER_ZONE,
  oslo,
  osloIso,
  refusal,
  roster,
  staff,
  TIMELINE,
  VALID_FNR,
  withOnlyRole,
  ZONE,
} from '../support/domain-fixtures';

const NOW = TIMELINE.later; // Monday 9 March 2026 12:00 Oslo
const STATES = caseStateSchema.options;
const COMMANDS = Object.keys(GUARDS) as CaseCommandType[];
const OPEN = STATES.filter((s) => s !== 'closed');

/** One valid command of every type (the mapped type makes a forgotten command a type error). */
const SAMPLE: { [K in CaseCommandType]: Extract<CaseCommand, { type: K }> } = {
  registerHsyre: { type: 'registerHsyre' },
  claim: { type: 'claim' },
  release: { type: 'release' },
  reassign: { type: 'reassign', nurseId: staff.nurseB.id },
  snooze: { type: 'snooze', minutes: 60 },
  logContact: { type: 'logContact', outcome: 'reached', note: 'Ringte, avtalt ny samtale' },
  reportServicesNeeded: { type: 'reportServicesNeeded', note: 'Trenger HSY' },
  recordDecision: { type: 'recordDecision', outcome: 'no_services' },
  grantHsy: { type: 'grantHsy' },
  handOver: { type: 'handOver' },
  close: { type: 'close', reason: 'declined' },
  setAdmitted: { type: 'setAdmitted', admitted: true },
  updateChecklist: { type: 'updateChecklist', patch: { assessmentOffered: 'ESAS-r' } },
  returnToQueue: { type: 'returnToQueue', stepDown: true },
};

/**
 * "Who may do what" and the case table of docs/domain.md, written out independently of GUARDS so
 * that a change to GUARDS is a deliberate change to this table too.
 */
const SPEC: Record<
  CaseCommandType,
  { roles: Role[]; from: CaseState[]; responsible: boolean; to: (from: CaseState) => CaseState }
> = {
  registerHsyre: {
    roles: ['fve'],
    from: ['referred'],
    responsible: false,
    to: () => 'awaiting_claim',
  },
  claim: {
    roles: ['nurse'],
    from: ['awaiting_claim', 'claimed'],
    responsible: false,
    to: () => 'claimed',
  },
  release: { roles: ['nurse'], from: ['claimed'], responsible: true, to: () => 'awaiting_claim' },
  reassign: {
    roles: ['leader'],
    from: ['awaiting_claim', 'claimed', 'in_follow_up', 'services_needed'],
    responsible: false,
    to: (s) => (s === 'awaiting_claim' ? 'claimed' : s),
  },
  snooze: { roles: ['nurse'], from: ['claimed'], responsible: true, to: (s) => s },
  logContact: {
    roles: ['nurse'],
    from: ['claimed', 'in_follow_up', 'services_needed'],
    responsible: true,
    to: (s) => (s === 'claimed' ? 'in_follow_up' : s),
  },
  reportServicesNeeded: {
    roles: ['nurse'],
    from: ['in_follow_up'],
    responsible: true,
    to: () => 'services_needed',
  },
  recordDecision: {
    roles: ['fve'],
    from: ['services_needed'],
    responsible: false,
    to: () => 'in_follow_up',
  },
  grantHsy: {
    roles: ['fve'],
    from: ['referred', 'awaiting_claim', 'claimed', 'in_follow_up', 'services_needed'],
    responsible: false,
    to: () => 'hsy_granted',
  },
  handOver: { roles: ['leader'], from: ['hsy_granted'], responsible: false, to: () => 'closed' },
  close: { roles: ['fve'], from: OPEN, responsible: false, to: () => 'closed' },
  setAdmitted: { roles: ['fve', 'nurse', 'leader'], from: OPEN, responsible: false, to: (s) => s },
  updateChecklist: {
    roles: ['nurse', 'leader'],
    from: ['claimed', 'in_follow_up', 'services_needed', 'hsy_granted'],
    responsible: false,
    to: (s) => s,
  },
  returnToQueue: {
    roles: ['leader', 'nurse'],
    from: ['claimed', 'in_follow_up', 'services_needed'],
    responsible: false,
    to: () => 'awaiting_claim',
  },
};

/** The member who may act in role `role` on a caseIn() case (nurseA has it from `claimed` on). */
const ACTOR: Record<Role, StaffMember> = {
  fve: staff.fve,
  nurse: staff.nurseA,
  leader: staff.leader,
  admin: staff.admin,
  networkLeader: withOnlyRole('networkLeader'),
  cancerCoordinator: withOnlyRole('cancerCoordinator'),
};

/** A frozen case in the state, so any mutation of the input by applyCommand throws. */
const frozenCaseIn = (state: CaseState, seriouslyIll = false): Case =>
  deepFreeze(caseIn(state, { seriouslyIll }));

const apply = (c: Case, command: CaseCommand, actor: StaffMember, at: Date = NOW): CommandResult =>
  applyCommand(c, command, actor, at, roster);

describe('the guard table', () => {
  it('has one sample command per command type, each valid for caseCommandSchema', () => {
    expect(Object.keys(SAMPLE).sort()).toEqual([...COMMANDS].sort());
    for (const command of Object.values(SAMPLE)) {
      expect(caseCommandSchema.safeParse(command).success).toBe(true);
    }
  });

  it.each(COMMANDS)('GUARDS.%s matches "Who may do what" in docs/domain.md', (type) => {
    const guard = GUARDS[type];
    expect([...guard.roles].sort()).toEqual([...SPEC[type].roles].sort());
    expect([...guard.from].sort()).toEqual([...SPEC[type].from].sort());
    expect(guard.responsible ?? false).toBe(SPEC[type].responsible);
  });

  it('nothing can be done to a closed case, and admin alone can do nothing to a case', () => {
    for (const type of COMMANDS) {
      expect(GUARDS[type].from).not.toContain('closed');
      expect(GUARDS[type].roles).not.toContain('admin');
    }
  });
});

describe('every command from every state (matrix from GUARDS × caseStateSchema)', () => {
  const allowed = COMMANDS.flatMap((type) =>
    GUARDS[type].from.flatMap((state) => GUARDS[type].roles.map((role) => ({ type, state, role }))),
  );
  const refused = COMMANDS.flatMap((type) =>
    STATES.filter((state) => !GUARDS[type].from.includes(state)).map((state) => ({ type, state })),
  );

  it('covers every pair exactly once', () => {
    const pairs = new Set([...allowed, ...refused].map((x) => `${x.type}/${x.state}`));
    expect(pairs.size).toBe(COMMANDS.length * STATES.length);
  });

  it.each(allowed)('$type from $state by $role is allowed', ({ type, state, role }) => {
    const c = frozenCaseIn(state);
    expect(c.state).toBe(state);
    const actor = ACTOR[role];
    const result = apply(c, SAMPLE[type], actor);
    if (!result.ok) throw new Error(`refused: ${result.error.code}`);

    if (type === 'claim' && state === 'claimed') {
      // nurseA already has it: a replay.
      expect(result.changed).toBe(false);
      expect(result.case).toBe(c);
      return;
    }
    expect(result.changed).toBe(true);
    const next = result.case;
    expect(next.state).toBe(SPEC[type].to(state));
    expect(next.history).toHaveLength(c.history.length + 1);
    expect(next.history.slice(0, -1)).toEqual(c.history);
    expect(next.history.at(-1)).toMatchObject({
      at: NOW.toISOString(),
      actorId: actor.id,
      actorRole: role,
      action: type,
      from: state,
      to: SPEC[type].to(state),
    });
    expect(next.updatedAt).toBe(NOW.toISOString());
    expect(next.createdAt).toBe(c.createdAt);
    expect(next.version).toBe(c.version); // the store bumps it on save
    // The schedule is recomputed for the new state, from the case's own policy.
    expect(next.deadline).toEqual(currentDeadline(next));
    expect(next.nextDueAt).toBe(firstWakeUp(next, next.deadline));
    expect(caseSchema.parse(next)).toEqual(next);
  });

  it.each(refused)('$type from $state is refused: wrong_state', ({ type, state }) => {
    const c = frozenCaseIn(state);
    const error = refusal(apply(c, SAMPLE[type], ACTOR[GUARDS[type].roles[0]]));
    expect(error).toEqual({
      kind: 'domain-error',
      code: 'wrong_state',
      params: { action: type, state },
    });
  });
});

describe('forbidden_role: a member without the role is refused in an allowed state', () => {
  const cases = COMMANDS.flatMap((type) =>
    roleSchema.options
      .filter((role) => !GUARDS[type].roles.includes(role))
      .map((role) => ({ type, role, state: GUARDS[type].from[0] })),
  );

  it.each(cases)('$type by a $role in $state', ({ type, role, state }) => {
    const c = frozenCaseIn(state);
    const error = refusal(apply(c, SAMPLE[type], withOnlyRole(role, ZONE)));
    expect(error).toEqual({
      kind: 'domain-error',
      code: 'forbidden_role',
      params: { action: type },
    });
  });

  it('admin (the operator) may not act on cases', () => {
    const c = frozenCaseIn('claimed');
    for (const type of COMMANDS) {
      expect(refusal(apply(c, SAMPLE[type], staff.admin)).code).toBe('forbidden_role');
    }
  });
});

describe('not_in_zone: a member with the role but of another zone is refused', () => {
  const cases = COMMANDS.flatMap((type) =>
    GUARDS[type].roles
      .filter((role) => role !== 'fve')
      .map((role) => ({ type, role, state: GUARDS[type].from[0] })),
  );

  it.each(cases)('$type by a $role of another zone, in $state', ({ type, role, state }) => {
    const c = frozenCaseIn(state);
    const error = refusal(apply(c, SAMPLE[type], withOnlyRole(role, OTHER_ZONE)));
    expect(error).toEqual({ kind: 'domain-error', code: 'not_in_zone', params: { zone: ZONE } });
  });

  it('the zone check comes before the state check', () => {
    const c = frozenCaseIn('closed');
    expect(refusal(apply(c, SAMPLE.claim, staff.nurseSouth)).code).toBe('not_in_zone');
  });

  it.each(COMMANDS.filter((type) => GUARDS[type].roles.includes('fve')))(
    'FVE works in every zone: %s by FVE whose own zones are elsewhere is allowed',
    (type) => {
      const c = frozenCaseIn(GUARDS[type].from[0]);
      expect(staff.fveSouth.zoneIds).not.toContain(ZONE);
      expect(apply(c, SAMPLE[type], staff.fveSouth).ok).toBe(true);
    },
  );

  it('a nurse of both zones may claim in either', () => {
    const c = frozenCaseIn('awaiting_claim');
    expect(must(apply(c, SAMPLE.claim, staff.nurseBoth)).claimedBy).toBe(staff.nurseBoth.id);
  });
});

describe('claim', () => {
  it('by a nurse of the zone: claimed, claimedBy set, history from awaiting_claim', () => {
    const c = frozenCaseIn('awaiting_claim');
    const result = apply(c, SAMPLE.claim, staff.nurseB);
    const next = must(result);
    expect(next.state).toBe('claimed');
    expect(next.claimedBy).toBe(staff.nurseB.id);
    expect(next.history.at(-1)).toEqual({
      at: NOW.toISOString(),
      actorId: staff.nurseB.id,
      actorRole: 'nurse',
      action: 'claim',
      from: 'awaiting_claim',
      to: 'claimed',
      details: {},
      version: c.version + 1,
      commandDigest: commandDigest(SAMPLE.claim),
    });
  });

  it('when another nurse has it: already_claimed, naming who has it', () => {
    const c = frozenCaseIn('claimed');
    expect(refusal(apply(c, SAMPLE.claim, staff.nurseB))).toEqual({
      kind: 'domain-error',
      code: 'already_claimed',
      params: { claimedBy: staff.nurseA.id },
    });
  });

  it('replayed by the same nurse: ok, changed false, the very same case object', () => {
    const c = frozenCaseIn('claimed');
    const result = apply(c, SAMPLE.claim, staff.nurseA, oslo('2026-03-09T13:00'));
    expect(result).toEqual({ ok: true, case: c, changed: false });
    if (result.ok) expect(result.case).toBe(c);
  });

  it('keeps the first-contact deadline (claiming does not move the clock)', () => {
    const c = frozenCaseIn('awaiting_claim');
    const next = must(apply(c, SAMPLE.claim, staff.nurseA));
    expect(next.deadline).toEqual(c.deadline);
    expect(next.deadline).toEqual({ key: 'firstContact', dueAt: osloIso('2026-03-09T15:30') });
  });
});

describe('not_responsible: a nurse of the zone who does not have the case', () => {
  const cases = COMMANDS.filter((type) => GUARDS[type].responsible).flatMap((type) =>
    GUARDS[type].from.map((state) => ({ type, state })),
  );

  it('applies to release, snooze, logContact and reportServicesNeeded', () => {
    expect([...new Set(cases.map((x) => x.type))].sort()).toEqual([
      'logContact',
      'release',
      'reportServicesNeeded',
      'snooze',
    ]);
  });

  it.each(cases)('$type in $state by another nurse', ({ type, state }) => {
    const c = frozenCaseIn(state);
    expect(c.claimedBy).toBe(staff.nurseA.id);
    expect(refusal(apply(c, SAMPLE[type], staff.nurseB))).toEqual({
      kind: 'domain-error',
      code: 'not_responsible',
      params: { claimedBy: staff.nurseA.id },
    });
  });

  it.each(cases)(
    '$type in $state by a leader who is also a nurse of the zone',
    ({ type, state }) => {
      const c = frozenCaseIn(state);
      expect(refusal(apply(c, SAMPLE[type], staff.nurseLeader)).code).toBe('not_responsible');
    },
  );

  it.each(cases)('$type in $state by the nurse who has it is allowed', ({ type, state }) => {
    const c = frozenCaseIn(state);
    expect(apply(c, SAMPLE[type], staff.nurseA).ok).toBe(true);
  });
});

describe('release', () => {
  it('puts the case back to awaiting_claim with nobody responsible and the same deadline', () => {
    const c = frozenCaseIn('claimed');
    const next = must(apply(c, SAMPLE.release, staff.nurseA));
    expect(next.state).toBe('awaiting_claim');
    expect(next.claimedBy).toBeNull();
    expect(next.deadline).toEqual(c.deadline);
    expect(next.history.at(-1)).toMatchObject({ from: 'claimed', to: 'awaiting_claim' });
    // ... and another nurse may now claim it.
    expect(must(apply(next, SAMPLE.claim, staff.nurseB)).claimedBy).toBe(staff.nurseB.id);
  });
});

describe('reassign', () => {
  it('an awaiting case: claimed by the chosen nurse, recorded with previous and new nurse', () => {
    const c = frozenCaseIn('awaiting_claim');
    const next = must(apply(c, SAMPLE.reassign, staff.leader));
    expect(next.state).toBe('claimed');
    expect(next.claimedBy).toBe(staff.nurseB.id);
    expect(next.history.at(-1)).toMatchObject({
      actorId: staff.leader.id,
      actorRole: 'leader',
      action: 'reassign',
      from: 'awaiting_claim',
      to: 'claimed',
      details: { previous: null, to: staff.nurseB.id },
    });
  });

  it.each(['claimed', 'in_follow_up', 'services_needed'] as const)(
    'a case in %s keeps its state and moves to the new nurse',
    (state) => {
      const c = frozenCaseIn(state);
      const next = must(apply(c, SAMPLE.reassign, staff.leader));
      expect(next.state).toBe(state);
      expect(next.claimedBy).toBe(staff.nurseB.id);
      expect(next.history.at(-1)?.details).toEqual({
        previous: staff.nurseA.id,
        to: staff.nurseB.id,
      });
      // The new nurse is now responsible; the old one is not.
      if (state === 'claimed') {
        expect(apply(next, SAMPLE.release, staff.nurseB).ok).toBe(true);
        expect(refusal(apply(next, SAMPLE.release, staff.nurseA)).code).toBe('not_responsible');
      }
    },
  );

  it.each([
    ['a leader (not a nurse)', staff.leader.id],
    ['an FVE member', staff.fve.id],
    ['an admin', staff.admin.id],
    ['a nurse of another zone', staff.nurseSouth.id],
    ['someone not on the roster', 'ghost-1'],
  ])('to %s: not_a_zone_nurse, nothing changes', (_label, nurseId) => {
    const c = frozenCaseIn('claimed');
    expect(refusal(apply(c, { type: 'reassign', nurseId }, staff.leader))).toEqual({
      kind: 'domain-error',
      code: 'not_a_zone_nurse',
      params: { zone: ZONE },
    });
  });

  it('to a nurse-and-leader of the zone is allowed', () => {
    const c = frozenCaseIn('claimed');
    const next = must(apply(c, { type: 'reassign', nurseId: staff.nurseLeader.id }, staff.leader));
    expect(next.claimedBy).toBe(staff.nurseLeader.id);
  });

  it('to the nurse who already has it: ok, changed false, same object', () => {
    const c = frozenCaseIn('claimed');
    const result = apply(c, { type: 'reassign', nurseId: staff.nurseA.id }, staff.leader);
    expect(result).toEqual({ ok: true, case: c, changed: false });
  });

  it('without a roster nobody is a zone nurse', () => {
    const c = frozenCaseIn('claimed');
    const result = applyCommand(c, SAMPLE.reassign, staff.leader, NOW);
    expect(refusal(result).code).toBe('not_a_zone_nurse');
  });
});

describe('logContact and the first-contact deadline', () => {
  // caseIn('claimed'): registered Monday 9 March 09:00, deadline Monday 15:30.
  const deadline = osloIso('2026-03-09T15:30');

  it('the claimed case runs the first-contact deadline', () => {
    expect(frozenCaseIn('claimed').deadline).toEqual({ key: 'firstContact', dueAt: deadline });
  });

  it.each([
    ['well before the deadline', '2026-03-09T10:00:00', true],
    ['one minute before', '2026-03-09T15:29:00', true],
    ['exactly at the deadline', '2026-03-09T15:30:00', true],
    ['one millisecond after', '2026-03-09T15:30:00.001', false],
    ['the next morning', '2026-03-10T08:05:00', false],
  ])('reached %s: firstContactMet %s', (_label, local, met) => {
    const c = frozenCaseIn('claimed');
    const at = oslo(local);
    const next = must(apply(c, { type: 'logContact', outcome: 'reached' }, staff.nurseA, at));
    expect(next.state).toBe('in_follow_up');
    expect(next.firstContactMet).toBe(met);
    expect(next.anchors.firstContact).toBe(at.toISOString());
    expect(next.lastContact).toEqual({
      at: at.toISOString(),
      outcome: 'reached',
      by: staff.nurseA.id,
    });
  });

  it('a visit agreed is a first contact too, and its date is recorded', () => {
    const c = frozenCaseIn('claimed');
    const command: CaseCommand = {
      type: 'logContact',
      outcome: 'visit_agreed',
      visitDate: '2026-03-11',
    };
    const next = must(apply(c, command, staff.nurseA, oslo('2026-03-09T14:00')));
    expect(next.state).toBe('in_follow_up');
    expect(next.firstContactMet).toBe(true);
    expect(next.history.at(-1)?.details).toEqual({
      outcome: 'visit_agreed',
      visitDate: '2026-03-11',
      note: null,
    });
  });

  it('a visit agreed may come without a date (a channel button cannot carry one), never with a bad one', () => {
    expect(
      caseCommandSchema.safeParse({ type: 'logContact', outcome: 'visit_agreed' }).success,
    ).toBe(true);
    expect(
      caseCommandSchema.safeParse({
        type: 'logContact',
        outcome: 'visit_agreed',
        visitDate: '2026-13-01',
      }).success,
    ).toBe(false);
  });

  it('not_reached keeps the case claimed, does not set firstContact and does not meet the deadline', () => {
    const c = frozenCaseIn('claimed');
    const at = oslo('2026-03-09T10:00');
    const next = must(apply(c, { type: 'logContact', outcome: 'not_reached' }, staff.nurseA, at));
    expect(next.state).toBe('claimed');
    expect(next.anchors.firstContact).toBeUndefined();
    expect(next.anchors).toEqual(c.anchors);
    expect(next.firstContactMet).toBeNull();
    expect(next.deadline).toEqual({ key: 'firstContact', dueAt: deadline });
    expect(next.lastContact).toEqual({
      at: at.toISOString(),
      outcome: 'not_reached',
      by: staff.nurseA.id,
    });
    expect(next.history.at(-1)).toMatchObject({
      action: 'logContact',
      from: 'claimed',
      to: 'claimed',
      details: { outcome: 'not_reached', visitDate: null, note: null },
    });

    // Reached only after the deadline: not met, although someone tried in time.
    const later = oslo('2026-03-09T16:00');
    const reached = must(
      apply(next, { type: 'logContact', outcome: 'reached' }, staff.nurseA, later),
    );
    expect(reached.state).toBe('in_follow_up');
    expect(reached.firstContactMet).toBe(false);
    expect(reached.anchors.firstContact).toBe(later.toISOString());
  });

  it('a later contact in follow-up updates lastContact only', () => {
    const c = frozenCaseIn('in_follow_up');
    const at = oslo('2026-03-10T09:00');
    const next = must(apply(c, { type: 'logContact', outcome: 'not_reached' }, staff.nurseA, at));
    expect(next.state).toBe('in_follow_up');
    expect(next.anchors).toEqual(c.anchors);
    expect(next.firstContactMet).toBe(c.firstContactMet);
    expect(next.deadline).toEqual(c.deadline);
    expect(next.lastContact?.at).toBe(at.toISOString());
  });

  it('seriously ill: the 3-day limit from the hospital contact decides whether it was met', () => {
    // Hospital contact Wednesday 11 March 10:00; HSYRE registered Friday 13 March 16:00;
    // the nurse reaches the patient Monday 16 March 09:00.
    const build = (seriouslyIll: boolean) => {
      const registered = newCase(
        { seriouslyIll, hospitalContactAt: osloIso('2026-03-11T10:00') },
        { now: oslo('2026-03-13T16:00') },
      );
      const claimed = must(apply(registered, SAMPLE.claim, staff.nurseA, oslo('2026-03-16T08:00')));
      return must(
        apply(
          claimed,
          { type: 'logContact', outcome: 'reached' },
          staff.nurseA,
          oslo('2026-03-16T09:00'),
        ),
      );
    };
    const normal = build(false);
    const ill = build(true);
    expect(normal.firstContactMet).toBe(true); // due Monday 15:30
    expect(ill.firstContactMet).toBe(false); // due Friday 15:30
  });
});

describe('the deadline is recomputed on every transition', () => {
  const escalationFor = (dueAt: string) => new Date(Date.parse(dueAt) - 120 * 60_000).toISOString();

  it('referred → awaiting_claim (registerHsyre): firstContact from the registration', () => {
    const c = frozenCaseIn('referred');
    expect(c.deadline?.key).toBe('fveAssessment');
    const next = must(apply(c, SAMPLE.registerHsyre, staff.fve, oslo('2026-03-10T10:00')));
    expect(next.anchors.hsyreRegistered).toBe(osloIso('2026-03-10T10:00'));
    expect(next.deadline).toEqual({ key: 'firstContact', dueAt: osloIso('2026-03-10T15:30') });
    expect(next.nextDueAt).toBe(escalationFor(osloIso('2026-03-10T15:30')));
  });

  it('registerHsyre after working time on a Friday: Monday 15:30', () => {
    const c = frozenCaseIn('referred');
    const next = must(apply(c, SAMPLE.registerHsyre, staff.fve, oslo('2026-03-13T15:31')));
    expect(next.deadline).toEqual({ key: 'firstContact', dueAt: osloIso('2026-03-16T15:30') });
  });

  it('registerHsyre for a seriously ill patient late in the 3 days: the 3-day limit', () => {
    // Hospital contact Monday 9 March 08:00 → 3 days → Thursday 12 March 15:30.
    const c = frozenCaseIn('referred', true);
    expect(c.deadline).toEqual({ key: 'fveAssessment', dueAt: osloIso('2026-03-12T15:30') });
    const next = must(apply(c, SAMPLE.registerHsyre, staff.fve, oslo('2026-03-12T16:00')));
    expect(next.deadline).toEqual({ key: 'firstContact', dueAt: osloIso('2026-03-12T15:30') });
  });

  it('claimed → in_follow_up: followUpReview from the first contact (14 / 7 days)', () => {
    const normal = frozenCaseIn('in_follow_up');
    expect(normal.deadline).toEqual({ key: 'followUpReview', dueAt: osloIso('2026-03-23T15:30') });
    const ill = frozenCaseIn('in_follow_up', true);
    expect(ill.deadline).toEqual({ key: 'followUpReview', dueAt: osloIso('2026-03-16T15:30') });
  });

  it('in_follow_up → services_needed: serviceDecision within 3 days of the report', () => {
    const c = frozenCaseIn('in_follow_up');
    const monday = must(
      apply(c, SAMPLE.reportServicesNeeded, staff.nurseA, oslo('2026-03-09T10:30')),
    );
    expect(monday.state).toBe('services_needed');
    expect(monday.anchors.servicesReported).toBe(osloIso('2026-03-09T10:30'));
    expect(monday.deadline).toEqual({ key: 'serviceDecision', dueAt: osloIso('2026-03-12T15:30') });
    expect(monday.nextDueAt).toBe(escalationFor(osloIso('2026-03-12T15:30')));
    // Reported on a Wednesday: 3 days end on Saturday → Friday 15:30.
    const wednesday = must(
      apply(c, SAMPLE.reportServicesNeeded, staff.nurseA, oslo('2026-03-11T09:00')),
    );
    expect(wednesday.deadline).toEqual({
      key: 'serviceDecision',
      dueAt: osloIso('2026-03-13T15:30'),
    });
  });

  it('services_needed → in_follow_up (recordDecision): followUpReview again', () => {
    const c = frozenCaseIn('services_needed');
    const next = must(
      apply(
        c,
        { type: 'recordDecision', outcome: 'other_services', note: 'Praktisk bistand' },
        staff.fve,
      ),
    );
    expect(next.state).toBe('in_follow_up');
    expect(next.deadline).toEqual({ key: 'followUpReview', dueAt: osloIso('2026-03-23T15:30') });
    expect(next.history.at(-1)?.details).toEqual({
      outcome: 'other_services',
      note: 'Praktisk bistand',
    });
  });

  it('→ hsy_granted: handover the same working day', () => {
    const c = frozenCaseIn('services_needed');
    const next = must(apply(c, SAMPLE.grantHsy, staff.fve, oslo('2026-03-09T11:00')));
    expect(next.state).toBe('hsy_granted');
    expect(next.anchors.hsyGranted).toBe(osloIso('2026-03-09T11:00'));
    expect(next.deadline).toEqual({ key: 'handover', dueAt: osloIso('2026-03-09T15:30') });
    const friday = must(apply(c, SAMPLE.grantHsy, staff.fve, oslo('2026-03-13T16:00')));
    expect(friday.deadline).toEqual({ key: 'handover', dueAt: osloIso('2026-03-16T15:30') });
  });

  it('→ closed: no deadline and nothing for the scheduler', () => {
    const handedOver = must(apply(frozenCaseIn('hsy_granted'), SAMPLE.handOver, staff.leader));
    expect(handedOver).toMatchObject({
      state: 'closed',
      closedReason: 'handed_over',
      deadline: null,
      nextDueAt: null,
    });
    const closed = must(
      apply(
        frozenCaseIn('claimed'),
        { type: 'close', reason: 'died', note: 'Meldt av HF' },
        staff.fve,
      ),
    );
    expect(closed).toMatchObject({
      state: 'closed',
      closedReason: 'died',
      deadline: null,
      nextDueAt: null,
    });
    expect(closed.history.at(-1)?.details).toEqual({ reason: 'died', note: 'Meldt av HF' });
  });

  it("close with reason 'handed_over' is refused by the command schema (that is handOver's)", () => {
    expect(caseCommandSchema.safeParse({ type: 'close', reason: 'handed_over' }).success).toBe(
      false,
    );
  });

  it('the deadline comes from the case snapshot, not the routine in force', () => {
    const c = caseIn('claimed');
    // Edit this case's own copy of the policy: first contact within 14 days instead.
    const edited: Case = structuredClone(c);
    edited.policy.deadlines.firstContact.normal = {
      kind: 'withinDays',
      from: 'hsyreRegistered',
      days: 14,
    };
    const next = must(apply(edited, { type: 'logContact', outcome: 'not_reached' }, staff.nurseA));
    expect(next.deadline).toEqual({ key: 'firstContact', dueAt: osloIso('2026-03-23T15:30') });
  });
});

describe('setAdmitted and updateChecklist', () => {
  it('setAdmitted sets the flag without stopping the clock', () => {
    const c = frozenCaseIn('claimed');
    const next = must(apply(c, { type: 'setAdmitted', admitted: true }, staff.nurseB));
    expect(next.admitted).toBe(true);
    expect(next.state).toBe('claimed');
    expect(next.deadline).toEqual(c.deadline);
    expect(next.history.at(-1)).toMatchObject({
      actorRole: 'nurse',
      from: 'claimed',
      to: 'claimed',
    });
    const cleared = must(apply(next, { type: 'setAdmitted', admitted: false }, staff.fve));
    expect(cleared.admitted).toBe(false);
  });

  it('setAdmitted to the value it already has: ok, changed false, same object', () => {
    const c = frozenCaseIn('claimed');
    expect(apply(c, { type: 'setAdmitted', admitted: false }, staff.fve)).toEqual({
      ok: true,
      case: c,
      changed: false,
    });
  });

  it('updateChecklist merges the patch and records it', () => {
    const c = frozenCaseIn('in_follow_up');
    const next = must(
      apply(
        c,
        { type: 'updateChecklist', patch: { ipNeeded: true, informedAboutServices: true } },
        staff.leader,
      ),
    );
    expect(next.checklist).toEqual({
      assessmentOffered: null,
      ipNeeded: true,
      ipMade: false,
      informedAboutServices: true,
    });
    expect(next.history.at(-1)).toMatchObject({
      actorRole: 'leader',
      action: 'updateChecklist',
      details: { ipNeeded: true, informedAboutServices: true },
    });
  });

  it('updateChecklist with nothing new: ok, changed false, same object', () => {
    const c = frozenCaseIn('in_follow_up');
    const result = apply(c, { type: 'updateChecklist', patch: { ipMade: false } }, staff.nurseA);
    expect(result).toEqual({ ok: true, case: c, changed: false });
  });

  it('a member with two roles acts in the first role the guard lists', () => {
    const c = frozenCaseIn('claimed');
    const next = must(apply(c, { type: 'setAdmitted', admitted: true }, staff.nurseLeader));
    expect(next.history.at(-1)?.actorRole).toBe('nurse');
    const reassigned = must(apply(c, SAMPLE.reassign, staff.nurseLeader));
    expect(reassigned.history.at(-1)?.actorRole).toBe('leader');
  });
});

describe('a national id in a command is refused and nothing changes', () => {
  const dnr = nationalId('010190', { dNumber: true });
  const split = `${VALID_FNR.slice(0, 6)} ${VALID_FNR.slice(6)}`;

  it.each<[string, CaseState, CaseCommand, StaffMember, string]>([
    [
      'logContact note',
      'claimed',
      { type: 'logContact', outcome: 'reached', note: `fnr ${VALID_FNR}` },
      staff.nurseA,
      'note',
    ],
    [
      'logContact note, "DDMMYY NNNNN"',
      'claimed',
      { type: 'logContact', outcome: 'not_reached', note: `ring ${split}` },
      staff.nurseA,
      'note',
    ],
    [
      'reportServicesNeeded note (D-number)',
      'in_follow_up',
      { type: 'reportServicesNeeded', note: dnr },
      staff.nurseA,
      'note',
    ],
    [
      'recordDecision note',
      'services_needed',
      { type: 'recordDecision', outcome: 'no_services', note: VALID_FNR },
      staff.fve,
      'note',
    ],
    [
      'close note',
      'awaiting_claim',
      { type: 'close', reason: 'moved', note: `Flyttet, ${VALID_FNR}` },
      staff.fve,
      'note',
    ],
    [
      'reassign nurseId',
      'claimed',
      { type: 'reassign', nurseId: VALID_FNR },
      staff.leader,
      'nurseId',
    ],
  ])('%s', (_label, state, command, actor, field) => {
    const c = frozenCaseIn(state);
    const before = structuredClone(c);
    const result = apply(c, command, actor);
    expect(result).toEqual({
      ok: false,
      error: { kind: 'domain-error', code: 'contains_national_id', params: { field } },
    });
    expect(c).toEqual(before);
    expect(JSON.stringify(result)).not.toContain(VALID_FNR);
  });

  it('is checked before the role, zone and state', () => {
    const c = frozenCaseIn('closed');
    const command: CaseCommand = { type: 'logContact', outcome: 'reached', note: VALID_FNR };
    expect(refusal(apply(c, command, staff.admin)).code).toBe('contains_national_id');
  });

  it('an ordinary phone number in a note is fine', () => {
    const c = frozenCaseIn('claimed');
    const command: CaseCommand = {
      type: 'logContact',
      outcome: 'reached',
      note: 'Datter: 22 33 44 55',
    };
    expect(must(apply(c, command, staff.nurseA)).history.at(-1)?.details.note).toBe(
      'Datter: 22 33 44 55',
    );
  });
});

describe('a whole case, start to end', () => {
  it('records every step in order and ends closed with nothing deleted', () => {
    let c = newCase({ registerHsyre: false });
    const steps: [CaseCommand, StaffMember, string][] = [
      [SAMPLE.registerHsyre, staff.fve, '2026-03-10T09:00'],
      [SAMPLE.claim, staff.nurseA, '2026-03-10T09:10'],
      [{ type: 'logContact', outcome: 'not_reached' }, staff.nurseA, '2026-03-10T09:20'],
      [{ type: 'logContact', outcome: 'reached' }, staff.nurseA, '2026-03-10T11:00'],
      [
        { type: 'updateChecklist', patch: { assessmentOffered: 'MOBID-2' } },
        staff.nurseA,
        '2026-03-11T10:00',
      ],
      [SAMPLE.reportServicesNeeded, staff.nurseA, '2026-03-12T10:00'],
      [SAMPLE.grantHsy, staff.fve, '2026-03-13T10:00'],
      [SAMPLE.handOver, staff.leader, '2026-03-13T14:00'],
    ];
    for (const [command, actor, local] of steps) c = must(apply(c, command, actor, oslo(local)));
    expect(c.history.map((h) => [h.action, h.from, h.to])).toEqual([
      ['registerReferral', null, 'referred'],
      ['registerHsyre', 'referred', 'awaiting_claim'],
      ['claim', 'awaiting_claim', 'claimed'],
      ['logContact', 'claimed', 'claimed'],
      ['logContact', 'claimed', 'in_follow_up'],
      ['updateChecklist', 'in_follow_up', 'in_follow_up'],
      ['reportServicesNeeded', 'in_follow_up', 'services_needed'],
      ['grantHsy', 'services_needed', 'hsy_granted'],
      ['handOver', 'hsy_granted', 'closed'],
    ]);
    expect(c).toMatchObject({
      state: 'closed',
      closedReason: 'handed_over',
      firstContactMet: true,
      claimedBy: staff.nurseA.id,
      deadline: null,
    });
    expect(caseSchema.parse(c)).toEqual(c);
  });
});
