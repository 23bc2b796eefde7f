import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../../src/store/port';
import type { BadDocument, DocumentCollection } from '../../src/store/set-aside';
import { WITHOUT_CARD_SQL } from '../../src/store/sqlite/cases-table';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { caseIn, staff, VALID_FNR } from '../support/domain-fixtures';
import { describeAccessLogContract } from './access-log.contract';
import { describeCasesContract } from './cases.contract';
import { describeCompetenceContract } from './competence.contract';
import { describeIdempotencyContract } from './idempotency.contract';
import { describeMarkersContract } from './markers.contract';
import { describePathwaysContract } from './pathways.contract';
import { describeReportFactsContract } from './report-facts.contract';
import { describeRoutinesContract } from './routines.contract';
import { describeStaffContract } from './staff.contract';
import {
  describeStoreContract,
  type RawDocuments,
  type StoreHarness,
  storedCase,
} from './store-contract';
import { describeZonesContract } from './zones.contract';

/** Every area's contract and the whole store's, against one harness. */
function describeEveryContract(label: string, harness: StoreHarness): void {
  describeCasesContract(label, harness);
  describeRoutinesContract(label, harness);
  describeStaffContract(label, harness);
  describeZonesContract(label, harness);
  describeMarkersContract(label, harness);
  describeAccessLogContract(label, harness);
  describeIdempotencyContract(label, harness);
  describePathwaysContract(label, harness);
  describeReportFactsContract(label, harness);
  describeCompetenceContract(label, harness);
  describeStoreContract(label, harness);
}

describeEveryContract('SQLite in memory', {
  open: async (options) => openSqliteStore(':memory:', options),
});

const tmpDirs: string[] = [];
const tmpFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-sqlite-'));
  tmpDirs.push(dir);
  return path.join(dir, 'nested', 'hsyre.db');
};
afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const TABLES: Record<DocumentCollection, string> = {
  cases: 'cases',
  routines: 'routines',
  staff: 'staff',
  zones: 'zones',
  accessLog: 'access_log',
  pathways: 'pathways',
  competence: 'competence',
  networkEvents: 'network_events',
};

/** The columns beside a document, taken from it as the adapter would. */
function rowOf(collection: DocumentCollection, doc: Record<string, unknown>, text: string) {
  const base = { id: doc.id, doc: text };
  switch (collection) {
    case 'cases':
      return {
        ...base,
        code: doc.code ?? doc.id,
        zone_id: doc.zoneId ?? 'nord',
        state: doc.state ?? 'in_follow_up',
        next_due_at: doc.nextDueAt ?? null,
        version: doc.version ?? 1,
      };
    case 'routines':
      return { ...base, version: doc.version ?? '' };
    case 'accessLog':
      return { ...base, case_id: doc.caseId, at: doc.at };
    case 'pathways':
      return {
        ...base,
        code: doc.code ?? doc.id,
        zone_id: doc.zoneId ?? 'nord',
        state: doc.state ?? 'open',
        next_due_at: doc.nextDueAt ?? null,
        notice_at: null,
        version: doc.version ?? 1,
      };
    case 'competence':
      return { ...base, next_due_at: doc.nextDueAt ?? null, version: doc.version ?? 1 };
    case 'networkEvents':
      return { ...base, date: doc.date ?? '2026-01-01', version: doc.version ?? 1 };
    default:
      return base;
  }
}

/** Raw rows of a SQLite file, through a second connection (WAL lets both work). */
function sqliteRaw(file: string) {
  const withDb = <T>(run: (db: Database.Database) => T): T => {
    const db = new Database(file);
    try {
      return run(db);
    } finally {
      db.close();
    }
  };
  const putText = async (
    collection: DocumentCollection,
    doc: Record<string, unknown>,
    text: string,
  ) => {
    const row = rowOf(collection, doc, text);
    const columns = Object.keys(row);
    withDb((db) =>
      db
        .prepare(
          `INSERT OR REPLACE INTO ${TABLES[collection]} (${columns.join(', ')})
           VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
        )
        .run(row),
    );
  };
  return {
    put: (collection, doc) => putText(collection, doc, JSON.stringify(doc)),
    /** Text that is not JSON at all; the columns come from `columns`. */
    putText,
    async get(collection, id) {
      const row = withDb(
        (db) =>
          db.prepare(`SELECT doc FROM ${TABLES[collection]} WHERE id = ?`).get(id) as
            | { doc: string }
            | undefined,
      );
      return row && (JSON.parse(row.doc) as Record<string, unknown>);
    },
  } satisfies RawDocuments & { putText: typeof putText };
}

const files = new WeakMap<Store, string>();
const fileOf = (store: Store): string => {
  const file = files.get(store);
  if (!file) throw new Error('not a store this harness opened');
  return file;
};

describeEveryContract('SQLite file', {
  open: async (options) => {
    const file = tmpFile();
    const store = openSqliteStore(file, options);
    files.set(store, file);
    return store;
  },
  raw: (store) => sqliteRaw(fileOf(store)),
});

describe('SQLite documents that are not JSON', () => {
  it('sets aside a row whose text does not parse, in the lists and point reads of it', async () => {
    const file = tmpFile();
    const reports: BadDocument[] = [];
    const store = openSqliteStore(file, { onBadDocument: (bad) => reports.push(bad) });
    const good = storedCase({ state: 'in_follow_up', nextDueAt: '2026-03-02T08:00:00.000Z' });
    await store.cases.create(good);
    await store.roster.put({ id: 'n-1', name: 'Kari', roles: ['nurse'], zoneIds: ['nord'] });
    const raw = sqliteRaw(file);
    const cut = '{"id":"torn","code":"TORN1","patientRef":"DIPS-1';
    await raw.putText('cases', { id: 'torn', nextDueAt: good.nextDueAt }, cut);
    await raw.putText('staff', { id: 'torn-staff' }, '{"id":"torn-staff","name":');

    expect((await store.cases.dueBefore('2026-03-03T00:00:00.000Z', 10)).map((c) => c.id)).toEqual([
      good.id,
    ]);
    expect((await store.cases.byZone('nord')).map((c) => c.id)).toEqual([good.id]);
    expect(await store.cases.get('torn')).toBeUndefined();
    // The roster's ORDER BY reads the name from the JSON: it must not fail on the torn row.
    expect((await store.roster.list()).map((m) => m.id)).toEqual(['n-1']);
    expect(reports).toEqual([
      { collection: 'cases', id: 'torn', reason: 'json', fields: [] },
      { collection: 'staff', id: 'torn-staff', reason: 'json', fields: [] },
    ]);
    expect(store.health()).toEqual({ setAside: 2, ids: ['cases/torn', 'staff/torn-staff'] });
    await store.close();
  });
});

describe('SQLite case reads of a text the store has seen', () => {
  it('gives the same case as parsing the stored text anew, for a case in every state', async () => {
    const file = tmpFile();
    const store = openSqliteStore(file);
    const states = [
      'awaiting_claim',
      'claimed',
      'in_follow_up',
      'services_needed',
      'hsy_granted',
    ] as const;
    const saved = [];
    for (const [i, state] of states.entries()) {
      const c = { ...caseIn(state), id: `seen-${i}`, code: `SEEN${'ABCDE'[i]}`, version: 1 };
      const created = await store.cases.create(c);
      if (!created.ok) throw new Error(created.reason);
      const again = await store.cases.save({ ...created.case, admitted: true });
      if (!again.ok) throw new Error(again.reason);
      saved.push(again.case);
    }
    // Read back in this process (the text it wrote) and by a fresh process (parsed anew).
    const here = await Promise.all(saved.map((c) => store.cases.get(c.id)));
    const fresh = openSqliteStore(file);
    const parsed = await Promise.all(saved.map((c) => fresh.cases.get(c.id)));
    expect(here).toEqual(saved);
    expect(here).toEqual(parsed);
    await fresh.close();
    await store.close();
  });

  it('reads a document changed by another writer as it now is', async () => {
    const file = tmpFile();
    const store = openSqliteStore(file);
    const c = { ...caseIn('claimed'), id: 'changed-1', code: 'CHNGA', version: 1 };
    await store.cases.create(c);
    expect((await store.cases.get(c.id))?.claimedBy).toBe(staff.nurseA.id);
    const raw = new Database(file);
    raw
      .prepare(
        "UPDATE cases SET doc = json_set(doc, '$.claimedBy', 'n-other'), version = version + 1 WHERE id = ?",
      )
      .run(c.id);
    raw.close();
    expect((await store.cases.get(c.id))?.claimedBy).toBe('n-other');
    // The same for a roster entry.
    await store.roster.put({ id: 'n-1', name: 'Kari', roles: ['nurse'], zoneIds: ['nord'] });
    expect((await store.roster.get('n-1'))?.roles).toEqual(['nurse']);
    const again = new Database(file);
    again
      .prepare("UPDATE staff SET doc = json_set(doc, '$.roles', json('[\"leader\"]')) WHERE id = ?")
      .run('n-1');
    again.close();
    expect((await store.roster.get('n-1'))?.roles).toEqual(['leader']);
    expect((await store.roster.list()).map((m) => m.roles)).toEqual([['leader']]);
    await store.close();
  });

  it('keeps what a refused save tried out of later reads', async () => {
    const store = openSqliteStore(tmpFile());
    const c = { ...caseIn('claimed'), id: 'raced-1', code: 'RACEA', version: 1 };
    const created = await store.cases.create(c);
    if (!created.ok) throw new Error(created.reason);
    const winner = await store.cases.save({ ...created.case, admitted: true });
    const loser = await store.cases.save({ ...created.case, admitted: false, claimedBy: 'n-x' });
    expect(winner.ok).toBe(true);
    expect(loser).toEqual({ ok: false, reason: 'conflict' });
    const read = await store.cases.get(c.id);
    expect(read?.admitted).toBe(true);
    expect(read?.claimedBy).toBe(staff.nurseA.id);
    await store.close();
  });
});

describe('SQLite durability', () => {
  it('still reads a case stored by an older version with a national id in its record reference, masked', async () => {
    // Earlier versions accepted `DDMMYY.NNNNN` as a record reference and stored it as written.
    const file = tmpFile();
    const store = openSqliteStore(file);
    const c = storedCase();
    await store.cases.create(c);
    await store.close();
    const written = `${VALID_FNR.slice(0, 6)}.${VALID_FNR.slice(6)}`;
    const raw = new Database(file);
    raw
      .prepare("UPDATE cases SET doc = json_set(doc, '$.patientRef', ?) WHERE id = ?")
      .run(written, c.id);
    raw.close();

    const reopened = openSqliteStore(file);
    const read = await reopened.cases.get(c.id);
    expect(read?.code).toBe(c.code);
    expect(read?.patientRef).toBe('[fnr fjernet]');
    await reopened.close();
  });

  it('keeps cases, staff, zones and markers after closing and reopening the file', async () => {
    const file = tmpFile();
    const first = openSqliteStore(file);
    const c = storedCase();
    await first.cases.create(c);
    const saved = await first.cases.save({ ...c, state: 'claimed', claimedBy: 'n-1' });
    await first.roster.put({ id: 'n-1', name: 'Kari', roles: ['nurse'], zoneIds: ['nord'] });
    await first.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
    await first.markers.create('k', 'sent', '2026-03-02T09:00:00.000Z');
    await first.close();

    const reopened = openSqliteStore(file);
    expect(await reopened.cases.get(c.id)).toEqual(saved.ok && saved.case);
    expect((await reopened.roster.get('n-1'))?.name).toBe('Kari');
    expect((await reopened.zones.list()).map((z) => z.id)).toEqual(['nord']);
    expect((await reopened.markers.get('k'))?.status).toBe('sent');
    await reopened.close();
  });

  it('loses no acknowledged write when the process is killed', async () => {
    const file = tmpFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const [first, second] = [storedCase(), storedCase()];
    // A child process writes, acknowledges on stdout, then dies with SIGKILL before any cleanup.
    const script = `
      require('ts-node/register/transpile-only');
      const { openSqliteStore } = require(${JSON.stringify(path.resolve(__dirname, '../../src/store/sqlite/sqlite-store'))});
      const store = openSqliteStore(${JSON.stringify(file)});
      // Cases commit with whatever else their turn asks for; both acknowledged only once on disk.
      const cases = ${JSON.stringify([first, second])};
      Promise.all([
        store.markers.create('acknowledged', 'sent', '2026-03-02T09:00:00.000Z'),
        ...cases.map((c) => store.cases.create(c)),
      ]).then((results) => {
        process.stdout.write(results.slice(1).every((r) => r.ok) ? 'ack' : 'refused');
        process.kill(process.pid, 'SIGKILL');
      });
    `;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).toBe('ack');
    const reopened = openSqliteStore(file);
    expect((await reopened.markers.get('acknowledged'))?.status).toBe('sent');
    expect(await reopened.cases.get(first.id)).toEqual(first);
    expect(await reopened.cases.get(second.id)).toEqual(second);
    await reopened.close();
  });
});

/**
 * The DDL of the schema before the access log, the idempotency records and the card-post
 * outbox index, copied here as it was so the test keeps describing files that exist.
 */
const SCHEMA_BEFORE_ACCESS_LOG = `
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

describe('SQLite schema upgrade', () => {
  const rowCounts = (file: string) => {
    const db = new Database(file, { readonly: true });
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const counts = Object.fromEntries(
      ['cases', 'staff', 'zones', 'markers'].map((t) => [t, count(t)]),
    );
    db.close();
    return counts;
  };

  it('gives a case written without a write order (by hand, by an older version) the next one', async () => {
    const file = tmpFile();
    const store = openSqliteStore(file);
    const [a, b] = [storedCase(), storedCase()];
    expect((await store.cases.create(a)).ok).toBe(true);
    const mark = await store.reportFacts.writeMark();
    if (mark === null) throw new Error('SQLite keeps a write order');
    const other = new Database(file);
    other
      .prepare(
        `INSERT INTO cases (id, code, zone_id, state, next_due_at, version, doc)
         VALUES (@id, @code, @zoneId, @state, @nextDueAt, @version, @doc)`,
      )
      .run({ ...b, doc: JSON.stringify(b) });
    other
      .prepare('UPDATE cases SET version = 2, doc = ? WHERE id = ?')
      .run(JSON.stringify({ ...a, version: 2 }), a.id);
    other.close();
    const scanned = [];
    for await (const page of store.reportFacts.versions(10, mark)) scanned.push(...page);
    expect(scanned.sort((x, y) => x.caseId.localeCompare(y.caseId))).toEqual(
      [
        { caseId: a.id, version: 2 },
        { caseId: b.id, version: 1 },
      ].sort((x, y) => x.caseId.localeCompare(y.caseId)),
    );
    expect(await store.reportFacts.writeMark()).toBe(mark + 2);
    await store.close();
  });

  it('opens a file made by the previous schema, keeps every row and serves the new queries', async () => {
    const file = tmpFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const waiting = storedCase({ createdAt: '2026-03-02T08:00:00.000Z' });
    const posted = storedCase({
      card: { conversationId: '19:abc@thread.tacv2', activityId: '1700000000000' },
    });
    // Stored before cases recorded their card: its card went out without a record of where,
    // so the outbox must not post it again.
    const { card: _card, ...legacyDoc } = storedCase({ createdAt: '2026-03-01T08:00:00.000Z' });
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec(SCHEMA_BEFORE_ACCESS_LOG);
    const insert = old.prepare(
      `INSERT INTO cases (id, code, zone_id, state, next_due_at, version, doc)
       VALUES (@id, @code, @zoneId, @state, @nextDueAt, @version, @doc)`,
    );
    for (const c of [waiting, posted, legacyDoc]) insert.run({ ...c, doc: JSON.stringify(c) });
    old
      .prepare('INSERT INTO staff (id, doc) VALUES (?, ?)')
      .run('n-1', JSON.stringify({ id: 'n-1', name: 'Kari', roles: ['nurse'], zoneIds: ['nord'] }));
    old
      .prepare('INSERT INTO zones (id, doc) VALUES (?, ?)')
      .run('nord', JSON.stringify({ id: 'nord', name: 'Sone Nord', channel: null }));
    old
      .prepare('INSERT INTO markers (key, status, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run('k', 'sent', '2026-03-02T09:00:00.000Z', '2026-03-02T09:00:00.000Z');
    old.close();
    const before = rowCounts(file);

    const store = openSqliteStore(file);
    expect(await store.cases.get(waiting.id)).toEqual(waiting);
    expect(await store.cases.get(posted.id)).toEqual(posted);
    expect(await store.cases.get(legacyDoc.id)).toEqual({ ...legacyDoc, card: null });
    expect((await store.roster.get('n-1'))?.name).toBe('Kari');
    expect((await store.zones.list()).map((z) => z.id)).toEqual(['nord']);
    expect((await store.markers.get('k'))?.status).toBe('sent');
    expect((await store.cases.withoutCard(10)).map((c) => c.id)).toEqual([waiting.id]);
    // The cases' write order is filled in: the report's scan finds every case.
    const scanned: string[] = [];
    for await (const page of store.reportFacts.versions(2, null)) {
      scanned.push(...page.map((r) => r.caseId));
    }
    expect(scanned.sort()).toEqual([waiting.id, posted.id, legacyDoc.id].sort());
    const entry = {
      id: 'e-1',
      at: '2026-03-02T09:00:00.000Z',
      actorId: 'n-1',
      caseId: waiting.id,
      caseCode: waiting.code,
      action: 'view',
      via: 'personal' as const,
    };
    await store.accessLog.append(entry);
    expect(await store.idempotency.begin('referrals:k', 'fp', entry.at)).toBe(true);
    await store.close();
    expect(rowCounts(file)).toEqual(before);

    // Opening again runs the schema again: still nothing lost, nothing doubled.
    const again = openSqliteStore(file);
    expect(await again.accessLog.byCase(waiting.id)).toEqual([entry]);
    expect((await again.idempotency.get('referrals:k'))?.status).toBe('pending');
    expect((await again.cases.withoutCard(10)).map((c) => c.id)).toEqual([waiting.id]);
    await again.close();
    expect(rowCounts(file)).toEqual(before);
  });

  it('answers withoutCard from the partial index, in index order, without a sort', async () => {
    const file = tmpFile();
    const store = openSqliteStore(file);
    for (let i = 0; i < 50; i++) await store.cases.create(storedCase({ state: 'claimed' }));
    await store.close();
    const db = new Database(file, { readonly: true });
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${WITHOUT_CARD_SQL}`).all(10) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
    db.close();
    expect(plan).toMatch(/USING INDEX cases_without_card/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});

describe('SQLite durability of the access log and idempotency records', () => {
  it('keeps both after closing and reopening the file', async () => {
    const file = tmpFile();
    const first = openSqliteStore(file);
    const entry = {
      id: 'e-1',
      at: '2026-03-02T09:00:00.000Z',
      actorId: 'n-1',
      caseId: 'case-1',
      caseCode: 'ACDEF',
      action: 'view',
      via: 'personal' as const,
    };
    await first.accessLog.append(entry);
    await first.idempotency.begin('referrals:k', 'fp', entry.at);
    await first.idempotency.complete('referrals:k', { status: 201, body: { id: 'c' } }, entry.at);
    await first.close();

    const reopened = openSqliteStore(file);
    expect(await reopened.accessLog.byCase('case-1')).toEqual([entry]);
    await expect(reopened.accessLog.append(entry)).rejects.toThrow(/already exists/);
    expect((await reopened.idempotency.get('referrals:k'))?.response).toEqual({
      status: 201,
      body: { id: 'c' },
    });
    await reopened.close();
  });
});
