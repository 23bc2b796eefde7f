import { caseSchema } from '../../src/domain/case';
import { currentDeadline } from '../../src/domain/case-schedule';
import { referralInputSchema, registerReferral } from '../../src/domain/referral';
import type { Routine } from '../../src/domain/routine';
import {
  deepFreeze,
  defaultRoutine,
  KNOWN_ZONES,
  nationalId,
  OTHER_ZONE,
  oslo,
  osloIso,
  referralInput,
  refusal,
  registerCase,
  staff,
  TIMELINE,
  VALID_FNR,
  withOnlyRole,
  ZONE,
} from '../support/domain-fixtures';

const NOW = TIMELINE.registered; // Monday 9 March 2026 09:00 Oslo

describe('registerReferral: a new case', () => {
  it('with registerHsyre (step 4) opens awaiting_claim, with both anchors', () => {
    const result = registerCase({ seriouslyIll: false, registerHsyre: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const c = result.case;
    expect(c.state).toBe('awaiting_claim');
    expect(c.anchors).toEqual({
      hospitalContact: TIMELINE.hospitalContact.toISOString(),
      hsyreRegistered: NOW.toISOString(),
    });
  });

  it('with registerHsyre false (step 2 only) opens referred, without hsyreRegistered', () => {
    const result = registerCase({ registerHsyre: false });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.case.state).toBe('referred');
    expect(result.case.anchors).toEqual({
      hospitalContact: TIMELINE.hospitalContact.toISOString(),
    });
  });

  it('registerHsyre defaults to true when the input is parsed', () => {
    const parsed = referralInputSchema.parse({
      zoneId: ZONE,
      seriouslyIll: false,
      hospitalContactAt: '2026-03-09T08:00:00+01:00',
      patientRef: 'DIPS-1',
    });
    expect(parsed.registerHsyre).toBe(true);
  });

  it('records every field of a fresh case, and the result is a valid stored case', () => {
    const result = registerCase(
      { seriouslyIll: true, note: 'Ønsker telefon etter kl 12', patientRef: 'DIPS-77' },
      { id: 'case-x', code: 'K3M7Q' },
    );
    if (!result.ok) throw new Error(result.error.code);
    const c = result.case;
    expect(caseSchema.parse(c)).toEqual(c);
    expect(c).toMatchObject({
      id: 'case-x',
      code: 'K3M7Q',
      zoneId: ZONE,
      seriouslyIll: true,
      patientRef: 'DIPS-77',
      note: 'Ønsker telefon etter kl 12',
      routineVersion: '2026.2',
      claimedBy: null,
      admitted: false,
      checklist: {
        assessmentOffered: null,
        ipNeeded: null,
        ipMade: false,
        informedAboutServices: false,
      },
      firstContactMet: null,
      lastContact: null,
      closedReason: null,
      version: 1,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect(c.history).toEqual([
      {
        at: NOW.toISOString(),
        actorId: staff.fve.id,
        actorRole: 'fve',
        action: 'registerReferral',
        from: null,
        to: 'awaiting_claim',
        details: { seriouslyIll: true, note: 'Ønsker telefon etter kl 12' },
        version: 1,
      },
    ]);
  });

  it('stores a hospital contact given with an offset as UTC', () => {
    const result = registerCase({ hospitalContactAt: '2026-03-09T08:00:00+01:00' });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.case.anchors.hospitalContact).toBe('2026-03-09T07:00:00.000Z');
  });

  it('a note left out is stored as null', () => {
    const result = registerCase({});
    if (!result.ok) throw new Error(result.error.code);
    expect(result.case.note).toBeNull();
    expect(result.case.history[0].details.note).toBeNull();
  });

  it('accepts a hospital contact exactly now', () => {
    const result = registerCase({ hospitalContactAt: NOW.toISOString() });
    expect(result.ok).toBe(true);
  });

  it('an FVE member whose own zones do not include the case zone may still register', () => {
    const result = registerCase({ zoneId: ZONE }, { actor: staff.fveSouth });
    expect(result.ok).toBe(true);
  });

  it('does not touch its arguments', () => {
    const routine = deepFreeze(defaultRoutine());
    const input = deepFreeze(referralInput());
    const actor = deepFreeze(structuredClone(staff.fve));
    const result = registerReferral(input, actor, NOW, routine, KNOWN_ZONES, {
      id: 'c1',
      code: 'ACDEF',
    });
    expect(result.ok).toBe(true);
  });
});

describe('registerReferral: the deadline of the new case', () => {
  it('awaiting_claim, normal: first contact the same working day (Monday 15:30)', () => {
    const result = registerCase({ seriouslyIll: false });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.case.deadline).toEqual({
      key: 'firstContact',
      dueAt: osloIso('2026-03-09T15:30'),
    });
    // First escalation level of the default routine: 120 minutes before.
    expect(result.case.nextDueAt).toBe(osloIso('2026-03-09T13:30'));
  });

  it('awaiting_claim, registered after working time: the next working day', () => {
    const result = registerCase({}, { now: oslo('2026-03-13T16:00') }); // Friday
    if (!result.ok) throw new Error(result.error.code);
    expect(result.case.deadline?.dueAt).toBe(osloIso('2026-03-16T15:30'));
  });

  it('awaiting_claim, seriously ill: the 3-day limit from the hospital contact wins', () => {
    // Hospital contact Wednesday 10:00, HSYRE registered Friday 16:00: Friday 15:30 (already past).
    const result = registerCase(
      { seriouslyIll: true, hospitalContactAt: osloIso('2026-03-11T10:00') },
      { now: oslo('2026-03-13T16:00') },
    );
    if (!result.ok) throw new Error(result.error.code);
    expect(result.case.deadline).toEqual({
      key: 'firstContact',
      dueAt: osloIso('2026-03-13T15:30'),
    });
  });

  it('referred, normal: FVE assessment within 14 days', () => {
    const result = registerCase({ registerHsyre: false });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.case.deadline).toEqual({
      key: 'fveAssessment',
      dueAt: osloIso('2026-03-23T15:30'),
    });
  });

  it('referred, seriously ill: FVE assessment within 3 days', () => {
    const result = registerCase({ registerHsyre: false, seriouslyIll: true });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.case.deadline).toEqual({
      key: 'fveAssessment',
      dueAt: osloIso('2026-03-12T15:30'),
    });
  });
});

describe('registerReferral: routine version and policy snapshot', () => {
  /** A routine that gives a normal first contact 14 days instead of the same working day. */
  function loosened(routine: Routine): void {
    routine.version = '2026.2';
    routine.policy.deadlines.firstContact.normal = {
      kind: 'withinDays',
      from: 'hsyreRegistered',
      days: 14,
    };
    routine.policy.workingTime.end = '16:00';
  }

  it('records the routine version and a copy of its policy', () => {
    const routine = defaultRoutine();
    const result = registerCase({}, { routine });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.case.routineVersion).toBe('2026.2');
    expect(result.case.policy).toEqual(routine.policy);
  });

  it('a later change to the routine object does not alter the existing case', () => {
    const routine = defaultRoutine();
    const result = registerCase({}, { routine });
    if (!result.ok) throw new Error(result.error.code);
    const c = result.case;
    const before = currentDeadline(c);
    expect(before).toEqual({ key: 'firstContact', dueAt: osloIso('2026-03-09T15:30') });

    loosened(routine); // the municipality edits the routine in force

    // The new routine would give a different deadline for the same case ...
    expect(currentDeadline({ ...c, policy: routine.policy })).toEqual({
      key: 'firstContact',
      dueAt: osloIso('2026-03-23T16:00'),
    });
    // ... but the case keeps its snapshot, its version and its deadline.
    expect(c.routineVersion).toBe('2026.2');
    expect(c.policy.workingTime.end).toBe('15:30');
    expect(currentDeadline(c)).toEqual(before);
    expect(c.deadline).toEqual(before);
  });

  it('a case registered after the change gets the new version and deadlines', () => {
    const routine = defaultRoutine();
    loosened(routine);
    const result = registerCase({}, { routine });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.case.routineVersion).toBe('2026.2');
    expect(result.case.deadline?.dueAt).toBe(osloIso('2026-03-23T16:00'));
  });
});

describe('registerReferral: refusals', () => {
  it.each([
    ['a nurse', staff.nurseA],
    ['a leader', staff.leader],
    ['an admin', staff.admin],
    ['a nurse who is also a leader', staff.nurseLeader],
    ['a member with only the admin role', withOnlyRole('admin')],
  ])('refuses %s (not FVE): forbidden_role', (_label, actor) => {
    const error = refusal(registerCase({}, { actor }));
    expect(error.code).toBe('forbidden_role');
    expect(error.params).toEqual({ action: 'registerReferral' });
  });

  it('refuses an unknown zone', () => {
    const error = refusal(registerCase({ zoneId: 'vest' }));
    expect(error).toMatchObject({ code: 'unknown_zone', params: { zone: 'vest' } });
    expect(refusal(registerCase({ zoneId: OTHER_ZONE.toUpperCase() })).code).toBe('unknown_zone');
  });

  it('refuses a hospital contact in the future, even by a millisecond', () => {
    const future = new Date(NOW.getTime() + 1).toISOString();
    expect(refusal(registerCase({ hospitalContactAt: future })).code).toBe(
      'hospital_contact_in_future',
    );
    expect(refusal(registerCase({ hospitalContactAt: osloIso('2026-03-10T08:00') })).code).toBe(
      'hospital_contact_in_future',
    );
  });

  it('refuses a fødselsnummer in the note', () => {
    const error = refusal(registerCase({ note: `Pasientens fnr er ${VALID_FNR}` }));
    expect(error).toMatchObject({ code: 'contains_national_id', params: { field: 'note' } });
  });

  it('refuses a D-number written "DDMMYY NNNNN" in the note', () => {
    const dnr = nationalId('010190', { dNumber: true });
    const error = refusal(registerCase({ note: `dnr ${dnr.slice(0, 6)} ${dnr.slice(6)}` }));
    expect(error).toMatchObject({ code: 'contains_national_id', params: { field: 'note' } });
  });

  it('refuses a fødselsnummer as patientRef', () => {
    const error = refusal(registerCase({ patientRef: VALID_FNR }));
    expect(error).toMatchObject({ code: 'contains_national_id', params: { field: 'patientRef' } });
  });

  it('refuses a fødselsnummer inside patientRef', () => {
    const error = refusal(registerCase({ patientRef: `P-${VALID_FNR}` }));
    expect(error).toMatchObject({ code: 'contains_national_id', params: { field: 'patientRef' } });
  });

  it('checks for a national id before anything else, so the refusal never echoes it', () => {
    const error = refusal(
      registerCase({ note: VALID_FNR, zoneId: 'vest' }, { actor: staff.nurseA }),
    );
    expect(error.code).toBe('contains_national_id');
    expect(JSON.stringify(error)).not.toContain(VALID_FNR);
  });

  it('an invalid 11-digit number in the note is not a national id', () => {
    const notAnId = `${VALID_FNR.slice(0, 10)}${(Number(VALID_FNR[10]) + 1) % 10}`;
    const result = registerCase({ note: `Ordrenr ${notAnId}` });
    expect(result.ok).toBe(true);
  });
});
