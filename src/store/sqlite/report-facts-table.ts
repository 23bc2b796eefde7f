import type Database from 'better-sqlite3';
import type { CaseVersionRow, ReportFactsRepository } from '../ports/report-facts';
import { readFacts } from '../report-facts-doc';
import { applySchema } from './schema';

const REPORT_FACTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS report_facts (
  case_id TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);
`;

/**
 * Facts beside the cases table, which the version scan walks (it must exist) in pages, so the
 * process gets its turn between pages. It pages by rowid (keyset), the table's own order: a
 * walk of the table itself, half the work of paging by the id's index and looking each row up.
 * A case written during the scan has a higher rowid than any before it (the store never runs
 * VACUUM, which could renumber them).
 */
export function reportFactsTable(db: Database.Database): ReportFactsRepository {
  applySchema(db, REPORT_FACTS_SCHEMA);
  // Rows as arrays: a hundred thousand of them, an object each costs a third more.
  const page = db
    .prepare('SELECT rowid, id, version FROM cases WHERE rowid > ? ORDER BY rowid LIMIT ?')
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
      let after = 0;
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
