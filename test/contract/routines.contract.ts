import type { Store } from '../../src/store/port';
import { routineRef } from '../../src/store/routine-snapshots';
import type { BadDocument } from '../../src/store/set-aside';
import { defaultRoutine } from '../support/domain-fixtures';
import {
  currentStore,
  freshStore,
  LATER,
  nurse,
  PAST,
  type RawDocuments,
  type StoreHarness,
  storedCase,
  storedDoc,
} from './store-contract';

/** The routine snapshots cases name, and the reference form of the case documents. */
export function describeRoutinesContract(label: string, harness: StoreHarness): void {
  describe(`Store contract: ${label}`, () => {
    const store = freshStore(harness);

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

    if (harness.raw) describeStoredForm(() => currentStore(store), harness.raw, harness);
  });
}

/** What the adapters store, and what they make of routine snapshots they did not write. */
function describeStoredForm(
  current: () => Store,
  rawOf: (store: Store) => RawDocuments,
  harness: StoreHarness,
): void {
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
  });
}

/** A valid policy unlike the default one. */
function otherContent() {
  const policy = defaultRoutine().policy;
  policy.claimReminder = { ...policy.claimReminder, everyMinutes: 120 };
  return policy;
}
