import { caseKeeper, factsDoc, type ReportFactsDoc } from '../../src/domain/reports/kept-case';
import type { CaseVersionRow, Store } from '../../src/store/port';
import { freshStore, type StoreHarness, storedCase } from './store-contract';

const TIME_ZONE = 'Europe/Oslo';
const AS_OF = Date.parse('2026-03-03T08:00:00.000Z');

const factsOf = (c: ReturnType<typeof storedCase>, version = c.version): ReportFactsDoc => {
  const kept = caseKeeper(TIME_ZONE, AS_OF)(c);
  if (!kept) throw new Error('no facts');
  return factsDoc(kept, version, TIME_ZONE);
};

async function versions(store: Store, pageSize: number, since: number | null = null) {
  const pages: CaseVersionRow[][] = [];
  for await (const page of store.reportFacts.versions(pageSize, since)) pages.push(page);
  return pages;
}

/** The compliance report's facts beside the cases. */
export function describeReportFactsContract(label: string, harness: StoreHarness): void {
  describe(`Store contract: ${label}`, () => {
    const store = freshStore(harness);

    describe('report facts', () => {
      it('scans every case with its version, in pages', async () => {
        const cases = Array.from({ length: 7 }, () => storedCase());
        for (const c of cases) expect((await store.cases.create(c)).ok).toBe(true);
        const saved = await store.cases.save({ ...cases[1], state: 'claimed', claimedBy: 'n-1' });
        expect(saved.ok).toBe(true);

        const pages = await versions(store, 3);
        expect(pages.every((p) => p.length >= 1 && p.length <= 3)).toBe(true);
        const rows = pages.flat();
        expect(rows.map((r) => r.caseId).sort()).toEqual(cases.map((c) => c.id).sort());
        const byId = new Map(rows.map((r) => [r.caseId, r]));
        expect(byId.get(cases[0].id)).toEqual({ caseId: cases[0].id, version: 1 });
        expect(byId.get(cases[1].id)).toEqual({ caseId: cases[1].id, version: 2 });
      });

      it('scans from a mark the cases written since it: created or saved, not the others', async () => {
        const before = Array.from({ length: 4 }, () => storedCase());
        for (const c of before) expect((await store.cases.create(c)).ok).toBe(true);
        const mark = await store.reportFacts.writeMark();
        const created = storedCase();
        expect((await store.cases.create(created)).ok).toBe(true);
        expect((await store.cases.save({ ...before[2], state: 'claimed' })).ok).toBe(true);
        // A refused save writes nothing.
        expect((await store.cases.save({ ...before[0], version: 7 })).ok).toBe(false);

        const byId = (a: CaseVersionRow, b: CaseVersionRow) => a.caseId.localeCompare(b.caseId);
        const rows = (await versions(store, 1, mark)).flat().sort(byId);
        const expected = [
          { caseId: before[2].id, version: 2 },
          { caseId: created.id, version: 1 },
        ].sort(byId);
        if (mark === null) {
          // No marks in this store: every case, each with its version.
          expect(rows).toHaveLength(5);
          expect(rows).toEqual(expect.arrayContaining(expected));
        } else {
          expect(rows).toEqual(expected);
          // Nothing written since a mark taken now.
          expect(await versions(store, 10, await store.reportFacts.writeMark())).toEqual([]);
          expect((await versions(store, 10, null)).flat()).toHaveLength(5);
        }
      });

      it('reads the facts of the cases asked for, and replaces them by case', async () => {
        expect(await versions(store, 10)).toEqual([]);
        const [a, b] = [storedCase(), storedCase()];
        for (const c of [a, b]) await store.cases.create(c);
        expect(await store.reportFacts.get([a.id, b.id])).toEqual([]);
        const first = factsOf(a, 1);
        await store.reportFacts.put([first, factsOf(b, 1)]);
        expect(await store.reportFacts.get([a.id])).toEqual([first]);
        await store.reportFacts.put([factsOf(a, 2)]);
        const read = await store.reportFacts.get([a.id, b.id, 'no-such-case']);
        expect(read.map((f) => [f.id, f.version]).sort()).toEqual(
          [
            [a.id, 2],
            [b.id, 1],
          ].sort(),
        );
        expect(await store.reportFacts.get([])).toEqual([]);
      });
    });
  });
}
