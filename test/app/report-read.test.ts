import { createReportReader } from '../../src/app/report-read';
import { applyCommand } from '../../src/domain/case-commands';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { must, newCase, roster, staff, TIMELINE } from '../support/domain-fixtures';

/*
 * The report's reader keeps the facts of its last read and scans only the cases written
 * since: every case must still be counted once, at its current version, however it was
 * read (kept facts, stored facts, its document).
 */

const OSLO = 'Europe/Oslo';
const ZONES = new Set(['nord']);
const AFTER_THE_DAY = new Date('2026-03-10T12:00:00.000Z');

const summary = (read: Awaited<ReturnType<ReturnType<typeof createReportReader>>>) => ({
  kept: read.kept.map((k) => k.id).sort(),
  docs: read.docs.map((c) => `${c.id}@${c.version}`).sort(),
  loaded: read.loaded,
  refreshed: read.refreshed,
});

async function storeWith(ids: string[]): Promise<Store> {
  const store = openSqliteStore(':memory:');
  for (const [i, id] of ids.entries()) {
    const c = newCase({}, { id, code: `CASE${String.fromCharCode(65 + i)}` });
    expect((await store.cases.create(c)).ok).toBe(true);
  }
  return store;
}

const claim = async (store: Store, id: string, at: Date) => {
  const c = await store.cases.get(id);
  if (!c) throw new Error(id);
  expect(
    (await store.cases.save(must(applyCommand(c, { type: 'claim' }, staff.nurseA, at, roster)))).ok,
  ).toBe(true);
};

/** The same store without marks of its writes (as Cosmos DB): every read scans every case. */
const withoutMarks = (store: Store): Store => ({
  ...store,
  reportFacts: {
    ...store.reportFacts,
    writeMark: async () => null,
    versions: (pageSize) => store.reportFacts.versions(pageSize, null),
  },
});

describe.each([
  ['a store that marks its writes', (s: Store) => s],
  ['a store without marks', withoutMarks],
])('the report reader on %s', (_label, wrap) => {
  it('reads every case once, and after writes only what was written, at its new version', async () => {
    const base = await storeWith(['a', 'b', 'c']);
    const store = wrap(base);
    const read = createReportReader(store, OSLO);
    expect(summary(await read({ asOf: AFTER_THE_DAY, zoneIds: ZONES }))).toEqual({
      kept: ['a', 'b', 'c'],
      docs: [],
      loaded: 0,
      refreshed: 3,
    });
    // Nothing written: nothing read again.
    expect(summary(await read({ asOf: AFTER_THE_DAY, zoneIds: ZONES }))).toEqual({
      kept: ['a', 'b', 'c'],
      docs: [],
      loaded: 0,
      refreshed: 0,
    });
    await claim(base, 'b', TIMELINE.claimed);
    expect((await base.cases.create(newCase({}, { id: 'd', code: 'CASED' }))).ok).toBe(true);
    const next = await read({ asOf: AFTER_THE_DAY, zoneIds: ZONES });
    expect(summary(next)).toEqual({
      kept: ['a', 'b', 'c', 'd'],
      docs: [],
      loaded: 0,
      refreshed: 2,
    });
    expect(next.kept.find((k) => k.id === 'b')?.hadBy).toEqual([staff.nurseA.id]);
    // Another reader (a restart) loads the stored facts, of the current versions.
    expect(
      summary(await createReportReader(store, OSLO)({ asOf: AFTER_THE_DAY, zoneIds: ZONES })),
    ).toEqual({
      kept: ['a', 'b', 'c', 'd'],
      docs: [],
      loaded: 4,
      refreshed: 0,
    });
    await base.close();
  });

  it('reads a case with an entry after the report’s time from its document, and keeps it once the time has passed', async () => {
    const base = await storeWith(['a', 'b']);
    const store = wrap(base);
    await claim(base, 'b', TIMELINE.claimed);
    const read = createReportReader(store, OSLO);
    // Before the claim: b's document is read (its facts would hold the claim).
    const before = await read({ asOf: TIMELINE.registered, zoneIds: ZONES });
    expect(summary(before)).toEqual({ kept: ['a'], docs: ['b@2'], loaded: 0, refreshed: 1 });
    // Nothing written since, yet b is read again: from its document, now kept.
    expect(summary(await read({ asOf: AFTER_THE_DAY, zoneIds: ZONES }))).toEqual({
      kept: ['a', 'b'],
      docs: [],
      loaded: 0,
      refreshed: 1,
    });
    // A report of an earlier time again (a clock set back): b from its document once more.
    expect(summary(await read({ asOf: TIMELINE.registered, zoneIds: ZONES }))).toEqual({
      kept: ['a'],
      docs: ['b@2'],
      loaded: 0,
      refreshed: 0,
    });
    await base.close();
  });

  it('after a read that failed part way, reads every case again', async () => {
    const base = await storeWith(['a', 'b']);
    await claim(base, 'b', TIMELINE.claimed);
    let failing = false;
    const flaky = wrap({
      ...base,
      cases: {
        ...base.cases,
        get: async (id) => {
          if (failing) throw new Error('store gone');
          return base.cases.get(id);
        },
      },
    });
    const read = createReportReader(flaky, OSLO);
    // b is read from its document (its claim is after this report's time).
    expect(summary(await read({ asOf: TIMELINE.registered, zoneIds: ZONES })).docs).toEqual([
      'b@2',
    ]);
    failing = true;
    await expect(read({ asOf: AFTER_THE_DAY, zoneIds: ZONES })).rejects.toThrow('store gone');
    failing = false;
    expect(summary(await read({ asOf: AFTER_THE_DAY, zoneIds: ZONES }))).toEqual({
      kept: ['a', 'b'],
      docs: [],
      loaded: 1,
      refreshed: 1,
    });
    await base.close();
  });

  it('gives the cases of the zones asked for, and the escalations of those only', async () => {
    const base = openSqliteStore(':memory:');
    const store = wrap(base);
    await base.cases.create(newCase({}, { id: 'north', code: 'NORTH' }));
    await base.cases.create(newCase({ zoneId: 'sor' }, { id: 'south', code: 'SOUTH' }));
    const sent = (id: string) => `escalation:${id}:firstContact:2026-03-09T14:30:00.000Z:reminder`;
    for (const id of ['north', 'south'])
      await base.markers.create(sent(id), 'sent', '2026-03-09T15:00:00.000Z');
    const read = createReportReader(store, OSLO);
    const nord = await read({ asOf: AFTER_THE_DAY, zoneIds: ZONES });
    expect(nord.kept.map((k) => k.id)).toEqual(['north']);
    expect(nord.escalations.map((e) => e.caseId)).toEqual(['north']);
    const both = await read({ asOf: AFTER_THE_DAY, zoneIds: new Set(['nord', 'sor']) });
    expect(both.kept.map((k) => k.id).sort()).toEqual(['north', 'south']);
    expect(both.escalations.map((e) => e.caseId).sort()).toEqual(['north', 'south']);
    await base.close();
  });
});
