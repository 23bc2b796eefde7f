import type { CompositePath, ContainerDefinition, IndexingPolicy } from '@azure/cosmos';

/** A container as the adapter needs it: the id and partition key are never optional. */
export interface ContainerSpec extends ContainerDefinition {
  id: string;
  partitionKey: { paths: string[] };
  indexingPolicy: IndexingPolicy & { compositeIndexes: CompositePath[][] };
}

const asc = (path: string): CompositePath => ({ path, order: 'ascending' });

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
 *
 * History and the policy snapshot are never queried and grow with every save; leaving them
 * out of the index keeps a save's RU charge flat.
 */
const cases: ContainerSpec = {
  id: 'cases',
  partitionKey: { paths: ['/id'] },
  indexingPolicy: {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: [{ path: '/*' }],
    excludedPaths: [{ path: '/history/*' }, { path: '/policy/*' }, { path: '/"_etag"/?' }],
    compositeIndexes: [
      [asc('/zoneId'), asc('/nextDueAt'), asc('/code')],
      [asc('/nextDueAt'), asc('/code')],
    ],
  },
};

/** A container of whole documents read by id, listed in the order of `compositeIndexes`. */
const byId = (id: string, compositeIndexes: CompositePath[][]): ContainerSpec => ({
  id,
  partitionKey: { paths: ['/id'] },
  indexingPolicy: {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: [{ path: '/*' }],
    excludedPaths: [{ path: '/"_etag"/?' }],
    compositeIndexes,
  },
});

/**
 * staff, partition key /id: members are read one at a time by the id Teams sends with every
 * activity; the whole roster is a few hundred small documents, listed by name (ties by id,
 * which needs the composite index).
 */
const staff = byId('staff', [[asc('/name'), asc('/id')]]);

/** zones, partition key /id: a handful of documents, read by id when a card is posted. */
const zones = byId('zones', []);

/**
 * markers, partition key /id with the marker key as the id: creating a document with a
 * deterministic id gives 409 to every creator but the first, in every bot instance, which is
 * how "exactly once" works without any lock. Markers are only ever read by key, so nothing
 * but the id needs indexing.
 */
const markers: ContainerSpec = {
  id: 'markers',
  partitionKey: { paths: ['/id'] },
  indexingPolicy: {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: [{ path: '/id/?' }],
    excludedPaths: [{ path: '/*' }],
    compositeIndexes: [],
  },
};

/** Exported so infrastructure code can provision the same containers. */
export const CONTAINERS = { cases, staff, zones, markers } as const;
export type ContainerName = keyof typeof CONTAINERS;
