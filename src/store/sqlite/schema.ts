/**
 * Documents are stored whole as JSON (the same shape as in Cosmos DB); the columns beside them
 * exist for the queries that matter: due-before-T across zones and a zone's list by urgency.
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
`;
