/**
 * Builds valid Norwegian national identity numbers with the real mod-11 check digits, so the
 * tests never need (or leak) a real person's number.
 */
const K1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

const weighted = (digits: number[], weights: number[]) =>
  weights.reduce((sum, w, i) => sum + w * digits[i], 0);

/** The check digit for a remainder, or undefined when the remainder gives 10 (no such number). */
const checkDigit = (sum: number): number | undefined => {
  const k = (11 - (sum % 11)) % 11;
  return k === 10 ? undefined : k;
};

/**
 * An 11-digit number for birth date ddmmyy and a three-digit individual number; tries
 * individual numbers upwards until both check digits exist. `dNumber` adds 4 to the first digit.
 */
export function nationalId(ddmmyy: string, individual = 100, dNumber = false): string {
  const birth = dNumber ? `${Number(ddmmyy[0]) + 4}${ddmmyy.slice(1)}` : ddmmyy;
  for (let n = individual; n < 1000; n++) {
    const nine = `${birth}${String(n).padStart(3, '0')}`.split('').map(Number);
    const k1 = checkDigit(weighted(nine, K1));
    if (k1 === undefined) continue;
    const k2 = checkDigit(weighted([...nine, k1], K2));
    if (k2 === undefined) continue;
    return `${nine.join('')}${k1}${k2}`;
  }
  throw new Error(`no valid number for ${ddmmyy}`);
}
