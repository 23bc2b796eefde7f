import type Database from 'better-sqlite3';
import type { CaseVersionRow, ReportFactsRepository } from '../ports/report-facts';
import { readFacts } from '../report-facts-doc';
import { LAST_WRITE } from './cases-table';
import { applySchema } from './schema';

const REPORT_FACTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS report_facts (
  case_id TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);
-- The version scan of earlier versions, replaced by the cases table's cases_writes.
DROP INDEX IF EXISTS cases_versions;
`;

/**
 * Facts beside the cases table (it must exist), whose ids and versions the scan walks in pages
 * of its covering index cases_writes, keyset by write order (cases-table.ts), so the process
 * gets its turn between pages. A case saved during the scan moves to the end of the order: it
 * may come twice, never not at all.
 */
export function reportFactsTable(db: Database.Database): ReportFactsRepository {
  applySchema(db, REPORT_FACTS_SCHEMA);
  // Rows as arrays: a hundred thousand of them, an object each costs a third more.
  const page = db
    .prepare(
      `SELECT write_seq, id, version FROM cases INDEXED BY cases_writes
       WHERE write_seq > ? ORDER BY write_seq LIMIT ?`,
    )
    .raw();
  const mark = db.prepare(`SELECT ${LAST_WRITE}`).pluck();
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
    async writeMark() {
      return mark.get() as number;
    },
    async *versions(pageSize, since) {
      const size = Math.max(1, Math.floor(pageSize));
      let after = since ?? 0;
      for (;;) {
        const rows = page.all(after, size) as [number, string, number][];
        if (rows.length === 0) return;
        after = rows[rows.length - 1][0];
        yield rows.map(([, caseId, version]): CaseVersionRow => ({ caseId, version }));
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
