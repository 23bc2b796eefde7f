/**
 * Documents are stored whole as JSON (the same shape as in Cosmos DB; a case names its routine
 * snapshot in `routines` by policyRef instead of embedding it); the columns beside them exist
 * for the queries that matter: due-before-T across zones and a zone's list by urgency.
 *
 * Every statement is idempotent (IF NOT EXISTS) and only adds: opening a file made by an older
 * version runs the whole script again, which creates what is new and touches no row. A change
 * that cannot be written that way (a new column, a changed index) needs a migration step keyed
 * on PRAGMA user_version, which no file has set yet (it is 0).
 */
export const SCHEMA_SQL = `
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

CREATE TABLE IF NOT EXISTS staff (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS zones (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS markers (
  key TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Append-only: no statement in the adapter updates a row; only the retention purge deletes.
CREATE TABLE IF NOT EXISTS access_log (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS access_log_case ON access_log (case_id, at, id);
CREATE INDEX IF NOT EXISTS access_log_at ON access_log (at, id);

-- Routine snapshots, one per routine version and content, named by the cases' policyRef.
-- Immutable: written with ON CONFLICT DO NOTHING, never updated or deleted.
CREATE TABLE IF NOT EXISTS routines (
  id TEXT PRIMARY KEY,
  version TEXT NOT NULL,
  doc TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS idempotency (
  key TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'done')),
  response TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;

/** The card-post outbox query, served by the partial index cases_without_card above. */
export const WITHOUT_CARD_SQL = `SELECT id, doc FROM cases
  WHERE state = 'awaiting_claim' AND json_type(doc, '$.card') = 'null'
  ORDER BY json_extract(doc, '$.createdAt'), id LIMIT ?`;
