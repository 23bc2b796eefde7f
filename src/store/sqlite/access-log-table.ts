import type Database from 'better-sqlite3';
import type { AccessLogEntry, AccessLogRepository } from '../ports/access-log';
import { accessLogEntrySchema, duplicateAccessLogEntry } from '../records';
import type { SetAside } from '../set-aside';
import type { GroupCommit } from './group-commit';
import { isConstraintError, type Row } from './rows';
import { applySchema } from './schema';

const ACCESS_LOG_SCHEMA = `
-- Append-only: no statement in the adapter updates a row; only the retention purge deletes.
CREATE TABLE IF NOT EXISTS access_log (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS access_log_case ON access_log (case_id, at, id);
CREATE INDEX IF NOT EXISTS access_log_at ON access_log (at, id);
`;

/** Appends one entry, synchronously, so a case's save can hold it in its own transaction. */
export type AccessLogInsert = (entry: AccessLogEntry) => void;

export function accessLogInsert(db: Database.Database): AccessLogInsert {
  applySchema(db, ACCESS_LOG_SCHEMA);
  // Plain INSERT, never an upsert: the primary key turns a second entry under an id into an error.
  const insert = db.prepare(
    'INSERT INTO access_log (id, case_id, at, doc) VALUES (@id, @caseId, @at, @doc)',
  );
  return (entry) => {
    const valid = accessLogEntrySchema.parse(entry);
    try {
      insert.run({ id: valid.id, caseId: valid.caseId, at: valid.at, doc: JSON.stringify(valid) });
    } catch (err) {
      if (isConstraintError(err)) throw duplicateAccessLogEntry(valid.id);
      throw err;
    }
  };
}

/**
 * A conditional write (true when it took effect) that also appends the change's access-log
 * entry, when one is given, in the same transaction: both commit, or neither does. The
 * transaction commits with whatever else `commit` batches with it.
 */
export function recordedWrite<Row>(
  db: Database.Database,
  write: (row: Row) => boolean,
  recordAccess: AccessLogInsert,
  commit: GroupCommit,
): (row: Row, record?: AccessLogEntry) => Promise<boolean> {
  const atomic = db.transaction((row: Row, record?: AccessLogEntry) => {
    const done = write(row);
    if (done && record) recordAccess(record);
    return done;
  });
  return (row, record) => commit(() => atomic(row, record));
}

export function accessLogTable(
  db: Database.Database,
  insert: AccessLogInsert,
  setAside: SetAside,
): AccessLogRepository {
  const byCase = db.prepare('SELECT id, doc FROM access_log WHERE case_id = ? ORDER BY at, id');
  const between = db.prepare(
    'SELECT id, doc FROM access_log WHERE at >= ? AND at < ? ORDER BY at, id',
  );
  const purge = db.prepare('DELETE FROM access_log WHERE at < ?');
  const parse = (rows: Row[]) =>
    rows.flatMap((r) => setAside.parse('accessLog', r.id, accessLogEntrySchema, r.doc) ?? []);
  return {
    async append(entry) {
      insert(entry);
    },
    async byCase(caseId) {
      return parse(byCase.all(caseId) as Row[]);
    },
    async between(from, to) {
      return parse(between.all(from, to) as Row[]);
    },
    async purgeBefore(at) {
      return purge.run(at).changes;
    },
  };
}
