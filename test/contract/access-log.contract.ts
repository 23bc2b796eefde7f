import { randomUUID } from 'node:crypto';
import type { AccessLogEntry } from '../../src/store/port';
import { freshStore, type StoreHarness } from './store-contract';

/** The access log: append-only, read by case and by time range, purged by age. */
export function describeAccessLogContract(label: string, harness: StoreHarness): void {
  describe(`Store contract: ${label}`, () => {
    const store = freshStore(harness);

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
  });
}
