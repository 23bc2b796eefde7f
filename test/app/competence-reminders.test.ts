import { competenceKind } from '../../src/app/competence-kind';
import { createEscalationPass, type Notifier } from '../../src/app/escalation-pass';
import { trackedKinds } from '../../src/app/tracked-kinds';
import { createLogger } from '../../src/logging/logger';
import { competenceWorld } from '../support/competence';
import { defaultRoutine, staff } from '../support/domain-fixtures';

/*
 * Competence reminders through the one deadline engine, with an injected clock: the nurse is
 * told when a requirement is not met by its date and, for the first year, her zone leader an
 * hour of working time later; in working time, exactly once, and never for what is done.
 */

// Appointed 10 September 2025: the first-year items are due 10 June 2026 (9 months), whose
// deadline is the end of that day, Wednesday night; the gatherings are due by 1 October.
const APPOINTED = '2025-09-10';

async function setUp() {
  const world = await competenceWorld('2026-06-01T08:00:00.000Z');
  const { store, clock, deps } = world;
  const workingTime = defaultRoutine().policy.workingTime;
  const kind = competenceKind({ ...deps, workingTime });
  const sent: string[] = [];
  const notifier: Notifier = {
    async notify(item, o, recipients, now) {
      sent.push(
        `${now.toISOString()} ${item.stepKey} ${o.level.id} → ${recipients.map((r) => r.id).join('+')}`,
      );
    },
  };
  const pass = createEscalationPass({
    store,
    kinds: [kind],
    notifier,
    logger: createLogger('silent'),
    batchSize: 50,
  });
  const at = async (iso: string) => {
    clock.set(iso);
    return pass(new Date(iso));
  };
  return { ...world, kind, sent, at };
}

describe('competence reminders', () => {
  it('reminds the nurse at the next start of working time after the deadline, then her leader, each once', async () => {
    const w = await setUp();
    await w.activities.profile(staff.nurseA, staff.nurseA.id, { appointedAt: APPOINTED });
    await w.at('2026-06-01T08:00:00.000Z');
    await w.at('2026-06-10T21:00:00.000Z');
    expect(w.sent).toEqual([]);
    // Thursday 11 June 08:00 in Oslo is 06:00 UTC: the first minute of working time.
    await w.at('2026-06-11T05:59:00.000Z');
    expect(w.sent).toEqual([]);
    await w.at('2026-06-11T06:00:00.000Z');
    await w.at('2026-06-11T06:00:30.000Z');
    expect(w.sent.sort()).toEqual([
      `2026-06-11T06:00:00.000Z competence.requirements.introductionCourse nurse → ${staff.nurseA.id}`,
      `2026-06-11T06:00:00.000Z competence.requirements.jobShadowing nurse → ${staff.nurseA.id}`,
    ]);
    w.sent.length = 0;
    await w.at('2026-06-11T07:00:00.000Z');
    await w.at('2026-06-11T07:05:00.000Z');
    const leaders = `${staff.leader.id}+${staff.nurseLeader.id}`;
    expect(w.sent.sort()).toEqual([
      `2026-06-11T07:00:00.000Z competence.requirements.introductionCourse leader → ${leaders}`,
      `2026-06-11T07:00:00.000Z competence.requirements.jobShadowing leader → ${leaders}`,
    ]);
  });

  it('says nothing about a requirement met in time, and reminds the nurse short of hours by 1 October', async () => {
    const w = await setUp();
    for (const nurse of [staff.nurseA, staff.nurseB]) {
      await w.activities.profile(nurse, nurse.id, { appointedAt: '2020-01-01' });
    }
    for (const date of ['2026-03-01', '2026-05-01']) {
      await w.activities.register(staff.nurseB, staff.nurseB.id, {
        kind: 'gathering',
        nurseId: staff.nurseB.id,
        date,
        hours: 6,
      });
    }
    await w.at('2026-06-01T08:00:00.000Z');
    // 1 October 2026 is a Thursday; its deadline is midnight, the reminder Friday 08:00.
    await w.at('2026-10-01T21:59:00.000Z');
    await w.at('2026-10-02T06:00:00.000Z');
    await w.at('2026-10-02T06:01:00.000Z');
    expect(w.sent).toEqual([
      `2026-10-02T06:00:00.000Z competence.requirements.gatherings nurse → ${staff.nurseA.id}`,
    ]);
  });

  it('moves a record woken for nothing on, so the queue does not hold it', async () => {
    const w = await setUp();
    await w.activities.profile(staff.nurseA, staff.nurseA.id, { appointedAt: APPOINTED });
    await w.at('2026-06-01T08:00:00.000Z');
    const record = await w.store.competence.getRecord(staff.nurseA.id);
    expect(record?.nextDueAt).toBe('2026-06-11T06:00:00.000Z');
    expect(await w.kind.dueBefore('2026-06-05T00:00:00.000Z', 10)).toEqual([]);
  });

  it('lists the open requirements in the zone for the due lists and the daily summary', async () => {
    const w = await setUp();
    await w.activities.profile(staff.nurseA, staff.nurseA.id, { appointedAt: APPOINTED });
    const items = await trackedKinds([w.kind]).openInZones(['nord'], staff.leader);
    expect(items.map((i) => i.stepKey).sort()).toEqual([
      'competence.requirements.gatherings',
      'competence.requirements.introductionCourse',
      'competence.requirements.jobShadowing',
      'competence.requirements.leaderMeeting',
      'competence.requirements.studyDay',
    ]);
    expect(items.every((i) => i.kind === 'competence' && i.ownerId === staff.nurseA.id)).toBe(true);
    expect(await trackedKinds([w.kind]).openInZones(['sor'], staff.leader)).toEqual([]);
    // Staff data: a zone's leaders read it in their lists, FVE does not.
    expect(await trackedKinds([w.kind]).openInZones(['nord'], staff.leader)).toHaveLength(5);
    expect(await trackedKinds([w.kind]).openInZones(['nord'], staff.fve)).toEqual([]);
  });
});
