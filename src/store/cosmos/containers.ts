import type { CompositePath, ContainerDefinition, IndexingPolicy } from '@azure/cosmos';

/** A container as the adapter needs it: the id and partition key are never optional. */
export interface ContainerSpec extends ContainerDefinition {
  id: string;
  partitionKey: { paths: string[] };
  indexingPolicy: IndexingPolicy & { compositeIndexes: CompositePath[][] };
}

const asc = (path: string): CompositePath => ({ path, order: 'ascending' });

/**
 * A container of whole documents read by id, listed in the order of `compositeIndexes`;
 * `notIndexed` are the paths no query reads (a history that grows with every save).
 */
const byId = (
  id: string,
  compositeIndexes: CompositePath[][],
  notIndexed: string[] = [],
): ContainerSpec => ({
  id,
  partitionKey: { paths: ['/id'] },
  indexingPolicy: {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: [{ path: '/*' }],
    excludedPaths: [...notIndexed.map((path) => ({ path })), { path: '/"_etag"/?' }],
    compositeIndexes,
  },
});

/**
 * cases, partition key /id: every card action reads or replaces one case by id, a 1-RU point
 * read, and a case can move to another zone without a delete and re-create (a /zoneId key
 * would make the zone part of the document's identity). The queries that span cases
 * (due-before-T across zones, a zone's list by urgency) are indexed queries; at municipal
 * volume (thousands of cases a year, a few KB each) the container stays on one physical
 * partition, so their cross-partition fan-out costs nothing.
 *
 * Composite indexes: Cosmos DB serves an ORDER BY on several properties only from a composite
 * index with exactly those paths in that order.
 * - (zoneId, nextDueAt, code) serves byZone, which orders by the zone it filters on first:
 *   that lets the equality filter and the ordering use one index.
 * - (nextDueAt, code) serves dueBefore. `state != 'closed'` is an inequality, so a
 *   (state, nextDueAt) index could not serve its ordering.
 * - (state, createdAt, id) serves withoutCard (the card-post outbox): `state = 'awaiting_claim'`
 *   is an equality, so like byZone it leads the index and the ORDER BY. Its other filter,
 *   `card = null`, uses the range index of /card/?, which the '/*' path keeps.
 *
 * History is never queried and grows with every save; leaving it out of the index keeps a
 * save's RU charge flat. Cases now name their policy snapshot (`policyRef`, see `routines`);
 * the `/policy/*` exclusion stays for the documents still stored with it embedded, and
 * changing an indexing policy would make Cosmos DB reindex the container for nothing.
 */
const cases = byId(
  'cases',
  [
    [asc('/zoneId'), asc('/nextDueAt'), asc('/code')],
    [asc('/nextDueAt'), asc('/code')],
    [asc('/state'), asc('/createdAt'), asc('/id')],
  ],
  ['/history/*', '/policy/*'],
);

/**
 * staff, partition key /id: members are read one at a time by the id Teams sends with every
 * activity; the whole roster is a few hundred small documents, listed by name (ties by id,
 * which needs the composite index).
 */
const staff = byId('staff', [[asc('/name'), asc('/id')]]);

/** zones, partition key /id: a handful of documents, read by id when a card is posted. */
const zones = byId('zones', []);

/** A container whose documents are only ever read by key: nothing but the id is indexed. */
const readByKey = (id: string): ContainerSpec => ({
  id,
  partitionKey: { paths: ['/id'] },
  indexingPolicy: {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: [{ path: '/id/?' }],
    excludedPaths: [{ path: '/*' }],
    compositeIndexes: [],
  },
});

/**
 * routines, partition key /id with the snapshot's ref (`<version>:<hash>`) as the id: one
 * immutable document per routine version and content, which every case registered under it
 * names by `policyRef`. Created with create (409: already there), never replaced; read by id
 * (the adapter caches them) and listed by id, which the id's range index serves.
 */
const routines = readByKey('routines');

/**
 * markers, partition key /id with the marker key as the id: creating a document with a
 * deterministic id gives 409 to every creator but the first, in every bot instance, which is
 * how "exactly once" works without any lock.
 */
const markers = readByKey('markers');

/**
 * accessLog, partition key /caseId: the log is written on every showing of a personal card and
 * read mostly by case (who saw this patient's case, for innsyn and review), which with /caseId
 * is a query inside one logical partition instead of a fan-out. The export (a time range) and
 * the retention purge span cases, but run rarely, and at municipal volume (some hundred bytes
 * an entry, tens of thousands a year) the container stays on one physical partition, where a
 * cross-partition query costs no more. A case's entries never approach the 20 GB limit of a
 * logical partition. The price: Cosmos DB keeps ids unique per partition, so "never overwrite"
 * rests on create (409) within the case, which is where a retried append lands; entry ids are
 * UUIDs, so two cases never share one. No TTL: the purge decides what is old, in both stores.
 *
 * (at, id) serves both orderings, oldest first with ties by id: byCase within its partition and
 * between across them.
 */
const accessLog: ContainerSpec = {
  id: 'accessLog',
  partitionKey: { paths: ['/caseId'] },
  indexingPolicy: {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: [{ path: '/*' }],
    excludedPaths: [{ path: '/"_etag"/?' }],
    compositeIndexes: [[asc('/at'), asc('/id')]],
  },
};

/**
 * idempotency, partition key /id with the (mapped) idempotency key as the id, for the same
 * reason as markers: create gives 409 to every concurrent begin but the first, across
 * instances; everything else is a point read, patch or delete by key. Records accumulate: the
 * port has no expiry (a defaultTtl would be the cheap one here, but the local test server has
 * no TTL to hold it to the contract).
 */
const idempotency = readByKey('idempotency');

/**
 * pathways (Pakkeforløp hjem), partition key /id for the same reasons as cases: every card
 * action reads or replaces one pathway by id, and the queries across pathways are indexed.
 * - (zoneId, nextDueAt, code) serves byZone, (nextDueAt, code) dueBefore, as for cases.
 * - (nextNoticeAt, code) serves noticeDue, the point-card queue. nextNoticeAt is kept beside
 *   the document by the adapter (null once every card is posted), so no query looks into the
 *   points array.
 * History and the policy snapshot are never queried and are left out of the index.
 */
const pathways = byId(
  'pathways',
  [
    [asc('/zoneId'), asc('/nextDueAt'), asc('/code')],
    [asc('/nextDueAt'), asc('/code')],
    [asc('/nextNoticeAt'), asc('/code')],
  ],
  ['/history/*', '/policy/*'],
);

/**
 * competence, partition key /id with the nurse's roster id as the id: one record per resource
 * nurse, read and replaced whole by id (a zone's overview is a point read per nurse). (nextDueAt,
 * id) serves the deadline engine's queue. The activities and the history are never queried.
 */
const competence = byId(
  'competence',
  [[asc('/nextDueAt'), asc('/id')]],
  ['/activities/*', '/history/*', '/schedule/*'],
);

/**
 * networkEvents, partition key /id: the network's events (a few dozen a year), each read and
 * replaced by id; (date, id) serves the list of coming events. Holds the network channel's link
 * too, under an id no event has.
 */
const networkEvents = byId(
  'networkEvents',
  [[asc('/date'), asc('/id')]],
  ['/attendees/*', '/history/*'],
);

/**
 * reportFacts, partition key /id with the case's id as the id: the compliance report's facts of
 * each case (derived, replaced whole with upsert), read only by the report's scan of all of them.
 */
const reportFacts = readByKey('reportFacts');

/** Exported so infrastructure code can provision the same containers. */
export const CONTAINERS = {
  cases,
  routines,
  staff,
  zones,
  markers,
  accessLog,
  idempotency,
  pathways,
  reportFacts,
  competence,
  networkEvents,
} as const;
export type ContainerName = keyof typeof CONTAINERS;
