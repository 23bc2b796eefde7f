import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../port';
import { createCaseCodec } from '../routine-snapshots';
import { createSetAside, type StoreOpenOptions } from '../set-aside';
import { accessLogInsert, accessLogTable } from './access-log-table';
import { casesTable } from './cases-table';
import { competenceTables } from './competence-tables';
import { groupCommit } from './group-commit';
import { idempotencyTable } from './idempotency-table';
import { markersTable } from './markers-table';
import { pathwaysTable } from './pathways-table';
import { reportFactsTable } from './report-facts-table';
import { routinesTable } from './routines-table';
import { staffTable } from './staff-table';
import { zonesTable } from './zones-table';

/**
 * The embedded default store: one SQLite file. WAL with synchronous=FULL, so a write is on disk
 * before its promise settles: a killed process loses no acknowledged write. Case and pathway
 * writes asked for in the same turn of the event loop share one commit (group-commit.ts).
 * better-sqlite3 is synchronous, so each statement is atomic with respect to this process's
 * other requests; the version column makes saves conditional the same way Cosmos DB's ETag
 * does.
 *
 * One module per area (`<area>-table.ts`) creates its table (see schema.ts) and implements its
 * repository; this function only opens the file and composes them.
 */
export function openSqliteStore(file: string, options: StoreOpenOptions = {}): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');

  const setAside = createSetAside(options.onBadDocument);
  const codec = createCaseCodec(routinesTable(db), setAside);
  const ping = db.prepare('SELECT 1');
  const recordAccess = accessLogInsert(db);
  const commit = groupCommit(db);

  return {
    cases: casesTable(db, codec, recordAccess, commit),
    routines: codec.routines,
    roster: staffTable(db, setAside),
    zones: zonesTable(db, setAside),
    markers: markersTable(db),
    accessLog: accessLogTable(db, recordAccess, setAside),
    idempotency: idempotencyTable(db),
    pathways: pathwaysTable(db, setAside, recordAccess, commit),
    reportFacts: reportFactsTable(db),
    competence: competenceTables(db, setAside),
    async ping() {
      ping.get();
    },
    health: () => setAside.health(),
    async close() {
      if (!db.open) return;
      // Writes already asked for commit first: their callers are waiting for them.
      commit.drain();
      db.close();
    },
  };
}
