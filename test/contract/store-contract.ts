import { randomUUID } from 'node:crypto';
import { type Case, EMPTY_CHECKLIST } from '../../src/domain/case';
import type { StaffMember } from '../../src/domain/roster';
import type { AccessLogEntry, Store } from '../../src/store/port';
import { routineRef } from '../../src/store/routine-snapshots';
import {
  type BadDocument,
  type DocumentCollection,
  SET_ASIDE_IDS_SHOWN,
  type StoreOpenOptions,
} from '../../src/store/set-aside';
import { defaultRoutine } from '../support/domain-fixtures';

/**
 * The stored documents of one open store, reached past its adapter: how an older version or a
 * broken tool left them.
 */
export interface RawDocuments {
  /** Writes (or overwrites) a document as it is, unchecked. */
  put(collection: DocumentCollection, doc: Record<string, unknown>): Promise<void>;
  /** The document as stored, without what the database adds. */
  get(collection: DocumentCollection, id: string): Promise<Record<string, unknown> | undefined>;
}

/**
 * What every contract suite is given. Each adapter's test file calls every area's suite
 * (`<area>.contract.ts`) and the whole-store suite below with a factory that gives a fresh,
 * empty store, and where it can reach the stored documents directly, `raw` for the tests of
 * what is stored.
 */
export interface StoreHarness {
  open(options?: StoreOpenOptions): Promise<Store>;
  raw?(store: Store): RawDocuments;
}

/**
 * The store of the running test: a fresh, empty one opened before each test of the suite and
 * closed after it. The handle forwards to whichever store is current.
 */
const CURRENT = Symbol('current store');

export function freshStore(harness: StoreHarness): Store {
  let current: Store | undefined;
  beforeEach(async () => {
    current = await harness.open();
  });
  afterEach(async () => {
    await current?.close();
  });
  return new Proxy({} as Store, {
    get(_, key) {
      if (key === CURRENT) return current;
      if (!current) throw new Error('the store is opened for each test, not outside one');
      return current[key as keyof Store];
    },
  });
}

/** The store itself behind a freshStore handle, for what knows stores by identity (raw). */
export const currentStore = (handle: Store): Store =>
  (handle as unknown as Record<symbol, Store | undefined>)[CURRENT] ?? handle;

let serial = 0;
const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY3467';
export const uniqueCode = () => {
  serial += 1;
  let n = serial;
  let code = '';
  for (let i = 0; i < 5; i++) {
    code = CODE_ALPHABET[n % CODE_ALPHABET.length] + code;
    n = Math.floor(n / CODE_ALPHABET.length);
  }
  return code;
};

/** An access-log entry for a change to `subject` (a case or a pathway) at 09:<minute>. */
export const accessEntry = (
  subject: { id: string; code: string },
  action: string,
  minute = 5,
): AccessLogEntry => ({
  id: randomUUID(),
  at: `2026-03-02T09:${String(minute).padStart(2, '0')}:00.000Z`,
  actorId: nurse.id,
  caseId: subject.id,
  caseCode: subject.code,
  action,
  via: 'channel',
});

/** A minimal valid stored case; the contract is about storage, not the routine. */
export function storedCase(overrides: Partial<Case> = {}): Case {
  const at = '2026-03-02T09:00:00.000Z';
  return {
    id: randomUUID(),
    code: uniqueCode(),
    zoneId: 'nord',
    seriouslyIll: false,
    patientRef: 'DIPS-100200',
    note: null,
    state: 'awaiting_claim',
    routineVersion: 'test',
    policy: defaultRoutine().policy,
    anchors: { hospitalContact: at, hsyreRegistered: at },
    claimedBy: null,
    claimedAt: null,
    snoozedUntil: null,
    admitted: false,
    checklist: { ...EMPTY_CHECKLIST },
    deadline: { key: 'firstContact', dueAt: '2026-03-02T14:30:00.000Z' },
    nextDueAt: '2026-03-02T14:30:00.000Z',
    firstContactMet: null,
    lastContact: null,
    closedReason: null,
    card: null,
    history: [
      {
        at,
        actorId: 'fve-1',
        actorRole: 'fve',
        action: 'registerReferral',
        from: null,
        to: 'awaiting_claim',
        details: {},
        version: 1,
      },
    ],
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export const nurse: StaffMember = {
  id: 'n-1',
  name: 'Kari Nordmann',
  roles: ['nurse'],
  zoneIds: ['nord'],
};

// For the tests of stored documents: the fixture cases fall due between these two times.
export const PAST = '2026-03-02T08:00:00.000Z';
export const LATER = '2026-03-03T08:00:00.000Z';
/** A record reference no report of a bad document may ever contain. */
export const SECRET = 'DIPS-SECRET-4711';

/** A case as stored, due, awaiting its card in zone nord: found by every case query. */
export const storedDoc = (overrides: Record<string, unknown>) => {
  const { policy, ...rest } = storedCase({ nextDueAt: PAST, patientRef: SECRET });
  return { ...rest, policyRef: routineRef(rest.routineVersion, policy), ...overrides };
};

/**
 * What the store as a whole must do, beyond each area: its health across areas and its ping.
 * The areas' own behaviour is in their `<area>.contract.ts`.
 */
export function describeStoreContract(name: string, harness: StoreHarness): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('has set nothing aside in a store that holds only what it wrote', async () => {
      await store.cases.create(storedCase());
      await store.cases.dueBefore('2100-01-01T00:00:00.000Z', 10);
      expect(store.health()).toEqual({ setAside: 0, ids: [] });
    });

    if (harness.raw) describeUnparsedAcrossAreas(harness.raw, harness);

    it('answers ping while open', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

/** Bad documents of several areas, counted together by the store's health(). */
function describeUnparsedAcrossAreas(
  rawOf: (store: Store) => RawDocuments,
  harness: StoreHarness,
): void {
  describe('documents that do not parse', () => {
    let reports: BadDocument[];
    let store: Store;
    let raw: RawDocuments;
    beforeEach(async () => {
      reports = [];
      store = await harness.open({ onBadDocument: (bad) => reports.push(bad) });
      raw = rawOf(store);
    });
    afterEach(async () => {
      await store.close();
    });

    it('leaves bad staff, zones and access log entries out of their reads', async () => {
      await store.roster.put(nurse);
      await store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
      const entry: AccessLogEntry = {
        id: randomUUID(),
        at: '2026-03-02T09:00:00.000Z',
        actorId: 'aad-oid-1',
        caseId: 'case-1',
        caseCode: 'ACDEF',
        action: 'view',
        via: 'personal',
      };
      await store.accessLog.append(entry);
      await raw.put('staff', { id: 'bad-staff', name: 'Ola', roles: ['janitor'], zoneIds: [] });
      await raw.put('zones', { id: 'bad-zone', name: '', channel: null });
      await raw.put('accessLog', { ...entry, id: 'bad-entry', via: 'email' });

      expect(await store.roster.list()).toEqual([nurse]);
      expect(await store.roster.get('bad-staff')).toBeUndefined();
      expect((await store.zones.list()).map((z) => z.id)).toEqual(['nord']);
      expect(await store.zones.get('bad-zone')).toBeUndefined();
      expect(await store.accessLog.byCase('case-1')).toEqual([entry]);
      expect(
        await store.accessLog.between('2026-03-01T00:00:00.000Z', '2026-03-03T00:00:00.000Z'),
      ).toEqual([entry]);
      expect(store.health()).toEqual({
        setAside: 3,
        ids: ['staff/bad-staff', 'zones/bad-zone', 'accessLog/bad-entry'],
      });
      expect(reports.map((r) => [r.collection, r.fields])).toEqual([
        ['staff', ['roles']],
        ['zones', ['name']],
        ['accessLog', ['via']],
      ]);
    });

    it('counts every bad document but lists only the first few', async () => {
      const many = SET_ASIDE_IDS_SHOWN + 5;
      for (let i = 0; i < many; i++) {
        await raw.put('staff', { id: `bad-${String(i).padStart(2, '0')}`, name: '' });
      }
      expect(await store.roster.list()).toEqual([]);
      expect(await store.roster.list()).toEqual([]);
      const health = store.health();
      expect(health.setAside).toBe(many);
      expect(health.ids).toHaveLength(SET_ASIDE_IDS_SHOWN);
      expect(reports).toHaveLength(many);
    });
  });
}
