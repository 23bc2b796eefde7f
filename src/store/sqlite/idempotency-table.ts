import type Database from 'better-sqlite3';
import type { IdempotencyRepository } from '../ports/idempotency';
import { idempotencyRecordSchema, storedResponse, unknownIdempotencyKey } from '../records';
import { applySchema } from './schema';

const IDEMPOTENCY_SCHEMA = `
CREATE TABLE IF NOT EXISTS idempotency (
  key TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'done')),
  response TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;

type IdempotencyRow = {
  key: string;
  fingerprint: string;
  status: string;
  response: string | null;
  createdAt: string;
  updatedAt: string;
};

export function idempotencyTable(db: Database.Database): IdempotencyRepository {
  applySchema(db, IDEMPOTENCY_SCHEMA);
  const begin = db.prepare(
    `INSERT INTO idempotency (key, fingerprint, status, created_at, updated_at)
     VALUES (?, ?, 'pending', ?, ?) ON CONFLICT(key) DO NOTHING`,
  );
  const get = db.prepare(
    `SELECT key, fingerprint, status, response, created_at AS createdAt, updated_at AS updatedAt
     FROM idempotency WHERE key = ?`,
  );
  const complete = db.prepare(
    "UPDATE idempotency SET status = 'done', response = ?, updated_at = ? WHERE key = ?",
  );
  const abandon = db.prepare('DELETE FROM idempotency WHERE key = ?');
  return {
    async begin(key, fingerprint, at) {
      return begin.run(key, fingerprint, at, at).changes === 1;
    },
    async get(key) {
      const row = get.get(key) as IdempotencyRow | undefined;
      if (!row) return undefined;
      const { response, ...rest } = row;
      return idempotencyRecordSchema.parse(
        response === null ? rest : { ...rest, response: JSON.parse(response) },
      );
    },
    async complete(key, response, at) {
      const valid = storedResponse(response);
      if (complete.run(JSON.stringify(valid), at, key).changes !== 1) {
        throw unknownIdempotencyKey(key);
      }
    },
    async abandon(key) {
      abandon.run(key);
    },
  };
}
