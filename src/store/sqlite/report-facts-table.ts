import type Database from 'better-sqlite3';
import type { CaseVersionRow, ReportFactsRepository } from '../ports/report-facts';
import { readFacts } from '../report-facts-doc';
import { applySchema } from './schema';

const REPORT_FACTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS report_facts (
  case_id TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);
-- The version scan's own index: it holds every row's id and version, a few MB at 100 000
-- cases, so the scan never reads the case documents (a hundred MB) to find them.
CREATE INDEX IF NOT EXISTS cases_versions ON cases (id, version);
`;

/**
 * Facts beside the cases table (it must exist), whose ids and versions the scan walks in pages
 * of the covering index above, keyset by id, so the process gets its turn between pages. A case
 * created during the scan may fall before the page reached: it was written after the report's
 * time, which does not count it anyway.
 */
export function reportFactsTable(db: Database.Database): ReportFactsRepository {
  applySchema(db, REPORT_FACTS_SCHEMA);
  // Rows as arrays: a hundred thousand of them, an object each costs a third more.
  const page = db
    .prepare(
      'SELECT id, version FROM cases INDEXED BY cases_versions WHERE id > ? ORDER BY id LIMIT ?',
    )
    .raw();
  const byIds = db.prepare(
    'SELECT doc FROM report_facts WHERE case_id IN (SELECT value FROM json_each(?))',
  );
  const upsert = db.prepare(
    `INSERT INTO report_facts (case_id, doc) VALUES (?, ?)
     ON CONFLICT(case_id) DO UPDATE SET doc = excluded.doc`,
  );
  const putAll = db.transaction((docs: readonly { id: string }[]) => {
    for (const doc of docs) upsert.run(doc.id, JSON.stringify(doc));
  });
  return {
    async *versions(pageSize) {
      const size = Math.max(1, Math.floor(pageSize));
      let after = '';
      for (;;) {
        const rows = page.all(after, size) as [string, number][];
        if (rows.length === 0) return;
        after = rows[rows.length - 1][0];
        yield rows.map(([caseId, version]): CaseVersionRow => ({ caseId, version }));
        if (rows.length < size) return;
      }
    },
    async get(caseIds) {
      if (caseIds.length === 0) return [];
      const rows = byIds.all(JSON.stringify(caseIds)) as { doc: string }[];
      return rows.flatMap((r) => readFacts(r.doc) ?? []);
    },
    async put(docs) {
      putAll(docs);
    },
  };
}
