import fc from 'fast-check';
import { textWithNationalId } from './national-id-forms';

/*
 * Values a hostile or broken client puts where the app expects something sensible. Objects are
 * built with Object.fromEntries so a key such as "__proto__" becomes an own key that
 * JSON.stringify writes out, as a client would send it, instead of silently setting a prototype.
 */

/** Strings that have broken parsers, loggers, templates and SQL before. */
const NOTORIOUS = [
  '',
  ' ',
  '\u0000',
  '\u0000\u0001\u001f',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u2066',
  '\ufeff',
  '\r\n\r\n',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e999',
  '{}',
  '[]',
  '{"a":',
  '<script>alert(1)</script>',
  "'; DROP TABLE cases; --",
  '" OR 1=1 --',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '${{7*7}}',
  '{{#each this}}{{/each}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, on purpose
  '${jndi:ldap://127.0.0.1/x}',
  '%s%s%s%n',
  '../../../../etc/passwd',
  'C:\\Windows\\System32',
  '\\u0000',
  '$where',
  'a.b.c',
  '<at>HSYRE-boten</at>',
  '**bold** _it_ [link](javascript:alert(1))',
  'Z̷̢̛a̵͝l̶g̴o̵',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  'ｓａｋ　ＡＣＤＥＦ',
];

export const notoriousString = fc.constantFrom(...NOTORIOUS);

/** A long string: past the 64 Ki-character string limit and past the 256 KiB body limit. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('x', 'æ', '\u200b', '0', '🙂', '\\', '"', 'ab '),
    fc.constantFrom(1_000, 20_000, 70_000, 140_000),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

export const objectOf = (entries: [string, unknown][]): Record<string, unknown> =>
  Object.fromEntries(entries);

/** Prints as a short description: fast-check's printer would recurse through every level. */
function described<T extends object>(value: T, description: string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => description });
  return value;
}

export interface HostileValues {
  string: fc.Arbitrary<string>;
  scalar: fc.Arbitrary<unknown>;
  key: fc.Arbitrary<string>;
  json: fc.Arbitrary<unknown>;
  deep: fc.Arbitrary<unknown>;
  wrongTyped: fc.Arbitrary<unknown>;
}

/**
 * The hostile values, with valid national ids among the strings and keys or without them.
 * Without: for the fields of an activity that Teams itself fills in (ids, addresses, locale),
 * which botbuilder copies into its replies and the bot keeps to reach people, and which no
 * user can type into.
 */
function hostileValues(withIds: boolean): HostileValues {
  const ids = (weight: number) => (withIds ? [{ weight, arbitrary: textWithNationalId }] : []);
  const string: fc.Arbitrary<string> = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 3, arbitrary: notoriousString },
    { weight: 1, arbitrary: hugeString },
    ...ids(2),
  );
  const scalar: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 4, arbitrary: string },
    { weight: 1, arbitrary: fc.integer() },
    // NaN and ±Infinity become null in JSON; -0 becomes 0.
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 0, 1e308, 2 ** 53) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  const key: fc.Arbitrary<string> = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 2, arbitrary: notoriousString },
    {
      weight: 2,
      arbitrary: fc.constantFrom('zoneId', 'patientRef', 'note', 'caseId', 'v', 'text', 'value'),
    },
    // A key that is itself a national id: a refusal must not echo it.
    ...ids(1),
  );
  const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map(objectOf),
    ),
  })).value;
  /** Nested arrays or objects around a leaf: within and beyond the 64-level depth limit. */
  const deep: fc.Arbitrary<unknown> = fc
    .record({
      depth: fc.oneof(fc.integer({ min: 10, max: 64 }), fc.integer({ min: 65, max: 1_000 })),
      kind: fc.constantFrom('array', 'object', 'mixed'),
      leaf: scalar,
    })
    .map(({ depth, kind, leaf }) => {
      let value: unknown = leaf;
      for (let i = 0; i < depth; i++) {
        const asArray = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
        value = asArray ? [value] : { a: value };
      }
      return described(
        value as object,
        `deep(${depth} levels of ${kind} around ${fc.stringify(leaf).slice(0, 80)})`,
      );
    });
  const wrongTyped: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 2, arbitrary: json },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.constant({}) },
  );
  return { string, scalar, key, json, deep, wrongTyped };
}

export const withIds = hostileValues(true);
export const withoutIds = hostileValues(false);

export const hostileString = withIds.string;
export const hostileScalar = withIds.scalar;
export const hostileKey = withIds.key;
export const hostileJson = withIds.json;
export const deepValue = withIds.deep;
export const wrongTyped = withIds.wrongTyped;

/** Wide rather than deep: many keys or elements, around the 1 000 / 10 000 limits. */
export const wideValue: fc.Arbitrary<unknown> = fc
  .record({ size: fc.constantFrom(999, 1_001, 9_999, 10_001), asArray: fc.boolean() })
  .map(({ size, asArray }) =>
    described(
      asArray
        ? Array.from({ length: size }, (_, i) => i)
        : objectOf(Array.from({ length: size }, (_, i) => [`k${i}`, i])),
      `wide(${size} ${asArray ? 'elements' : 'keys'})`,
    ),
  );
