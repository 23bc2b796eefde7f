import path from 'node:path';
import { createCompetenceArea } from '../../src/app/competence-area';
import type { NetworkAnnouncer } from '../../src/app/competence-events';
import type { CompetenceReply } from '../../src/app/competence-reply';
import { loadCompetence } from '../../src/config/competence-file';
import type { NetworkEvent } from '../../src/domain/competence/event';
import { newCompetenceRecord } from '../../src/domain/competence/record';
import type { CompetenceConfig } from '../../src/domain/competence/requirements';
import type { StaffMember } from '../../src/domain/roster';
import type { ChannelLink } from '../../src/domain/zone';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { staff } from './domain-fixtures';
import { fixedClock } from './test-app';

export const COMPETENCE_FILE = path.join(__dirname, '..', '..', 'config', 'competence.json');
export const shippedCompetence = (): CompetenceConfig => loadCompetence(COMPETENCE_FILE);

export const networkLeader: StaffMember = {
  id: 'network-1',
  name: 'Test network-1',
  roles: ['networkLeader'],
  zoneIds: [],
};
/** A nurse who stepped down but stays in the roster with another role. */
export const formerNurse: StaffMember = {
  id: 'former-1',
  name: 'Test former-1',
  roles: ['fve'],
  zoneIds: ['nord'],
};

/** The competence use cases over an in-memory store with the fixtures' roster and zones. */
export async function competenceWorld(now = '2026-06-15T10:00:00.000Z') {
  const store: Store = openSqliteStore(':memory:');
  for (const m of [...Object.values(staff), networkLeader, formerNurse]) {
    await store.roster.put(m);
  }
  await store.zones.put({ id: 'nord', name: 'Nord', channel: null });
  await store.zones.put({ id: 'sor', name: 'Sør', channel: null });
  const clock = fixedClock(now);
  const deps = { store, clock, config: shippedCompetence(), timeZone: 'Europe/Oslo' };
  const announced: { channel: ChannelLink; event: NetworkEvent }[] = [];
  const announcer: NetworkAnnouncer = {
    async announce(channel, event) {
      announced.push({ channel, event });
      return { conversationId: channel.conversationId, activityId: `post-${announced.length}` };
    },
  };
  const area = createCompetenceArea({ ...deps, announcer });
  return { store, clock, deps, announced, ...area };
}

/**
 * Replies covering what the competence cards show: a plan before and after the appointment
 * date, with every kind of activity, a withdrawn one, a meeting to confirm, a form open for a
 * change, a refusal on top, a stepped-down nurse's; the zone overview.
 */
export async function competenceReplySamples() {
  const world = await competenceWorld();
  const { plans, activities } = world;
  const nurse = staff.nurseA;
  const before = await plans.own(nurse);
  await activities.profile(nurse, nurse.id, { appointedAt: '2025-11-10', level: 'B' });
  const inputs = [
    { kind: 'gathering', date: '2026-02-01', hours: 6, text: 'Vårsamling' },
    { kind: 'studyDay', date: '2026-03-01', hours: 6.5 },
    { kind: 'introductionCourse', date: '2026-01-15', hours: 6, withLeader: true },
    { kind: 'basicCourse', date: '2026-04-01', hours: 7 },
    { kind: 'jobShadowing', date: '2026-05-01', days: 2 },
    { kind: 'other', date: '2026-05-02', hours: 1 },
  ];
  let last: CompetenceReply = before;
  for (const input of inputs)
    last = await activities.register(nurse, nurse.id, { ...input, nurseId: nurse.id });
  const meeting = await activities.register(staff.leader, nurse.id, {
    kind: 'leaderMeeting',
    nurseId: nurse.id,
    date: '2026-06-01',
  });
  if (last.kind !== 'competencePlan' || meeting.kind !== 'competencePlan') {
    throw new Error('sample refused');
  }
  const first = last.record.activities[0].id;
  await activities.withdraw(nurse, nurse.id, last.record.activities[5].id);
  const own = await plans.own(nurse);
  const editing = await plans.edit(nurse, nurse.id, first);
  const refused = await activities.register(nurse, nurse.id, { kind: 'gathering' });
  const asLeader = await plans.of(staff.leader, nurse.id);
  await world.store.competence.createRecord({
    ...newCompetenceRecord(formerNurse.id, new Date('2026-01-01T00:00:00Z')),
    appointedAt: '2024-02-01',
  });
  const steppedDown = await plans.own(formerNurse);
  const overview = await plans.overview(staff.leader, 'nord');
  const eventInput = { kind: 'gathering', date: '2026-06-10', hours: 6, place: 'Hamar' };
  await world.events.create(networkLeader, eventInput);
  await world.events.create(networkLeader, { ...eventInput, date: '2026-09-10' });
  const [held] = await world.store.competence.events('2026-01-01');
  await world.events.attend(networkLeader, held.id, [nurse.id], staff.nurseB.name);
  const events = [
    await world.events.list(networkLeader),
    await world.events.list(nurse),
    await world.events.create(networkLeader, { ...eventInput, hours: 99 }),
  ];
  return { plans: [before, own, editing, refused, asLeader, steppedDown], overview, events };
}
