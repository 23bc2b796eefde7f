/**
 * Values worked out from a key and kept for the next ask: for pure work asked for again and
 * again (a day's working window, a date written out, a command's digest). Bounded: at `limit`
 * entries it starts afresh, which for a few busy keys costs one round of work again and never
 * lets a long-running process grow without end. A value worked out as undefined is not kept.
 */
export function boundedMemo<K, V>(limit: number): (key: K, make: () => V) => V {
  const values = new Map<K, V>();
  return (key, make) => {
    let value = values.get(key);
    if (value === undefined) {
      value = make();
      if (values.size >= limit) values.clear();
      values.set(key, value);
    }
    return value;
  };
}
