import { idnr } from '@navikt/fnrvalidator';
import fc from 'fast-check';
import {
  containsNationalId,
  findNationalIdField,
  findNationalIds,
  maskNationalIds,
  UNKNOWN_FIELD,
} from '../../src/domain/privacy';
import { checkDigits } from '../support/domain-fixtures';

const MASK = '[fnr fjernet]';
const RUNS = { numRuns: 300 };

/* ----------------------------------------------------------------------------------------------
 * Valid numbers: a real birth date, an individual number that fits the century, both check
 * digits computed here (classic or 2032 rule), and the validator's word that it is valid.
 * -------------------------------------------------------------------------------------------- */

type Kind = 'fnr' | 'dnr' | 'hnr';

/** The individual numbers (first three personal digits) Skatteetaten gives for a birth year. */
function individualRange(year: number): [number, number] {
  if (year < 1900) return [500, 749];
  if (year < 2000) return [0, 499];
  return [500, 999];
}

const two = (n: number) => String(n).padStart(2, '0');

interface ValidId {
  digits: string;
  kind: Kind;
}

function buildId(date: Date, kind: Kind, seed: number, rest: 0 | 1 | 2 | 3): ValidId | undefined {
  const year = date.getUTCFullYear();
  const [low, high] = individualRange(year);
  const individual = low + (seed % (high - low + 1));
  const day = date.getUTCDate() + (kind === 'dnr' ? 40 : 0);
  const month = date.getUTCMonth() + 1 + (kind === 'hnr' ? 40 : 0);
  const nine = `${two(day)}${two(month)}${two(year % 100)}${String(individual).padStart(3, '0')}`;
  const check = checkDigits(nine, rest);
  return check === undefined ? undefined : { digits: nine + check, kind };
}

const validId: fc.Arbitrary<ValidId> = fc
  .record({
    date: fc.date({
      min: new Date(Date.UTC(1854, 0, 1)),
      max: new Date(Date.UTC(2039, 11, 31)),
      noInvalidDate: true,
    }),
    kind: fc.constantFrom<Kind>('fnr', 'fnr', 'dnr', 'hnr'),
    seed: fc.nat(999),
    rest: fc.constantFrom<0 | 1 | 2 | 3>(0, 0, 1, 2, 3),
  })
  .map(({ date, kind, seed, rest }) => buildId(date, kind, seed, rest))
  .filter((id): id is ValidId => {
    if (id === undefined) return false;
    const result = idnr(id.digits);
    return result.status === 'valid' && result.type === id.kind;
  });

/* ----------------------------------------------------------------------------------------------
 * Written forms: Unicode digit sets, groups split by short separator runs, invisible characters.
 * -------------------------------------------------------------------------------------------- */

const fromZero = (zero: number) => (d: number) => String.fromCodePoint(zero + d);
const fromList = (list: string) => (d: number) => [...list][d];

const DIGIT_SETS: readonly ((d: number) => string)[] = [
  (d) => String(d),
  fromZero(0xff10), // full-width
  fromZero(0x0660), // Arabic-Indic
  fromZero(0x06f0), // Extended Arabic-Indic
  fromZero(0x0966), // Devanagari
  fromZero(0x09e6), // Bengali
  fromZero(0x0e50), // Thai
  fromZero(0x1d7ce), // mathematical bold, outside the BMP
  fromZero(0x1d7f6), // mathematical monospace
  fromList('⁰¹²³⁴⁵⁶⁷⁸⁹'),
  fromList('⓪①②③④⑤⑥⑦⑧⑨'),
];

const VISIBLE_SEPARATORS = [
  '.',
  '_',
  ':',
  '/',
  '-',
  '\u2013',
  '\u2014',
  ',',
  ';',
  ' ',
  '\t',
  '\u00a0',
  '\n',
  '+',
  '\u3000',
  '\uff0e',
];
const INVISIBLES = ['\u200b', '\u2060', '\u00ad', '\ufeff', '\u200d'];

const digitSet = fc.nat(DIGIT_SETS.length - 1);
const invisible = fc.constantFrom(...INVISIBLES);
const maybeInvisible = fc.option(invisible, { nil: '' });

/** Up to three visible separators, with invisible characters anywhere among them. */
const separatorRun = (minVisible: 0 | 1) =>
  fc
    .array(fc.oneof(fc.constantFrom(...VISIBLE_SEPARATORS), invisible), { maxLength: 6 })
    .filter((run) => {
      const visible = run.filter((c) => !INVISIBLES.includes(c)).length;
      return visible >= minVisible && visible <= 3 && run.length > 0;
    })
    .map((run) => run.join(''));

/**
 * Digits written one by one in random sets, joined by separator runs at random cuts (`split`) or
 * only ever by invisible characters, so they stay one group (`whole`).
 */
const writtenDigits = (digits: string, how: 'split' | 'whole') =>
  fc
    .record({
      sets: fc.array(digitSet, { minLength: digits.length, maxLength: digits.length }),
      cuts: fc.array(fc.boolean(), { minLength: digits.length, maxLength: digits.length }),
      joins: fc.array(separatorRun(0), {
        minLength: digits.length,
        maxLength: digits.length,
      }),
      inside: fc.array(maybeInvisible, { minLength: digits.length, maxLength: digits.length }),
    })
    .map(({ sets, cuts, joins, inside }) =>
      [...digits]
        .map((d, i) => {
          const glyph = DIGIT_SETS[sets[i]](Number(d));
          if (i === digits.length - 1) return glyph;
          return glyph + (how === 'split' && cuts[i] ? joins[i] : inside[i]);
        })
        .join(''),
    );

/** Surrounding text with no digit of any kind, so the id is the only number in it. */
const surrounding = fc
  .array(
    fc.constantFrom(
      'fnr',
      'Pasient',
      ' ',
      'æøå',
      'ÆØÅ',
      '.',
      ', ',
      ': ',
      '(',
      ')',
      '\n',
      '🙂',
      'e\u0301',
      '\u200b',
      '—',
      '"',
      '#',
      'ｆｎｒ',
      '中文',
      'nr.',
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

const writtenId = validId.chain((id) =>
  fc.record({
    id: fc.constant(id),
    written: writtenDigits(id.digits, 'split'),
    before: surrounding,
    after: surrounding,
  }),
);

const ASCII_DIGIT_RUN = /\d{11}/;

/** Every Unicode digit, and what NFKC turns into one (superscripts, circled digits). */
const ANY_DIGIT = /[\p{Nd}\p{No}]/u;

describe('a valid number in any written form', () => {
  it('the generator writes valid numbers of every kind', () => {
    const kinds = new Set(fc.sample(validId, 300).map((id) => id.kind));
    expect(kinds).toEqual(new Set(['fnr', 'dnr', 'hnr']));
  });

  it('is found exactly once, covering the written form', () => {
    fc.assert(
      fc.property(writtenId, ({ id, written, before, after }) => {
        const text = before + written + after;
        expect(findNationalIds(text)).toEqual([
          { kind: id.kind, start: before.length, end: before.length + written.length },
        ]);
        expect(containsNationalId(text)).toBe(true);
      }),
      RUNS,
    );
  });

  it('is masked whole: no digit of it is left', () => {
    fc.assert(
      fc.property(writtenId, ({ written, before, after }) => {
        const masked = maskNationalIds(before + written + after);
        expect(masked).toBe(before + MASK + after);
        expect(ANY_DIGIT.test(masked)).toBe(false);
        expect(containsNationalId(masked)).toBe(false);
      }),
      RUNS,
    );
  });
});

/* ----------------------------------------------------------------------------------------------
 * Nested input: the id as a value or as a key, at a random path of fields and array indexes.
 * -------------------------------------------------------------------------------------------- */

type Segment = { key: string } | { index: number };

const segment: fc.Arbitrary<Segment> = fc.oneof(
  fc.stringMatching(/^[a-y][a-zA-Z_]{0,12}$/).map((key) => ({ key })),
  fc.nat(3).map((index) => ({ index })),
);

/** Wraps the leaf at the path, with clean siblings next to every step. */
function placeAt(path: readonly Segment[], leaf: unknown): unknown {
  let value = leaf;
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i];
    if ('key' in step) {
      value = { zBefore: 'ok', [step.key]: value, zAfter: 12 };
    } else {
      const list: unknown[] = Array.from({ length: step.index }, (_, j) => `clean ${j}`);
      list.push(value, 'tail');
      value = list;
    }
  }
  return value;
}

const shown = (path: readonly Segment[]) => path.map((s) => ('key' in s ? s.key : String(s.index)));

describe('findNationalIdField finds the number wherever it sits', () => {
  const placed = fc.record({
    where: writtenId,
    path: fc.array(segment, { maxLength: 8 }),
    asKey: fc.boolean(),
  });

  it('as a value or as a key, and the path it returns never holds the number', () => {
    fc.assert(
      fc.property(placed, ({ where: { written, before, after }, path, asKey }) => {
        const text = before + written + after;
        const input = placeAt(path, asKey ? { [text]: 'clean' } : text);
        const found = findNationalIdField(input);
        const segments = shown(path);
        if (asKey) expect(found).toBe([...segments, UNKNOWN_FIELD].join('.'));
        else expect(found).toBe(segments.length ? segments.join('.') : '(text)');
        expect(ASCII_DIGIT_RUN.test(found ?? '')).toBe(false);
        expect(containsNationalId(found ?? '')).toBe(false);
      }),
      RUNS,
    );
  });

  it('at any depth, with a bounded path', () => {
    fc.assert(
      fc.property(
        writtenId,
        fc.array(segment, { minLength: 12, maxLength: 400 }),
        fc.boolean(),
        ({ written }, path, asKey) => {
          const input = placeAt(path, asKey ? { [written]: 1 } : written);
          const found = findNationalIdField(input) ?? '';
          const segments = [...shown(path), ...(asKey ? [UNKNOWN_FIELD] : [])];
          expect(found.startsWith(`${segments.slice(0, 6).join('.')}.….`)).toBe(true);
          expect(found.endsWith(`.….${segments.slice(-5).join('.')}`)).toBe(true);
          expect(ASCII_DIGIT_RUN.test(found)).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });
});

/* ----------------------------------------------------------------------------------------------
 * The negative property: digits whose eleven-digit candidates are all invalid are never flagged.
 * -------------------------------------------------------------------------------------------- */

/** Every run of consecutive groups that totals eleven digits, whatever the separators. */
function candidates(groups: readonly string[]): string[] {
  const found: string[] = [];
  for (let start = 0; start < groups.length; start++) {
    let digits = '';
    for (let end = start; end < groups.length && digits.length < 11; end++) {
      digits += groups[end];
      if (digits.length === 11) found.push(digits);
    }
  }
  return found;
}

describe('numbers that are not national ids', () => {
  const digitGroups = fc.array(fc.stringMatching(/^[0-9]{1,12}$/), { minLength: 1, maxLength: 8 });

  it('are never flagged, in any digits and with any separators', () => {
    fc.assert(
      fc.property(
        digitGroups.chain((groups) =>
          fc.record({
            groups: fc.constant(groups),
            written: fc.tuple(
              ...groups.map((g) => writtenDigits(g, 'whole')),
              ...groups.map(() => separatorRun(1)),
            ),
          }),
        ),
        ({ groups, written }) => {
          fc.pre(candidates(groups).every((c) => idnr(c).status !== 'valid'));
          const parts = written.slice(0, groups.length);
          const joins = written.slice(groups.length);
          const text = parts.map((p, i) => (i === 0 ? p : joins[i] + p)).join('');
          expect(findNationalIds(text)).toEqual([]);
          expect(maskNationalIds(text)).toBe(text);
        },
      ),
      RUNS,
    );
  });

  it('eleven digits with one digit changed are not flagged, however written', () => {
    const changedId = fc
      .record({ id: validId, position: fc.nat(10), delta: fc.integer({ min: 1, max: 9 }) })
      .map(({ id, position, delta }) => {
        const changed = [...id.digits];
        changed[position] = String((Number(changed[position]) + delta) % 10);
        return changed.join('');
      });
    fc.assert(
      fc.property(
        changedId.chain((digits) => fc.tuple(fc.constant(digits), writtenDigits(digits, 'split'))),
        ([digits, written]) => {
          // Every weight is prime to 11, so one changed digit breaks the mod-11 sum for any rule.
          expect(idnr(digits).status).toBe('invalid');
          expect(findNationalIds(`nr ${written} ok`)).toEqual([]);
        },
      ),
      RUNS,
    );
  });
});
