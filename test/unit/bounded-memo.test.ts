import { boundedMemo } from '../../src/domain/bounded-memo';

describe('a bounded memo', () => {
  it('works a value out once per key, null included, and starts afresh at its bound', () => {
    const memo = boundedMemo<string, number | null>(2);
    const made: string[] = [];
    const value = (key: string) =>
      memo(key, () => {
        made.push(key);
        return key === 'none' ? null : key.length;
      });
    expect([value('a'), value('a'), value('none'), value('none')]).toEqual([1, 1, null, null]);
    expect(made).toEqual(['a', 'none']);
    // A third key at the bound: the kept ones are worked out again when asked.
    expect(value('ccc')).toBe(3);
    expect(value('a')).toBe(1);
    expect(made).toEqual(['a', 'none', 'ccc', 'a']);
  });

  it('keeps nothing for a key whose work throws or gives undefined', () => {
    const memo = boundedMemo<string, number | undefined>(10);
    expect(() =>
      memo('x', () => {
        throw new Error('no');
      }),
    ).toThrow('no');
    let calls = 0;
    const undefinedOnce = () => memo('y', () => (calls++ === 0 ? undefined : 7));
    expect(undefinedOnce()).toBeUndefined();
    expect(undefinedOnce()).toBe(7);
    expect(memo('x', () => 5)).toBe(5);
  });
});
