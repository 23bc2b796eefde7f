import type { Container, SqlParameter } from '@azure/cosmos';
import type { Case } from '../../domain/case';
import type { AccessLogRepository } from '../ports/access-log';
import {
  type CaseQuery,
  type CaseRepository,
  type CreateResult,
  DEFAULT_QUERY_LIMIT,
  type SaveResult,
} from '../ports/cases';
import type { CaseCodec } from '../routine-snapshots';
import { appendOnSuccess } from './access-log-container';
import {
  type Doc,
  docId,
  hasStatus,
  queryDocs,
  readDoc,
  succeeds,
  topCount,
  withoutSystemFields,
} from './documents';
import { type MarkerDoc, markerDoc } from './markers-container';

const codeReservationKey = (code: string) => `case-code:${code}`;

export function casesRepository(
  { cases, markers }: { cases: Container; markers: Container },
  codec: CaseCodec,
  accessLog: AccessLogRepository,
): CaseRepository {
  const thenRecord = appendOnSuccess(accessLog);
  const one = async (doc: Doc | undefined) =>
    doc === undefined ? undefined : codec.fromStored(docId(doc), withoutSystemFields(doc));
  const list = (docs: Doc[]) =>
    codec.fromStoredList(docs.map((d) => ({ id: docId(d), stored: withoutSystemFields(d) })));
  return {
    create: async (c, record) =>
      thenRecord(await createCase(cases, markers, await codec.toStored(c)), record),
    async get(id) {
      return one(await readDoc(cases, id));
    },
    async getByCode(code) {
      const docs = await queryDocs(cases, 'SELECT * FROM c WHERE c.code = @code', [
        { name: '@code', value: code },
      ]);
      return one(docs[0]);
    },
    save: async (c, record) =>
      thenRecord(
        await saveCase(cases, c, await codec.toStored({ ...c, version: c.version + 1 })),
        record,
      ),
    dueBefore: async (t, limit) => list(await dueBefore(cases, t, limit)),
    byZone: async (zoneId, query) => list(await byZone(cases, zoneId, query)),
    withoutCard: async (limit) => list(await withoutCard(cases, limit)),
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
export async function byZone(
  cases: Container,
  zoneId: string,
  query: Pick<CaseQuery, 'openOnly' | 'limit'> = {},
  defaultLimit = DEFAULT_QUERY_LIMIT,
): Promise<Doc[]> {
  const top = topCount(query.limit ?? defaultLimit);
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
