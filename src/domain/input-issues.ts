import type { z } from 'zod/v4';
import { formatFieldPath, NATIONAL_ID_ISSUE, safePathSegment } from './privacy';

/** One problem with an input, fit for a 400 answer: where, and what is wrong, never the value. */
export interface InputIssue {
  field: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

/** The field of an issue with no path: the input as a whole. */
export const WHOLE_INPUT = '(body)';

/** Longest list of allowed values spelled out; an enum of hundreds would drown the answer. */
const MAX_LISTED_VALUES = 20;

/**
 * Describes each zod issue in plain English, from its code and the schema's own limits only.
 * zod's messages are not used: some echo the input (an unknown key is quoted as it was sent, and
 * that key may be a fødselsnummer), and a refinement's message is whatever its author wrote.
 */
export function describeInputIssues(error: z.ZodError): InputIssue[] {
  const described = error.issues.flatMap(describeIssue);
  const seen = new Set<string>();
  return described.filter((issue) => {
    const id = `${issue.field}\u0000${issue.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function describeIssue(issue: Issue): InputIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      field: fieldOf([...issue.path, key]),
      message: 'unknown field',
    }));
  }
  return [{ field: fieldOf(issue.path), message: messageFor(issue) }];
}

/** Only indexes and plain identifiers are named; any other segment is '(unknown field)'. */
export function fieldOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? WHOLE_INPUT : formatFieldPath(path.map(safePathSegment));
}

function messageFor(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return isMissing(issue) ? 'required' : `wrong type: expected ${typeName(issue.expected)}`;
    case 'too_big':
      return tooBig(issue.origin, issue.maximum, issue.inclusive ?? true, issue.exact ?? false);
    case 'too_small':
      return tooSmall(issue.origin, issue.minimum, issue.inclusive ?? true, issue.exact ?? false);
    case 'invalid_format':
      return invalidFormat(issue.format);
    case 'not_multiple_of':
      return `must be a multiple of ${formatLimit(issue.divisor)}`;
    case 'invalid_value':
      return `not one of the allowed values: ${allowedValues(issue.values)}`;
    case 'invalid_union':
      return invalidUnion(issue.errors);
    case 'invalid_key':
      return 'invalid key';
    case 'invalid_element':
      return 'invalid element';
    case 'custom':
      return issue.params?.reason === NATIONAL_ID_ISSUE
        ? 'must not contain a national id (fødselsnummer or D-number)'
        : 'invalid value';
    default:
      return 'invalid value';
  }
}

/**
 * zod v4 keeps no input in an issue, so a missing field is told from a wrong type only by its
 * default message; a schema's own message for the type makes it read as a wrong type instead.
 */
const isMissing = (issue: Issue): boolean => / received undefined$/.test(issue.message);

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  bigint: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  date: 'a date',
  null: 'null',
  record: 'an object',
  tuple: 'an array',
  map: 'a map',
  set: 'a set',
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? (/^[a-z_]{1,20}$/.test(expected) ? expected : 'another type');
}

const plural = (n: unknown, one: string, many: string) => (String(n) === '1' ? one : many);

/** A limit from the schema; a date limit arrives as a Date despite zod's declared type. */
function formatLimit(limit: unknown): string {
  if (limit instanceof Date) return Number.isNaN(limit.getTime()) ? '?' : limit.toISOString();
  return typeof limit === 'number' || typeof limit === 'bigint' ? String(limit) : '?';
}

function sizeUnit(origin: string, limit: unknown): string {
  if (origin === 'string') return ` ${plural(limit, 'character', 'characters')}`;
  if (origin === 'array' || origin === 'set') return ` ${plural(limit, 'item', 'items')}`;
  if (origin === 'file') return ` ${plural(limit, 'byte', 'bytes')}`;
  return '';
}

function tooBig(origin: string, maximum: unknown, inclusive: boolean, exact: boolean): string {
  const limit = `${formatLimit(maximum)}${sizeUnit(origin, maximum)}`;
  if (exact) return `must be exactly ${limit}`;
  if (origin === 'string') return `too long: at most ${limit}`;
  if (origin === 'array' || origin === 'set') return `too many items: at most ${limit}`;
  if (origin === 'date')
    return inclusive ? `too late: at most ${limit}` : `too late: before ${limit}`;
  return inclusive ? `too large: at most ${limit}` : `too large: less than ${limit}`;
}

function tooSmall(origin: string, minimum: unknown, inclusive: boolean, exact: boolean): string {
  const limit = `${formatLimit(minimum)}${sizeUnit(origin, minimum)}`;
  if (exact) return `must be exactly ${limit}`;
  if (origin === 'string') return `too short: at least ${limit}`;
  if (origin === 'array' || origin === 'set') return `too few items: at least ${limit}`;
  if (origin === 'date')
    return inclusive ? `too early: at least ${limit}` : `too early: after ${limit}`;
  return inclusive ? `too small: at least ${limit}` : `too small: more than ${limit}`;
}

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  datetime: 'an ISO 8601 date and time',
  date: 'an ISO 8601 date (YYYY-MM-DD)',
  time: 'an ISO 8601 time',
  duration: 'an ISO 8601 duration',
  email: 'an email address',
  url: 'a URL',
  uuid: 'a UUID',
  guid: 'a GUID',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  e164: 'an E.164 phone number',
  base64: 'base64',
  base64url: 'base64url',
  jwt: 'a JWT',
  lowercase: 'lowercase text',
  uppercase: 'uppercase text',
};

/** A pattern, prefix or suffix is not repeated: it explains little and may be long. */
function invalidFormat(format: string): string {
  const name = FORMAT_NAMES[format];
  return name ? `invalid format: expected ${name}` : 'invalid format';
}

function allowedValues(values: readonly unknown[]): string {
  const shown = values.slice(0, MAX_LISTED_VALUES).map((v) => {
    if (typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'bigint') return String(v);
    return v === undefined ? 'undefined' : JSON.stringify(v);
  });
  return values.length > MAX_LISTED_VALUES ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** A union of plain types reads as one wrong type ("a string or a number"); else, no form fits. */
function invalidUnion(branches: readonly (readonly Issue[])[]): string {
  if (branches.length === 0) return 'missing or not one of the allowed kinds';
  const typeIssues = branches.map((b) =>
    b.length === 1 && b[0].code === 'invalid_type' && b[0].path.length === 0 ? b[0] : undefined,
  );
  if (typeIssues.some((i) => i === undefined)) return 'does not match any allowed form';
  const issues = typeIssues as z.core.$ZodIssueInvalidType[];
  if (issues.every(isMissing)) return 'required';
  const names = [...new Set(issues.map((i) => typeName(i.expected)))];
  return `wrong type: expected ${names.join(' or ')}`;
}
