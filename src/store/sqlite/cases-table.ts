import type Database from 'better-sqlite3';
import type { Case } from '../../domain/case';
import { type CaseQuery, type CaseRepository, DEFAULT_QUERY_LIMIT } from '../ports/cases';
import type { CaseCodec } from '../routine-snapshots';
import { type AccessLogInsert, recordedWrite } from './access-log-table';
import type { GroupCommit } from './group-commit';
import { isConstraintError, type Row } from './rows';
import { addColumn, applySchema } from './schema';

const CASES_SCHEMA = `
CREATE TABLE IF NOT EXISTS cases (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  zone_id TEXT NOT NULL,
  state TEXT NOT NULL,
  next_due_at TEXT,
  version INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_due ON cases (next_due_at) WHERE next_due_at IS NOT NULL AND state <> 'closed';
CREATE INDEX IF NOT EXISTS cases_zone_due ON cases (zone_id, next_due_at);
-- The card-post outbox. Partial, so it holds only the few cases waiting for their card and
-- withoutCard reads them in order without a scan; on expressions, so no new column (and no
-- backfill of existing files) is needed. json_type is 'null' only for a stored JSON null, as
-- Cosmos DB's c.card = null matches only a stored null, not a missing field. WITHOUT_CARD_SQL
-- repeats this WHERE clause word for word: SQLite uses a partial index only for a query whose
-- WHERE implies the index's.
CREATE INDEX IF NOT EXISTS cases_without_card ON cases (json_extract(doc, '$.createdAt'), id)
  WHERE state = 'awaiting_claim' AND json_type(doc, '$.card') = 'null';
`;

/** The card-post outbox query, served by the partial index cases_without_card above. */
export const WITHOUT_CARD_SQL = `SELECT id, doc FROM cases
  WHERE state = 'awaiting_claim' AND json_type(doc, '$.card') = 'null'
  ORDER BY json_extract(doc, '$.createdAt'), id LIMIT ?`;

/** The last number of the write order (0 for none), and the next. */
export const LAST_WRITE = '(SELECT coalesce(max(write_seq), 0) FROM cases)';
const NEXT_WRITE = `(${LAST_WRITE} + 1)`;

/*
 * write_seq: the order of the cases' writes (each insert and save takes the next number), so a
 * reader that follows changes (the report's scan) asks for the cases written since its last
 * read instead of every case's version. Its index leads with it, for that query and for the
 * MAX every write reads, and covers id and version, so a scan of every case reads the index
 * only (a few MB at 100 000 cases) and not the documents (a hundred MB). The statements below
 * set it; the triggers give the next number to a row written without one (an older version
 * of the bot, a repair by hand), so no write is missed. Files of an older version get the
 * column with the rows' insertion order.
 */
const WRITE_ORDER_SCHEMA = `
CREATE INDEX IF NOT EXISTS cases_writes ON cases (write_seq, id, version);
CREATE TRIGGER IF NOT EXISTS cases_inserted_in_order AFTER INSERT ON cases
  WHEN NEW.write_seq IS NULL
  BEGIN UPDATE cases SET write_seq = ${NEXT_WRITE} WHERE rowid = NEW.rowid; END;
CREATE TRIGGER IF NOT EXISTS cases_saved_in_order AFTER UPDATE OF doc, version ON cases
  WHEN NEW.write_seq IS OLD.write_seq
  BEGIN UPDATE cases SET write_seq = ${NEXT_WRITE} WHERE rowid = NEW.rowid; END;
`;

const caseRow = (c: Case) => ({
  id: c.id,
  code: c.code,
  zoneId: c.zoneId,
  state: c.state,
  nextDueAt: c.nextDueAt,
  version: c.version,
});

/**
 * The version column makes saves conditional the same way Cosmos DB's ETag does; the UNIQUE
 * code column refuses a second case with a code in use.
 */
export function casesTable(
  db: Database.Database,
  codec: CaseCodec,
  recordAccess: AccessLogInsert,
  commit: GroupCommit,
): CaseRepository {
  applySchema(db, CASES_SCHEMA);
  addColumn(db, 'cases', 'write_seq', 'INTEGER', 'rowid');
  applySchema(db, WRITE_ORDER_SCHEMA);
  const parseCase = async (row: Row | undefined): Promise<Case | undefined> =>
    row ? codec.fromStored(row.id, row.doc) : undefined;
  const parseCases = (rows: Row[]): Promise<Case[]> =>
    codec.fromStoredList(rows.map((r) => ({ id: r.id, stored: r.doc })));

  const stmt = {
    insertCase: db.prepare(
      `INSERT INTO cases (id, code, zone_id, state, next_due_at, version, doc, write_seq)
       VALUES (@id, @code, @zoneId, @state, @nextDueAt, @version, @doc, ${NEXT_WRITE})`,
    ),
    getCase: db.prepare('SELECT id, doc FROM cases WHERE id = ?'),
    getCaseByCode: db.prepare('SELECT id, doc FROM cases WHERE code = ?'),
    saveCase: db.prepare(
      `UPDATE cases SET zone_id = @zoneId, state = @state, next_due_at = @nextDueAt,
         version = @version + 1, doc = @doc, write_seq = ${NEXT_WRITE}
       WHERE id = @id AND version = @version`,
    ),
    dueBefore: db.prepare(
      `SELECT id, doc FROM cases WHERE next_due_at IS NOT NULL AND next_due_at <= ? AND state <> 'closed'
       ORDER BY next_due_at, code LIMIT ?`,
    ),
    byZone: db.prepare(
      `SELECT id, doc FROM cases WHERE zone_id = @zoneId AND (@openOnly = 0 OR state <> 'closed')
       ORDER BY next_due_at IS NULL, next_due_at, code LIMIT @limit`,
    ),
    withoutCard: db.prepare(WITHOUT_CARD_SQL),
  };
  type CaseRow = Record<string, unknown>;
  const insertCase = recordedWrite(
    db,
    (row: CaseRow) => stmt.insertCase.run(row).changes === 1,
    recordAccess,
    commit,
  );
  const saveCase = recordedWrite(
    db,
    (row: CaseRow) => stmt.saveCase.run(row).changes === 1,
    recordAccess,
    commit,
  );

  return {
    async create(c, record) {
      const { text, case: valid } = await codec.toStoredText(c);
      try {
        await insertCase({ ...caseRow(valid), doc: text }, record);
        return { ok: true, case: valid };
      } catch (err) {
        if (isConstraintError(err)) return { ok: false, reason: 'duplicate' };
        throw err;
      }
    },
    async get(id) {
      return parseCase(stmt.getCase.get(id) as Row | undefined);
    },
    async getByCode(code) {
      return parseCase(stmt.getCaseByCode.get(code) as Row | undefined);
    },
    async save(c, record) {
      const { text, case: saved } = await codec.toStoredText({ ...c, version: c.version + 1 });
      return (await saveCase({ ...caseRow(c), doc: text }, record))
        ? { ok: true, case: saved }
        : { ok: false, reason: 'conflict' };
    },
    async dueBefore(t, limit) {
      return parseCases(stmt.dueBefore.all(t, limit) as Row[]);
    },
    async byZone(zoneId, query: CaseQuery = {}) {
      const rows = stmt.byZone.all({
        zoneId,
        openOnly: query.openOnly ? 1 : 0,
        limit: query.limit ?? DEFAULT_QUERY_LIMIT,
      }) as Row[];
      return parseCases(rows);
    },
    async withoutCard(limit) {
      // A negative LIMIT means "no limit" to SQLite; Cosmos DB's TOP would refuse it.
      return parseCases(stmt.withoutCard.all(Math.max(0, Math.floor(limit))) as Row[]);
    },
  };
}
