import type { Container } from '@azure/cosmos';
import type { AccessLogEntry, AccessLogRepository } from '../ports/access-log';
import { accessLogEntrySchema, duplicateAccessLogEntry } from '../records';
import type { SetAside } from '../set-aside';
import { type Doc, docId, queryDocs, succeeds, withoutSystemFields } from './documents';

/** Enough for one round of the purge: it queries again until nothing old is left. */
const PURGE_PAGE = 500;
/** Deletes in flight at once: a serverless account throttles (429) a burst of thousands. */
const PURGE_PARALLEL = 20;

export function accessLogRepository(container: Container, setAside: SetAside): AccessLogRepository {
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

/**
 * Appends a change's access-log entry once the change is stored. No transaction spans two
 * containers, so the entry follows its change, as the repositories' ports say.
 */
export function appendOnSuccess(accessLog: AccessLogRepository) {
  return async <R extends { ok: boolean }>(result: R, record?: AccessLogEntry): Promise<R> => {
    if (result.ok && record) await accessLog.append(record);
    return result;
  };
}
