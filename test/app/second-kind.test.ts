import { createEscalationPass, type Notifier } from '../../src/app/escalation-pass';
import { hsyreKind } from '../../src/app/hsyre-kind';
import { type TrackedKind, trackedKinds } from '../../src/app/tracked-kinds';
import type { StaffMember } from '../../src/domain/roster';
import type { TrackedItem } from '../../src/domain/tracked-item';
import { createLogger } from '../../src/logging/logger';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { defaultRoutine } from '../support/domain-fixtures';

/**
 * A kind of tracked item that exists only in this test: the engine must serve it with no code
 * of its own, beside HSYRE cases, exactly as a new area would plug in.
 */
interface Chore {
  id: string;
  code: string;
  zone: string;
  owner: string | null;
  dueAt: string;
  nextDueAt: string | null;
  done: boolean;
  version: number;
}

function choreKind(chores: Chore[]): TrackedKind<Chore> & { rescheduled: string[] } {
  const policy = defaultRoutine().policy;
  const rescheduled: string[] = [];
  return {
    kind: 'test-chore',
    rescheduled,
    dueBefore: async (at, limit) =>
      chores
        .filter((c) => !c.done && c.nextDueAt !== null && c.nextDueAt <= at)
        .sort((a, b) => (a.nextDueAt ?? '').localeCompare(b.nextDueAt ?? ''))
        .slice(0, limit),
    openInZone: async (zoneId) => chores.filter((c) => !c.done && c.zone === zoneId),
    track: (c): TrackedItem => ({
      kind: 'test-chore',
      id: c.id,
      code: c.code,
      zoneId: c.zone,
      open: !c.done,
      deadline: { key: 'firstContact', dueAt: c.dueAt },
      stepKey: 'cases.deadlineKeys.firstContact',
      ownerId: c.owner,
      policy,
      nextDueAt: c.nextDueAt,
      thread: null,
      version: c.version,
    }),
    async reschedule(c, nextDueAt) {
      rescheduled.push(`${c.code}:${nextDueAt}`);
      c.nextDueAt = nextDueAt;
    },
  };
}

const leader: StaffMember = { id: 'leader', name: 'L', roles: ['leader'], zoneIds: ['nord'] };
const owner: StaffMember = { id: 'owner', name: 'O', roles: ['nurse'], zoneIds: ['nord'] };
const fve: StaffMember = { id: 'fve', name: 'F', roles: ['fve'], zoneIds: [] };

describe('the deadline engine over a second kind of tracked item', () => {
  let store: Store;
  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    for (const m of [leader, owner, fve]) await store.roster.put(m);
  });
  afterEach(() => store.close());

  const recording = () => {
    const sent: string[] = [];
    const notifier: Notifier = {
      async notify(item, o, recipients, now) {
        sent.push(
          `${item.kind}:${item.code}:${o.level.id}:${recipients.map((r) => r.id).join('+')}@${now.toISOString()}`,
        );
      },
    };
    return { sent, notifier };
  };

  it('escalates its items level by level, to the domain-chosen people, exactly once', async () => {
    // Due Friday 6 March 2026 15:30 Oslo (14:30Z); the default levels: -120 min, 0, +24 h.
    const chore: Chore = {
      id: 'chore-1',
      code: 'CH001',
      zone: 'nord',
      owner: owner.id,
      dueAt: '2026-03-06T14:30:00.000Z',
      nextDueAt: '2026-03-06T12:30:00.000Z',
      done: false,
      version: 1,
    };
    const kind = choreKind([chore]);
    const { sent, notifier } = recording();
    const pass = createEscalationPass({
      store,
      kinds: [hsyreKind(store), kind],
      notifier,
      logger: createLogger('silent'),
      batchSize: 10,
    });
    for (const t of [
      '2026-03-06T12:30:00.000Z',
      '2026-03-06T12:31:00.000Z',
      '2026-03-06T14:30:00.000Z',
      '2026-03-06T14:30:00.000Z',
      '2026-03-07T14:30:00.000Z',
      '2026-03-09T08:00:00.000Z',
    ]) {
      await pass(new Date(t));
    }
    expect(sent).toEqual([
      'test-chore:CH001:reminder:owner@2026-03-06T12:30:00.000Z',
      'test-chore:CH001:overdue:leader@2026-03-06T14:30:00.000Z',
      // 24 h after falls on a Saturday: delivered in working time, at Monday's first pass.
      'test-chore:CH001:fve:fve@2026-03-09T08:00:00.000Z',
    ]);
    expect(chore.nextDueAt).toBeNull();
  });

  it('keeps escalating the other items when one kind fails', async () => {
    const chore: Chore = {
      id: 'chore-2',
      code: 'CH002',
      zone: 'nord',
      owner: null,
      dueAt: '2026-03-06T14:30:00.000Z',
      nextDueAt: '2026-03-06T14:30:00.000Z',
      done: false,
      version: 1,
    };
    const broken: TrackedKind<Chore> = {
      ...choreKind([{ ...chore, id: 'broken', code: 'BRK01' }]),
      kind: 'broken',
      async reschedule() {
        throw new Error('the store of this kind is down');
      },
    };
    const { sent, notifier } = recording();
    const pass = createEscalationPass({
      store,
      kinds: [broken, choreKind([chore])],
      notifier,
      logger: createLogger('silent'),
      batchSize: 10,
    });
    const result = await pass(new Date('2026-03-06T14:30:00.000Z'));
    // The broken kind's message went out before its reschedule threw: counted as failed, not lost.
    expect(result).toEqual({ looked: 2, notified: 1, failed: 1 });
    expect(sent.map((s) => s.split('@')[0])).toEqual([
      'test-chore:BRK01:overdue:leader',
      'test-chore:CH002:overdue:leader',
    ]);
  });

  it('lists its open items by zone next to the other kinds', async () => {
    const chores: Chore[] = [
      {
        id: 'c-a',
        code: 'CHA01',
        zone: 'nord',
        owner: null,
        dueAt: '2026-03-06T14:30:00.000Z',
        nextDueAt: null,
        done: false,
        version: 1,
      },
      {
        id: 'c-b',
        code: 'CHB01',
        zone: 'sor',
        owner: null,
        dueAt: '2026-03-06T14:30:00.000Z',
        nextDueAt: null,
        done: false,
        version: 1,
      },
    ];
    const registry = trackedKinds([hsyreKind(store), choreKind(chores)]);
    const items = await registry.openInZones(['nord'], leader);
    expect(items.map((i) => `${i.kind}:${i.code}`)).toEqual(['test-chore:CHA01']);
  });
});
