import type { CompetenceReply } from '../../src/app/competence-reply';
import { newCompetenceRecord } from '../../src/domain/competence/record';
import type { StaffMember } from '../../src/domain/roster';
import { competenceWorld, formerNurse, networkLeader } from '../support/competence';
import { staff, VALID_FNR } from '../support/domain-fixtures';

const gathering = (nurseId: string, extra: Record<string, unknown> = {}) => ({
  kind: 'gathering',
  nurseId,
  date: '2026-05-20',
  hours: 6,
  ...extra,
});

function planOf(reply: CompetenceReply) {
  if (reply.kind !== 'competencePlan') throw new Error(`expected a plan, got ${reply.kind}`);
  return reply;
}

async function appointed(world: Awaited<ReturnType<typeof competenceWorld>>, nurseId: string) {
  const actor = nurseId === staff.nurseA.id ? staff.nurseA : staff.leader;
  const reply = await world.activities.profile(actor, nurseId, {
    appointedAt: '2025-01-10',
    level: 'B',
  });
  expect(planOf(reply).note?.key).toBe('competence.messages.profileSaved');
}

describe('a nurse’s own plan', () => {
  it('asks for the appointment date before it evaluates anything', async () => {
    const { plans } = await competenceWorld();
    const reply = planOf(await plans.own(staff.nurseA));
    expect(reply.plan).toBeNull();
    expect(reply.write).toBe('own');
  });

  it('shows each requirement with what is done and missing once she is appointed', async () => {
    const world = await competenceWorld();
    await appointed(world, staff.nurseA.id);
    await world.activities.register(staff.nurseA, staff.nurseA.id, gathering(staff.nurseA.id));
    const reply = planOf(await world.plans.own(staff.nurseA));
    const gatherings = reply.plan?.requirements.find((r) => r.id === 'gatherings');
    expect(gatherings).toMatchObject({ status: 'missing', done: { count: 1, hours: 6 } });
    expect(gatherings?.type === 'activities' && gatherings.missing).toMatchObject({
      count: 1,
      hours: 6,
    });
    expect(reply.plan?.hoursThisYear.total).toBe(6);
  });

  it('records, changes and withdraws her own activity, keeping every step in the history', async () => {
    const world = await competenceWorld();
    await appointed(world, staff.nurseA.id);
    const recorded = planOf(
      await world.activities.register(staff.nurseA, staff.nurseA.id, gathering(staff.nurseA.id)),
    );
    expect(recorded.note).toMatchObject({ key: 'competence.messages.recorded', tone: 'good' });
    const id = recorded.record.activities[0].id;
    const changed = planOf(
      await world.activities.change(
        staff.nurseA,
        staff.nurseA.id,
        id,
        gathering(staff.nurseA.id, { hours: 7 }),
      ),
    );
    expect(changed.record.activities[0]).toMatchObject({ id, hours: 7, status: 'active' });
    const withdrawn = planOf(await world.activities.withdraw(staff.nurseA, staff.nurseA.id, id));
    expect(withdrawn.record.activities[0]).toMatchObject({ status: 'withdrawn' });
    const stored = await world.store.competence.getRecord(staff.nurseA.id);
    expect(stored?.history.map((h) => [h.action, h.by])).toEqual([
      ['profile', staff.nurseA.id],
      ['recorded', staff.nurseA.id],
      ['changed', staff.nurseA.id],
      ['withdrawn', staff.nurseA.id],
    ]);
    expect(stored?.history[2].previous).toMatchObject({ hours: 6 });
    expect(planOf(await world.plans.own(staff.nurseA)).plan?.hoursThisYear.total).toBe(0);
  });

  it.each([
    ['a national id in the text', { text: `Ring ${VALID_FNR}` }, 'privacy.refused'],
    ['hours out of range', { hours: 40 }, 'competence.errors.invalid_input'],
    ['a date after today', { date: '2026-07-01' }, 'competence.errors.date_in_future'],
    ['an unknown field', { patient: 'x' }, 'competence.errors.invalid_input'],
  ])('refuses %s with a message and changes nothing', async (_what, extra, key) => {
    const world = await competenceWorld();
    await appointed(world, staff.nurseA.id);
    const before = await world.store.competence.getRecord(staff.nurseA.id);
    const reply = planOf(
      await world.activities.register(
        staff.nurseA,
        staff.nurseA.id,
        gathering(staff.nurseA.id, extra),
      ),
    );
    expect(reply.note).toMatchObject({ key, tone: 'attention' });
    expect(JSON.stringify(reply.note)).not.toContain(VALID_FNR);
    expect(await world.store.competence.getRecord(staff.nurseA.id)).toEqual(before);
  });

  it('does not let a nurse withdraw what her leader recorded, nor change another nurse’s record', async () => {
    const world = await competenceWorld();
    await appointed(world, staff.nurseA.id);
    const byLeader = planOf(
      await world.activities.register(staff.leader, staff.nurseA.id, gathering(staff.nurseA.id)),
    );
    const id = byLeader.record.activities[0].id;
    const refused = planOf(await world.activities.withdraw(staff.nurseA, staff.nurseA.id, id));
    expect(refused.note?.key).toBe('competence.errors.forbidden');
    const other = await world.activities.register(
      staff.nurseB,
      staff.nurseA.id,
      gathering(staff.nurseA.id),
    );
    expect(other).toMatchObject({ kind: 'message', key: 'competence.messages.notFound' });
  });
});

describe('concurrent changes to one record', () => {
  it('land each exactly once: a lost race is re-run on the fresh record', async () => {
    const world = await competenceWorld();
    await appointed(world, staff.nurseA.id);
    const dates = ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'];
    await Promise.all(
      dates.map((date) =>
        world.activities.register(
          staff.nurseA,
          staff.nurseA.id,
          gathering(staff.nurseA.id, { date }),
        ),
      ),
    );
    const stored = await world.store.competence.getRecord(staff.nurseA.id);
    expect(stored?.activities.map((a) => a.date).sort()).toEqual(dates);
    expect(stored?.history.filter((h) => h.action === 'recorded')).toHaveLength(5);
  });
});

describe('who may see a nurse’s plan', () => {
  const cases: [string, StaffMember, 'own' | 'leader' | 'network' | null | 'none'][] = [
    ['the nurse herself', staff.nurseA, 'own'],
    ['her zone leader', staff.leader, 'leader'],
    ['a nurse-and-leader of her zone', staff.nurseLeader, 'leader'],
    ['the network leader', networkLeader, 'network'],
    ['the admin', staff.admin, null],
    ['another nurse of the zone', staff.nurseB, 'none'],
    ['the leader of another zone', staff.leaderSouth, 'none'],
    ['FVE', staff.fve, 'none'],
  ];
  it.each(cases)('%s', async (_who, reader, expected) => {
    const { plans } = await competenceWorld();
    const reply = await plans.of(reader, staff.nurseA.id);
    if (expected === 'none') {
      expect(reply).toMatchObject({ kind: 'message', key: 'competence.messages.notFound' });
    } else {
      expect(planOf(reply).write).toBe(expected);
    }
  });

  it('answers an unknown nurse as one the reader may not see', async () => {
    const { plans } = await competenceWorld();
    expect(await plans.of(staff.leader, 'nobody')).toEqual(
      await plans.of(staff.nurseB, staff.nurseA.id),
    );
  });

  it('keeps the record of a nurse who stepped down, read-only, for her and her leader', async () => {
    const world = await competenceWorld();
    await world.store.competence.createRecord({
      ...newCompetenceRecord(formerNurse.id, new Date('2026-01-01T00:00:00Z')),
      appointedAt: '2024-02-01',
    });
    expect(planOf(await world.plans.own(formerNurse)).write).toBeNull();
    expect(planOf(await world.plans.of(staff.leader, formerNurse.id)).write).toBeNull();
    const refused = planOf(
      await world.activities.register(formerNurse, formerNurse.id, gathering(formerNurse.id)),
    );
    expect(refused.note?.key).toBe('competence.errors.forbidden');
    expect((await world.store.competence.getRecord(formerNurse.id))?.activities).toEqual([]);
  });
});

describe('the zone overview', () => {
  it('lists the zone’s nurses for its leader, the network leader and the admin only', async () => {
    const world = await competenceWorld();
    await appointed(world, staff.nurseA.id);
    for (const reader of [staff.leader, networkLeader, staff.admin]) {
      const reply = await world.plans.overview(reader, 'nord');
      if (reply.kind !== 'competenceOverview') throw new Error('no overview');
      expect(reply.overview.rows.map((r) => r.nurseId)).toEqual([staff.nurseA.id]);
      expect(reply.notEvaluated.map((n) => n.id).sort()).toEqual(
        [staff.nurseB.id, staff.nurseBoth.id, staff.nurseLeader.id].sort(),
      );
    }
    for (const reader of [staff.leaderSouth, staff.nurseA, staff.fve]) {
      const reply = await world.plans.overview(reader, 'nord');
      expect(reply.kind).toBe('message');
    }
    expect(await world.plans.overview(staff.nurseA, 'nord')).toMatchObject({
      key: 'competence.messages.ownOnly',
    });
  });

  it('opens the leader’s own zone without an argument', async () => {
    const { plans } = await competenceWorld();
    expect(await plans.overview(staff.leaderSouth, undefined)).toMatchObject({
      kind: 'competenceOverview',
      zone: { id: 'sor' },
    });
    expect(await plans.own(staff.leader)).toMatchObject({
      kind: 'competenceOverview',
      zone: { id: 'nord' },
    });
  });
});

describe('the yearly meeting', () => {
  it('is recorded by the leader and counts once the nurse confirms it', async () => {
    const world = await competenceWorld();
    await appointed(world, staff.nurseA.id);
    const recorded = planOf(
      await world.activities.register(staff.leader, staff.nurseA.id, {
        kind: 'leaderMeeting',
        nurseId: staff.nurseA.id,
        date: '2026-06-01',
      }),
    );
    const meeting = () => planOf(recorded).plan?.requirements.find((r) => r.id === 'leaderMeeting');
    expect(meeting()).toMatchObject({ status: 'missing' });
    const id = recorded.record.activities[0].id;
    // Only the nurse confirms: the leader's "confirm" looks in the leader's own record.
    expect(await world.activities.confirm(staff.leader, id)).toMatchObject({
      kind: 'message',
      key: 'competence.messages.notFound',
    });
    const confirmed = planOf(await world.activities.confirm(staff.nurseA, id));
    expect(confirmed.note?.key).toBe('competence.messages.confirmed');
    expect(confirmed.plan?.requirements.find((r) => r.id === 'leaderMeeting')).toMatchObject({
      status: 'done',
    });
  });
});
