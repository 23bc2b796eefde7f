import type { CasePublisher } from '../../src/app/case-publisher';
import { createCaseService } from '../../src/app/case-service';
import { type CaseWorkflow, createCaseWorkflow } from '../../src/app/case-workflow';
import { createDirectory } from '../../src/app/directory';
import type { MessageReply } from '../../src/app/reply';
import { createStaffAdmin, type NameOf, type StaffNotifier } from '../../src/app/staff-admin';
import type { Case, CaseState } from '../../src/domain/case';
import type { StaffMember } from '../../src/domain/roster';
import { createLogger } from '../../src/logging/logger';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { defaultRoutine } from '../support/domain-fixtures';
import { fixedClock } from '../support/test-app';
import { linkedZone } from '../support/zones';

const member = (
  id: string,
  name: string,
  roles: StaffMember['roles'],
  zoneIds: string[],
  email?: string,
): StaffMember => ({ id, name, roles, zoneIds, ...(email && { email }) });

const admin = member('admin', 'Anne Admin', ['admin'], []);
const leader = member('leader-nord', 'Lise Leder', ['leader'], ['nord'], 'lise@kommune.no');
const leaderSor = member('leader-sor', 'Sverre Sør', ['leader'], ['sor']);
const network = member('network', 'Nina Nettverk', ['networkLeader'], [], 'nina@kommune.no');
const fve = member('fve', 'Frida FVE', ['fve'], []);
const kari = member('kari', 'Kari Nordmann', ['nurse'], ['nord'], 'kari@kommune.no');
const ola = member('ola', 'Ola Nordmann', ['nurse'], ['nord']);
const STAFF = [admin, leader, leaderSor, network, fve, kari, ola];

/** A CasePublisher that records what a Teams channel would have been shown. */
function recordingPublisher() {
  const updates: { caseId: string; state: CaseState; claimedBy: string | null }[] = [];
  const publisher: CasePublisher = {
    post: async (_zone, c) => ({ conversationId: `conv-${c.zoneId}`, activityId: `act-${c.code}` }),
    update: async (_zone, c) => {
      updates.push({ caseId: c.id, state: c.state, claimedBy: c.claimedBy });
    },
  };
  return { publisher, updates };
}

function recordingNotifier() {
  const told: { to: string[]; reply: MessageReply }[] = [];
  const notifier: StaffNotifier = {
    tell: async (people, reply) => {
      told.push({ to: people.map((p) => p.id).sort(), reply });
    },
  };
  return { notifier, told };
}

describe('the roster as use cases, on a real SQLite store', () => {
  let store: Store;
  let workflow: CaseWorkflow;
  let updates: ReturnType<typeof recordingPublisher>['updates'];
  let told: ReturnType<typeof recordingNotifier>['told'];
  let staffAdmin: ReturnType<typeof createStaffAdmin>;
  const clock = fixedClock('2026-03-09T08:00:00.000Z');

  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    await store.zones.put(linkedZone('nord', 'Sone Nord', 'https://smba.example/', '19:nord'));
    await store.zones.put(linkedZone('sor', 'Sone Sør', 'https://smba.example/', '19:sor'));
    for (const m of STAFF) await store.roster.put(m);
    const recording = recordingPublisher();
    updates = recording.updates;
    workflow = createCaseWorkflow({
      store,
      cases: createCaseService({ store, clock, routine: defaultRoutine() }),
      publisher: recording.publisher,
      clock,
      logger: createLogger('silent'),
    });
    const notifying = recordingNotifier();
    told = notifying.told;
    staffAdmin = createStaffAdmin({ store, clock, workflow, notifier: notifying.notifier });
  });
  afterEach(() => store.close());

  async function register(patientRef: string): Promise<Case> {
    const result = await workflow.register(
      {
        zoneId: 'nord',
        seriouslyIll: false,
        hospitalContactAt: '2026-03-09T07:00:00.000Z',
        patientRef,
        registerHsyre: true,
      },
      fve,
    );
    if (!result.ok) throw new Error(result.error.code);
    return result.case;
  }

  async function act(c: Case, command: Parameters<CaseWorkflow['act']>[1], by: StaffMember) {
    const result = await workflow.act(c.id, command, by);
    if (!result.ok) throw new Error(result.error.code);
    return result.case;
  }

  /** Kari has one case claimed and one in follow-up; a third is still waiting. */
  async function kariWithCases() {
    const claimed = await act(await register('DIPS-1'), { type: 'claim' }, kari);
    let followed = await act(await register('DIPS-2'), { type: 'claim' }, kari);
    followed = await act(followed, { type: 'logContact', outcome: 'reached' }, kari);
    const waiting = await register('DIPS-3');
    updates.length = 0;
    return { claimed, followed, waiting };
  }

  describe('a resource nurse steps down (fratre)', () => {
    it('asks first, naming the cases that will go back; nothing changes until confirmed', async () => {
      const { claimed, followed } = await kariWithCases();
      const reply = await staffAdmin.stepDown(kari);
      expect(reply).toEqual({
        kind: 'confirm',
        action: 'stepDown',
        prompt: {
          kind: 'message',
          key: 'staff.messages.confirmStepDown',
          params: {
            zones: 'Sone Nord',
            count: '2',
            codes: expect.stringContaining(claimed.code),
          },
        },
      });
      expect((reply as { prompt: MessageReply }).prompt.params?.codes).toContain(followed.code);
      expect(await store.roster.get('kari')).toEqual(kari);
      expect((await store.cases.get(claimed.id))?.claimedBy).toBe('kari');
      expect(updates).toEqual([]);
      expect(told).toEqual([]);
    });

    it('confirmed: claimed and in-follow-up cases go back to the queue, each card updated, leader and network leader told, the name kept', async () => {
      const { claimed, followed, waiting } = await kariWithCases();
      const reply = await staffAdmin.stepDown(kari, { confirmed: true });

      expect(reply).toMatchObject({ kind: 'message', key: 'staff.messages.steppedDown' });
      for (const c of [claimed, followed]) {
        const now = await store.cases.get(c.id);
        expect(now).toMatchObject({ state: 'awaiting_claim', claimedBy: null, claimedAt: null });
        expect(now?.history.at(-1)).toMatchObject({
          actorId: 'kari',
          action: 'returnToQueue',
          details: { previous: 'kari', stepDown: true },
        });
        // The first contact stays recorded on the case that had one.
        if (c.id === followed.id)
          expect(now?.anchors.firstContact).toBe(followed.anchors.firstContact);
      }
      // workflow.act updated each channel card in place; the waiting case was not touched.
      expect(updates.map((u) => u.caseId).sort()).toEqual([claimed.id, followed.id].sort());
      expect(updates.every((u) => u.state === 'awaiting_claim' && u.claimedBy === null)).toBe(true);
      expect((await store.cases.get(waiting.id))?.version).toBe(waiting.version);

      expect(told).toHaveLength(1);
      expect(told[0].to).toEqual(['leader-nord', 'network']);
      expect(told[0].reply).toMatchObject({
        key: 'staff.notify.nurseLeft',
        params: { name: 'Kari Nordmann', zones: 'Sone Nord', reassigned: '–' },
      });
      expect(told[0].reply.params?.returned.split(', ').sort()).toEqual(
        [claimed.code, followed.code].sort(),
      );

      // Kari only nursed: she leaves the roster, but her document (and name) stays for history.
      const stored = await store.roster.get('kari');
      expect(stored).toMatchObject({ name: 'Kari Nordmann', removedBy: 'kari' });
      expect(stored?.changes?.at(-1)).toMatchObject({ by: 'kari', what: 'stepped down: removed' });
      const names = new Map((await store.roster.list()).map((m) => [m.id, m.name]));
      const history = (await store.cases.get(claimed.id))?.history ?? [];
      expect(history.filter((h) => h.actorId === 'kari').map((h) => names.get(h.actorId))).toEqual([
        'Kari Nordmann',
        'Kari Nordmann',
      ]);
    });

    it('somebody who is no nurse, or not in the roster, cannot step down', async () => {
      expect(await staffAdmin.stepDown(fve, { confirmed: true })).toEqual({
        kind: 'message',
        key: 'staff.errors.notANurse',
      });
      expect(await staffAdmin.stepDown(undefined)).toEqual({ kind: 'message', key: 'me.unknown' });
    });
  });

  describe('the zone leader removes a resource nurse', () => {
    it('reassigns the case they choose in the same action; the rest go back; the network leader is told', async () => {
      const { claimed, followed } = await kariWithCases();
      const reply = await staffAdmin.dismissNurse(leader, 'kari', 'nord', {
        reassign: { [followed.id]: 'ola' },
      });
      expect(reply).toEqual({
        kind: 'message',
        key: 'staff.messages.dismissed',
        params: { name: 'Kari Nordmann', returned: claimed.code, reassigned: followed.code },
      });
      expect(await store.cases.get(followed.id)).toMatchObject({
        state: 'in_follow_up',
        claimedBy: 'ola',
      });
      expect((await store.cases.get(followed.id))?.history.at(-1)).toMatchObject({
        actorId: 'leader-nord',
        action: 'reassign',
      });
      expect(await store.cases.get(claimed.id)).toMatchObject({
        state: 'awaiting_claim',
        claimedBy: null,
      });
      expect((await store.cases.get(claimed.id))?.history.at(-1)).toMatchObject({
        actorId: 'leader-nord',
        actorRole: 'leader',
        action: 'returnToQueue',
      });
      expect(updates.map((u) => u.caseId).sort()).toEqual([claimed.id, followed.id].sort());
      // The leader acted, so only the network leader needs telling.
      expect(told.map((t) => t.to)).toEqual([['network']]);
      expect(told[0].reply.params?.reassigned).toBe(`${followed.code} → Ola Nordmann`);
      expect((await store.roster.get('kari'))?.removedAt).toBe(clock.now().toISOString());
    });

    it('an admin who removes a nurse hands the cases back in the nurse’s name, noting who asked', async () => {
      const { claimed } = await kariWithCases();
      await staffAdmin.remove(admin, 'kari');
      expect((await store.cases.get(claimed.id))?.history.at(-1)).toMatchObject({
        actorId: 'kari',
        action: 'returnToQueue',
        details: { stepDown: true, requestedBy: 'admin' },
      });
      expect(told.map((t) => t.to)).toEqual([['leader-nord', 'network']]);
    });

    it.each([
      ['somebody not leading the zone reassigns', admin, 'ola', 'staff.errors.reassignNeedsLeader'],
      ['the new owner is no nurse of the zone', leader, 'fve', 'staff.errors.reassignNotANurse'],
      ['the new owner is the leaving nurse', leader, 'kari', 'staff.errors.reassignNotANurse'],
    ])('refuses when %s, and changes nothing', async (_label, who, to, key) => {
      const { followed } = await kariWithCases();
      const reply = await staffAdmin.remove(who, 'kari', { reassign: { [followed.id]: to } });
      expect(reply.key).toBe(key);
      expect(await store.roster.get('kari')).toEqual(kari);
      expect((await store.cases.get(followed.id))?.claimedBy).toBe('kari');
      expect(updates).toEqual([]);
      expect(told).toEqual([]);
    });

    it('a leader of another zone may not remove the nurse; nothing is handed on', async () => {
      const { claimed } = await kariWithCases();
      expect(await staffAdmin.dismissNurse(leaderSor, 'kari', 'nord')).toEqual({
        kind: 'message',
        key: 'staff.errors.forbidden',
      });
      expect((await store.cases.get(claimed.id))?.claimedBy).toBe('kari');
    });

    it('a nurse of two zones dismissed from one keeps the other and her cases there', async () => {
      await store.roster.put({ ...kari, zoneIds: ['nord', 'sor'] });
      const { claimed } = await kariWithCases();
      const reply = await staffAdmin.dismissNurse(leader, 'kari', 'nord');
      expect(reply.key).toBe('staff.messages.dismissed');
      expect(await store.roster.get('kari')).toMatchObject({ zoneIds: ['sor'], roles: ['nurse'] });
      expect((await store.cases.get(claimed.id))?.claimedBy).toBeNull();
    });

    it('setting roles without nurse hands the cases on too', async () => {
      const { claimed, followed } = await kariWithCases();
      const reply = await staffAdmin.setRoles(admin, 'kari', 'fve');
      expect(reply).toMatchObject({ key: 'staff.messages.updated', params: { reassigned: '–' } });
      expect(reply.params?.returned.split(', ').sort()).toEqual(
        [claimed.code, followed.code].sort(),
      );
      expect(await store.roster.get('kari')).toMatchObject({ roles: ['fve'] });
    });
  });

  describe('adding people from the Teams people picker', () => {
    const ID1 = '6b1c0000-0000-4000-8000-000000000001';
    const ID2 = '6b1c0000-0000-4000-8000-000000000002';
    const ID3 = '6b1c0000-0000-4000-8000-000000000003';
    const known: Record<string, { name: string; email?: string }> = {
      [ID1]: { name: 'Berit Berg', email: 'berit@kommune.no' },
      [ID2]: { name: 'Per Pedersen' },
    };
    const nameOf: NameOf = async (id) => known[id];

    it('one id: named by Teams, added as nurse in the leader’s own zone', async () => {
      expect(await staffAdmin.addPeople(leader, { ids: ID1 }, nameOf)).toEqual({
        kind: 'message',
        key: 'staff.messages.added',
        params: { names: 'Berit Berg' },
      });
      expect(await store.roster.get(ID1)).toMatchObject({
        name: 'Berit Berg',
        email: 'berit@kommune.no',
        roles: ['nurse'],
        zoneIds: ['nord'],
        changes: [{ by: 'leader-nord', what: 'added: roles nurse; zones nord' }],
      });
    });

    it('several ids, comma-separated, in any case: all added', async () => {
      const reply = await staffAdmin.addPeople(
        admin,
        { ids: `${ID1}, ${ID2.toUpperCase()}`, roles: 'nurse', zoneIds: 'sor' },
        nameOf,
      );
      expect(reply.params?.names).toBe('Berit Berg, Per Pedersen');
      expect((await store.roster.get(ID2))?.zoneIds).toEqual(['sor']);
    });

    it('an id Teams cannot name takes the typed name; without one nothing is added', async () => {
      expect((await staffAdmin.addPeople(admin, { ids: ID3, zoneIds: 'nord' }, nameOf)).key).toBe(
        'staff.errors.nameNeeded',
      );
      expect(await store.roster.get(ID3)).toBeUndefined();
      await staffAdmin.addPeople(
        admin,
        { ids: ID3, name: 'Siri Skrevet', zoneIds: 'nord' },
        nameOf,
      );
      expect((await store.roster.get(ID3))?.name).toBe('Siri Skrevet');
    });

    it('several ids with one unknown: nobody is added, the unknown id is named', async () => {
      const reply = await staffAdmin.addPeople(
        admin,
        { ids: `${ID1},${ID3}`, zoneIds: 'nord' },
        nameOf,
      );
      expect(reply).toEqual({
        kind: 'message',
        key: 'staff.errors.namesUnknown',
        params: { ids: ID3 },
      });
      expect(await store.roster.get(ID1)).toBeUndefined();
    });

    it.each([
      ['a typed name', 'Kari Nordmann', '2'],
      ['one good and one bad', `${ID1},not-an-id`, '1'],
      ['a half id', '6b1c0000-0000-4000-8000', '1'],
    ])('refuses %s as malformed, without repeating it', async (_label, ids, count) => {
      const reply = await staffAdmin.addPeople(admin, { ids, zoneIds: 'nord' }, nameOf);
      expect(reply).toEqual({
        kind: 'message',
        key: 'staff.errors.malformedIds',
        params: { count },
      });
      expect(JSON.stringify(reply)).not.toContain('not-an-id');
      expect(await store.roster.get(ID1)).toBeUndefined();
    });

    it('an empty picker value is asked for again', async () => {
      expect((await staffAdmin.addPeople(admin, { ids: ' , ' }, nameOf)).key).toBe(
        'staff.errors.noIds',
      );
    });

    it('somebody already in the roster gets the zone added to what they have', async () => {
      await staffAdmin.addPeople(leaderSor, { ids: ID1 }, nameOf);
      await staffAdmin.addPeople(leader, { ids: ID1 }, nameOf);
      expect(await store.roster.get(ID1)).toMatchObject({
        roles: ['nurse'],
        zoneIds: ['sor', 'nord'],
      });
      expect((await staffAdmin.addPeople(leader, { ids: ID1 }, nameOf)).key).toBe(
        'staff.messages.noChange',
      );
    });

    it('a leader may not add anything but a nurse of their zones; nothing is stored', async () => {
      expect((await staffAdmin.addPeople(leader, { ids: ID1, roles: 'admin' }, nameOf)).key).toBe(
        'staff.errors.forbidden',
      );
      expect((await staffAdmin.addPeople(leader, { ids: ID1, zoneIds: 'sor' }, nameOf)).key).toBe(
        'staff.errors.forbidden',
      );
      expect((await staffAdmin.addPeople(kari, { ids: ID1 }, nameOf)).key).toBe(
        'staff.errors.forbidden',
      );
      expect(await store.roster.get(ID1)).toBeUndefined();
    });

    it('a lookup that fails counts as unknown', async () => {
      const failing: NameOf = async () => {
        throw new Error('Graph is down');
      };
      expect((await staffAdmin.addPeople(admin, { ids: ID1, zoneIds: 'nord' }, failing)).key).toBe(
        'staff.errors.nameNeeded',
      );
    });

    it('an unknown role is refused', async () => {
      expect((await staffAdmin.addPeople(admin, { ids: ID1, roles: 'boss' }, nameOf)).key).toBe(
        'staff.errors.unknownRole',
      );
    });
  });

  describe('listing staff', () => {
    it('an admin sees everybody with roles, zones and their change history, newest first', async () => {
      await staffAdmin.setZones(admin, 'ola', 'nord,sor');
      const reply = await staffAdmin.list(admin);
      if (reply.kind !== 'staff') throw new Error(reply.key);
      expect(reply.staff.map((s) => s.name)).toEqual([
        'Anne Admin',
        'Frida FVE',
        'Kari Nordmann',
        'Lise Leder',
        'Nina Nettverk',
        'Ola Nordmann',
        'Sverre Sør',
      ]);
      expect(reply.staff.find((s) => s.id === 'ola')).toEqual({
        id: 'ola',
        name: 'Ola Nordmann',
        roles: ['nurse'],
        zoneIds: ['nord', 'sor'],
        zoneNames: ['Sone Nord', 'Sone Sør'],
        reachable: false,
        changes: [
          {
            at: clock.now().toISOString(),
            by: 'admin',
            byName: 'Anne Admin',
            what: 'zones: nord → nord,sor',
          },
        ],
      });
    });

    it('a leader sees the people of their zone; another zone or a nurse is refused', async () => {
      const reply = await staffAdmin.list(leader);
      if (reply.kind !== 'staff') throw new Error(reply.key);
      expect(reply.staff.map((s) => s.id)).toEqual(['kari', 'leader-nord', 'ola']);
      expect((await staffAdmin.list(leader, 'sor')).kind).toBe('message');
      expect(await staffAdmin.list(kari)).toEqual({
        kind: 'message',
        key: 'staff.errors.forbidden',
      });
      expect(await staffAdmin.list(admin, 'ost')).toEqual({
        kind: 'message',
        key: 'staff.errors.unknownZone',
        params: { zone: 'ost' },
      });
    });

    it('removed people are left out unless the admin asks for them', async () => {
      await staffAdmin.remove(admin, 'ola');
      const listed = async (includeRemoved: boolean) => {
        const reply = await staffAdmin.list(admin, 'nord', { includeRemoved });
        return reply.kind === 'staff' ? reply.staff.map((s) => s.id) : [];
      };
      expect(await listed(false)).toEqual(['kari', 'leader-nord']);
      expect(await listed(true)).toEqual(['kari', 'leader-nord', 'ola']);
    });
  });

  describe('the directory', () => {
    it('shows anyone each zone in use with its nurses, leaders and the network leaders', async () => {
      await store.zones.put({
        id: 'vest',
        name: 'Sone Vest',
        channel: null,
        retiredAt: '2026-01-01T00:00:00.000Z',
      });
      await staffAdmin.remove(admin, 'ola');
      const directory = createDirectory({ store });
      expect(await directory()).toEqual({
        kind: 'directory',
        zones: [
          {
            id: 'nord',
            name: 'Sone Nord',
            nurses: [{ name: 'Kari Nordmann', email: 'kari@kommune.no' }],
            leaders: [{ name: 'Lise Leder', email: 'lise@kommune.no' }],
            networkLeaders: [{ name: 'Nina Nettverk', email: 'nina@kommune.no' }],
          },
          {
            id: 'sor',
            name: 'Sone Sør',
            nurses: [],
            leaders: [{ name: 'Sverre Sør' }],
            networkLeaders: [{ name: 'Nina Nettverk', email: 'nina@kommune.no' }],
          },
        ],
      });
      expect(await directory('SOR')).toMatchObject({ zones: [{ id: 'sor' }] });
      expect(await directory('vest')).toEqual({
        kind: 'message',
        key: 'staff.directory.unknownZone',
        params: { zones: 'nord, sor' },
      });
    });
  });
});
