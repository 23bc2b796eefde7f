import { createHash } from 'node:crypto';
import type * as https from 'node:https';
import {
  type CompositePath,
  type Container,
  type ContainerDefinition,
  CosmosClient,
  type CosmosClientOptions,
  type Database,
  type SqlParameter,
} from '@azure/cosmos';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { z } from 'zod/v4';
import type { Case } from '../../domain/case';
import { staffMemberSchema } from '../../domain/roster';
import { zoneSchema } from '../../domain/zone';
import {
  type CaseQuery,
  type CreateResult,
  DEFAULT_QUERY_LIMIT,
  type IdempotencyRecord,
  type Marker,
  type SaveResult,
  type Store,
} from '../port';
import {
  accessLogEntrySchema,
  duplicateAccessLogEntry,
  idempotencyRecordSchema,
  storedResponse,
  unknownIdempotencyKey,
} from '../records';
import { type CaseCodec, createCaseCodec, type RoutineBackend } from '../routine-snapshots';
import { createSetAside, type SetAside, type StoreOpenOptions } from '../set-aside';
import { CONTAINERS, type ContainerName, type ContainerSpec } from './containers';

export interface CosmosStoreOptions extends StoreOpenOptions {
  endpoint: string;
  /** Account key; without one the client signs in with Entra ID (managed identity in Azure). */
  key?: string;
  databaseId: string;
  /** Tests only: the local server's certificate cannot be verified. */
  agent?: https.Agent;
  credential?: TokenCredential;
}

type Containers = Record<ContainerName, Container>;
type Doc = Record<string, unknown>;

/**
 * Opens the Cosmos DB store, creating the database and containers when they are missing.
 * With managed identity the data-plane role cannot create them, so infrastructure must
 * provision them from CONTAINERS; then create-if-not-exists only reads them, and the check
 * below turns a container provisioned differently into a startup error rather than a failing
 * query later.
 */
export async function openCosmosStore(options: CosmosStoreOptions): Promise<Store> {
  const client = new CosmosClient(clientOptions(options));
  try {
    const { database } = await client.databases.createIfNotExists({ id: options.databaseId });
    const containers = await openContainers(database);
    const setAside = createSetAside(options.onBadDocument);
    const codec = createCaseCodec(routineBackend(containers.routines), setAside);
    return {
      cases: casesRepository(containers, codec),
      routines: codec.routines,
      roster: documentRepository(
        containers.staff,
        'staff',
        staffMemberSchema,
        'c.name ASC, c.id ASC',
        setAside,
      ),
      zones: documentRepository(containers.zones, 'zones', zoneSchema, 'c.id ASC', setAside),
      markers: markersRepository(containers.markers),
      accessLog: accessLogRepository(containers.accessLog, setAside),
      idempotency: idempotencyRepository(containers.idempotency),
      async ping() {
        await database.read();
      },
      health: () => setAside.health(),
      async close() {
        client.dispose();
      },
    };
  } catch (err) {
    client.dispose();
    throw err;
  }
}

function clientOptions(options: CosmosStoreOptions): CosmosClientOptions {
  const auth: Pick<CosmosClientOptions, 'key' | 'aadCredentials'> = options.key
    ? { key: options.key }
    : { aadCredentials: options.credential ?? new DefaultAzureCredential() };
  if (!options.agent) return { endpoint: options.endpoint, ...auth };
  // The local test server has no regional endpoints to discover.
  return {
    endpoint: options.endpoint,
    ...auth,
    agent: options.agent,
    connectionPolicy: { enableEndpointDiscovery: false },
  };
}

async function openContainers(database: Database): Promise<Containers> {
  const names = Object.keys(CONTAINERS) as ContainerName[];
  // allSettled, not all: the caller disposes the client on failure, which must not happen
  // under requests still in flight (their timers would outlive the client).
  const settled = await Promise.allSettled(
    names.map(async (name) => {
      const spec = CONTAINERS[name];
      const { container, resource } = await database.containers.createIfNotExists(spec);
      assertProvisionedAs(spec, resource);
      return [name, container] as const;
    }),
  );
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return Object.fromEntries(
    settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
  ) as Containers;
}

const describeIndex = (index: CompositePath[]): string =>
  index.map((p) => `${p.path} ${p.order}`).join(', ');

function assertProvisionedAs(spec: ContainerSpec, actual: ContainerDefinition | undefined): void {
  const keyPaths = (actual?.partitionKey?.paths ?? []).join(', ');
  if (keyPaths !== spec.partitionKey.paths.join(', ')) {
    throw new Error(`Cosmos container '${spec.id}' has partition key [${keyPaths}]`);
  }
  const present = new Set((actual?.indexingPolicy?.compositeIndexes ?? []).map(describeIndex));
  const missing = spec.indexingPolicy.compositeIndexes
    .map(describeIndex)
    .find((i) => !present.has(i));
  if (missing) {
    // Cosmos DB would refuse the ORDER BY that needs it on every call instead.
    throw new Error(`Cosmos container '${spec.id}' lacks the composite index (${missing})`);
  }
}

// --- documents ------------------------------------------------------------------------------

const SYSTEM_FIELDS = new Set(['_rid', '_self', '_etag', '_attachments', '_ts']);

/** What we stored, without what Cosmos DB added, so the strict domain schemas accept it. */
function withoutSystemFields(doc: Doc): Doc {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !SYSTEM_FIELDS.has(k)));
}

function parseDoc<T>(schema: z.ZodType<T>, doc: Doc | undefined): T | undefined {
  return doc === undefined ? undefined : schema.parse(withoutSystemFields(doc));
}

async function readDoc(container: Container, id: string): Promise<Doc | undefined> {
  // The SDK answers a 404 on a point read with an empty resource instead of throwing.
  const { resource } = await container.item(id, id).read<Doc>();
  return resource;
}

async function queryDocs(
  container: Container,
  query: string,
  parameters: SqlParameter[] = [],
): Promise<Doc[]> {
  const { resources } = await container.items.query<Doc>({ query, parameters }).fetchAll();
  return resources;
}

function hasStatus(err: unknown, status: number): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === status;
}

/** Runs a write; the given status (409 on create, 412 on IfMatch) becomes false. */
async function succeeds(write: () => Promise<unknown>, refusedWith: number): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (hasStatus(err, refusedWith)) return false;
    throw err;
  }
}

/** TOP needs a non-negative integer; SQLite's LIMIT is forgiving, so be forgiving here too. */
const topCount = (limit: number): number => Math.max(0, Math.floor(limit));

// --- markers ----------------------------------------------------------------------------------

const SAFE_ID = /^[A-Za-z0-9_.:@=+,;-]{1,200}$/;

/**
 * Cosmos DB ids cannot hold '/', '\', '?' or '#', break on '%' in point operations and end at
 * 255 characters; any other key becomes a hash. The '~' never occurs in a key kept as is, so
 * the mapping stays one-to-one and deterministic, which exactly-once depends on.
 */
export function markerId(key: string): string {
  return SAFE_ID.test(key) ? key : `sha256~${createHash('sha256').update(key).digest('hex')}`;
}

/** Only the Marker fields: a case-code reservation's caseId stays inside the adapter. */
const markerDocSchema = z.object({
  key: z.string(),
  status: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

type MarkerDoc = Marker & {
  id: string;
  /** Set on case-code reservations: which case holds the code. */
  caseId?: string;
};

const markerDoc = (key: string, status: string, at: string): MarkerDoc => ({
  id: markerId(key),
  key,
  status,
  createdAt: at,
  updatedAt: at,
});

function markersRepository(container: Container): Store['markers'] {
  const setStatus = (key: string, status: string, at: string) => {
    const id = markerId(key);
    return container.item(id, id).patch([
      { op: 'set', path: '/status', value: status },
      { op: 'set', path: '/updatedAt', value: at },
    ]);
  };
  return {
    create: (key, status, at) =>
      succeeds(() => container.items.create(markerDoc(key, status, at)), 409),
    async get(key) {
      return parseDoc(markerDocSchema, await readDoc(container, markerId(key)));
    },
    async setStatus(key, status, at) {
      // A patch leaves createdAt alone; a marker nobody created yet starts at `at`.
      if (await succeeds(() => setStatus(key, status, at), 404)) return;
      if (await succeeds(() => container.items.create(markerDoc(key, status, at)), 409)) return;
      await setStatus(key, status, at);
    },
  };
}

// --- cases ------------------------------------------------------------------------------------

const codeReservationKey = (code: string) => `case-code:${code}`;

/** A document's id for the report of a bad one: Cosmos DB requires it, so it is a string. */
const docId = (doc: Doc): string => String(doc.id);

function casesRepository({ cases, markers }: Containers, codec: CaseCodec): Store['cases'] {
  const one = async (doc: Doc | undefined) =>
    doc === undefined ? undefined : codec.fromStored(docId(doc), withoutSystemFields(doc));
  const list = (docs: Doc[]) =>
    codec.fromStoredList(docs.map((d) => ({ id: docId(d), stored: withoutSystemFields(d) })));
  return {
    create: async (c) => createCase(cases, markers, await codec.toStored(c)),
    async get(id) {
      return one(await readDoc(cases, id));
    },
    async getByCode(code) {
      const docs = await queryDocs(cases, 'SELECT * FROM c WHERE c.code = @code', [
        { name: '@code', value: code },
      ]);
      return one(docs[0]);
    },
    save: async (c) => saveCase(cases, c, await codec.toStored({ ...c, version: c.version + 1 })),
    dueBefore: async (t, limit) => list(await dueBefore(cases, t, limit)),
    byZone: async (zoneId, query) => list(await byZone(cases, zoneId, query)),
    withoutCard: async (limit) => list(await withoutCard(cases, limit)),
  };
}

/** The routine snapshots: created once (409 when it exists), never replaced, read by id. */
function routineBackend(container: Container): RoutineBackend {
  return {
    async read(ref) {
      const doc = await readDoc(container, ref);
      return doc === undefined ? undefined : withoutSystemFields(doc);
    },
    create: (doc) => succeeds(() => container.items.create(doc), 409),
    async list() {
      const docs = await queryDocs(container, 'SELECT * FROM c ORDER BY c.id ASC');
      return docs.map((d) => ({ id: docId(d), stored: withoutSystemFields(d) }));
    },
  };
}

type ToStore = Awaited<ReturnType<CaseCodec['toStored']>>;

/**
 * Codes are unique across partitions only through a reservation: a marker whose id is the
 * code, created before the case. The reservation names its case, so a retry after a crash
 * between the two writes can still create the case.
 */
async function createCase(
  cases: Container,
  markers: Container,
  { doc, case: c }: ToStore,
): Promise<CreateResult> {
  const duplicate: CreateResult = { ok: false, reason: 'duplicate' };
  const reservation: MarkerDoc = {
    ...markerDoc(codeReservationKey(c.code), 'reserved', c.createdAt),
    caseId: c.id,
  };
  const reserved = await succeeds(() => markers.items.create(reservation), 409);
  if (!reserved) {
    const holder = await readDoc(markers, reservation.id);
    if (holder?.caseId !== c.id) return duplicate;
  }
  const created = await succeeds(() => cases.items.create(doc), 409);
  if (created) return { ok: true, case: c };
  if (reserved) await releaseReservation(cases, markers, c, reservation.id);
  return duplicate;
}

/**
 * The id was taken: give the code back unless the case holding that id holds this code too
 * (a concurrent retry of the same create won). Best effort: a reservation left behind only
 * burns one of 7.9 million codes, and the create's answer is already certain.
 */
async function releaseReservation(
  cases: Container,
  markers: Container,
  c: Case,
  reservationId: string,
): Promise<void> {
  try {
    const holder = await readDoc(cases, c.id);
    if (holder?.code !== c.code) await markers.item(reservationId, reservationId).delete();
  } catch {
    // See above: nothing to undo for the caller.
  }
}

/**
 * Conditional on the stored version: the ETag of the document read at `c.version` guards the
 * replace, so of several concurrent saves of one version Cosmos DB lets exactly one through
 * (412 for the rest).
 */
async function saveCase(cases: Container, c: Case, next: ToStore): Promise<SaveResult> {
  const conflict: SaveResult = { ok: false, reason: 'conflict' };
  const stored = await readDoc(cases, c.id);
  if (stored === undefined || stored.version !== c.version || typeof stored._etag !== 'string') {
    return conflict;
  }
  try {
    await cases.item(c.id, c.id).replace<Doc>(next.doc, {
      accessCondition: { type: 'IfMatch', condition: stored._etag },
    });
    return { ok: true, case: next.case };
  } catch (err) {
    // 404: gone between the read and the replace; the caller's view is stale either way.
    if (hasStatus(err, 412) || hasStatus(err, 404)) return conflict;
    throw err;
  }
}

async function dueBefore(cases: Container, t: string, limit: number): Promise<Doc[]> {
  const top = topCount(limit);
  if (top === 0) return [];
  // A null nextDueAt compared with a string is undefined in Cosmos SQL, so `<=` drops it.
  const docs = await queryDocs(
    cases,
    `SELECT TOP @top * FROM c
     WHERE c.nextDueAt <= @t AND c.state != 'closed'
     ORDER BY c.nextDueAt ASC, c.code ASC`,
    [
      { name: '@top', value: top },
      { name: '@t', value: t },
    ],
  );
  return docs;
}

/**
 * Cosmos DB sorts null before strings, but a zone's list wants cases without a due time last;
 * so the dated cases come from one query and, when the limit leaves room, the undated ones
 * from a second, both ordered and limited by the database.
 */
async function byZone(cases: Container, zoneId: string, query: CaseQuery = {}): Promise<Doc[]> {
  const top = topCount(query.limit ?? DEFAULT_QUERY_LIMIT);
  if (top === 0) return [];
  // A fixed fragment, not input: the values still travel as parameters.
  const open = query.openOnly ? "AND c.state != 'closed'" : '';
  const params = (n: number): SqlParameter[] => [
    { name: '@top', value: n },
    { name: '@zoneId', value: zoneId },
  ];
  const dated = await queryDocs(
    cases,
    `SELECT TOP @top * FROM c
     WHERE c.zoneId = @zoneId AND IS_STRING(c.nextDueAt) ${open}
     ORDER BY c.zoneId ASC, c.nextDueAt ASC, c.code ASC`,
    params(top),
  );
  if (dated.length >= top) return dated;
  const undated = await queryDocs(
    cases,
    `SELECT TOP @top * FROM c
     WHERE c.zoneId = @zoneId AND IS_NULL(c.nextDueAt) ${open}
     ORDER BY c.code ASC`,
    params(top - dated.length),
  );
  return [...dated, ...undated];
}

/**
 * `c.card = null` matches a stored null only, not a missing field; every case is written
 * through caseSchema, which always sets card, and SQLite's index tests json_type = 'null' to
 * match the same documents. The state leads the ORDER BY so the composite index
 * (state, createdAt, id) serves the equality filter and the ordering together.
 */
async function withoutCard(cases: Container, limit: number): Promise<Doc[]> {
  const top = topCount(limit);
  if (top === 0) return [];
  const docs = await queryDocs(
    cases,
    `SELECT TOP @top * FROM c
     WHERE c.state = 'awaiting_claim' AND c.card = null
     ORDER BY c.state ASC, c.createdAt ASC, c.id ASC`,
    [{ name: '@top', value: top }],
  );
  return docs;
}

// --- access log -------------------------------------------------------------------------------

/** Enough for one round of the purge: it queries again until nothing old is left. */
const PURGE_PAGE = 500;
/** Deletes in flight at once: a serverless account throttles (429) a burst of thousands. */
const PURGE_PARALLEL = 20;

function accessLogRepository(container: Container, setAside: SetAside): Store['accessLog'] {
  const parse = (docs: Doc[]) =>
    docs.flatMap(
      (d) =>
        setAside.parse('accessLog', docId(d), accessLogEntrySchema, withoutSystemFields(d)) ?? [],
    );
  return {
    async append(entry) {
      const valid = accessLogEntrySchema.parse(entry);
      // create, never upsert: 409 keeps the first entry under an id.
      if (!(await succeeds(() => container.items.create(valid), 409))) {
        throw duplicateAccessLogEntry(valid.id);
      }
    },
    async byCase(caseId) {
      const { resources } = await container.items
        .query<Doc>(
          {
            query: 'SELECT * FROM c WHERE c.caseId = @caseId ORDER BY c.at ASC, c.id ASC',
            parameters: [{ name: '@caseId', value: caseId }],
          },
          // One logical partition: no fan-out.
          { partitionKey: caseId },
        )
        .fetchAll();
      return parse(resources);
    },
    async between(from, to) {
      return parse(
        await queryDocs(
          container,
          'SELECT * FROM c WHERE c.at >= @from AND c.at < @to ORDER BY c.at ASC, c.id ASC',
          [
            { name: '@from', value: from },
            { name: '@to', value: to },
          ],
        ),
      );
    },
    purgeBefore: (at) => purgeAccessLog(container, at),
  };
}

/**
 * There is no delete-by-query in Cosmos DB (and no TTL on the test server): find a page of old
 * entries, delete each by id and partition key, repeat. Querying again rather than following a
 * continuation token means the deletes cannot disturb the paging. A 404 is an entry another
 * instance's purge deleted first: not counted here, so concurrent purges add up to the truth.
 */
async function purgeAccessLog(container: Container, at: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const page = (await queryDocs(
      container,
      'SELECT TOP @top c.id, c.caseId FROM c WHERE c.at < @at',
      [
        { name: '@top', value: PURGE_PAGE },
        { name: '@at', value: at },
      ],
    )) as { id: string; caseId: string }[];
    if (page.length === 0) return deleted;
    for (let i = 0; i < page.length; i += PURGE_PARALLEL) {
      const outcomes = await Promise.all(
        page
          .slice(i, i + PURGE_PARALLEL)
          .map((d) => succeeds(() => container.item(d.id, d.caseId).delete(), 404)),
      );
      deleted += outcomes.filter(Boolean).length;
    }
  }
}

// --- idempotency ------------------------------------------------------------------------------

/** The record as stored: the Cosmos id is the key mapped like a marker's. */
type IdempotencyDoc = IdempotencyRecord & { id: string };

function idempotencyRepository(container: Container): Store['idempotency'] {
  return {
    begin(key, fingerprint, at) {
      const doc: IdempotencyDoc = {
        id: markerId(key),
        key,
        fingerprint,
        status: 'pending',
        createdAt: at,
        updatedAt: at,
      };
      return succeeds(() => container.items.create(doc), 409);
    },
    async get(key) {
      const doc = await readDoc(container, markerId(key));
      if (doc === undefined) return undefined;
      const { id: _id, ...record } = withoutSystemFields(doc);
      return idempotencyRecordSchema.parse(record);
    },
    async complete(key, response, at) {
      const valid = storedResponse(response);
      const id = markerId(key);
      const patched = await succeeds(
        () =>
          container.item(id, id).patch([
            { op: 'set', path: '/status', value: 'done' },
            { op: 'set', path: '/response', value: valid },
            { op: 'set', path: '/updatedAt', value: at },
          ]),
        404,
      );
      if (!patched) throw unknownIdempotencyKey(key);
    },
    async abandon(key) {
      const id = markerId(key);
      // Already gone is what the caller wants.
      await succeeds(() => container.item(id, id).delete(), 404);
    },
  };
}

// --- roster and zones -------------------------------------------------------------------------

/** Staff and zones are whole documents read by id, upserted, and listed in a fixed order. */
function documentRepository<T extends { id: string }>(
  container: Container,
  collection: 'staff' | 'zones',
  schema: z.ZodType<T>,
  orderBy: string,
  setAside: SetAside,
) {
  const parse = (doc: Doc) =>
    setAside.parse(collection, docId(doc), schema, withoutSystemFields(doc));
  return {
    async get(id: string) {
      const doc = await readDoc(container, id);
      return doc === undefined ? undefined : parse(doc);
    },
    async put(doc: T) {
      await container.items.upsert(schema.parse(doc));
    },
    async list() {
      const docs = await queryDocs(container, `SELECT * FROM c ORDER BY ${orderBy}`);
      return docs.flatMap((d) => parse(d) ?? []);
    },
  };
}
