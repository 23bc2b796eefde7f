import { idnr } from '@navikt/fnrvalidator';

/** fnr, dnr, and the synthetic and help numbers (hnr, tnr) that also identify a person. */
export type NationalIdKind = 'fnr' | 'dnr' | 'hnr' | 'tnr' | 'dnr-and-hnr' | 'dnr-and-tnr';

export interface NationalIdMatch {
  kind: NationalIdKind;
  /** Character offsets in the scanned text, so a caller can say where without echoing it. */
  start: number;
  end: number;
}

/**
 * Eleven digits not part of a longer number, optionally with one space or dash (or en dash)
 * between the six-digit birth date and the five-digit personal number.
 */
const CANDIDATE = /(?<!\d)(\d{6})[ \u00a0\-\u2013]?(\d{5})(?!\d)/g;

/**
 * Finds valid fødselsnummer and D-numbers anywhere in a text. Validity is the mod-11 check
 * digits (including the 2032 rule) and a real birth date, via @navikt/fnrvalidator, so an
 * ordinary 11-digit number such as a phone or order number is not refused.
 */
export function findNationalIds(text: string): NationalIdMatch[] {
  const matches: NationalIdMatch[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const digits = m[1] + m[2];
    const result = idnr(digits);
    if (result.status === 'valid') {
      matches.push({ kind: result.type, start: m.index, end: m.index + m[0].length });
    }
  }
  return matches;
}

export const containsNationalId = (text: string): boolean => findNationalIds(text).length > 0;

/** Replaces every valid national id with a fixed mask; for log redaction of free text. */
export function maskNationalIds(text: string): string {
  const matches = findNationalIds(text);
  let masked = text;
  for (const m of matches.reverse()) {
    masked = `${masked.slice(0, m.start)}[fnr fjernet]${masked.slice(m.end)}`;
  }
  return masked;
}

/**
 * The first string or number field (searched depth-first, arrays and nested objects included) that holds
 * a national id, as a dotted path; undefined when every field is clean. Used on every input
 * object before it reaches the domain, so no field is forgotten when a form grows.
 */
export function findNationalIdField(value: unknown, path = ''): string | undefined {
  // A number field counts too: JSON from a record system may carry an id as a bare number.
  if (typeof value === 'string' || typeof value === 'number') {
    return containsNationalId(String(value)) ? path || '(text)' : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = findNationalIdField(child, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}
