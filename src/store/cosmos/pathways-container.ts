import type { Container, SqlParameter } from '@azure/cosmos';
import { type Pathway, pathwaySchema } from '../../domain/pathway/pathway';
import type { AccessLogRepository } from '../ports/access-log';
import {
  DEFAULT_PATHWAY_LIMIT,
  nextNoticeAt,
  type PathwayCreateResult,
  type PathwayRepository,
  type PathwaySaveResult,
} from '../ports/pathways';
import type { SetAside } from '../set-aside';
import { appendOnSuccess } from './access-log-container';
import { byZone } from './cases-container';
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

const codeReservationKey = (code: string) => `pathway-code:${code}`;

/** The item as stored: the document and the point-card queue's field beside it. */
const storedItem = (p: Pathway): Doc => ({ ...p, nextNoticeAt: nextNoticeAt(p) });

/**
 * Pathways in their own container, partitioned on /id like cases: every card action reads or
 * replaces one pathway by id. See containers.ts for the indexes the queries need.
 */
export function pathwaysRepository(
  { pathways, markers }: { pathways: Container; markers: Container },
  setAside: SetAside,
  accessLog: AccessLogRepository,
): PathwayRepository {
  const thenRecord = appendOnSuccess(accessLog);
  const parse = (doc: Doc | undefined): Pathway | undefined => {
    if (doc === undefined) return undefined;
    const { nextNoticeAt: _queue, ...rest } = withoutSystemFields(doc);
    return setAside.parse('pathways', docId(doc), pathwaySchema, rest);
  };
  const parseAll = (docs: Doc[]) => docs.flatMap((d) => parse(d) ?? []);
  const query = async (text: string, parameters: SqlParameter[]) =>
    parseAll(await queryDocs(pathways, text, parameters));

  return {
    create: async (p, record) =>
      thenRecord(await createPathway(pathways, markers, pathwaySchema.parse(p)), record),
    async get(id) {
      return parse(await readDoc(pathways, id));
    },
    async getByCode(code) {
      const docs = await queryDocs(pathways, 'SELECT * FROM c WHERE c.code = @code', [
        { name: '@code', value: code },
      ]);
      return parse(docs[0]);
    },
    save: async (p, record) => thenRecord(await savePathway(pathways, p), record),
    async dueBefore(t, limit) {
      const top = topCount(limit);
      if (top === 0) return [];
      // A null nextDueAt compared with a string is undefined in Cosmos SQL, so `<=` drops it.
      return query(
        `SELECT TOP @top * FROM c
         WHERE c.nextDueAt <= @t AND c.state != 'closed'
         ORDER BY c.nextDueAt ASC, c.code ASC`,
        [
          { name: '@top', value: top },
          { name: '@t', value: t },
        ],
      );
    },
    byZone: (zoneId, q) => byZone(pathways, zoneId, q, DEFAULT_PATHWAY_LIMIT).then(parseAll),
    async noticeDue(t, limit) {
      const top = topCount(limit);
      if (top === 0) return [];
      return query(
        `SELECT TOP @top * FROM c WHERE c.nextNoticeAt <= @t
         ORDER BY c.nextNoticeAt ASC, c.code ASC`,
        [
          { name: '@top', value: top },
          { name: '@t', value: t },
        ],
      );
    },
  };
}

/**
 * Codes are unique across partitions only through a reservation (a marker named after the
 * code, created before the pathway), as for cases; the reservation names its pathway, so a
 * retry after a crash between the two writes can still create it.
 */
async function createPathway(
  pathways: Container,
  markers: Container,
  p: Pathway,
): Promise<PathwayCreateResult> {
  const duplicate: PathwayCreateResult = { ok: false, reason: 'duplicate' };
  const reservation: MarkerDoc & { pathwayId: string } = {
    ...markerDoc(codeReservationKey(p.code), 'reserved', p.createdAt),
    pathwayId: p.id,
  };
  const reserved = await succeeds(() => markers.items.create(reservation), 409);
  if (!reserved) {
    const holder = await readDoc(markers, reservation.id);
    if (holder?.pathwayId !== p.id) return duplicate;
  }
  if (await succeeds(() => pathways.items.create(storedItem(p)), 409)) {
    return { ok: true, pathway: p };
  }
  if (reserved) {
    // The id was taken: give the code back unless that pathway holds this code too. Best
    // effort: a reservation left behind only burns one code.
    try {
      const holder = await readDoc(pathways, p.id);
      if (holder?.code !== p.code) await markers.item(reservation.id, reservation.id).delete();
    } catch {
      // Nothing to undo for the caller.
    }
  }
  return duplicate;
}

/** Conditional on the stored version through the ETag of the item read at `p.version`. */
async function savePathway(pathways: Container, p: Pathway): Promise<PathwaySaveResult> {
  const conflict: PathwaySaveResult = { ok: false, reason: 'conflict' };
  const next = pathwaySchema.parse({ ...p, version: p.version + 1 });
  const stored = await readDoc(pathways, p.id);
  if (stored === undefined || stored.version !== p.version || typeof stored._etag !== 'string') {
    return conflict;
  }
  try {
    await pathways.item(p.id, p.id).replace<Doc>(storedItem(next), {
      accessCondition: { type: 'IfMatch', condition: stored._etag },
    });
    return { ok: true, pathway: next };
  } catch (err) {
    if (hasStatus(err, 412) || hasStatus(err, 404)) return conflict;
    throw err;
  }
}
