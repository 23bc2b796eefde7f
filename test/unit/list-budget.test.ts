import fc from 'fast-check';
import { countBy, jsonBytes, withinBudget } from '../../src/domain/list-budget';

interface Row {
  n: number;
  zone: string;
  late: boolean;
}

const rows = (count: number): Row[] =>
  Array.from({ length: count }, (_, n) => ({ n, zone: ['a', 'b', 'c'][n % 3], late: n % 2 === 0 }));

// A message of 100 bytes around the list and 10 per item shown.
const linear = (page: { shown: readonly unknown[] }) => 100 + 10 * page.shown.length;

describe('countBy', () => {
  it('counts per key and the urgent ones apart, largest group first, ties by key', () => {
    const counted = countBy(
      ['b', 'a', 'b', 'c', 'a', 'b'],
      (k) => k,
      (k) => k === 'a',
    );
    expect(counted).toEqual([
      { key: 'b', count: 3, urgent: 0 },
      { key: 'a', count: 2, urgent: 2 },
      { key: 'c', count: 1, urgent: 0 },
    ]);
    expect(countBy([], (k: string) => k)).toEqual([]);
  });
});

describe('withinBudget', () => {
  const groupBy = { zone: (r: Row) => r.zone };
  const isUrgent = (r: Row) => r.late;

  it('shows at most maxItems, in the given order, and counts the whole list', () => {
    const list = withinBudget(rows(100), {
      groupBy,
      isUrgent,
      budget: { maxItems: 25, maxBytes: 10_000 },
      measure: linear,
    });
    expect(list.shown.map((r) => r.n)).toEqual([...Array(25).keys()]);
    expect(list).toMatchObject({ total: 100, urgent: 50, offset: 0, remaining: 75 });
    expect(list.groups.zone).toEqual([
      { key: 'a', count: 34, urgent: 17 },
      { key: 'b', count: 33, urgent: 16 },
      { key: 'c', count: 33, urgent: 17 },
    ]);
  });

  it('shows fewer when the message would pass maxBytes, measuring only a few times', () => {
    const measure = jest.fn(linear);
    const list = withinBudget(rows(100), {
      groupBy,
      budget: { maxItems: 25, maxBytes: 175 },
      measure,
    });
    expect(list.shown).toHaveLength(7);
    expect(list.remaining).toBe(93);
    expect(measure.mock.calls.length).toBeLessThanOrEqual(1 + Math.ceil(Math.log2(25)));
  });

  it('measures once when everything fits', () => {
    const measure = jest.fn(linear);
    const list = withinBudget(rows(10), {
      groupBy,
      budget: { maxItems: 25, maxBytes: 1_000 },
      measure,
    });
    expect(list).toMatchObject({ total: 10, remaining: 0 });
    expect(list.shown).toHaveLength(10);
    expect(measure).toHaveBeenCalledTimes(1);
  });

  it('goes on from an offset, and starts from the top again past the end', () => {
    const budget = { maxItems: 25, maxBytes: 10_000 };
    const next = withinBudget(rows(60), { groupBy, budget, offset: 50, measure: linear });
    expect(next.shown.map((r) => r.n)).toEqual([...Array(10).keys()].map((i) => 50 + i));
    expect(next).toMatchObject({ offset: 50, remaining: 0, total: 60 });
    const past = withinBudget(rows(60), { groupBy, budget, offset: 60, measure: linear });
    expect(past).toMatchObject({ offset: 0, remaining: 35 });
    expect(withinBudget(rows(60), { groupBy, budget, offset: -3, measure: linear }).offset).toBe(0);
  });

  it('an empty list, and counts too large for any item, show nothing', () => {
    const empty = withinBudget([] as Row[], {
      groupBy,
      budget: { maxItems: 25, maxBytes: 1_000 },
      measure: linear,
    });
    expect(empty).toMatchObject({ total: 0, shown: [], remaining: 0, groups: { zone: [] } });
    const tooBig = withinBudget(rows(5), {
      groupBy,
      budget: { maxItems: 25, maxBytes: 50 },
      measure: linear,
    });
    expect(tooBig).toMatchObject({ total: 5, shown: [], remaining: 5 });
  });

  it('always picks the largest part that fits both limits (any sizes, any offset)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 500 }), { maxLength: 80 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 4_000 }),
        fc.integer({ min: 0, max: 90 }),
        (sizes, maxItems, maxBytes, offset) => {
          const measure = (page: { shown: readonly number[] }) =>
            page.shown.reduce((sum, s) => sum + s, 0);
          const list = withinBudget(sizes, {
            groupBy: {},
            budget: { maxItems, maxBytes },
            offset,
            measure,
          });
          const start = offset < sizes.length ? offset : 0;
          let best = 0;
          while (
            best < Math.min(maxItems, sizes.length - start) &&
            measure({ shown: sizes.slice(start, start + best + 1) }) <= maxBytes
          ) {
            best += 1;
          }
          expect(list.offset).toBe(start);
          expect(list.shown).toEqual(sizes.slice(start, start + best));
          expect(list.remaining).toBe(sizes.length - start - best);
        },
      ),
    );
  });
});

describe('jsonBytes', () => {
  it('counts UTF-8 bytes of the JSON, not characters', () => {
    expect(jsonBytes('a')).toBe(3);
    expect(jsonBytes('ø')).toBe(4);
    expect(jsonBytes({ t: '–' })).toBe('{"t":""}'.length + 3);
  });
});
