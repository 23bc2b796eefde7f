import type Database from 'better-sqlite3';

/**
 * Each table module creates its own table and indexes when the store opens, next to the
 * statements that depend on them. Documents are stored whole as JSON (the same shape as in
 * Cosmos DB; a case names its routine snapshot in `routines` by policyRef instead of embedding
 * it); the columns beside them exist for the queries that matter: due-before-T across zones and
 * a zone's list by urgency.
 *
 * Every statement is idempotent (IF NOT EXISTS) and only adds: opening a file made by an older
 * version runs every table's script again, which creates what is new and touches no row. A new
 * column is added by `addColumn`, which fills it in the existing rows once; anything that cannot
 * be written either way (a changed column) needs a migration step keyed on PRAGMA user_version,
 * which no file has set yet (it is 0).
 */
export function applySchema(db: Database.Database, ddl: string): void {
  db.exec(ddl);
}

/**
 * Adds a column to a table that lacks it (a file made by an older version) and fills it in
 * the rows already there, in one transaction; a table that has it is left as it is.
 */
export function addColumn(
  db: Database.Database,
  table: string,
  column: string,
  definition: string,
  fill: string,
): void {
  const columns = db.pragma(`table_info(${table})`) as { name: string }[];
  if (columns.some((c) => c.name === column)) return;
  db.transaction(() => {
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    db.exec(`UPDATE ${table} SET ${column} = ${fill}`);
  })();
}
