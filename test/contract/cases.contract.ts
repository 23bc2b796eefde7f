import { randomUUID } from 'node:crypto';
import type { Case } from '../../src/domain/case';
import type { Store } from '../../src/store/port';
import type { BadDocument } from '../../src/store/set-aside';
import {
  accessEntry,
  freshStore,
  LATER,
  nurse,
  PAST,
  type RawDocuments,
  SECRET,
  type StoreHarness,
  storedCase,
  storedDoc,
  uniqueCode,
} from './store-contract';

/** Cases: create, conditional save, the queries, and the card-post outbox. */
export function describeCasesContract(label: string, harness: StoreHarness): void {
  describe(`Store contract: ${label}`, () => {
    const store = freshStore(harness);

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

      it("stores a change's access-log entry with it, and none for a refused save", async () => {
        const c = storedCase();
        const registered = accessEntry(c, 'registerReferral');
        expect((await store.cases.create(c, registered)).ok).toBe(true);
        const claim = accessEntry(c, 'claim', 6);
        expect((await store.cases.save({ ...c, state: 'claimed' }, claim)).ok).toBe(true);
        const refused = accessEntry(c, 'logContact');
        expect(await store.cases.save({ ...c, state: 'closed' }, refused)).toEqual({
          ok: false,
          reason: 'conflict',
        });
        expect(await store.cases.create(c, accessEntry(c, 'registerReferral'))).toEqual({
          ok: false,
          reason: 'duplicate',
        });
        expect(await store.accessLog.byCase(c.id)).toEqual([registered, claim]);
      });

      it('keeps writes asked for at the same moment apart: a refused one changes none of the others', async () => {
        const [a, b, taken] = [storedCase(), storedCase(), storedCase()];
        for (const c of [a, b, taken]) await store.cases.create(c);
        const fresh = storedCase();
        const sameCode = storedCase({ code: taken.code });
        const logged = accessEntry(a, 'claim');

        const results = await Promise.all([
          store.cases.create(fresh, accessEntry(fresh, 'registerReferral')),
          store.cases.create(sameCode, accessEntry(sameCode, 'registerReferral')),
          store.cases.save({ ...a, state: 'claimed', claimedBy: nurse.id }, logged),
          store.cases.save({ ...taken, version: 0, state: 'closed' }),
          store.cases.save({ ...b, state: 'claimed' }),
        ]);

        expect(results.map((r) => (r.ok ? 'ok' : r.reason))).toEqual([
          'ok',
          'duplicate',
          'ok',
          'conflict',
          'ok',
        ]);
        expect(await store.cases.get(fresh.id)).toBeDefined();
        expect(await store.cases.get(sameCode.id)).toBeUndefined();
        expect((await store.cases.get(a.id))?.version).toBe(2);
        expect(await store.cases.get(taken.id)).toEqual(taken);
        expect((await store.cases.get(b.id))?.state).toBe('claimed');
        expect(await store.accessLog.byCase(a.id)).toEqual([logged]);
        expect(await store.accessLog.byCase(b.id)).toEqual([]);
        expect(await store.accessLog.byCase(sameCode.id)).toEqual([]);
        expect(await store.accessLog.byCase(fresh.id)).toHaveLength(1);
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

    if (harness.raw) describeUnparsedCases(harness.raw, harness);
  });
}

/** What the adapter makes of stored cases it did not write. */
function describeUnparsedCases(rawOf: (store: Store) => RawDocuments, harness: StoreHarness): void {
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
  });
}
