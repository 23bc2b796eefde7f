import { idnr } from '@navikt/fnrvalidator';
import fc from 'fast-check';
import { nationalId } from '../support/domain-fixtures';

/*
 * Valid national ids in the written forms a person might paste into Teams or a record system
 * might put in a field: any Unicode digit set, groups split by short runs of separators, and
 * invisible characters anywhere. The validator is the oracle for "valid", not the scanner under
 * test, so a form the scanner misses shows up as a failure rather than as a skipped input.
 */

const two = (n: number) => String(n).padStart(2, '0');

/**
 * Eleven digits that @navikt/fnrvalidator calls valid: a real birth date, an individual number
 * in the range that gives that century, check digits by the classic or the 2032 rule, and
 * sometimes a D- or H-number.
 */
export const nationalIdDigits: fc.Arbitrary<string> = fc
  .record({
    date: fc.date({
      min: new Date(Date.UTC(1900, 0, 1)),
      max: new Date(Date.UTC(2025, 11, 31)),
      noInvalidDate: true,
    }),
    seed: fc.nat(499),
    kind: fc.constantFrom('fnr', 'fnr', 'fnr', 'dnr', 'hnr'),
    rest: fc.constantFrom<0 | 1 | 2 | 3>(0, 0, 0, 1, 2, 3),
  })
  .map(({ date, seed, kind, rest }) => {
    const year = date.getUTCFullYear();
    const ddmmyy = `${two(date.getUTCDate())}${two(date.getUTCMonth() + 1)}${two(year % 100)}`;
    // 000-499 are the 1900s, 500-999 the 2000s (for the years generated here).
    const individual = year < 2000 ? seed : 500 + seed;
    return nationalId(ddmmyy, {
      individual,
      rest,
      dNumber: kind === 'dnr',
      hNumber: kind === 'hnr',
    });
  })
  .filter((digits) => idnr(digits).status === 'valid');

const fromZero = (zero: number) => (d: number) => String.fromCodePoint(zero + d);

const DIGIT_SETS: readonly ((d: number) => string)[] = [
  (d) => String(d),
  (d) => String(d),
  fromZero(0xff10), // full-width
  fromZero(0x0660), // Arabic-Indic
  fromZero(0x0966), // Devanagari
  fromZero(0x1d7ce), // mathematical bold, outside the BMP (two UTF-16 units)
  (d) => [...'⁰¹²³⁴⁵⁶⁷⁸⁹'][d],
];

const SEPARATORS = ['.', ' ', '-', '/', ',', '\u00a0', '\t', '\u2013', '_', ':', '\u3000'];
const INVISIBLES = ['\u200b', '\u2060', '\u00ad', '\ufeff', '\u200d'];

/** One to three visible separators, invisible characters possibly among them. */
const separatorRun = fc
  .array(fc.constantFrom(...SEPARATORS), { minLength: 1, maxLength: 3 })
  .chain((visible) =>
    fc
      .array(fc.option(fc.constantFrom(...INVISIBLES), { nil: '' }), {
        minLength: visible.length,
        maxLength: visible.length,
      })
      .map((invisible) => visible.map((s, i) => s + invisible[i]).join('')),
  );

/** What sits between two digits: nothing, an invisible character, or a separator run. */
const join = fc.oneof(
  { weight: 5, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: fc.constantFrom(...INVISIBLES) },
  { weight: 2, arbitrary: separatorRun },
);

/** The digits written one by one, each in its own digit set, with joins between them. */
export const writtenNationalId: fc.Arbitrary<string> = nationalIdDigits.chain((digits) =>
  fc
    .record({
      // All ASCII half the time: the commonest form, and the one a careless fix would still miss.
      plain: fc.boolean(),
      sets: fc.array(fc.nat(DIGIT_SETS.length - 1), { minLength: 11, maxLength: 11 }),
      joins: fc.array(join, { minLength: 10, maxLength: 10 }),
    })
    .map(({ plain, sets, joins }) =>
      [...digits]
        .map((d, i) => DIGIT_SETS[plain ? 0 : sets[i]](Number(d)) + (joins[i] ?? ''))
        .join(''),
    ),
);

/** Words around the number; no digit of any kind, so the id is the only number in the text. */
const words = fc
  .array(
    fc.constantFrom(
      'pasient ',
      'fnr: ',
      'født ',
      '(',
      ')',
      ' ',
      'Ola Nordmann, ',
      'æøå ',
      '🙂',
      '\u200b',
      '«',
      '»',
      'e\u0301',
      '中文',
      'sak ',
      'ny ',
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.join(''));

/** A text with one valid national id somewhere in it. */
export const textWithNationalId: fc.Arbitrary<string> = fc
  .tuple(words, writtenNationalId, words)
  .map(([before, id, after]) => before + id + after);
