/**
 * Case codes people read aloud and type on a phone: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
 * 24 symbols, 5 places: 7.9 million codes; the store rejects a duplicate and the caller draws again.
 */
const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY3467';
export const CASE_CODE_LENGTH = 5;

/** Maps random bytes to a code; the randomness comes from the shell, so this stays pure. */
export function caseCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < CASE_CODE_LENGTH) throw new Error('need one random byte per code symbol');
  let code = '';
  for (let i = 0; i < CASE_CODE_LENGTH; i++) code += ALPHABET[bytes[i] % ALPHABET.length];
  return code;
}

/** Accepts what a user types: any case, surrounding spaces, an optional leading '#'. */
export function normaliseCaseCode(input: string): string | undefined {
  const code = input.trim().replace(/^#/, '').toUpperCase();
  return code.length === CASE_CODE_LENGTH && [...code].every((ch) => ALPHABET.includes(ch))
    ? code
    : undefined;
}
