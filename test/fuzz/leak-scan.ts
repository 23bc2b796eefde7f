import Database from 'better-sqlite3';
import { findNationalIdField, findNationalIds } from '../../src/domain/privacy';

/** Where a national id was found, and the text around it (test data, safe to print). */
export interface Leak {
  where: string;
  excerpt: string;
}

const excerptAround = (text: string, start: number, end: number) =>
  JSON.stringify(text.slice(Math.max(0, start - 40), end + 40));

/**
 * A national id in a text as written, or in any key or value once the text is read as JSON
 * (where an escape such as \u0031 or a key would hide it from a scan of the raw text).
 */
export function leakIn(text: string, where: string): Leak | undefined {
  const [match] = findNationalIds(text);
  if (match) return { where, excerpt: excerptAround(text, match.start, match.end) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const field = findNationalIdField(parsed);
  return field === undefined
    ? undefined
    : { where: `${where} (JSON field ${field})`, excerpt: JSON.stringify(text.slice(0, 300)) };
}

/** The same for a value the app handed over as an object (a store read, a recorded reply). */
export function leakInValue(value: unknown, where: string): Leak | undefined {
  const field = findNationalIdField(value);
  if (field !== undefined) return { where: `${where} (field ${field})`, excerpt: '' };
  return leakIn(JSON.stringify(value) ?? '', where);
}

export type Row = Record<string, unknown>;
export type TableRows = Map<string, Map<string, string>>;

/**
 * A second, read-only connection to the app's SQLite file: every table, every row, as the app
 * committed it. WAL mode lets it read while the app writes.
 */
export function openStoreReader(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const tables = (): string[] =>
    (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string }[]
    ).map((t) => t.name);

  /** Every row of every table, keyed by rowid, each row as its JSON text. */
  function snapshot(): TableRows {
    const all: TableRows = new Map();
    for (const table of tables()) {
      const rows = db.prepare(`SELECT rowid AS _rowid, * FROM "${table}"`).all() as Row[];
      all.set(
        table,
        new Map(rows.map(({ _rowid, ...row }) => [String(_rowid), JSON.stringify(row)])),
      );
    }
    return all;
  }

  const cases = () =>
    db.prepare('SELECT id, code, state, version, doc FROM cases').all() as {
      id: string;
      code: string;
      state: string;
      version: number;
      doc: string;
    }[];

  return { snapshot, cases, tables, close: () => db.close() };
}
export type StoreReader = ReturnType<typeof openStoreReader>;

/** Rows added or changed between two snapshots, per table. */
export function changedRows(before: TableRows, after: TableRows): Map<string, string[]> {
  const changed = new Map<string, string[]>();
  for (const [table, rows] of after) {
    const old = before.get(table) ?? new Map<string, string>();
    const fresh = [...rows].filter(([id, json]) => old.get(id) !== json).map(([, json]) => json);
    if (fresh.length > 0) changed.set(table, fresh);
  }
  return changed;
}

/**
 * A national id in any column of a row: the column as text, and a column holding a JSON
 * document (the cases, staff and zones docs, the kept idempotent answers) read as JSON.
 */
export function leakInRow(rowJson: string, where: string): Leak | undefined {
  const row = JSON.parse(rowJson) as Row;
  for (const [column, value] of Object.entries(row)) {
    if (typeof value !== 'string') {
      const leak = leakInValue(value, `${where}.${column}`);
      if (leak) return leak;
      continue;
    }
    const leak = leakIn(value, `${where}.${column}`);
    if (leak) return leak;
  }
  return undefined;
}
