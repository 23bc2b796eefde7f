import { randomUUID } from 'node:crypto';
import { type Case, EMPTY_CHECKLIST } from '../../src/domain/case';
import type { StaffMember } from '../../src/domain/roster';
import type { Zone } from '../../src/domain/zone';
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
 * The one behaviour both store adapters must have. Each adapter's test file calls this with a
 * factory that gives a fresh, empty store, and where it can reach the stored documents
 * directly, `raw` for the tests of what is stored.
 */
export interface StoreHarness {
  open(options?: StoreOpenOptions): Promise<Store>;
  raw?(store: Store): RawDocuments;
}

let serial = 0;
const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY3467';
const uniqueCode = () => {
  serial += 1;
  let n = serial;
  let code = '';
  for (let i = 0; i < 5; i++) {
    code = CODE_ALPHABET[n % CODE_ALPHABET.length] + code;
    n = Math.floor(n / CODE_ALPHABET.length);
  }
  return code;
};

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

const nurse: StaffMember = {
  id: 'n-1',
  name: 'Kari Nordmann',
  roles: ['nurse'],
  zoneIds: ['nord'],
};

export function describeStoreContract(name: string, harness: StoreHarness): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('cases', () => {
      it('creates a case and reads it back by id and by code', async () => {
        const c = storedCase();
        expect(await store.cases.create(c)).toEqual({ ok: true, case: c });
        expect(await store.cases.get(c.id)).toEqual(c);
        expect(await store.cases.getByCode(c.code)).toEqual(c);
      });

      it('answers undefined for an unknown id or code', async () => {
        expect(await store.cases.get('no-such-id')).toBeUndefined();
        expect(await store.cases.getByCode('QQQQQ')).toBeUndefined();
      });

      it('refuses a second case with the same id or the same code, keeping the first', async () => {
        const c = storedCase();
        await store.cases.create(c);
        expect(await store.cases.create({ ...c, code: uniqueCode() })).toEqual({
          ok: false,
          reason: 'duplicate',
        });
        expect(await store.cases.create(storedCase({ code: c.code }))).toEqual({
          ok: false,
          reason: 'duplicate',
        });
        expect(await store.cases.get(c.id)).toEqual(c);
      });

      it('saves conditionally: bumps the version, and refuses a stale version', async () => {
        const c = storedCase();
        await store.cases.create(c);
        const first = await store.cases.save({ ...c, state: 'claimed', claimedBy: nurse.id });
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        expect(first.case.version).toBe(2);

        const stale = await store.cases.save({ ...c, state: 'closed', closedReason: 'moved' });
        expect(stale).toEqual({ ok: false, reason: 'conflict' });
        const stored = await store.cases.get(c.id);
        expect(stored?.state).toBe('claimed');
        expect(stored?.version).toBe(2);
      });

      it('lets exactly one of 20 concurrent saves of one version win', async () => {
        const c = storedCase();
        await store.cases.create(c);
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.cases.save({ ...c, state: 'claimed', claimedBy: `nurse-${i}` }),
          ),
        );
        const winners = results.filter((r) => r.ok);
        expect(winners).toHaveLength(1);
        expect(results.filter((r) => !r.ok && r.reason === 'conflict')).toHaveLength(19);
        const stored = await store.cases.get(c.id);
        expect(stored?.version).toBe(2);
        expect(stored?.claimedBy).toBe(winners[0].ok ? winners[0].case.claimedBy : 'none');
      });

      it('refuses to save a case that was never created', async () => {
        expect(await store.cases.save(storedCase())).toEqual({ ok: false, reason: 'conflict' });
      });

      it('finds open cases due at or before T, earliest first, up to the limit', async () => {
        const due = (iso: string, extra: Partial<Case> = {}) =>
          storedCase({ nextDueAt: iso, ...extra });
        const late = due('2026-03-02T12:00:00.000Z');
        const early = due('2026-03-02T08:00:00.000Z', { zoneId: 'sor' });
        const exact = due('2026-03-02T13:00:00.000Z');
        const future = due('2026-03-02T13:00:00.001Z');
        const closed = due('2026-03-02T07:00:00.000Z', { state: 'closed', closedReason: 'moved' });
        const never = storedCase({ nextDueAt: null, deadline: null });
        for (const c of [late, early, exact, future, closed, never]) await store.cases.create(c);

        const found = await store.cases.dueBefore('2026-03-02T13:00:00.000Z', 10);
        expect(found.map((c) => c.id)).toEqual([early.id, late.id, exact.id]);
        const limited = await store.cases.dueBefore('2026-03-02T13:00:00.000Z', 2);
        expect(limited.map((c) => c.id)).toEqual([early.id, late.id]);
      });

      it("lists a zone's cases by urgency, cases without a due time last, closed ones on request", async () => {
        const a = storedCase({ nextDueAt: '2026-03-05T10:00:00.000Z' });
        const b = storedCase({ nextDueAt: '2026-03-03T10:00:00.000Z' });
        const none = storedCase({ nextDueAt: null, deadline: null, state: 'in_follow_up' });
        const closed = storedCase({
          nextDueAt: null,
          deadline: null,
          state: 'closed',
          closedReason: 'died',
        });
        const other = storedCase({ zoneId: 'sor' });
        for (const c of [a, b, none, closed, other]) await store.cases.create(c);

        const open = await store.cases.byZone('nord', { openOnly: true });
        expect(open.map((c) => c.id)).toEqual([b.id, a.id, none.id]);
        const all = await store.cases.byZone('nord');
        expect(all.map((c) => c.id).sort()).toEqual([a.id, b.id, none.id, closed.id].sort());
        expect(all.slice(0, 2).map((c) => c.id)).toEqual([b.id, a.id]);
        expect(await store.cases.byZone('nord', { limit: 1 })).toHaveLength(1);
      });

      it('keeps the whole history across saves (nothing is ever dropped)', async () => {
        const c = storedCase();
        await store.cases.create(c);
        const entry = { ...c.history[0], action: 'claim', from: c.state, to: 'claimed' as const };
        const saved = await store.cases.save({ ...c, history: [...c.history, entry] });
        expect(saved.ok).toBe(true);
        expect((await store.cases.get(c.id))?.history).toHaveLength(2);
      });
    });

    describe('roster and zones', () => {
      it('stores, replaces and lists staff members', async () => {
        await store.roster.put(nurse);
        await store.roster.put({
          id: 'l-1',
          name: 'Anne Leder',
          roles: ['leader'],
          zoneIds: ['nord'],
        });
        await store.roster.put({ ...nurse, zoneIds: ['nord', 'sor'] });
        expect(await store.roster.get(nurse.id)).toEqual({ ...nurse, zoneIds: ['nord', 'sor'] });
        expect((await store.roster.list()).map((m) => m.id)).toEqual(['l-1', 'n-1']);
        expect(await store.roster.get('nobody')).toBeUndefined();
      });

      it('stores zones with their channel link and lists them by id', async () => {
        const zone: Zone = { id: 'sor', name: 'Sone Sør', channel: null };
        await store.zones.put(zone);
        await store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
        const linked: Zone = {
          ...zone,
          channel: {
            serviceUrl: 'https://smba.trafficmanager.net/emea/',
            channelId: 'msteams',
            conversationId: '19:abc@thread.tacv2',
            tenantId: 'tenant-1',
            botId: '28:bot',
            linkedBy: 'l-1',
            linkedAt: '2026-03-02T09:00:00.000Z',
          },
        };
        await store.zones.put(linked);
        expect(await store.zones.get('sor')).toEqual(linked);
        expect((await store.zones.list()).map((z) => z.id)).toEqual(['nord', 'sor']);
        expect(await store.zones.get('vest')).toBeUndefined();
      });
    });

    describe('exactly-once markers', () => {
      it('lets the first creator win and everybody else see the marker', async () => {
        const key = 'escalation:case-1:firstContact:overdue';
        expect(await store.markers.create(key, 'intent', '2026-03-02T09:00:00.000Z')).toBe(true);
        expect(await store.markers.create(key, 'intent', '2026-03-02T09:00:01.000Z')).toBe(false);
        await store.markers.setStatus(key, 'sent', '2026-03-02T09:00:02.000Z');
        expect(await store.markers.get(key)).toEqual({
          key,
          status: 'sent',
          createdAt: '2026-03-02T09:00:00.000Z',
          updatedAt: '2026-03-02T09:00:02.000Z',
        });
        expect(await store.markers.get('other')).toBeUndefined();
      });

      it('has exactly one winner among 20 concurrent creators', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, () =>
            store.markers.create('race', 'intent', '2026-03-02T09:00:00.000Z'),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('card-post outbox', () => {
      it('lists cases awaiting a claim without a card, oldest first (ties by id), up to the limit', async () => {
        const at = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:00.000Z`;
        const newest = storedCase({ createdAt: at(30) });
        const oldest = storedCase({ createdAt: at(5) });
        // Same createdAt: the id decides.
        const tieB = storedCase({ id: `b-${randomUUID()}`, createdAt: at(10) });
        const tieA = storedCase({ id: `a-${randomUUID()}`, createdAt: at(10) });
        const posted = storedCase({
          createdAt: at(1),
          card: { conversationId: '19:abc@thread.tacv2', activityId: '1700000000000' },
        });
        const claimed = storedCase({ createdAt: at(2), state: 'claimed', claimedBy: nurse.id });
        const closed = storedCase({ createdAt: at(3), state: 'closed', closedReason: 'moved' });
        for (const c of [newest, oldest, tieB, tieA, posted, claimed, closed]) {
          await store.cases.create(c);
        }

        const found = await store.cases.withoutCard(10);
        expect(found.map((c) => c.id)).toEqual([oldest.id, tieA.id, tieB.id, newest.id]);
        expect(found[0]).toEqual(oldest);
        expect((await store.cases.withoutCard(2)).map((c) => c.id)).toEqual([oldest.id, tieA.id]);
        expect(await store.cases.withoutCard(0)).toEqual([]);
      });

      it('drops a case once its card is recorded or it is claimed', async () => {
        const c = storedCase();
        const other = storedCase();
        await store.cases.create(c);
        await store.cases.create(other);
        expect((await store.cases.withoutCard(10)).map((x) => x.id).sort()).toEqual(
          [c.id, other.id].sort(),
        );
        const saved = await store.cases.save({
          ...c,
          card: { conversationId: '19:abc@thread.tacv2', activityId: '1700000000001' },
        });
        expect(saved.ok).toBe(true);
        await store.cases.save({ ...other, state: 'claimed', claimedBy: nurse.id });
        expect(await store.cases.withoutCard(10)).toEqual([]);
      });
    });

    describe('access log', () => {
      let serialEntry = 0;
      const entry = (overrides: Partial<AccessLogEntry> = {}): AccessLogEntry => {
        serialEntry += 1;
        return {
          id: randomUUID(),
          at: `2026-03-02T09:00:${String(serialEntry % 60).padStart(2, '0')}.000Z`,
          actorId: 'aad-oid-1',
          caseId: 'case-1',
          caseCode: 'ACDEF',
          action: 'view',
          via: 'personal',
          ...overrides,
        };
      };

      it("appends entries and reads one case's, oldest first with ties by id", async () => {
        const late = entry({ at: '2026-03-02T12:00:00.000Z' });
        const early = entry({ at: '2026-03-02T08:00:00.000Z', action: 'claim', via: 'channel' });
        const tieB = entry({ id: `b-${randomUUID()}`, at: '2026-03-02T10:00:00.000Z' });
        const tieA = entry({ id: `a-${randomUUID()}`, at: '2026-03-02T10:00:00.000Z' });
        const otherCase = entry({ caseId: 'case-2', caseCode: 'CDEFG', at: late.at });
        for (const e of [late, early, tieB, tieA, otherCase]) await store.accessLog.append(e);

        expect(await store.accessLog.byCase('case-1')).toEqual([early, tieA, tieB, late]);
        expect(await store.accessLog.byCase('case-2')).toEqual([otherCase]);
        expect(await store.accessLog.byCase('no-such-case')).toEqual([]);
      });

      it('refuses a second entry under an existing id and keeps the first', async () => {
        const first = entry();
        await store.accessLog.append(first);
        await expect(
          store.accessLog.append({ ...first, action: 'close', actorId: 'aad-oid-2' }),
        ).rejects.toThrow(/already exists/);
        await expect(store.accessLog.append(first)).rejects.toThrow(/already exists/);
        expect(await store.accessLog.byCase(first.caseId)).toEqual([first]);
      });

      it('refuses an entry that does not have the stored shape', async () => {
        const bad = { ...entry(), via: 'email' } as unknown as AccessLogEntry;
        await expect(store.accessLog.append(bad)).rejects.toThrow();
        const local = entry({ at: '2026-03-02T10:00:00+01:00' });
        await expect(store.accessLog.append(local)).rejects.toThrow();
        expect(await store.accessLog.byCase('case-1')).toEqual([]);
      });

      it('exports a time range across cases, from inclusive, to exclusive, oldest first', async () => {
        const before = entry({ at: '2026-02-28T23:59:59.999Z' });
        const atFrom = entry({ at: '2026-03-01T00:00:00.000Z', caseId: 'case-2' });
        const tieB = entry({ id: `b-${randomUUID()}`, at: '2026-03-15T12:00:00.000Z' });
        const tieA = entry({ id: `a-${randomUUID()}`, at: '2026-03-15T12:00:00.000Z' });
        const lastIn = entry({ at: '2026-03-31T23:59:59.999Z', caseId: 'case-3' });
        const atTo = entry({ at: '2026-04-01T00:00:00.000Z' });
        for (const e of [atTo, tieB, before, lastIn, atFrom, tieA]) await store.accessLog.append(e);

        expect(
          await store.accessLog.between('2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'),
        ).toEqual([atFrom, tieA, tieB, lastIn]);
        expect(
          await store.accessLog.between('2026-05-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z'),
        ).toEqual([]);
      });

      it('purges entries older than the cutoff, returning how many, keeping the rest', async () => {
        const cutoff = '2026-03-01T00:00:00.000Z';
        const old = [
          entry({ at: '2025-01-01T00:00:00.000Z' }),
          entry({ at: '2026-02-28T23:59:59.999Z', caseId: 'case-2' }),
          entry({ at: '2026-02-01T00:00:00.000Z', caseId: 'case-3' }),
        ];
        const atCutoff = entry({ at: cutoff });
        const recent = entry({ at: '2026-03-02T00:00:00.000Z', caseId: 'case-2' });
        for (const e of [...old, atCutoff, recent]) await store.accessLog.append(e);

        expect(await store.accessLog.purgeBefore(cutoff)).toBe(3);
        expect(await store.accessLog.purgeBefore(cutoff)).toBe(0);
        expect(
          await store.accessLog.between('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z'),
        ).toEqual([atCutoff, recent]);
        expect(await store.accessLog.byCase('case-3')).toEqual([]);
      });
    });

    describe('idempotency records', () => {
      const t0 = '2026-03-02T09:00:00.000Z';
      const t1 = '2026-03-02T09:00:01.000Z';

      it('begins a key once; a second begin, even with another body, learns it exists', async () => {
        const key = 'referrals:3f2a9c';
        expect(await store.idempotency.begin(key, 'sha256:body-1', t0)).toBe(true);
        expect(await store.idempotency.begin(key, 'sha256:body-2', t1)).toBe(false);
        expect(await store.idempotency.get(key)).toEqual({
          key,
          fingerprint: 'sha256:body-1',
          status: 'pending',
          createdAt: t0,
          updatedAt: t0,
        });
        expect(await store.idempotency.get('referrals:unknown')).toBeUndefined();
      });

      it('stores the answer, any JSON body, keeping when it began', async () => {
        const key = 'referrals:answered';
        await store.idempotency.begin(key, 'fp', t0);
        const body = {
          caseId: 'c-1',
          code: 'ACDEF',
          nested: { list: [1, 2.5, -3, 'tekst med æøå', null, true], empty: {} },
        };
        await store.idempotency.complete(key, { status: 201, body }, t1);
        expect(await store.idempotency.get(key)).toEqual({
          key,
          fingerprint: 'fp',
          status: 'done',
          response: { status: 201, body },
          createdAt: t0,
          updatedAt: t1,
        });
        await store.idempotency.begin('referrals:plain', 'fp', t0);
        await store.idempotency.complete('referrals:plain', { status: 409, body: 'taken' }, t1);
        expect((await store.idempotency.get('referrals:plain'))?.response).toEqual({
          status: 409,
          body: 'taken',
        });
      });

      it('keeps the body as its JSON carries it, and only the status and body', async () => {
        const key = 'referrals:loose';
        await store.idempotency.begin(key, 'fp', t0);
        const response = {
          status: 201,
          body: { id: 'c-1', note: undefined, at: new Date(t0) },
          headers: { 'x-extra': '1' },
        };
        await store.idempotency.complete(key, response, t1);
        expect((await store.idempotency.get(key))?.response).toStrictEqual({
          status: 201,
          body: { id: 'c-1', at: t0 },
        });
      });

      it('refuses to complete a key nobody began', async () => {
        await expect(
          store.idempotency.complete('referrals:never', { status: 201, body: {} }, t1),
        ).rejects.toThrow(/never begun/);
        expect(await store.idempotency.get('referrals:never')).toBeUndefined();
      });

      it('forgets an abandoned key, so a retry can begin it again', async () => {
        const key = 'referrals:failed';
        await store.idempotency.begin(key, 'fp', t0);
        await store.idempotency.abandon(key);
        expect(await store.idempotency.get(key)).toBeUndefined();
        expect(await store.idempotency.begin(key, 'fp', t1)).toBe(true);
        expect((await store.idempotency.get(key))?.createdAt).toBe(t1);
        await expect(store.idempotency.abandon('referrals:unknown')).resolves.toBeUndefined();
      });

      it('keeps keys with any characters apart', async () => {
        const keys = [
          'referrals:a/b',
          'referrals:a?b#c',
          'referrals:100%',
          `referrals:${'x'.repeat(300)}`,
        ];
        for (const key of keys) expect(await store.idempotency.begin(key, key, t0)).toBe(true);
        for (const key of keys) expect((await store.idempotency.get(key))?.fingerprint).toBe(key);
      });

      it('lets exactly one of 20 concurrent begins of one key win', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.idempotency.begin('referrals:race', `fp-${i}`, t0),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = results.indexOf(true);
        expect((await store.idempotency.get('referrals:race'))?.fingerprint).toBe(`fp-${winner}`);
      });
    });

    describe('routine snapshots', () => {
      const otherPolicy = () => {
        const policy = defaultRoutine().policy;
        policy.claimReminder = { ...policy.claimReminder, everyMinutes: 90 };
        return policy;
      };

      it('stores one snapshot per routine version and content, whatever the number of cases', async () => {
        const cases = [storedCase(), storedCase(), storedCase({ state: 'claimed' })];
        for (const c of cases) await store.cases.create(c);
        const newVersion = storedCase({ routineVersion: 'test-2' });
        const newContent = storedCase({ policy: otherPolicy() });
        await store.cases.create(newVersion);
        await store.cases.create(newContent);

        const refs = [
          routineRef('test', defaultRoutine().policy),
          routineRef('test-2', defaultRoutine().policy),
          routineRef('test', otherPolicy()),
        ];
        expect(new Set(refs).size).toBe(3);
        const listed = await store.routines.list();
        expect(listed.map((r) => r.ref)).toEqual([...refs].sort());
        expect(await store.routines.get(refs[2])).toEqual({
          ref: refs[2],
          version: 'test',
          policy: newContent.policy,
        });
        expect(await store.routines.get('test:0000000000000000')).toBeUndefined();
        for (const c of [...cases, newVersion, newContent]) {
          expect(await store.cases.get(c.id)).toEqual(c);
        }
        const zone = await store.cases.byZone('nord');
        expect(zone.find((c) => c.id === newContent.id)?.policy).toEqual(newContent.policy);
      });

      it("keeps a case's own snapshot across saves while other cases get another", async () => {
        const old = storedCase();
        await store.cases.create(old);
        const edited = storedCase({ policy: otherPolicy() });
        await store.cases.create(edited);
        const saved = await store.cases.save({ ...old, state: 'claimed', claimedBy: nurse.id });
        expect(saved.ok && saved.case.policy).toEqual(old.policy);
        const read = await store.cases.get(old.id);
        expect(read?.policy).toEqual(old.policy);
        expect(read?.policy.claimReminder.everyMinutes).not.toBe(90);
        // Saving what was read again names the same snapshot: nothing new is stored.
        if (read) await store.cases.save({ ...read, note: 'ringt' });
        expect(await store.routines.list()).toHaveLength(2);
      });
    });

    it('has set nothing aside in a store that holds only what it wrote', async () => {
      await store.cases.create(storedCase());
      await store.cases.dueBefore('2100-01-01T00:00:00.000Z', 10);
      expect(store.health()).toEqual({ setAside: 0, ids: [] });
    });

    if (harness.raw) describeStoredForm(() => store, harness.raw, harness);

    it('answers ping while open', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

/** What the adapters store, and what they make of documents they did not write. */
function describeStoredForm(
  current: () => Store,
  rawOf: (store: Store) => RawDocuments,
  harness: StoreHarness,
): void {
  const PAST = '2026-03-02T08:00:00.000Z';
  const LATER = '2026-03-03T08:00:00.000Z';
  const SECRET = 'DIPS-SECRET-4711';

  describe('stored form', () => {
    it('stores a case without its policy, naming its routine snapshot, which is stored once', async () => {
      const store = current();
      const raw = rawOf(store);
      const c = storedCase();
      await store.cases.create(c);
      const doc = await raw.get('cases', c.id);
      const ref = routineRef(c.routineVersion, c.policy);
      expect(doc?.policyRef).toBe(ref);
      expect(doc).not.toHaveProperty('policy');
      const { policy: _policy, ...rest } = c;
      expect(doc).toEqual({ ...rest, policyRef: ref });
      expect(await raw.get('routines', ref)).toEqual({
        id: ref,
        version: 'test',
        policy: c.policy,
      });
      // The policy is most of a case: 1.6 of 2.5 KB.
      expect(JSON.stringify(doc).length).toBeLessThan(JSON.stringify(c).length - 1_000);
    });

    it('reads a case stored with its policy embedded, and saves it in the reference form', async () => {
      const store = current();
      const raw = rawOf(store);
      const legacy = storedCase({ nextDueAt: PAST });
      await raw.put('cases', legacy);
      expect(await store.cases.get(legacy.id)).toEqual(legacy);
      expect(await store.cases.getByCode(legacy.code)).toEqual(legacy);
      expect((await store.cases.dueBefore(LATER, 10)).map((c) => c.id)).toEqual([legacy.id]);
      expect(await store.routines.list()).toEqual([]);

      const saved = await store.cases.save({ ...legacy, state: 'claimed', claimedBy: nurse.id });
      expect(saved.ok).toBe(true);
      const doc = await raw.get('cases', legacy.id);
      const ref = routineRef(legacy.routineVersion, legacy.policy);
      expect(doc?.policyRef).toBe(ref);
      expect(doc).not.toHaveProperty('policy');
      expect((await store.cases.get(legacy.id))?.policy).toEqual(legacy.policy);
      expect((await store.routines.list()).map((r) => r.ref)).toEqual([ref]);
    });

    it('refuses to store a case under a ref whose stored snapshot has other content', async () => {
      const store = current();
      const c = storedCase();
      const ref = routineRef(c.routineVersion, c.policy);
      await rawOf(store).put('routines', { id: ref, version: 'test', policy: otherContent() });
      await expect(store.cases.create(c)).rejects.toThrow(/other content/);
      expect(await store.cases.get(c.id)).toBeUndefined();
      // Not taken for the snapshot either: its content does not match its ref.
      expect(await store.routines.get(ref)).toBeUndefined();
      expect(store.health().ids).toEqual([`routines/${ref}`]);
    });
  });

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

    /** A case as stored, due, awaiting its card in zone nord: found by every case query. */
    const storedDoc = (overrides: Record<string, unknown>) => {
      const { policy, ...rest } = storedCase({ nextDueAt: PAST, patientRef: SECRET });
      return { ...rest, policyRef: routineRef(rest.routineVersion, policy), ...overrides };
    };

    it('leaves a bad case out of every list, answers undefined for it, counts and reports it once by id', async () => {
      const good = [
        storedCase({ nextDueAt: PAST, createdAt: '2026-03-02T07:00:00.000Z' }),
        storedCase({ nextDueAt: PAST, createdAt: '2026-03-02T07:30:00.000Z' }),
      ];
      for (const c of good) await store.cases.create(c);
      expect(store.health()).toEqual({ setAside: 0, ids: [] });
      const broken = storedDoc({ id: 'bad-history', code: 'BAD01', history: 'lost' });
      const orphan = storedDoc({
        id: 'bad-ref',
        code: 'BAD02',
        policyRef: 'test:0000000000000000',
      });
      const unknownKey = storedDoc({ id: 'bad-key', code: 'BAD03', [SECRET]: true });
      for (const doc of [broken, orphan, unknownKey]) await raw.put('cases', doc);

      const ids = (cases: Case[]) => cases.map((c) => c.id).sort();
      const expected = good.map((c) => c.id).sort();
      expect(ids(await store.cases.dueBefore(LATER, 10))).toEqual(expected);
      expect(ids(await store.cases.byZone('nord'))).toEqual(expected);
      expect(ids(await store.cases.withoutCard(10))).toEqual(expected);
      expect(await store.cases.get('bad-history')).toBeUndefined();
      expect(await store.cases.getByCode('BAD02')).toBeUndefined();
      expect(await store.cases.get(good[0].id)).toEqual(good[0]);

      const health = store.health();
      expect(health.setAside).toBe(3);
      expect([...health.ids].sort()).toEqual([
        'cases/bad-history',
        'cases/bad-key',
        'cases/bad-ref',
      ]);
      const byId = Object.fromEntries(reports.map((r) => [r.id, r]));
      expect(reports).toHaveLength(3);
      expect(byId['bad-history']).toEqual({
        collection: 'cases',
        id: 'bad-history',
        reason: 'schema',
        fields: ['history'],
      });
      expect(byId['bad-ref']).toEqual({
        collection: 'cases',
        id: 'bad-ref',
        reason: 'routine',
        fields: ['policyRef'],
      });
      expect(byId['bad-key']).toMatchObject({ collection: 'cases', reason: 'schema' });
      // Never the content: not the record reference, not even an unknown key's name.
      expect(JSON.stringify([reports, health])).not.toContain(SECRET);
    });

    it('leaves a case out whose routine snapshot does not match its ref', async () => {
      const good = storedCase({ nextDueAt: PAST });
      await store.cases.create(good);
      const forged = 'test:1111111111111111';
      await raw.put('routines', { id: forged, version: 'test', policy: good.policy });
      await raw.put('cases', storedDoc({ id: 'bad-forged', code: 'BAD04', policyRef: forged }));
      expect((await store.cases.dueBefore(LATER, 10)).map((c) => c.id)).toEqual([good.id]);
      expect(await store.routines.get(forged)).toBeUndefined();
      expect((await store.routines.list()).map((r) => r.ref)).toEqual([
        routineRef(good.routineVersion, good.policy),
      ]);
      expect(store.health().ids.sort()).toEqual(['cases/bad-forged', `routines/${forged}`]);
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

/** A valid policy unlike the default one. */
function otherContent() {
  const policy = defaultRoutine().policy;
  policy.claimReminder = { ...policy.claimReminder, everyMinutes: 120 };
  return policy;
}
