import {
  containsNationalId,
  findNationalIdField,
  findNationalIds,
  maskNationalIds,
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
    ['split with two spaces', split(FNR, '  ')],
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
