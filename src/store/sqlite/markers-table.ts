import type Database from 'better-sqlite3';
import type { Marker, MarkerRepository } from '../ports/markers';
import { applySchema } from './schema';

const MARKERS_SCHEMA = `
CREATE TABLE IF NOT EXISTS markers (
  key TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;

/** The primary key on the marker's key is what lets exactly one creator win. */
export function markersTable(db: Database.Database): MarkerRepository {
  applySchema(db, MARKERS_SCHEMA);
  const insert = db.prepare(
    'INSERT INTO markers (key, status, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO NOTHING',
  );
  const get = db.prepare(
    'SELECT key, status, created_at AS createdAt, updated_at AS updatedAt FROM markers WHERE key = ?',
  );
  const set = db.prepare(
    `INSERT INTO markers (key, status, created_at, updated_at) VALUES (@key, @status, @at, @at)
     ON CONFLICT(key) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
  );
  // A prefix is a range of the primary key, up to the prefix with its last character raised.
  const byPrefix = db.prepare(
    `SELECT key, status, created_at AS createdAt, updated_at AS updatedAt FROM markers
     WHERE key >= @prefix AND key < @upper AND substr(key, 1, length(@prefix)) = @prefix
       AND status = @status`,
  );
  const byStatus = db.prepare(
    'SELECT key, status, created_at AS createdAt, updated_at AS updatedAt FROM markers WHERE status = ?',
  );
  const upper = (prefix: string) =>
    prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return {
    async create(key, status, at) {
      return insert.run(key, status, at, at).changes === 1;
    },
    async get(key) {
      return get.get(key) as Marker | undefined;
    },
    async setStatus(key, status, at) {
      set.run({ key, status, at });
    },
    async list(prefix, status) {
      const rows =
        prefix === ''
          ? byStatus.all(status)
          : byPrefix.all({ prefix, upper: upper(prefix), status });
      return rows as Marker[];
    },
  };
}
