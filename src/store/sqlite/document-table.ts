import type Database from 'better-sqlite3';
import type { z } from 'zod/v4';
import { parsedTexts } from '../parsed-texts';
import type { DocumentCollection, SetAside } from '../set-aside';
import type { Row } from './rows';
import { applySchema } from './schema';

/** A table of whole documents by id, for an area that needs nothing more (staff, zones). */
export interface DocumentTable<T extends { id: string }> {
  get(id: string): Promise<T | undefined>;
  put(doc: T): Promise<void>;
  list(): Promise<T[]>;
}

/** Staff members and zones: a municipality has a few hundred. */
const TEXTS_KEPT = 2000;

/**
 * Whole documents by id, upserted, listed in a fixed order; the table is named as its
 * collection. A row whose text was read or written here before is not parsed again (every
 * button press reads the presser's roster entry and the case's zone).
 */
export function documentTable<T extends { id: string }>(
  db: Database.Database,
  table: DocumentCollection,
  schema: z.ZodType<T>,
  orderBy: string,
  setAside: SetAside,
): DocumentTable<T> {
  applySchema(
    db,
    `CREATE TABLE IF NOT EXISTS ${table} (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);`,
  );
  const get = db.prepare(`SELECT id, doc FROM ${table} WHERE id = ?`);
  const put = db.prepare(
    `INSERT INTO ${table} (id, doc) VALUES (@id, @doc) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`,
  );
  const list = db.prepare(`SELECT id, doc FROM ${table} ORDER BY ${orderBy}`);
  const texts = parsedTexts<T>(TEXTS_KEPT);
  const parse = (row: Row): T | undefined =>
    texts.read(row.id, row.doc, () => setAside.parse(table, row.id, schema, row.doc));
  return {
    async get(id) {
      const row = get.get(id) as Row | undefined;
      return row ? parse(row) : undefined;
    },
    async put(doc) {
      const valid = schema.parse(doc);
      const text = JSON.stringify(valid);
      put.run({ id: valid.id, doc: text });
      texts.keep(valid.id, text, valid);
    },
    async list() {
      return (list.all() as Row[]).flatMap((row) => parse(row) ?? []);
    },
  };
}
