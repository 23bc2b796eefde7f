import { CASE_CODE_LENGTH, caseCodeFrom, normaliseCaseCode } from '../../src/domain/case-code';

const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY3467';
const CONFUSABLE = ['0', 'O', '1', 'I', 'L', '2', 'Z', '5', 'S', '8', 'B'];

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('caseCodeFrom', () => {
  it('makes a five-symbol code', () => {
    expect(CASE_CODE_LENGTH).toBe(5);
    expect(caseCodeFrom(bytes(0, 1, 2, 3, 4))).toBe('ACDEF');
  });

  it('maps each byte to the alphabet modulo its size (24)', () => {
    expect(caseCodeFrom(bytes(23, 22, 21, 20, 19))).toBe('7643Y');
    expect(caseCodeFrom(bytes(24, 25, 48, 255, 240))).toBe('ACAUA');
  });

  it('uses only the first five bytes', () => {
    expect(caseCodeFrom(bytes(0, 1, 2, 3, 4, 5, 6, 7))).toBe('ACDEF');
  });

  it('is deterministic (the randomness comes from the caller)', () => {
    const input = bytes(200, 17, 99, 3, 128);
    expect(caseCodeFrom(input)).toBe(caseCodeFrom(bytes(200, 17, 99, 3, 128)));
  });

  it('refuses fewer than five bytes', () => {
    expect(() => caseCodeFrom(bytes(1, 2, 3, 4))).toThrow(/one random byte per code symbol/);
    expect(() => caseCodeFrom(bytes())).toThrow();
  });

  it('never uses a confusable symbol, whatever the bytes', () => {
    const seen = new Set<string>();
    for (let b = 0; b < 256; b++) {
      const code = caseCodeFrom(bytes(b, (b + 1) % 256, (b + 7) % 256, (b + 13) % 256, 255 - b));
      expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY3467]{5}$/);
      for (const ch of code) seen.add(ch);
    }
    for (const ch of CONFUSABLE) expect(seen.has(ch)).toBe(false);
    expect([...seen].sort()).toEqual([...ALPHABET].sort());
  });

  it('every code it makes survives normaliseCaseCode unchanged', () => {
    for (let b = 0; b < 256; b += 5) {
      const code = caseCodeFrom(bytes(b, b ^ 0x55, b ^ 0xaa, 255 - b, (b * 7) % 256));
      expect(normaliseCaseCode(code)).toBe(code);
      expect(normaliseCaseCode(` #${code.toLowerCase()} `)).toBe(code);
    }
  });
});

describe('normaliseCaseCode', () => {
  it.each([
    ['ACDEF', 'ACDEF'],
    ['acdef', 'ACDEF'],
    ['AcDeF', 'ACDEF'],
    ['  ACDEF  ', 'ACDEF'],
    ['\tACDEF\n', 'ACDEF'],
    ['#ACDEF', 'ACDEF'],
    ['  #k3m7q ', 'K3M7Q'],
    ['X4Y67', 'X4Y67'],
  ])('accepts %j as %s', (input, expected) => {
    expect(normaliseCaseCode(input)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['only a hash', '#'],
    ['too short', 'ACDE'],
    ['too long', 'ACDEFG'],
    ['two hashes', '##ACDEF'],
    ['hash at the end', 'ACDEF#'],
    ['space inside', 'AC DEF'],
    ['dash inside', 'AC-DEF'],
    ['confusable 0 (zero)', 'AC0EF'],
    ['confusable O', 'ACOEF'],
    ['confusable 1', 'AC1EF'],
    ['confusable I', 'ACIEF'],
    ['confusable L', 'ACLEF'],
    ['confusable 2', 'AC2EF'],
    ['confusable Z', 'ACZEF'],
    ['confusable 5', 'AC5EF'],
    ['confusable S', 'ACSEF'],
    ['confusable 8', 'AC8EF'],
    ['confusable B', 'ACBEF'],
    ['Norwegian letter', 'ACDEÆ'],
    ['lowercase confusable', 'acdes'],
  ])('refuses %s (%j)', (_label, input) => {
    expect(normaliseCaseCode(input)).toBeUndefined();
  });
});
