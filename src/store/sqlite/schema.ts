import type Database from 'better-sqlite3';

/**
 * Each table module creates its own table and indexes when the store opens, next to the
 * statements that depend on them. Documents are stored whole as JSON (the same shape as in
 * Cosmos DB; a case names its routine snapshot in `routines` by policyRef instead of embedding
 * it); the columns beside them exist for the queries that matter: due-before-T across zones and
 * a zone's list by urgency.
 *
 * Every statement is idempotent (IF NOT EXISTS) and only adds: opening a file made by an older
 * version runs every table's script again, which creates what is new and touches no row. A
 * change that cannot be written that way (a new column, a changed index) needs a migration step
 * keyed on PRAGMA user_version, which no file has set yet (it is 0).
 */
export function applySchema(db: Database.Database, ddl: string): void {
  db.exec(ddl);
}
