import { idnr } from '@navikt/fnrvalidator';

/** fnr, dnr, and the synthetic and help numbers (hnr, tnr) that also identify a person. */
export type NationalIdKind = 'fnr' | 'dnr' | 'hnr' | 'tnr' | 'dnr-and-hnr' | 'dnr-and-tnr';

export interface NationalIdMatch {
  kind: NationalIdKind;
  /** Offsets in the scanned text as written, so a caller can say where without echoing it. */
  start: number;
  end: number;
}

/*
 * How the scanner reads a text. Each code point becomes zero or more units: a digit (0-9), a
 * separator, or "other" (a letter, an ideograph, ...). Format characters and combining marks
 * become nothing, because they are invisible or sit on a digit without changing how it reads.
 */

const SEPARATOR = -1;
const OTHER = -2;
type Unit = number;

const ID_LENGTH = 11;
/**
 * The longest run of separators that still joins two digit groups: enough for "15. 03. 85 - ..."
 * or "150385  12345", short enough that numbers in separate sentences are not joined.
 */
const MAX_SEPARATOR_RUN = 3;

const IS_DECIMAL_DIGIT = /^\p{Nd}$/u;
const IS_INVISIBLE = /^[\p{Cf}\p{M}]$/u;
const IS_SEPARATOR = /^[\p{P}\p{S}\p{Z}\p{Cc}]$/u;

/**
 * Unicode encodes every decimal digit set as ten consecutive code points, 0 to 9, some sets
 * back to back (the mathematical digits); the value is the distance from the run's start mod 10.
 */
function decimalDigitValue(codePoint: number): number {
  let start = codePoint;
  while (start > 0 && IS_DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (codePoint - start) % 10;
}

function classifyNormalised(char: string): Unit | undefined {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (IS_DECIMAL_DIGIT.test(char)) return decimalDigitValue(code);
  if (IS_INVISIBLE.test(char)) return undefined;
  return IS_SEPARATOR.test(char) ? SEPARATOR : OTHER;
}

/** NFKC per code point turns superscripts, circled and full-width forms into what they show. */
function classifyNonAscii(char: string): Unit[] {
  if (IS_INVISIBLE.test(char)) return [];
  if (IS_DECIMAL_DIGIT.test(char)) return [decimalDigitValue(char.codePointAt(0) ?? 0)];
  const units: Unit[] = [];
  for (const normalised of char.normalize('NFKC')) {
    const unit = classifyNormalised(normalised);
    if (unit !== undefined) units.push(unit);
  }
  return units;
}

/** Bounded, so a text with every code point in it cannot grow the cache without limit. */
const NON_ASCII_CACHE = new Map<number, Unit[]>();
const NON_ASCII_CACHE_LIMIT = 4096;

function asciiUnit(codePoint: number): Unit {
  if (codePoint >= 0x30 && codePoint <= 0x39) return codePoint - 0x30;
  const lower = codePoint | 0x20;
  // Every other ASCII character is punctuation, a symbol, a space or a control character.
  return lower >= 0x61 && lower <= 0x7a ? OTHER : SEPARATOR;
}

function nonAsciiUnits(codePoint: number, char: string): Unit[] {
  const cached = NON_ASCII_CACHE.get(codePoint);
  if (cached) return cached;
  const units = classifyNonAscii(char);
  if (NON_ASCII_CACHE.size < NON_ASCII_CACHE_LIMIT) NON_ASCII_CACHE.set(codePoint, units);
  return units;
}

/** A maximal run of digits; digits past eleven are only counted, no id can use the group. */
interface DigitGroup {
  digits: string;
  length: number;
  start: number;
  end: number;
}

const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

/**
 * Whatever rule gave the first check digit, the weighted sum of all eleven is 0 mod 11 in every
 * valid number: a cheap test that spares the validator ten of every eleven candidates.
 */
function secondCheckDigitHolds(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < ID_LENGTH; i++) sum += K2_WEIGHTS[i] * (digits.charCodeAt(i) - 0x30);
  return sum % 11 === 0;
}

/**
 * Every run of consecutive groups with exactly eleven digits that is a valid number. The digit
 * counts only grow as a run widens, so two pointers find each run once: linear in the groups.
 * Overlapping hits are merged into one match so a mask never leaves part of a number behind.
 */
function validRuns(chain: readonly DigitGroup[], into: NationalIdMatch[]): void {
  let total = 0;
  let left = 0;
  for (let right = 0; right < chain.length; right++) {
    total += chain[right].length;
    while (total > ID_LENGTH) total -= chain[left++].length;
    if (total !== ID_LENGTH) continue;
    let digits = '';
    for (let i = left; i <= right; i++) digits += chain[i].digits;
    if (!secondCheckDigitHolds(digits)) continue;
    const result = idnr(digits);
    if (result.status !== 'valid') continue;
    const previous = into.at(-1);
    const start = chain[left].start;
    const end = chain[right].end;
    if (previous && start < previous.end) previous.end = Math.max(previous.end, end);
    else into.push({ kind: result.type, start, end });
  }
}

/**
 * Finds valid fødselsnummer and D-numbers (and H- and T-numbers) anywhere in a text, however
 * they are written: with any digits Unicode knows (full-width, Arabic-Indic, Devanagari, ...),
 * with invisible characters such as a zero-width space inside, and split into groups by short
 * runs of punctuation, symbols or white space ("150385.12345", "15 03 85 123 45", "15.03.85-...").
 * Validity is the mod-11 check digits (including the 2032 rule) and a real birth date, via
 * @navikt/fnrvalidator, so an ordinary 11-digit number such as a phone or order number is not
 * refused. One pass over the text, no backtracking.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export function findNationalIds(input: string): NationalIdMatch[] {
  // The bot's own ids (UUIDs, e.g. a case id in a card button's data) are not a number anyone
  // wrote: about 1 in 3 000 has digit groups across its hyphens that pass the check digits,
  // which would refuse every button on that card. Blanked with letters, offsets unchanged.
  const text = input.includes('-') ? input.replace(UUID, (m) => 'x'.repeat(m.length)) : input;
  const matches: NationalIdMatch[] = [];
  let chain: DigitGroup[] = [];
  let group: DigitGroup | undefined;
  let separators = 0;

  const closeGroup = () => {
    if (group) chain.push(group);
    group = undefined;
    separators = 0;
  };
  const closeChain = () => {
    closeGroup();
    if (chain.length > 0) validRuns(chain, matches);
    chain = [];
  };
  const feed = (unit: Unit, index: number, width: number) => {
    if (unit === OTHER) {
      closeChain();
    } else if (unit === SEPARATOR) {
      if (group) closeGroup();
      separators++;
      if (separators > MAX_SEPARATOR_RUN && chain.length > 0) closeChain();
    } else {
      group ??= { digits: '', length: 0, start: index, end: index };
      if (group.length < ID_LENGTH) group.digits += String(unit);
      group.length++;
      group.end = index + width;
    }
  };

  let index = 0;
  while (index < text.length) {
    const codePoint = text.codePointAt(index) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    if (codePoint < 0x80) {
      // Most text is ASCII: no lookup, and a letter outside any chain costs nothing.
      const unit = asciiUnit(codePoint);
      if (unit !== OTHER || group || chain.length > 0 || separators > 0) feed(unit, index, 1);
    } else {
      for (const unit of nonAsciiUnits(codePoint, text.slice(index, index + width))) {
        feed(unit, index, width);
      }
    }
    index += width;
  }
  closeChain();
  return matches;
}

export const containsNationalId = (text: string): boolean => findNationalIds(text).length > 0;

/** The `params.reason` of a schema refinement that refused a national id, for 400 answers. */
export const NATIONAL_ID_ISSUE = 'contains_national_id';

/** Replaces every valid national id with a fixed mask; for log redaction of free text. */
export function maskNationalIds(text: string): string {
  const matches = findNationalIds(text);
  if (matches.length === 0) return text;
  // Built from parts, so a text with thousands of numbers is not copied once per number.
  const parts: string[] = [];
  let from = 0;
  for (const m of matches) {
    parts.push(text.slice(from, m.start), '[fnr fjernet]');
    from = m.end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/* ----------------------------------------------------------------------------------------------
 * Field paths that are safe to show: a refusal must never echo the id, nor any other text a
 * sender chose to put in a key (a name, say), so only plain identifiers and indexes are named.
 * -------------------------------------------------------------------------------------------- */

/** Stands in for a key that is not a plain identifier or that itself holds a national id. */
export const UNKNOWN_FIELD = '(unknown field)';

const PLAIN_IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** True for a key that may be shown as it is: a short identifier with no national id in it. */
export const isPlainIdentifier = (key: string): boolean =>
  PLAIN_IDENTIFIER.test(key) && !containsNationalId(key);

/** A path segment as it may be shown: an array index, a plain identifier, or the placeholder. */
export function safePathSegment(segment: PropertyKey): string {
  if (typeof segment === 'number') {
    return Number.isSafeInteger(segment) && segment >= 0 ? String(segment) : UNKNOWN_FIELD;
  }
  return typeof segment === 'string' && isPlainIdentifier(segment) ? segment : UNKNOWN_FIELD;
}

const PATH_HEAD = 6;
const PATH_TAIL = 5;

/**
 * Joins safe segments with dots; a deep path keeps its first and last segments around an
 * ellipsis, which names the field well enough and keeps a hostile depth out of the answer.
 */
export function formatFieldPath(segments: readonly string[]): string {
  const shown =
    segments.length > PATH_HEAD + PATH_TAIL
      ? [...segments.slice(0, PATH_HEAD), '…', ...segments.slice(-PATH_TAIL)]
      : segments;
  const path = shown.join('.');
  // Indexes are digits: side by side they could spell a number, so the joined path is checked too.
  return containsNationalId(path) ? maskNationalIds(path) : path;
}

/** A linked path: each visited node shares its parent's, so a deep walk copies no arrays. */
interface PathNode {
  segment: string;
  parent: PathNode | undefined;
}

function segmentsOf(node: PathNode | undefined): string[] {
  const segments: string[] = [];
  for (let n = node; n; n = n.parent) segments.push(n.segment);
  return segments.reverse();
}

/** One field still to search: its key (checked as it is reached, to keep depth-first order). */
interface Frame {
  key: string | undefined;
  value: unknown;
  path: PathNode | undefined;
}

/** A number field counts too: JSON from a record system may carry an id as a bare number. */
const isScalarWithId = (value: unknown): boolean =>
  (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') &&
  containsNationalId(String(value));

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,15})$/;

const segmentFor = (key: string, inArray: boolean): string =>
  inArray && ARRAY_INDEX.test(key) ? safePathSegment(Number(key)) : safePathSegment(key);

function childFrames(node: object, path: PathNode | undefined): Frame[] {
  const inArray = Array.isArray(node);
  return Object.keys(node).map((key) => ({
    key,
    value: (node as Record<string, unknown>)[key],
    path: { segment: segmentFor(key, inArray), parent: path },
  }));
}

/**
 * The first field (depth first, in key order, arrays and nested objects included) whose key or
 * string or number value holds a national id, as a dotted path; undefined when every field is
 * clean. A key that holds an id, or is not a plain identifier, is shown as '(unknown field)'; a
 * bare string is '(text)'. Iterative, so no nesting depth overflows the stack. Used on every
 * input object before it reaches the domain, so no field is forgotten when a form grows.
 */
export function findNationalIdField(value: unknown): string | undefined {
  const stack: Frame[] = [{ key: undefined, value, path: undefined }];
  const seen = new WeakSet<object>();
  while (stack.length > 0) {
    const { key, value: current, path } = stack.pop() as Frame;
    if ((key !== undefined && containsNationalId(key)) || isScalarWithId(current)) {
      return path ? formatFieldPath(segmentsOf(path)) : '(text)';
    }
    // A value reachable twice (or a cycle, from code rather than JSON) is searched once.
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const children = childFrames(current, path);
    // Reversed onto the stack, so the first key is searched first.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return undefined;
}
