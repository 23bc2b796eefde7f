import type Database from 'better-sqlite3';
import { type Pathway, pathwaySchema } from '../../domain/pathway/pathway';
import {
  DEFAULT_PATHWAY_LIMIT,
  nextNoticeAt,
  type PathwayQuery,
  type PathwayRepository,
} from '../ports/pathways';
import type { SetAside } from '../set-aside';
import { type AccessLogInsert, recordedWrite } from './access-log-table';
import type { GroupCommit } from './group-commit';
import { isConstraintError, type Row } from './rows';
import { applySchema } from './schema';

const PATHWAYS_SCHEMA = `
CREATE TABLE IF NOT EXISTS pathways (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  zone_id TEXT NOT NULL,
  state TEXT NOT NULL,
  next_due_at TEXT,
  notice_at TEXT,
  version INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pathways_due ON pathways (next_due_at, code) WHERE next_due_at IS NOT NULL AND state <> 'closed';
CREATE INDEX IF NOT EXISTS pathways_zone_due ON pathways (zone_id, next_due_at);
-- The point-card queue: partial, so it holds only pathways with a card still to post.
CREATE INDEX IF NOT EXISTS pathways_notice ON pathways (notice_at, code) WHERE notice_at IS NOT NULL;
`;

const pathwayRow = (p: Pathway) => ({
  id: p.id,
  code: p.code,
  zoneId: p.zoneId,
  state: p.state,
  nextDueAt: p.nextDueAt,
  noticeAt: nextNoticeAt(p),
  version: p.version,
});

/**
 * The version column makes saves conditional the same way Cosmos DB's ETag does; the UNIQUE
 * code column refuses a second pathway with a code in use. The notice_at column is derived
 * from the document on every write (nextNoticeAt), for the point-card queue.
 */
export function pathwaysTable(
  db: Database.Database,
  setAside: SetAside,
  recordAccess: AccessLogInsert,
  commit: GroupCommit,
): PathwayRepository {
  applySchema(db, PATHWAYS_SCHEMA);
  const parse = (row: Row | undefined): Pathway | undefined =>
    row ? setAside.parse('pathways', row.id, pathwaySchema, row.doc) : undefined;
  const parseAll = (rows: Row[]): Pathway[] => rows.flatMap((row) => parse(row) ?? []);

  const stmt = {
    insert: db.prepare(
      `INSERT INTO pathways (id, code, zone_id, state, next_due_at, notice_at, version, doc)
       VALUES (@id, @code, @zoneId, @state, @nextDueAt, @noticeAt, @version, @doc)`,
    ),
    get: db.prepare('SELECT id, doc FROM pathways WHERE id = ?'),
    getByCode: db.prepare('SELECT id, doc FROM pathways WHERE code = ?'),
    save: db.prepare(
      `UPDATE pathways SET zone_id = @zoneId, state = @state, next_due_at = @nextDueAt,
         notice_at = @noticeAt, version = @version + 1, doc = @doc
       WHERE id = @id AND version = @version`,
    ),
    dueBefore: db.prepare(
      `SELECT id, doc FROM pathways
       WHERE next_due_at IS NOT NULL AND next_due_at <= ? AND state <> 'closed'
       ORDER BY next_due_at, code LIMIT ?`,
    ),
    byZone: db.prepare(
      `SELECT id, doc FROM pathways WHERE zone_id = @zoneId AND (@openOnly = 0 OR state <> 'closed')
       ORDER BY next_due_at IS NULL, next_due_at, code LIMIT @limit`,
    ),
    noticeDue: db.prepare(
      `SELECT id, doc FROM pathways WHERE notice_at IS NOT NULL AND notice_at <= ?
       ORDER BY notice_at, code LIMIT ?`,
    ),
  };
  type PathwayRow = Record<string, unknown>;
  const insert = recordedWrite(
    db,
    (row: PathwayRow) => stmt.insert.run(row).changes === 1,
    recordAccess,
    commit,
  );
  const save = recordedWrite(
    db,
    (row: PathwayRow) => stmt.save.run(row).changes === 1,
    recordAccess,
    commit,
  );
  // A negative LIMIT means "no limit" to SQLite; Cosmos DB's TOP would refuse it.
  const limitOf = (limit: number) => Math.max(0, Math.floor(limit));

  return {
    async create(p, record) {
      const valid = pathwaySchema.parse(p);
      try {
        await insert({ ...pathwayRow(valid), doc: JSON.stringify(valid) }, record);
        return { ok: true, pathway: valid };
      } catch (err) {
        if (isConstraintError(err)) return { ok: false, reason: 'duplicate' };
        throw err;
      }
    },
    async get(id) {
      return parse(stmt.get.get(id) as Row | undefined);
    },
    async getByCode(code) {
      return parse(stmt.getByCode.get(code) as Row | undefined);
    },
    async save(p, record) {
      const saved = pathwaySchema.parse({ ...p, version: p.version + 1 });
      return (await save({ ...pathwayRow(p), doc: JSON.stringify(saved) }, record))
        ? { ok: true, pathway: saved }
        : { ok: false, reason: 'conflict' };
    },
    async dueBefore(t, limit) {
      return parseAll(stmt.dueBefore.all(t, limitOf(limit)) as Row[]);
    },
    async byZone(zoneId, query: PathwayQuery = {}) {
      const rows = stmt.byZone.all({
        zoneId,
        openOnly: query.openOnly ? 1 : 0,
        limit: limitOf(query.limit ?? DEFAULT_PATHWAY_LIMIT),
      }) as Row[];
      return parseAll(rows);
    },
    async noticeDue(t, limit) {
      return parseAll(stmt.noticeDue.all(t, limitOf(limit)) as Row[]);
    },
  };
}
