import { randomUUID } from 'node:crypto';
import { CosmosClient } from '@azure/cosmos';
import { markerId, openCosmosStore } from '../../src/store/cosmos/cosmos-store';
import type { Store } from '../../src/store/port';
import { type CosmosTestServer, startCosmosServer } from '../support/cosmos-server';
import { describeStoreContract, storedCase } from './store-contract';

let server: CosmosTestServer;
beforeAll(async () => {
  server = await startCosmosServer();
});
afterAll(async () => {
  await server.stop();
});

// The server is memory only; a database per store keeps every test's store empty.
const openStore = (databaseId = `test-${randomUUID()}`): Promise<Store> =>
  openCosmosStore({ endpoint: server.endpoint, key: 'local', databaseId, agent: server.agent });

describeStoreContract('Cosmos DB (local server)', { open: () => openStore() });

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
