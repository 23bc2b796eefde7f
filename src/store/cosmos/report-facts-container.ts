import type { Container } from '@azure/cosmos';
import type { CaseVersionRow, ReportFactsRepository } from '../ports/report-facts';
import { readFacts } from '../report-facts-doc';
import { queryDocs, withoutSystemFields } from './documents';

/** Writes in flight at once: a first read of a large store writes a page of facts. */
const WRITE_CONCURRENCY = 8;

/**
 * Facts in their own container, one document per case with the case's id as its id; the
 * version scan reads the cases' ids and versions only (page by page, each an await), of every
 * case: no mark of the writes is kept here (`_ts` has whole seconds and no order within one).
 */
export function reportFactsRepository({
  cases,
  reportFacts,
}: {
  cases: Container;
  reportFacts: Container;
}): ReportFactsRepository {
  return {
    async writeMark() {
      return null;
    },
    async *versions(pageSize) {
      const versions = cases.items.query<{ id: string; version: number }>(
        'SELECT c.id, c.version FROM c',
        { maxItemCount: Math.max(1, Math.floor(pageSize)) },
      );
      while (versions.hasMoreResults()) {
        const { resources } = await versions.fetchNext();
        if (resources.length === 0) continue;
        yield resources.map((c): CaseVersionRow => ({ caseId: c.id, version: c.version }));
      }
    },
    async get(caseIds) {
      if (caseIds.length === 0) return [];
      const docs = await queryDocs(
        reportFacts,
        'SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id)',
        [{ name: '@ids', value: [...caseIds] }],
      );
      return docs.flatMap((d) => readFacts(withoutSystemFields(d)) ?? []);
    },
    async put(docs) {
      for (let i = 0; i < docs.length; i += WRITE_CONCURRENCY) {
        await Promise.all(
          docs.slice(i, i + WRITE_CONCURRENCY).map((doc) => reportFacts.items.upsert(doc)),
        );
      }
    },
  };
}
