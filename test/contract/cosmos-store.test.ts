import { randomUUID } from 'node:crypto';
import { type Container, CosmosClient } from '@azure/cosmos';
import { CONTAINERS } from '../../src/store/cosmos/containers';
import { openCosmosStore } from '../../src/store/cosmos/cosmos-store';
import { markerId } from '../../src/store/cosmos/markers-container';
import type { Store } from '../../src/store/port';
import type { DocumentCollection, StoreOpenOptions } from '../../src/store/set-aside';
import { type CosmosTestServer, startCosmosServer } from '../support/cosmos-server';
import { describeAccessLogContract } from './access-log.contract';
import { describeCasesContract } from './cases.contract';
import { describeCompetenceContract } from './competence.contract';
import { describeIdempotencyContract } from './idempotency.contract';
import { describeMarkersContract } from './markers.contract';
import { describePathwaysContract } from './pathways.contract';
import { describeReportFactsContract } from './report-facts.contract';
import { describeRoutinesContract } from './routines.contract';
import { describeStaffContract } from './staff.contract';
import {
  describeStoreContract,
  type RawDocuments,
  type StoreHarness,
  storedCase,
} from './store-contract';
import { describeZonesContract } from './zones.contract';

let server: CosmosTestServer;
beforeAll(async () => {
  server = await startCosmosServer();
});
afterAll(async () => {
  await server.stop();
});

// The server is memory only; a database per store keeps every test's store empty.
const databases = new WeakMap<Store, string>();
const openStore = async (
  databaseId = `test-${randomUUID()}`,
  options: StoreOpenOptions = {},
): Promise<Store> => {
  const store = await openCosmosStore({
    endpoint: server.endpoint,
    key: 'local',
    databaseId,
    agent: server.agent,
    ...options,
  });
  databases.set(store, databaseId);
  return store;
};

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_attachments', '_ts'];

/** The items of a store's containers, through a client of their own. */
function cosmosRaw(store: Store): RawDocuments {
  const databaseId = databases.get(store);
  if (!databaseId) throw new Error('not a store this harness opened');
  const withContainer = async <T>(
    collection: DocumentCollection,
    run: (container: Container) => Promise<T>,
  ): Promise<T> => {
    const client = new CosmosClient({
      endpoint: server.endpoint,
      key: 'local',
      agent: server.agent,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    try {
      return await run(client.database(databaseId).container(CONTAINERS[collection].id));
    } finally {
      client.dispose();
    }
  };
  return {
    async put(collection, doc) {
      await withContainer(collection, (c) => c.items.upsert(doc));
    },
    get: (collection, id) =>
      withContainer(collection, async (c) => {
        const { resources } = await c.items
          .query<Record<string, unknown>>({
            query: 'SELECT * FROM c WHERE c.id = @id',
            parameters: [{ name: '@id', value: id }],
          })
          .fetchAll();
        const found = resources[0];
        return (
          found &&
          Object.fromEntries(Object.entries(found).filter(([k]) => !SYSTEM_FIELDS.includes(k)))
        );
      }),
  };
}

// Every area's contract and the whole store's, as the SQLite file runs them.
const label = 'Cosmos DB (local server)';
const harness: StoreHarness = {
  open: (options) => openStore(undefined, options),
  raw: cosmosRaw,
};
describeCasesContract(label, harness);
describeRoutinesContract(label, harness);
describeStaffContract(label, harness);
describeZonesContract(label, harness);
describeMarkersContract(label, harness);
describeAccessLogContract(label, harness);
describeIdempotencyContract(label, harness);
describePathwaysContract(label, harness);
describeReportFactsContract(label, harness);
describeCompetenceContract(label, harness);
describeStoreContract(label, harness);

describe('Cosmos DB specifics', () => {
  let store: Store;
  let databaseId: string;
  beforeEach(async () => {
    databaseId = `test-${randomUUID()}`;
    store = await openStore(databaseId);
  });
  afterEach(async () => {
    await store.close();
  });

  const rawClient = () =>
    new CosmosClient({
      endpoint: server.endpoint,
      key: 'local',
      agent: server.agent,
      connectionPolicy: { enableEndpointDiscovery: false },
    });

  it('keeps the data when a second instance opens the same database', async () => {
    const c = storedCase();
    await store.cases.create(c);
    const second = await openStore(databaseId);
    expect(await second.cases.get(c.id)).toEqual(c);
    expect(await second.cases.create(storedCase({ code: c.code }))).toEqual({
      ok: false,
      reason: 'duplicate',
    });
    // The routine snapshot is there already (409): the second instance finds it the same.
    const another = storedCase();
    expect(await second.cases.create(another)).toEqual({ ok: true, case: another });
    expect(await second.routines.list()).toHaveLength(1);
    await second.close();
  });

  it('accepts marker keys that are not valid Cosmos ids, each its own marker', async () => {
    const keys = ['a/b', 'a\\b', 'a?b', 'a#b', '100%', 'x'.repeat(400), 'zone:nord:weekly'];
    const at = '2026-03-02T09:00:00.000Z';
    for (const key of keys) expect(await store.markers.create(key, 'intent', at)).toBe(true);
    for (const key of keys) expect(await store.markers.create(key, 'intent', at)).toBe(false);
    for (const key of keys) expect((await store.markers.get(key))?.key).toBe(key);
    expect(markerId('zone:nord:weekly')).toBe('zone:nord:weekly');
    expect(markerId('a/b')).toMatch(/^sha256~[0-9a-f]{64}$/);
  });

  it('creates a marker on setStatus when nobody created it, keeping createdAt afterwards', async () => {
    await store.markers.setStatus('late', 'sent', '2026-03-02T09:00:00.000Z');
    await store.markers.setStatus('late', 'acked', '2026-03-02T10:00:00.000Z');
    expect(await store.markers.get('late')).toEqual({
      key: 'late',
      status: 'acked',
      createdAt: '2026-03-02T09:00:00.000Z',
      updatedAt: '2026-03-02T10:00:00.000Z',
    });
  });

  it('gives the code back when a create is refused for its id', async () => {
    const c = storedCase();
    await store.cases.create(c);
    const fresh = storedCase();
    expect(await store.cases.create({ ...c, code: fresh.code })).toEqual({
      ok: false,
      reason: 'duplicate',
    });
    expect(await store.cases.create(fresh)).toEqual({ ok: true, case: fresh });
  });

  it('finishes a create that stopped after reserving the code (a retry after a crash)', async () => {
    const c = storedCase();
    await store.markers.create(`case-code:${c.code}`, 'reserved', c.createdAt);
    // A reservation without the case's id belongs to somebody else.
    expect(await store.cases.create(c)).toEqual({ ok: false, reason: 'duplicate' });

    const client = rawClient();
    const markers = client.database(databaseId).container('markers');
    const retried = storedCase();
    const id = `case-code:${retried.code}`;
    await markers.items.create({
      id,
      key: id,
      status: 'reserved',
      createdAt: retried.createdAt,
      updatedAt: retried.createdAt,
      caseId: retried.id,
    });
    client.dispose();
    expect(await store.cases.create(retried)).toEqual({ ok: true, case: retried });
  });

  it('leaves a case stored before cases recorded their card out of the outbox, as SQLite does', async () => {
    // Its card went out without a record of where: posting it again would duplicate it.
    const { card: _card, ...legacy } = storedCase({ createdAt: '2026-03-01T08:00:00.000Z' });
    const waiting = storedCase();
    const client = rawClient();
    await client.database(databaseId).container('cases').items.create(legacy);
    client.dispose();
    await store.cases.create(waiting);
    expect((await store.cases.withoutCard(10)).map((c) => c.id)).toEqual([waiting.id]);
    expect((await store.cases.get(legacy.id))?.card).toBeNull();
  });

  it('purges more entries than one query page, across partitions', async () => {
    const entries = Array.from({ length: 1_100 }, (_, i) => ({
      id: randomUUID(),
      at: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      actorId: 'n-1',
      caseId: `case-${i % 37}`,
      caseCode: 'ACDEF',
      action: 'view',
      via: 'personal' as const,
    }));
    for (let i = 0; i < entries.length; i += 50) {
      await Promise.all(entries.slice(i, i + 50).map((e) => store.accessLog.append(e)));
    }
    const cutoff = entries[1_050].at;
    expect(await store.accessLog.purgeBefore(cutoff)).toBe(1_050);
    const left = await store.accessLog.between(cutoff, '2100-01-01T00:00:00.000Z');
    expect(left).toEqual(entries.slice(1_050));
  });

  it('refuses to open a cases container without the index the card-post outbox needs', async () => {
    const client = rawClient();
    const otherDb = `test-${randomUUID()}`;
    const { database } = await client.databases.createIfNotExists({ id: otherDb });
    const { compositeIndexes } = CONTAINERS.cases.indexingPolicy;
    await database.containers.createIfNotExists({
      ...CONTAINERS.cases,
      // As provisioned before withoutCard existed.
      indexingPolicy: {
        ...CONTAINERS.cases.indexingPolicy,
        compositeIndexes: compositeIndexes.slice(0, 2),
      },
    });
    client.dispose();
    await expect(openStore(otherDb)).rejects.toThrow(/composite index \(\/state ascending/);
  });

  it('refuses to open a container provisioned with another partition key', async () => {
    const client = rawClient();
    const otherDb = `test-${randomUUID()}`;
    const { database } = await client.databases.createIfNotExists({ id: otherDb });
    await database.containers.createIfNotExists({
      id: 'cases',
      partitionKey: { paths: ['/zoneId'] },
    });
    client.dispose();
    await expect(openStore(otherDb)).rejects.toThrow(/partition key/);
  });
});
