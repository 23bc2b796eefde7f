import { randomUUID } from 'node:crypto';
import type { StaffMember } from '../../src/domain/roster';
import { postActivity } from '../support/activities';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';

type Scope = 'personal' | 'channel';

interface EventOptions {
  who: Pick<StaffMember, 'id'>;
  at: string;
  serviceUrl: string;
  scope?: Scope;
}

const conversationOf = (who: Pick<StaffMember, 'id'>, scope: Scope) =>
  scope === 'personal'
    ? { id: `a:${who.id}`, conversationType: 'personal', tenantId: 'tenant-1' }
    : {
        id: '19:general@thread.tacv2',
        conversationType: 'channel',
        isGroup: true,
        tenantId: 'tenant-1',
      };

/** Teams' installationUpdate, as it posts it to /api/messages. */
function installationUpdate(action: string, o: EventOptions) {
  return {
    type: 'installationUpdate',
    action,
    id: randomUUID(),
    timestamp: o.at,
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    from: { id: `29:${o.who.id}`, aadObjectId: o.who.id, name: 'Someone' },
    recipient: { id: '28:bot-id', name: 'HSYRE-boten' },
    conversation: conversationOf(o.who, o.scope ?? 'personal'),
    locale: 'nb-NO',
    channelData: {
      tenant: { id: 'tenant-1' },
      ...(o.scope === 'channel' && { team: { id: '19:team@thread.tacv2' } }),
    },
  };
}

/** conversationUpdate with members added: the bot itself, or somebody else. */
function membersAdded(o: EventOptions & { added?: string }) {
  return {
    type: 'conversationUpdate',
    id: randomUUID(),
    timestamp: o.at,
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    from: { id: `29:${o.who.id}`, aadObjectId: o.who.id },
    recipient: { id: '28:bot-id', name: 'HSYRE-boten' },
    conversation: conversationOf(o.who, o.scope ?? 'personal'),
    membersAdded: [{ id: o.added ?? '28:bot-id' }],
    channelData: { tenant: { id: 'tenant-1' } },
  };
}

const T1 = '2026-03-02T08:00:00.000Z';
const T2 = '2026-03-02T09:00:00.000Z';
const T3 = '2026-03-02T10:00:00.000Z';

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('the personal app installed and removed: installationUpdate and conversationUpdate', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  let n = 0;
  /** A fresh roster member per test, without any Teams address yet. */
  async function newMember(): Promise<StaffMember> {
    n += 1;
    const m: StaffMember = {
      id: `aad-install-${n}`,
      name: `Navn ${n}`,
      roles: ['nurse'],
      zoneIds: ['nord'],
    };
    await bot.store.roster.put(m);
    return m;
  }
  /** Each event's own address, so the stored one tells which event left it. */
  const urlFor = (tag: string) => `${connector.serviceUrl}${tag}/`;
  const post = async (activity: object) => {
    const response = await postActivity(bot.url, activity);
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ clock: fixedClock(T3), env: { LOG_LEVEL: 'silent' } });
    await bot.store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('an install in personal scope stores the address and its time, and answers nothing', async () => {
    const m = await newMember();
    const before = connector.calls.length;
    await post(installationUpdate('add', { who: m, at: T1, serviceUrl: urlFor('install') }));
    expect(await bot.store.roster.get(m.id)).toEqual({
      ...m,
      installedAt: T1,
      contact: { userId: `29:${m.id}`, tenantId: 'tenant-1', serviceUrl: urlFor('install') },
    });
    expect(connector.calls.length).toBe(before);
  });

  it('an uninstall clears the address; a later reinstall brings it back', async () => {
    const m = await newMember();
    await post(installationUpdate('add', { who: m, at: T1, serviceUrl: urlFor('a') }));
    await post(installationUpdate('remove', { who: m, at: T2, serviceUrl: urlFor('r') }));
    const removed = await bot.store.roster.get(m.id);
    expect(removed?.contact).toBeUndefined();
    expect(removed).toMatchObject({ installedAt: T1, uninstalledAt: T2 });
    await post(installationUpdate('add', { who: m, at: T3, serviceUrl: urlFor('b') }));
    expect((await bot.store.roster.get(m.id))?.contact?.serviceUrl).toBe(urlFor('b'));
  });

  it('add-upgrade installs and remove-upgrade uninstalls', async () => {
    const m = await newMember();
    await post(installationUpdate('add-upgrade', { who: m, at: T1, serviceUrl: urlFor('up') }));
    expect((await bot.store.roster.get(m.id))?.contact?.serviceUrl).toBe(urlFor('up'));
    await post(
      installationUpdate('remove-upgrade', { who: m, at: T2, serviceUrl: urlFor('down') }),
    );
    expect(await bot.store.roster.get(m.id)).toMatchObject({ uninstalledAt: T2 });
    expect((await bot.store.roster.get(m.id))?.contact).toBeUndefined();
  });

  it('conversationUpdate with the bot added in personal scope records the install', async () => {
    const m = await newMember();
    const before = connector.calls.length;
    await post(membersAdded({ who: m, at: T1, serviceUrl: urlFor('members') }));
    expect(await bot.store.roster.get(m.id)).toMatchObject({
      installedAt: T1,
      contact: { userId: `29:${m.id}`, serviceUrl: urlFor('members') },
    });
    expect(connector.calls.length).toBe(before);
  });

  it.each([
    [
      'installationUpdate in a team',
      (m: StaffMember) =>
        installationUpdate('add', { who: m, at: T1, serviceUrl: urlFor('team'), scope: 'channel' }),
    ],
    [
      'membersAdded in a team',
      (m: StaffMember) =>
        membersAdded({ who: m, at: T1, serviceUrl: urlFor('team'), scope: 'channel' }),
    ],
    [
      'membersAdded of somebody else',
      (m: StaffMember) =>
        membersAdded({ who: m, at: T1, serviceUrl: urlFor('other'), added: '29:someone-else' }),
    ],
    [
      'an unknown action',
      (m: StaffMember) => installationUpdate('rename', { who: m, at: T1, serviceUrl: urlFor('x') }),
    ],
  ])('%s records nothing', async (_label, event) => {
    const m = await newMember();
    await post(event(m));
    expect(await bot.store.roster.get(m.id)).toEqual(m);
  });

  it('somebody not in the roster: nothing is stored about them', async () => {
    const stranger = { id: 'aad-stranger-install' };
    await post(installationUpdate('add', { who: stranger, at: T1, serviceUrl: urlFor('s') }));
    await post(membersAdded({ who: stranger, at: T1, serviceUrl: urlFor('s') }));
    expect(await bot.store.roster.get(stranger.id)).toBeUndefined();
  });

  it('the same event twice, and both of Teams’ install signs for one install, change nothing the second time', async () => {
    const m = await newMember();
    const add = installationUpdate('add', { who: m, at: T1, serviceUrl: urlFor('once') });
    await post(add);
    const once = await bot.store.roster.get(m.id);
    await post(add);
    await post(membersAdded({ who: m, at: T1, serviceUrl: urlFor('once') }));
    expect(await bot.store.roster.get(m.id)).toEqual(once);
  });

  it('an old install arriving after a newer uninstall leaves the person unreachable', async () => {
    const m = await newMember();
    await post(installationUpdate('remove', { who: m, at: T2, serviceUrl: urlFor('r') }));
    await post(installationUpdate('add', { who: m, at: T1, serviceUrl: urlFor('late') }));
    await post(membersAdded({ who: m, at: T1, serviceUrl: urlFor('late') }));
    const stored = await bot.store.roster.get(m.id);
    expect(stored?.contact).toBeUndefined();
    expect(stored).toMatchObject({ installedAt: T1, uninstalledAt: T2 });
  });

  const EVENTS = [
    {
      name: 'install at 08',
      make: (m: StaffMember) =>
        installationUpdate('add', { who: m, at: T1, serviceUrl: urlFor('t1') }),
    },
    {
      name: 'uninstall at 09',
      make: (m: StaffMember) =>
        installationUpdate('remove', { who: m, at: T2, serviceUrl: urlFor('t2') }),
    },
    {
      name: 'membersAdded at 10',
      make: (m: StaffMember) => membersAdded({ who: m, at: T3, serviceUrl: urlFor('t3') }),
    },
  ];
  it.each(
    permutations(EVENTS).map((order) => [order.map((e) => e.name).join(', '), order] as const),
  )(
    'in any order (%s) ends the same: reachable at the newest install’s address',
    async (_label, order) => {
      const m = await newMember();
      for (const event of order) await post(event.make(m));
      expect(await bot.store.roster.get(m.id)).toEqual({
        ...m,
        installedAt: T3,
        uninstalledAt: T2,
        contact: { userId: `29:${m.id}`, tenantId: 'tenant-1', serviceUrl: urlFor('t3') },
      });
    },
  );

  it('after the install, a roster change reaches the person in personal chat', async () => {
    const leader: StaffMember = {
      id: 'aad-install-leader',
      name: 'Lise Leder',
      roles: ['leader'],
      zoneIds: ['nord'],
    };
    const nurse = await newMember();
    const admin: StaffMember = {
      id: 'aad-install-admin',
      name: 'Admin',
      roles: ['admin'],
      zoneIds: [],
    };
    await bot.store.roster.put(leader);
    await bot.store.roster.put(admin);
    await post(
      installationUpdate('add', { who: leader, at: T1, serviceUrl: connector.serviceUrl }),
    );
    const before = connector.calls.length;
    const response = await postActivity(bot.url, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      from: { id: `29:${admin.id}`, aadObjectId: admin.id },
      recipient: { id: '28:bot-id' },
      conversation: { id: `a:${admin.id}`, conversationType: 'personal', tenantId: 'tenant-1' },
      locale: 'nb-NO',
      value: { action: { type: 'Action.Execute', verb: 'staff.remove', data: { id: nurse.id } } },
    });
    expect(response.status).toBe(200);
    const opened = connector.calls
      .slice(before)
      .filter((c) => c.kind === 'createConversation' && !c.conversationId);
    expect(opened.map((c) => c.body.members[0].id)).toEqual([`29:${leader.id}`]);
  });
});
