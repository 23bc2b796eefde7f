import { type Locale, localeSchema } from '../domain/roster';
import { readLocale } from './i18n';

export type LocaleStrings = Readonly<Record<string, unknown>>;

/** Every locale the bot ships; a key must be in all of them. */
export const LOCALES: readonly Locale[] = localeSchema.options;

// i18next resolves a key used with `count` through these suffixes first, so a key may exist
// only in its plural forms.
const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

/** The value at a dotted key path (i18next's key separator), or undefined. */
export function lookup(strings: LocaleStrings, key: string): unknown {
  let node: unknown = strings;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Whether `t(key)` finds a string. An object there does not count: i18next would show the
 * reader "key returned an object instead of string".
 */
export function hasString(strings: LocaleStrings, key: string): boolean {
  return (
    typeof lookup(strings, key) === 'string' ||
    PLURAL_SUFFIXES.some((suffix) => typeof lookup(strings, `${key}_${suffix}`) === 'string')
  );
}

/** Every dotted path to a string, e.g. "errors.conflict". */
export function stringKeys(strings: LocaleStrings, prefix = ''): string[] {
  return Object.entries(strings).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && v !== null) return stringKeys(v as LocaleStrings, key);
    return [key];
  });
}

/** The merged strings of every locale, as the translator loads them. */
export function readLocales(): ReadonlyMap<Locale, LocaleStrings> {
  return new Map(LOCALES.map((locale) => [locale, readLocale(locale)]));
}

export interface MissingKey {
  key: string;
  /** The locales without a string at the key. */
  locales: Locale[];
}

/**
 * The keys some locale lacks. Falling back to Bokmål would hide a key missing only in English,
 * and a key missing everywhere shows the reader the bare key, so both are reported.
 */
export function missingKeys(
  keys: Iterable<string>,
  locales: ReadonlyMap<Locale, LocaleStrings> = readLocales(),
): MissingKey[] {
  const missing: MissingKey[] = [];
  for (const key of new Set(keys)) {
    const without = [...locales].filter(([, s]) => !hasString(s, key)).map(([l]) => l);
    if (without.length > 0) missing.push({ key, locales: without });
  }
  return missing;
}
