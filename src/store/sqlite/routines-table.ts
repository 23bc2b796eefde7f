import type Database from 'better-sqlite3';
import type { RoutineBackend } from '../routine-snapshots';
import type { Row } from './rows';
import { applySchema } from './schema';

const ROUTINES_SCHEMA = `
-- Routine snapshots, one per routine version and content, named by the cases' policyRef.
-- Immutable: written with ON CONFLICT DO NOTHING, never updated or deleted.
CREATE TABLE IF NOT EXISTS routines (
  id TEXT PRIMARY KEY,
  version TEXT NOT NULL,
  doc TEXT NOT NULL
);
`;

/**
 * The routine snapshots: written once, never updated (the primary key makes a second write
 * of one ref a no-op), read by ref. The case codec serves the port's reads from it.
 */
export function routinesTable(db: Database.Database): RoutineBackend {
  applySchema(db, ROUTINES_SCHEMA);
  const insert = db.prepare(
    'INSERT INTO routines (id, version, doc) VALUES (@id, @version, @doc) ON CONFLICT(id) DO NOTHING',
  );
  const get = db.prepare('SELECT doc FROM routines WHERE id = ?');
  const list = db.prepare('SELECT id, doc FROM routines ORDER BY id');
  return {
    async read(ref) {
      return (get.get(ref) as Row | undefined)?.doc;
    },
    async create(doc) {
      return (
        insert.run({ id: doc.id, version: doc.version, doc: JSON.stringify(doc) }).changes === 1
      );
    },
    async list() {
      return (list.all() as Row[]).map((r) => ({ id: r.id, stored: r.doc }));
    },
  };
}
