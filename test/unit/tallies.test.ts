import fc from 'fast-check';
import { countAt, groups, zoneSum } from '../../src/domain/reports/tallies';

describe('report tallies', () => {
  it('count by zone and slot, and sum one zone or all of them', () => {
    const fact = fc.record({
      zone: fc.integer({ min: 0, max: 9 }),
      slot: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 200 }), (facts) => {
        const counts: number[] = [];
        for (const f of facts) countAt(counts, f.zone * 4 + f.slot);
        for (let slot = 0; slot < 4; slot++) {
          expect(zoneSum(counts, null, 4, slot)).toBe(facts.filter((f) => f.slot === slot).length);
          for (let zone = 0; zone < 12; zone++) {
            expect(zoneSum(counts, zone, 4, slot)).toBe(
              facts.filter((f) => f.zone === zone && f.slot === slot).length,
            );
          }
          // A zone no fact names.
          expect(zoneSum(counts, -1, 4, slot)).toBe(0);
        }
      }),
    );
  });

  it('group cases under every group they were added to, in the order added', () => {
    const entry = fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 500 }));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 100 }), (entries) => {
        const g = groups(8, (add) => {
          for (const [group, i] of entries) add(group, i);
        });
        for (let group = 0; group < 8; group++) {
          expect([...g.cases.subarray(g.start[group], g.start[group + 1])]).toEqual(
            entries.filter(([x]) => x === group).map(([, i]) => i),
          );
        }
      }),
    );
  });
});
