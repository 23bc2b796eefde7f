import type Database from 'better-sqlite3';
import { type NetworkEvent, networkEventSchema } from '../../domain/competence/event';
import { type CompetenceRecord, competenceRecordSchema } from '../../domain/competence/record';
import { channelLinkSchema } from '../../domain/zone';
import { type CompetenceRepository, DEFAULT_EVENT_LIMIT } from '../ports/competence';
import type { SetAside } from '../set-aside';
import { isConstraintError, type Row } from './rows';
import { applySchema } from './schema';

const COMPETENCE_SCHEMA = `
CREATE TABLE IF NOT EXISTS competence (
  id TEXT PRIMARY KEY,
  next_due_at TEXT,
  version INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS competence_due ON competence (next_due_at, id) WHERE next_due_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS network_events (
  id TEXT PRIMARY KEY,
  date TEXT NOT NULL,
  version INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS network_events_date ON network_events (date, id);
CREATE TABLE IF NOT EXISTS competence_settings (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);
`;

const NETWORK_CHANNEL = 'networkChannel';

/**
 * The competence records and the network's events, each a whole document with a version column
 * that makes saves conditional (as Cosmos DB's ETag does); next_due_at is copied from the record
 * for the deadline engine's indexed queue.
 */
export function competenceTables(db: Database.Database, setAside: SetAside): CompetenceRepository {
  applySchema(db, COMPETENCE_SCHEMA);
  const parseRecord = (row: Row | undefined): CompetenceRecord | undefined =>
    row ? setAside.parse('competence', row.id, competenceRecordSchema, row.doc) : undefined;
  const parseEvent = (row: Row | undefined): NetworkEvent | undefined =>
    row ? setAside.parse('networkEvents', row.id, networkEventSchema, row.doc) : undefined;

  const stmt = {
    insertRecord: db.prepare(
      `INSERT INTO competence (id, next_due_at, version, doc)
       VALUES (@id, @nextDueAt, @version, @doc)`,
    ),
    getRecord: db.prepare('SELECT id, doc FROM competence WHERE id = ?'),
    saveRecord: db.prepare(
      `UPDATE competence SET next_due_at = @nextDueAt, version = @version + 1, doc = @doc
       WHERE id = @id AND version = @version`,
    ),
    recordsDue: db.prepare(
      `SELECT id, doc FROM competence WHERE next_due_at IS NOT NULL AND next_due_at <= ?
       ORDER BY next_due_at, id LIMIT ?`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO network_events (id, date, version, doc) VALUES (@id, @date, @version, @doc)`,
    ),
    getEvent: db.prepare('SELECT id, doc FROM network_events WHERE id = ?'),
    saveEvent: db.prepare(
      `UPDATE network_events SET date = @date, version = @version + 1, doc = @doc
       WHERE id = @id AND version = @version`,
    ),
    events: db.prepare(
      'SELECT id, doc FROM network_events WHERE date >= ? ORDER BY date, id LIMIT ?',
    ),
    getSetting: db.prepare('SELECT id, doc FROM competence_settings WHERE id = ?'),
    putSetting: db.prepare(
      `INSERT INTO competence_settings (id, doc) VALUES (@id, @doc)
       ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`,
    ),
  };
  const limitOf = (limit: number) => Math.max(0, Math.floor(limit));
  const inserted = (run: () => unknown): boolean => {
    try {
      run();
      return true;
    } catch (err) {
      if (isConstraintError(err)) return false;
      throw err;
    }
  };

  return {
    async createRecord(r) {
      const valid = competenceRecordSchema.parse({ ...r, version: 1 });
      const doc = JSON.stringify(valid);
      return inserted(() => stmt.insertRecord.run({ ...valid, doc }))
        ? { ok: true, value: valid }
        : { ok: false, reason: 'duplicate' };
    },
    async getRecord(id) {
      return parseRecord(stmt.getRecord.get(id) as Row | undefined);
    },
    async records(ids) {
      return [...new Set(ids)].flatMap(
        (id) => parseRecord(stmt.getRecord.get(id) as Row | undefined) ?? [],
      );
    },
    async saveRecord(r) {
      const saved = competenceRecordSchema.parse({ ...r, version: r.version + 1 });
      const result = stmt.saveRecord.run({
        id: r.id,
        nextDueAt: saved.nextDueAt,
        version: r.version,
        doc: JSON.stringify(saved),
      });
      return result.changes === 1 ? { ok: true, value: saved } : { ok: false, reason: 'conflict' };
    },
    async recordsDueBefore(t, limit) {
      return (stmt.recordsDue.all(t, limitOf(limit)) as Row[]).flatMap(
        (row) => parseRecord(row) ?? [],
      );
    },
    async createEvent(e) {
      const valid = networkEventSchema.parse({ ...e, version: 1 });
      const doc = JSON.stringify(valid);
      return inserted(() => stmt.insertEvent.run({ ...valid, doc }))
        ? { ok: true, value: valid }
        : { ok: false, reason: 'duplicate' };
    },
    async getEvent(id) {
      return parseEvent(stmt.getEvent.get(id) as Row | undefined);
    },
    async saveEvent(e) {
      const saved = networkEventSchema.parse({ ...e, version: e.version + 1 });
      const result = stmt.saveEvent.run({
        id: e.id,
        date: saved.date,
        version: e.version,
        doc: JSON.stringify(saved),
      });
      return result.changes === 1 ? { ok: true, value: saved } : { ok: false, reason: 'conflict' };
    },
    async events(fromDate, limit = DEFAULT_EVENT_LIMIT) {
      return (stmt.events.all(fromDate, limitOf(limit)) as Row[]).flatMap(
        (row) => parseEvent(row) ?? [],
      );
    },
    async networkChannel() {
      const row = stmt.getSetting.get(NETWORK_CHANNEL) as Row | undefined;
      return row ? setAside.parse('competence', row.id, channelLinkSchema, row.doc) : undefined;
    },
    async setNetworkChannel(link) {
      const valid = channelLinkSchema.parse(link);
      stmt.putSetting.run({ id: NETWORK_CHANNEL, doc: JSON.stringify(valid) });
    },
  };
}
