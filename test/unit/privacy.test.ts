import { patientRefSchema } from '../../src/domain/case';
import {
  containsNationalId,
  findNationalIdField,
  findNationalIds,
  maskNationalIds,
  UNKNOWN_FIELD,
} from '../../src/domain/privacy';
import {
  checkDigits,
  classicChecksumValid,
  nationalId,
  VALID_FNR,
} from '../support/domain-fixtures';

const MASK = '[fnr fjernet]';

/** Every number below has check digits computed by the test's own mod-11 implementation. */
const FNR = VALID_FNR; // born 15.03.85
const FNR_2000 = nationalId('290200', { individual: 501 }); // 29 Feb 2000 (leap year)
const DNR = nationalId('150385', { dNumber: true, individual: 200 }); // day 15 → 55
const DNR_LOW_DAY = nationalId('010190', { dNumber: true, individual: 42 }); // day 01 → 41
const HNR = nationalId('150385', { hNumber: true, individual: 300 }); // month 03 → 43
/** Valid only under the 2032 rule (k1 = classic k1 + 1, 2 or 3, mod 11). */
const FNR_2032 = [1, 2, 3].map((rest) =>
  nationalId('150385', { rest: rest as 1 | 2 | 3, individual: 400 }),
);

const split = (n: string, sep: string) => `${n.slice(0, 6)}${sep}${n.slice(6)}`;

/** The number with its first check digit replaced by one no rule (classic or 2032) accepts. */
function withWrongK1(n: string): string {
  const nine = n.slice(0, 9);
  const allowed = new Set(
    ([0, 1, 2, 3] as const).map((rest) => checkDigits(nine, rest)?.[0]).filter(Boolean),
  );
  for (let k1 = 0; k1 <= 9; k1++) {
    if (allowed.has(String(k1))) continue;
    // A consistent k2 for the wrong k1, so only k1 is wrong.
    const digits = [...nine, String(k1)].map(Number);
    const sum = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2].reduce((s, w, i) => s + w * digits[i], 0);
    const k2 = (11 - (sum % 11)) % 11;
    if (k2 < 10) return `${nine}${k1}${k2}`;
  }
  throw new Error('no wrong k1 found');
}

const withWrongK2 = (n: string) => `${n.slice(0, 10)}${(Number(n[10]) + 1) % 10}`;

describe('the generated test numbers', () => {
  it('have eleven digits, the expected birth-date prefixes and classic check digits', () => {
    for (const n of [FNR, FNR_2000, DNR, DNR_LOW_DAY, HNR]) {
      expect(n).toMatch(/^\d{11}$/);
      expect(classicChecksumValid(n)).toBe(true);
    }
    expect(FNR.slice(0, 6)).toBe('150385');
    expect(FNR_2000.slice(0, 6)).toBe('290200');
    expect(DNR.slice(0, 6)).toBe('550385');
    expect(DNR_LOW_DAY.slice(0, 6)).toBe('410190');
    expect(HNR.slice(0, 6)).toBe('154385');
  });

  it('the 2032-rule numbers fail the classic check digits', () => {
    for (const n of FNR_2032) {
      expect(n.slice(0, 6)).toBe('150385');
      expect(classicChecksumValid(n)).toBe(false);
    }
    expect(new Set(FNR_2032.map((n) => n.slice(9, 10))).size).toBeGreaterThan(1);
  });

  it('the corrupted numbers differ from the valid ones', () => {
    expect(withWrongK1(FNR)).not.toBe(FNR);
    expect(withWrongK2(FNR)).not.toBe(FNR);
    expect(withWrongK1(FNR).slice(0, 9)).toBe(FNR.slice(0, 9));
  });
});

describe('findNationalIds: valid numbers are found', () => {
  it.each([
    ['fødselsnummer', FNR, 'fnr'],
    ['fødselsnummer born 29 Feb 2000', FNR_2000, 'fnr'],
    ['D-number', DNR, 'dnr'],
    ['D-number with day 01 (first digit 4)', DNR_LOW_DAY, 'dnr'],
    ['H-number', HNR, 'hnr'],
    ['T-number (synthetic, month + 80)', nationalId('158385'), 'tnr'],
    ['D-number that is also an H-number', nationalId('554385'), 'dnr-and-hnr'],
    ['2032 rule, classic k1 + 1', FNR_2032[0], 'fnr'],
    ['2032 rule, classic k1 + 2', FNR_2032[1], 'fnr'],
    ['2032 rule, classic k1 + 3', FNR_2032[2], 'fnr'],
  ])('%s on its own', (_label, n, kind) => {
    expect(findNationalIds(n)).toEqual([{ kind, start: 0, end: 11 }]);
    expect(containsNationalId(n)).toBe(true);
  });

  it.each([
    ['at the start', `${FNR} er pasienten`, 0],
    ['in the middle', `Pasient med fnr ${FNR} ringte`, 16],
    ['at the end', `fnr: ${FNR}`, 5],
    ['after a letter', `fnr${FNR}`, 3],
    ['in parentheses', `(${FNR})`, 1],
    ['followed by punctuation', `Se ${FNR}.`, 3],
    ['on its own line', `linje 1\n${FNR}\nlinje 3`, 8],
  ])('%s of a text', (_label, text, start) => {
    expect(findNationalIds(text)).toEqual([{ kind: 'fnr', start, end: start + 11 }]);
  });

  it.each([
    ['a space', ' '],
    ['a dash', '-'],
    ['a no-break space', '\u00a0'],
    ['an en dash', '\u2013'],
  ])('written "DDMMYY NNNNN" with %s', (_label, sep) => {
    const text = `Fnr ${split(FNR, sep)} i notatet`;
    expect(findNationalIds(text)).toEqual([{ kind: 'fnr', start: 4, end: 16 }]);
  });

  it('D-numbers and 2032-rule numbers are found when split too', () => {
    expect(containsNationalId(`dnr ${split(DNR, ' ')}`)).toBe(true);
    expect(containsNationalId(`dnr ${split(DNR, '-')}`)).toBe(true);
    expect(containsNationalId(`ny ${split(FNR_2032[0], '-')}`)).toBe(true);
  });

  it('finds every number in a text, in order', () => {
    const text = `A: ${FNR}, B: ${split(DNR, '-')}, C: ${FNR_2032[1]}`;
    const found = findNationalIds(text);
    expect(found.map((m) => m.kind)).toEqual(['fnr', 'dnr', 'fnr']);
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual([
      FNR,
      split(DNR, '-'),
      FNR_2032[1],
    ]);
  });
});

describe('findNationalIds: other numbers are not flagged', () => {
  it.each([
    ['wrong second check digit', withWrongK2(FNR)],
    ['wrong first check digit (not allowed by the 2032 rule either)', withWrongK1(FNR)],
    ['D-number with a wrong check digit', withWrongK2(DNR)],
    ['impossible date 31 November (valid check digits)', nationalId('311185')],
    ['impossible date 30 February (valid check digits)', nationalId('300285')],
    ['29 February in a non-leap year (valid check digits)', nationalId('290285')],
    ['month 13 (valid check digits)', nationalId('011385')],
    ['day 00 (valid check digits)', nationalId('000185')],
    ['D-number with an impossible day 31+40 in November', nationalId('311185', { dNumber: true })],
    ['ten digits (the first ten of a valid number)', FNR.slice(0, 10)],
    ['ten digits (the last ten of a valid number)', FNR.slice(1)],
    ['twelve digits (a valid number with a digit after it)', `${FNR}7`],
    ['twelve digits (a valid number with a digit before it)', `4${FNR}`],
    ['a valid number inside a longer digit run', `Ordre 99${FNR}42`],
    ['two valid numbers run together', `${FNR}${DNR}`],
    ['"DDMMYY NNNNN" followed by more digits', `${split(FNR, ' ')}6`],
    ['"DDMMYY-NNNNNN" (six digits after the dash)', `${split(FNR, '-')}0`],
    ['"DDMMYY NNNN" (ten digits)', split(FNR.slice(0, 10), ' ')],
    ['split with four spaces (longer than a separator run)', split(FNR, '    ')],
    ['split by a word', split(FNR, ' nr ')],
    ['a phone number', 'Ring 22 33 44 55'],
    ['a phone number with country code', 'Tlf +47 22 33 44 55'],
    ['a mobile number without spaces', 'mob 91234567'],
    ['a bank account number', 'Konto 1234.56.78903'],
    ['a date and a time', '15.03.1985 kl. 10:30'],
    ['no digits at all', 'Pasienten ønsker besøk tirsdag'],
    ['an empty text', ''],
  ])('%s', (_label, text) => {
    expect(findNationalIds(text)).toEqual([]);
    expect(containsNationalId(text)).toBe(false);
    expect(maskNationalIds(text)).toBe(text);
  });

  it('an ordinary 11-digit number with wrong check digits is not flagged', () => {
    const orderNo = '12345678901';
    expect(classicChecksumValid(orderNo)).toBe(false);
    expect(containsNationalId(`Ordrenr ${orderNo}`)).toBe(false);
  });
});

describe('maskNationalIds', () => {
  it('replaces each number (with its separator) by a fixed mask and keeps the rest', () => {
    const text = `A ${FNR} B ${split(DNR, ' ')} C ${split(FNR_2032[2], '-')} slutt`;
    expect(maskNationalIds(text)).toBe(`A ${MASK} B ${MASK} C ${MASK} slutt`);
  });

  it('a masked text no longer contains a national id and masking twice changes nothing', () => {
    const once = maskNationalIds(`fnr ${FNR}`);
    expect(once).toBe(`fnr ${MASK}`);
    expect(containsNationalId(once)).toBe(false);
    expect(maskNationalIds(once)).toBe(once);
  });

  it('leaves invalid look-alikes alone', () => {
    const text = `${FNR} og ${withWrongK2(FNR)}`;
    expect(maskNationalIds(text)).toBe(`${MASK} og ${withWrongK2(FNR)}`);
  });
});

describe('findNationalIdField', () => {
  it('is undefined for a clean object, and for non-string values', () => {
    expect(
      findNationalIdField({
        zoneId: 'nord',
        note: 'Ring etter kl 12, tlf 22 33 44 55',
        seriouslyIll: true,
        count: 3,
        nothing: null,
        missing: undefined,
        nested: { list: ['a', 'b'] },
      }),
    ).toBeUndefined();
    expect(findNationalIdField(null)).toBeUndefined();
    expect(findNationalIdField(undefined)).toBeUndefined();
    expect(findNationalIdField(42)).toBeUndefined();
  });

  it('finds a national id sent as a bare JSON number', () => {
    expect(findNationalIdField({ patientRef: Number(FNR) })).toBe('patientRef');
    expect(findNationalIdField(JSON.parse(`{"ref": ${FNR}}`))).toBe('ref');
  });

  it('names a top-level field', () => {
    expect(findNationalIdField({ zoneId: 'nord', note: `fnr ${FNR}` })).toBe('note');
    expect(findNationalIdField({ patientRef: DNR })).toBe('patientRef');
  });

  it('names a nested field and an array element with a dotted path', () => {
    expect(findNationalIdField({ a: { b: { c: `x ${split(FNR, '-')}` } } })).toBe('a.b.c');
    expect(findNationalIdField({ items: ['ok', 'ok', `n ${FNR_2032[0]}`] })).toBe('items.2');
    expect(findNationalIdField({ rows: [{ text: 'ok' }, { text: FNR }] })).toBe('rows.1.text');
  });

  it('returns the first offending field, depth first in key order', () => {
    expect(findNationalIdField({ first: { deep: FNR }, second: DNR })).toBe('first.deep');
  });

  it("a bare string is reported as '(text)'", () => {
    expect(findNationalIdField(`fnr ${FNR}`)).toBe('(text)');
    expect(findNationalIdField('no number here')).toBeUndefined();
  });

  it('ignores invalid numbers in fields', () => {
    expect(findNationalIdField({ note: withWrongK2(FNR), ref: nationalId('311185') })).toBe(
      undefined,
    );
  });
});

/* ----------------------------------------------------------------------------------------------
 * Every way of writing one: separators, invisible characters, other digit sets.
 * -------------------------------------------------------------------------------------------- */

/** The number in another Unicode digit set whose zero is `zero` (sets are ten in a row). */
const inDigits = (n: string, zero: number) =>
  [...n].map((d) => String.fromCodePoint(zero + Number(d))).join('');

/** "DD MM YY NNNNN" and the like: the date split into day, month and year. */
const dateSplit = (n: string, dateSep: string, sep: string) =>
  `${n.slice(0, 2)}${dateSep}${n.slice(2, 4)}${dateSep}${n.slice(4, 6)}${sep}${n.slice(6)}`;

const everyOther = (n: string, invisible: string) => [...n].join(invisible);

describe('findNationalIds: every written form is found, and masked whole', () => {
  it.each([
    ['"DDMMYY.NNNNN"', split(FNR, '.')],
    ['"DDMMYY_NNNNN"', split(FNR, '_')],
    ['"DDMMYY:NNNNN"', split(FNR, ':')],
    ['"DDMMYY/NNNNN"', split(FNR, '/')],
    ['"DDMMYY,NNNNN"', split(FNR, ',')],
    ['"DDMMYY;NNNNN"', split(FNR, ';')],
    ['an em dash', split(FNR, '\u2014')],
    ['a plus sign', split(FNR, '+')],
    ['two spaces', split(FNR, '  ')],
    ['three spaces', split(FNR, '   ')],
    ['a tab', split(FNR, '\t')],
    ['a line break', split(FNR, '\n')],
    ['a Windows line break and a space', split(FNR, '\r\n ')],
    ['" - " with no-break spaces', split(FNR, '\u00a0-\u00a0')],
    ['an ideographic space', split(FNR, '\u3000')],
    ['a full-width full stop', split(FNR, '\uff0e')],
    ['a zero-width space between the groups', split(FNR, '\u200b')],
    ['a zero-width space and a space', split(FNR, ' \u200b')],
    ['zero-width spaces between every digit', everyOther(FNR, '\u200b')],
    ['word joiners between every digit', everyOther(FNR, '\u2060')],
    ['soft hyphens between every digit', everyOther(FNR, '\u00ad')],
    ['byte-order marks between every digit', everyOther(FNR, '\ufeff')],
    ['spaces between every digit', everyOther(FNR, ' ')],
    ['"DD MM YY NNNNN"', dateSplit(FNR, ' ', ' ')],
    ['"DD.MM.YY NNNNN"', dateSplit(FNR, '.', ' ')],
    ['"DD.MM.YY-NNNNN"', dateSplit(FNR, '.', '-')],
    ['"DD. MM. YY - NNNNN"', dateSplit(FNR, '. ', ' - ')],
    ['"DD/MM/YY NNNNN"', dateSplit(FNR, '/', ' ')],
    ['"DDMMYY NNN NN"', `${FNR.slice(0, 6)} ${FNR.slice(6, 9)} ${FNR.slice(9)}`],
    ['full-width digits', inDigits(FNR, 0xff10)],
    ['full-width digits split by a full-width space', split(inDigits(FNR, 0xff10), '\u3000')],
    ['Arabic-Indic digits', inDigits(FNR, 0x0660)],
    ['Extended Arabic-Indic digits', split(inDigits(FNR, 0x06f0), ' ')],
    ['Devanagari digits', inDigits(FNR, 0x0966)],
    ['Bengali digits split by a dash', split(inDigits(FNR, 0x09e6), '-')],
    ['mathematical bold digits (outside the BMP)', inDigits(FNR, 0x1d7ce)],
    ['mathematical monospace digits split by a dot', split(inDigits(FNR, 0x1d7f6), '.')],
    ['ASCII and full-width digits mixed', FNR.slice(0, 6) + inDigits(FNR.slice(6), 0xff10)],
    ['superscript digits', [...FNR].map((d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]).join('')],
    ['a D-number written "DDMMYY.NNNNN"', split(DNR, '.')],
    ['a 2032-rule number written "DD.MM.YY NNNNN"', dateSplit(FNR_2032[1], '.', ' ')],
  ])('%s', (_label, written) => {
    const text = `Fnr ${written} i notatet`;
    const [match, ...more] = findNationalIds(text);
    expect(more).toEqual([]);
    expect(match).toMatchObject({ start: 4, end: 4 + written.length });
    expect(['fnr', 'dnr']).toContain(match.kind);
    expect(maskNationalIds(text)).toBe(`Fnr ${MASK} i notatet`);
    expect(containsNationalId(written)).toBe(true);
  });

  it('reports the kind of a D-number written with separators and other digits', () => {
    expect(findNationalIds(split(inDigits(DNR, 0x0660), '_'))).toEqual([
      { kind: 'dnr', start: 0, end: 12 },
    ]);
  });

  it('offsets count UTF-16 units, so a mask of astral digits leaves the text around it intact', () => {
    const written = inDigits(FNR, 0x1d7ce);
    expect(written.length).toBe(22);
    const text = `🙂 ${written} 🙂`;
    expect(findNationalIds(text)).toEqual([{ kind: 'fnr', start: 3, end: 25 }]);
    expect(maskNationalIds(text)).toBe(`🙂 ${MASK} 🙂`);
  });

  it('finds a number among other short numbers joined by the same separators', () => {
    // "12. 150385 12345": the run of groups that makes eleven digits is found on its own.
    const text = `kl 12. ${split(FNR, ' ')} ok`;
    expect(findNationalIds(text)).toEqual([{ kind: 'fnr', start: 7, end: 19 }]);
  });

  it('finds two numbers separated only by a space, and masks both', () => {
    const text = `${FNR} ${split(DNR, '.')}`;
    expect(findNationalIds(text).map((m) => text.slice(m.start, m.end))).toEqual([
      FNR,
      split(DNR, '.'),
    ]);
    expect(maskNationalIds(text)).toBe(`${MASK} ${MASK}`);
  });

  it('masks every one of many numbers in a long text', () => {
    const text = `${FNR}, ${split(DNR, '.')}; `.repeat(5_000);
    const masked = maskNationalIds(text);
    expect(masked).toBe(`${MASK}, ${MASK}; `.repeat(5_000));
  });

  it('a masked text with invisible characters and other digits no longer holds the number', () => {
    const text = `a ${everyOther(inDigits(FNR, 0x0966), '\u200b')} b`;
    const masked = maskNationalIds(text);
    expect(masked).toBe(`a ${MASK} b`);
    expect(containsNationalId(masked)).toBe(false);
  });
});

describe('findNationalIds: look-alikes in the new forms are still not flagged', () => {
  it.each([
    ['a wrong check digit written "DDMMYY.NNNNN"', split(withWrongK2(FNR), '.')],
    ['a wrong check digit in full-width digits', inDigits(withWrongK1(FNR), 0xff10)],
    ['an impossible date written "DD.MM.YY NNNNN"', dateSplit(nationalId('311185'), '.', ' ')],
    ['a valid number touching a further digit through a zero-width space', `${FNR}\u200b7`],
    ['a valid number with a full-width digit directly after it', `${FNR}\uff17`],
    ['a valid number split by a letter', split(FNR, 'x')],
    ['a valid number split by a word', split(FNR, ' kl ')],
    ['"DDMMYY NNNNN" with twelve digits in full-width', split(`${FNR}1`, ' ')],
    ['a phone number written with dots', 'Tlf 22.33.44.55'],
    ['an order number in Arabic-Indic digits', inDigits('12345678901', 0x0660)],
    ['a long list of small numbers', Array.from({ length: 200 }, (_, i) => i % 10).join(', ')],
  ])('%s', (_label, text) => {
    expect(findNationalIds(text)).toEqual([]);
    expect(maskNationalIds(text)).toBe(text);
  });

  it('scans 256 KB of digits and separators and finds the one number in it', () => {
    // Digit groups of every size joined by separators: the worst case for joining groups.
    const filler = '1 22.333-4444_55555:6 ';
    const half = filler.repeat(Math.ceil((128 * 1024) / filler.length));
    const text = `${half}x ${split(FNR, '.')} x${half}`;
    expect(text.length).toBeGreaterThan(256 * 1024);
    const found = findNationalIds(text);
    expect(found.map((m) => text.slice(m.start, m.end))).toContain(split(FNR, '.'));
    expect(findNationalIds('7'.repeat(256 * 1024))).toEqual([]);
    expect(findNationalIds('\u200b'.repeat(256 * 1024))).toEqual([]);
  });
});

describe('patientRefSchema refuses a national id in any form its characters allow', () => {
  it.each([
    ['plain', FNR],
    ['"DDMMYY.NNNNN"', split(FNR, '.')],
    ['"DDMMYY_NNNNN"', split(FNR, '_')],
    ['"DDMMYY:NNNNN"', split(FNR, ':')],
    ['"DDMMYY-NNNNN"', split(FNR, '-')],
    ['"DD.MM.YY-NNNNN"', dateSplit(FNR, '.', '-')],
    ['inside a longer ref', `DIPS-${split(FNR, '.')}`],
    ['a D-number "DDMMYY:NNNNN"', split(DNR, ':')],
  ])('%s', (_label, ref) => {
    const parsed = patientRefSchema.safeParse(ref);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).not.toContain(ref);
  });

  it('still accepts an ordinary ref, also one with eleven digits that are not an id', () => {
    for (const ref of ['DIPS-4711', 'P.2026:0042', 'ORD-12345678901', withWrongK2(FNR)]) {
      expect(patientRefSchema.parse(ref)).toBe(ref);
    }
  });
});

/* ----------------------------------------------------------------------------------------------
 * findNationalIdField: keys too, any depth, and a path that never repeats the number.
 * -------------------------------------------------------------------------------------------- */

/** `depth` levels of { child: ... } or [ ... ] around a leaf, built without recursion. */
function nested(depth: number, leaf: unknown, as: 'object' | 'array'): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = as === 'object' ? { child: value } : [value];
  return value;
}

describe('findNationalIdField: keys, depth and safe paths', () => {
  it('finds a national id used as a key, and does not echo the key', () => {
    expect(findNationalIdField({ [FNR]: 'x' })).toBe(UNKNOWN_FIELD);
    expect(findNationalIdField({ ok: 1, rows: [{ [`p ${split(FNR, '.')}`]: true }] })).toBe(
      `rows.0.${UNKNOWN_FIELD}`,
    );
    expect(findNationalIdField({ a: { [inDigits(DNR, 0xff10)]: null } })).toBe(
      `a.${UNKNOWN_FIELD}`,
    );
  });

  it('does not echo a key that is not a plain identifier either', () => {
    expect(findNationalIdField({ 'Kari Nordmann': FNR })).toBe(UNKNOWN_FIELD);
    expect(findNationalIdField({ a: { 'x-y': { note: FNR } } })).toBe(`a.${UNKNOWN_FIELD}.note`);
    expect(findNationalIdField({ a: { ['b'.repeat(41)]: FNR } })).toBe(`a.${UNKNOWN_FIELD}`);
  });

  it('a clean key that is not a plain identifier is no finding on its own', () => {
    expect(findNationalIdField({ 'Kari Nordmann': 'ok', '12345678901': 1 })).toBeUndefined();
  });

  it('finds the new written forms in values', () => {
    expect(findNationalIdField({ patientRef: split(FNR, '.') })).toBe('patientRef');
    expect(findNationalIdField({ note: `ring ${everyOther(FNR, '\u200b')}` })).toBe('note');
    expect(findNationalIdField({ list: ['ok', inDigits(FNR, 0x0660)] })).toBe('list.1');
    expect(findNationalIdField({ big: BigInt(FNR) })).toBe('big');
  });

  it('keeps depth-first key order across keys and values', () => {
    expect(findNationalIdField({ first: { deep: FNR }, [DNR]: 'x' })).toBe('first.deep');
    expect(findNationalIdField({ [DNR]: 'x', first: { deep: FNR } })).toBe(UNKNOWN_FIELD);
  });

  it.each([5_000, 100_000])('searches %i levels of nested objects and arrays', (depth) => {
    for (const as of ['object', 'array'] as const) {
      expect(findNationalIdField(nested(depth, 'clean', as))).toBeUndefined();
      const path = findNationalIdField(nested(depth, `fnr ${FNR}`, as));
      const segment = as === 'object' ? 'child' : '0';
      const head = Array(6).fill(segment).join('.');
      const tail = Array(5).fill(segment).join('.');
      expect(path).toBe(`${head}.….${tail}`);
      expect(findNationalIdField(nested(depth, { [FNR]: 1 }, as))).toBe(
        `${head}.….${Array(4).fill(segment).join('.')}.${UNKNOWN_FIELD}`,
      );
    }
  });

  it('names a short path in full and a long one by its ends', () => {
    const ten = { a: { b: { c: { d: { e: { f: { g: { h: { i: { j: FNR } } } } } } } } } };
    expect(findNationalIdField(ten)).toBe('a.b.c.d.e.f.g.h.i.j');
    const twelve = { k: { l: ten } };
    expect(findNationalIdField(twelve)).toBe('k.l.a.b.c.d.….f.g.h.i.j');
  });

  it('array indexes that together spell a number are masked in the path', () => {
    const outer: unknown[] = [];
    const inner: unknown[] = [];
    outer[Number(FNR.slice(0, 6))] = inner;
    inner[Number(FNR.slice(6))] = FNR;
    expect(FNR[6]).not.toBe('0');
    const path = findNationalIdField({ rows: outer });
    expect(path).toBeDefined();
    expect(path).not.toMatch(/\d{11}/);
    expect(containsNationalId(path ?? '')).toBe(false);
  });

  it('ends on a cycle, and finds an id in it', () => {
    const loop: Record<string, unknown> = { note: 'ok' };
    loop.self = loop;
    loop.list = [loop];
    expect(findNationalIdField(loop)).toBeUndefined();
    loop.later = FNR;
    expect(findNationalIdField(loop)).toBe('later');
  });
});

describe('the bot’s own ids', () => {
  it('never takes a UUID (a case id in a button’s data) for a national id', () => {
    // Its digits across the hyphens (20294 1 8615 07056439549) pass the check digits.
    const caseId = '29567b1c-2029-4c1a-8615-07056439549e';
    expect(findNationalIds(caseId)).toEqual([]);
    expect(findNationalIdField({ action: { data: { caseId, v: 3 } } })).toBeUndefined();
  });

  it('still finds a national id written next to a UUID', () => {
    const id = VALID_FNR;
    const text = `29567b1c-2029-4c1a-8615-07056439549e ${id.slice(0, 6)} ${id.slice(6)}`;
    expect(findNationalIds(text)).toHaveLength(1);
  });
});
