import { randomUUID } from 'node:crypto';
import { createEscalationPass, type Notifier } from '../../src/app/escalation-pass';
import { pathwayKind } from '../../src/app/pathway-kind';
import type { PathwayPublisher } from '../../src/app/pathway-publisher';
import { createPathwayService } from '../../src/app/pathway-service';
import { createPathwayWorkflow } from '../../src/app/pathway-workflow';
import { STALE_INTENT_MS } from '../../src/app/send-markers';
import { reschedulePathwayPoint } from '../../src/domain/pathway/pathway';
import type { StaffMember } from '../../src/domain/roster';
import { createLogger } from '../../src/logging/logger';
import { openCosmosStore } from '../../src/store/cosmos/cosmos-store';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { type CosmosTestServer, startCosmosServer } from '../support/cosmos-server';
import { defaultRoutine, staff } from '../support/domain-fixtures';
import { pathwayInput, shippedPathways } from '../support/pathways';
import { fixedClock } from '../support/test-app';
import { linkedZone } from '../support/zones';

const logger = createLogger('silent');
const workingTime = defaultRoutine().policy.workingTime;
const nurses: StaffMember[] = Array.from({ length: 20 }, (_, i) => ({
  id: `nurse-${i}`,
  name: `Sykepleier ${i}`,
  roles: ['nurse'],
  zoneIds: ['nord'],
}));

/** A publisher that records its posts and updates, and fails when told to. */
function recordingPublisher() {
  const posted: string[] = [];
  const updated: string[] = [];
  let failures = 0;
  const publisher: PathwayPublisher = {
    async post(_zone, p, point) {
      if (failures > 0) {
        failures -= 1;
        throw new Error('Teams is down');
      }
      posted.push(`${p.code}-${point}`);
      return {
        conversationId: `19:nord;messageid=${posted.length}`,
        activityId: `${posted.length}`,
      };
    },
    async update(_zone, p, point) {
      updated.push(`${p.code}-${point}@v${p.version}`);
    },
  };
  return { publisher, posted, updated, failNext: (n: number) => (failures = n) };
}

function setUp(store: Store, clock = fixedClock('2026-03-09T09:00:00.000Z')) {
  const recording = recordingPublisher();
  const make = () =>
    createPathwayWorkflow({
      store,
      pathways: createPathwayService({ store, clock, config: shippedPathways(), workingTime }),
      publisher: recording.publisher,
      clock,
      logger,
    });
  return { clock, ...recording, workflow: make(), secondInstance: make() };
}

async function seed(store: Store) {
  await store.zones.put(linkedZone('nord', 'Sone Nord', 'https://teams.example/', '19:nord'));
  for (const m of [staff.fve, ...nurses]) await store.roster.put(m);
}

let cosmos: CosmosTestServer;
beforeAll(async () => {
  cosmos = await startCosmosServer();
});
afterAll(async () => {
  await cosmos.stop();
});

const STORES: [string, () => Promise<Store>][] = [
  ['SQLite', async () => openSqliteStore(':memory:')],
  [
    'Cosmos DB',
    () =>
      openCosmosStore({
        endpoint: cosmos.endpoint,
        key: 'local',
        databaseId: `test-${randomUUID()}`,
        agent: cosmos.agent,
      }),
  ],
];

describe.each(STORES)('Pakkeforløp hjem use cases on %s', (_label, open) => {
  let store: Store;
  beforeEach(async () => {
    store = await open();
    await seed(store);
  });
  afterEach(async () => {
    await store.close();
  });

  it('lets exactly one of 20 concurrent claims win; the others are told who has the point', async () => {
    const { workflow } = setUp(store);
    const registered = await workflow.register(
      pathwayInput({ diagnosisDate: '2025-12-15' }),
      staff.fve,
    );
    if (!registered.ok) throw new Error(registered.error.code);
    const id = registered.pathway.id;
    const results = await Promise.all(
      nurses.map((n) => workflow.act(id, { type: 'claimPoint', point: 2 }, n, { via: 'channel' })),
    );
    const winners = results.filter((r) => r.ok && r.changed);
    expect(winners).toHaveLength(1);
    const winner = winners[0].ok ? winners[0].pathway.points[0].claimedBy : null;
    const refusals = results.filter((r) => !r.ok);
    expect(refusals).toHaveLength(19);
    for (const r of refusals) {
      expect(r.ok === false && r.error).toMatchObject({
        code: 'already_claimed',
        params: { claimedBy: winner },
      });
    }
    const stored = await store.pathways.get(id);
    expect(stored?.points[0].claimedBy).toBe(winner);
    expect(stored?.history.filter((h) => h.action === 'claimPoint')).toHaveLength(1);
    expect(
      (await store.accessLog.byCase(id)).filter((e) => e.action === 'claimPoint'),
    ).toHaveLength(1);
  });

  it('posts each point card once across two instances, and retries a failed post once its intent is stale', async () => {
    const { workflow, secondInstance, posted, failNext, clock } = setUp(store);
    // Diagnosed 5 January: point 2's card is due on Monday 16 March 08:00.
    const registered = await workflow.register(pathwayInput(), staff.fve);
    if (!registered.ok) throw new Error(registered.error.code);
    const { code, id } = registered.pathway;
    expect(posted).toEqual([]);

    clock.set('2026-03-16T07:00:00.000Z');
    failNext(1);
    expect(await workflow.postDueCards(10)).toBe(0);
    // The failed intent is not stale yet: nobody posts again.
    clock.set('2026-03-16T07:04:00.000Z');
    expect(await secondInstance.postDueCards(10)).toBe(0);
    clock.set(new Date(Date.parse('2026-03-16T07:00:00.000Z') + STALE_INTENT_MS + 1).toISOString());
    const both = await Promise.all([workflow.postDueCards(10), secondInstance.postDueCards(10)]);
    expect(both.sort()).toEqual([0, 1]);
    expect(await workflow.postDueCards(10)).toBe(0);
    expect(posted).toEqual([`${code}-2`]);
    const stored = await store.pathways.get(id);
    expect(stored?.points[0].card).not.toBeNull();
    expect(stored?.points[1].card).toBeNull();
    // Off the queue until point 3's notice, 21 days before 5 January 2027.
    expect(await store.pathways.noticeDue('2026-12-14T00:00:00.000Z', 10)).toEqual([]);
    expect(
      (await store.pathways.noticeDue('2026-12-15T07:00:00.000Z', 10)).map((p) => p.id),
    ).toEqual([id]);
  });

  it('reschedules both points of one pathway in the same pass (the second is no "change meanwhile")', async () => {
    const { workflow, clock } = setUp(store);
    const registered = await workflow.register(
      pathwayInput({ diagnosisDate: '2025-12-15' }),
      staff.fve,
    );
    if (!registered.ok) throw new Error(registered.error.code);
    const { id } = registered.pathway;
    const due = registered.pathway;
    const expected = due.points.map((pt) => pt.nextDueAt);
    // Both points woken now (as after a change whose schedule the pass has not seen yet).
    let both = reschedulePathwayPoint(due, 2, '2026-03-09T08:00:00.000Z');
    both = reschedulePathwayPoint(both, 3, '2026-03-09T08:00:00.000Z');
    const saved = await store.pathways.save(both);
    expect(saved.ok).toBe(true);

    const sent: string[] = [];
    const notifier: Notifier = {
      async notify(item, o) {
        sent.push(`${item.code}:${o.level.id}`);
      },
    };
    const pass = createEscalationPass({
      store,
      kinds: [pathwayKind(store)],
      notifier,
      logger,
      batchSize: 10,
    });
    const result = await pass(clock.now());
    expect(result).toMatchObject({ looked: 2, failed: 0 });
    expect(sent).toEqual([]);
    const after = await store.pathways.get(id);
    expect(after?.points.map((pt) => pt.nextDueAt)).toEqual(expected);
    expect(after?.nextDueAt).toBe(expected[0]);
    expect((await pass(clock.now())).looked).toBe(0);
  });
});
