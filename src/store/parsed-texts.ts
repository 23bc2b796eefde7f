/**
 * Freezes an object graph: a document shared by every reader of it must not change under them.
 * Typed arrays (packed report facts) cannot be frozen and are left as they are.
 */
export function deepFreeze<T>(value: T): T {
  if (
    value !== null &&
    typeof value === 'object' &&
    !Object.isFrozen(value) &&
    !ArrayBuffer.isView(value)
  ) {
    // Frozen before its children, so a graph that refers back to itself ends.
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Documents parsed from JSON text, by id with the text they came from: a read that finds the
 * same text again gets the same (frozen) document without parsing and validating it anew.
 * Keyed by content, so an entry can never be stale: a document changed by anybody has another
 * text, and a write that was refused leaves text no read will find. The least recently used
 * go first once `limit` are kept.
 */
export function parsedTexts<T>(limit: number) {
  const entries = new Map<string, { text: string; value: T }>();
  const get = (id: string, text: string): T | undefined => {
    const entry = entries.get(id);
    if (entry?.text !== text) return undefined;
    entries.delete(id);
    entries.set(id, entry);
    return entry.value;
  };
  const keep = (id: string, text: string, value: T): void => {
    entries.delete(id);
    if (entries.size >= limit) entries.delete(entries.keys().next().value as string);
    entries.set(id, { text, value: deepFreeze(value) });
  };
  return {
    get,
    keep,
    /** The document for this text: the one kept, or what `parse` makes of it (then kept). */
    read(id: string, text: string, parse: () => T | undefined): T | undefined {
      const known = get(id, text);
      if (known !== undefined) return known;
      const value = parse();
      if (value !== undefined) keep(id, text, value);
      return value;
    },
    /** The document kept last for `id`, whatever its text. */
    latest(id: string): T | undefined {
      return entries.get(id)?.value;
    },
  };
}
