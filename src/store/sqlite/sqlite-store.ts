import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { z } from 'zod/v4';
import type { Case } from '../../domain/case';
import { staffMemberSchema } from '../../domain/roster';
import { zoneSchema } from '../../domain/zone';
import { type CaseQuery, DEFAULT_QUERY_LIMIT, type Marker, type Store } from '../port';
import {
  accessLogEntrySchema,
  duplicateAccessLogEntry,
  idempotencyRecordSchema,
  storedResponse,
  unknownIdempotencyKey,
} from '../records';
import { createCaseCodec, type RoutineBackend } from '../routine-snapshots';
import { createSetAside, type SetAside, type StoreOpenOptions } from '../set-aside';
import { SCHEMA_SQL, WITHOUT_CARD_SQL } from './schema';

type Row = { id: string; doc: string };

/**
 * The embedded default store: one SQLite file. WAL with synchronous=FULL, so a write is on disk
 * before the call returns: a killed process loses no acknowledged write. better-sqlite3 is
 * synchronous, so each statement is atomic with respect to this process's other requests; the
 * version column makes saves conditional the same way Cosmos DB's ETag does.
 */
export function openSqliteStore(file: string, options: StoreOpenOptions = {}): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA_SQL);

  const setAside = createSetAside(options.onBadDocument);
  const codec = createCaseCodec(routineBackend(db), setAside);
  const parseCase = async (row: Row | undefined): Promise<Case | undefined> =>
    row ? codec.fromStored(row.id, row.doc) : undefined;
  const parseCases = (rows: Row[]): Promise<Case[]> =>
    codec.fromStoredList(rows.map((r) => ({ id: r.id, stored: r.doc })));

  const stmt = {
    insertCase: db.prepare(
      `INSERT INTO cases (id, code, zone_id, state, next_due_at, version, doc)
       VALUES (@id, @code, @zoneId, @state, @nextDueAt, @version, @doc)`,
    ),
    getCase: db.prepare('SELECT id, doc FROM cases WHERE id = ?'),
    getCaseByCode: db.prepare('SELECT id, doc FROM cases WHERE code = ?'),
    saveCase: db.prepare(
      `UPDATE cases SET zone_id = @zoneId, state = @state, next_due_at = @nextDueAt,
         version = @version + 1, doc = @doc
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
    insertMarker: db.prepare(
      'INSERT INTO markers (key, status, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO NOTHING',
    ),
    getMarker: db.prepare(
      'SELECT key, status, created_at AS createdAt, updated_at AS updatedAt FROM markers WHERE key = ?',
    ),
    setMarker: db.prepare(
      `INSERT INTO markers (key, status, created_at, updated_at) VALUES (@key, @status, @at, @at)
       ON CONFLICT(key) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
    ),
    ping: db.prepare('SELECT 1'),
  };

  const caseRow = (c: Case) => ({
    id: c.id,
    code: c.code,
    zoneId: c.zoneId,
    state: c.state,
    nextDueAt: c.nextDueAt,
    version: c.version,
  });

  return {
    cases: {
      async create(c) {
        const { doc, case: valid } = await codec.toStored(c);
        try {
          stmt.insertCase.run({ ...caseRow(valid), doc: JSON.stringify(doc) });
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
      async save(c) {
        const { doc, case: saved } = await codec.toStored({ ...c, version: c.version + 1 });
        const result = stmt.saveCase.run({ ...caseRow(c), doc: JSON.stringify(doc) });
        return result.changes === 1 ? { ok: true, case: saved } : { ok: false, reason: 'conflict' };
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
    },
    routines: codec.routines,
    // json_extract fails the whole statement on one row that is not JSON; json_valid first
    // lets the list set that row aside instead.
    roster: documentTable(
      db,
      'staff',
      staffMemberSchema,
      "CASE WHEN json_valid(doc) THEN json_extract(doc, '$.name') END, id",
      setAside,
    ),
    zones: documentTable(db, 'zones', zoneSchema, 'id', setAside),
    markers: {
      async create(key, status, at) {
        return stmt.insertMarker.run(key, status, at, at).changes === 1;
      },
      async get(key) {
        return stmt.getMarker.get(key) as Marker | undefined;
      },
      async setStatus(key, status, at) {
        stmt.setMarker.run({ key, status, at });
      },
    },
    accessLog: accessLogTable(db, setAside),
    idempotency: idempotencyTable(db),
    async ping() {
      stmt.ping.get();
    },
    health: () => setAside.health(),
    async close() {
      if (db.open) db.close();
    },
  };
}

/**
 * The routine snapshots: written once, never updated (the primary key makes a second write
 * of one ref a no-op), read by ref.
 */
function routineBackend(db: Database.Database): RoutineBackend {
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

/** Staff and zones: whole documents by id, upserted, listed in a fixed order. */
function documentTable<T extends { id: string }>(
  db: Database.Database,
  table: 'staff' | 'zones',
  schema: z.ZodType<T>,
  orderBy: string,
  setAside: SetAside,
) {
  const get = db.prepare(`SELECT id, doc FROM ${table} WHERE id = ?`);
  const put = db.prepare(
    `INSERT INTO ${table} (id, doc) VALUES (@id, @doc) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`,
  );
  const list = db.prepare(`SELECT id, doc FROM ${table} ORDER BY ${orderBy}`);
  const parse = (row: Row) => setAside.parse(table, row.id, schema, row.doc);
  return {
    async get(id: string) {
      const row = get.get(id) as Row | undefined;
      return row ? parse(row) : undefined;
    },
    async put(doc: T) {
      const valid = schema.parse(doc);
      put.run({ id: valid.id, doc: JSON.stringify(valid) });
    },
    async list() {
      return (list.all() as Row[]).flatMap((row) => parse(row) ?? []);
    },
  };
}

const isConstraintError = (err: unknown): boolean =>
  (err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT') === true;

function accessLogTable(db: Database.Database, setAside: SetAside): Store['accessLog'] {
  // Plain INSERT, never an upsert: the primary key turns a second entry under an id into an error.
  const insert = db.prepare(
    'INSERT INTO access_log (id, case_id, at, doc) VALUES (@id, @caseId, @at, @doc)',
  );
  const byCase = db.prepare('SELECT id, doc FROM access_log WHERE case_id = ? ORDER BY at, id');
  const between = db.prepare(
    'SELECT id, doc FROM access_log WHERE at >= ? AND at < ? ORDER BY at, id',
  );
  const purge = db.prepare('DELETE FROM access_log WHERE at < ?');
  const parse = (rows: Row[]) =>
    rows.flatMap((r) => setAside.parse('accessLog', r.id, accessLogEntrySchema, r.doc) ?? []);
  return {
    async append(entry) {
      const valid = accessLogEntrySchema.parse(entry);
      try {
        insert.run({
          id: valid.id,
          caseId: valid.caseId,
          at: valid.at,
          doc: JSON.stringify(valid),
        });
      } catch (err) {
        if (isConstraintError(err)) throw duplicateAccessLogEntry(valid.id);
        throw err;
      }
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

type IdempotencyRow = {
  key: string;
  fingerprint: string;
  status: string;
  response: string | null;
  createdAt: string;
  updatedAt: string;
};

function idempotencyTable(db: Database.Database): Store['idempotency'] {
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
