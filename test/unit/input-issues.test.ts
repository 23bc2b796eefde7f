import { z } from 'zod/v4';
import { patientRefSchema } from '../../src/domain/case';
import { describeInputIssues, fieldOf, WHOLE_INPUT } from '../../src/domain/input-issues';
import { UNKNOWN_FIELD } from '../../src/domain/privacy';
import { referralInputSchema } from '../../src/domain/referral';
import { nationalId, VALID_FNR } from '../support/domain-fixtures';

const FNR = VALID_FNR;
const DNR = nationalId('150385', { dNumber: true, individual: 200 });
const split = (n: string, sep: string) => `${n.slice(0, 6)}${sep}${n.slice(6)}`;

/** The issues of a parse that must fail. */
function issuesOf(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected the parse to fail');
  return describeInputIssues(parsed.error);
}

const form = z
  .object({
    name: z.string().max(5),
    code: z.string().min(2),
    pin: z.string().length(4),
    count: z.int().min(1).max(3),
    ratio: z.number().gt(0).lt(1),
    step: z.number().multipleOf(5),
    kind: z.enum(['a', 'b']),
    flag: z.boolean(),
    when: z.iso.datetime(),
    mail: z.email(),
    ref: z.string().regex(/^R\d+$/),
    tags: z.array(z.string()).min(1).max(2),
    either: z.union([z.string(), z.number()]),
    nested: z.object({ inner: z.string() }).strict(),
    lit: z.literal('x'),
    map: z.record(z.string().regex(/^k/), z.string()),
  })
  .strict();

const validForm = {
  name: 'ok',
  code: 'ab',
  pin: '1234',
  count: 2,
  ratio: 0.5,
  step: 10,
  kind: 'a',
  flag: true,
  when: '2026-03-09T08:00:00Z',
  mail: 'a@b.no',
  ref: 'R1',
  tags: ['t'],
  either: 'x',
  nested: { inner: 'y' },
  lit: 'x',
  map: { key: 'v' },
};

describe('describeInputIssues: a message for each kind of issue, from its code', () => {
  it('the valid form parses, so each case below has exactly the issue it names', () => {
    expect(form.safeParse(validForm).success).toBe(true);
  });

  it.each<[string, Record<string, unknown>, { field: string; message: string }]>([
    ['a missing field', { name: undefined }, { field: 'name', message: 'required' }],
    [
      'a wrong type',
      { flag: 'ja' },
      { field: 'flag', message: 'wrong type: expected true or false' },
    ],
    [
      'null for a string',
      { code: null },
      { field: 'code', message: 'wrong type: expected a string' },
    ],
    [
      'a fraction for an integer',
      { count: 1.5 },
      { field: 'count', message: 'wrong type: expected an integer' },
    ],
    [
      'too long',
      { name: 'abcdefgh' },
      { field: 'name', message: 'too long: at most 5 characters' },
    ],
    ['too short', { code: 'a' }, { field: 'code', message: 'too short: at least 2 characters' }],
    [
      'an exact length',
      { pin: '12345' },
      { field: 'pin', message: 'must be exactly 4 characters' },
    ],
    ['too large', { count: 4 }, { field: 'count', message: 'too large: at most 3' }],
    ['too small', { count: 0 }, { field: 'count', message: 'too small: at least 1' }],
    ['an exclusive maximum', { ratio: 1 }, { field: 'ratio', message: 'too large: less than 1' }],
    ['an exclusive minimum', { ratio: 0 }, { field: 'ratio', message: 'too small: more than 0' }],
    ['not a multiple', { step: 7 }, { field: 'step', message: 'must be a multiple of 5' }],
    [
      'not one of the enum values',
      { kind: 'c' },
      { field: 'kind', message: 'not one of the allowed values: "a", "b"' },
    ],
    [
      'not the literal',
      { lit: 'y' },
      { field: 'lit', message: 'not one of the allowed values: "x"' },
    ],
    [
      'a bad date and time',
      { when: 'i morgen' },
      { field: 'when', message: 'invalid format: expected an ISO 8601 date and time' },
    ],
    [
      'a bad email',
      { mail: 'nope' },
      { field: 'mail', message: 'invalid format: expected an email address' },
    ],
    ['a pattern mismatch', { ref: 'X1' }, { field: 'ref', message: 'invalid format' }],
    [
      'too many items',
      { tags: ['a', 'b', 'c'] },
      { field: 'tags', message: 'too many items: at most 2 items' },
    ],
    ['too few items', { tags: [] }, { field: 'tags', message: 'too few items: at least 1 item' }],
    [
      'an array element of the wrong type',
      { tags: ['a', 3] },
      { field: 'tags.1', message: 'wrong type: expected a string' },
    ],
    [
      'a union of plain types',
      { either: true },
      { field: 'either', message: 'wrong type: expected a string or a number' },
    ],
    ['a missing union', { either: undefined }, { field: 'either', message: 'required' }],
    [
      'a nested field',
      { nested: { inner: 5 } },
      { field: 'nested.inner', message: 'wrong type: expected a string' },
    ],
    [
      'an unknown field with a plain name',
      { extra_1: 'x' },
      { field: 'extra_1', message: 'unknown field' },
    ],
    [
      'an unknown nested field with a plain name',
      { nested: { inner: 'y', more: 1 } },
      { field: 'nested.more', message: 'unknown field' },
    ],
    [
      'a record key that fails its schema',
      { map: { bad: 'v' } },
      { field: 'map.bad', message: 'invalid key' },
    ],
  ])('%s', (_label, change, expected) => {
    expect(issuesOf(form, { ...validForm, ...change })).toEqual([expected]);
  });

  it('a discriminated union with no matching kind', () => {
    const command = z.discriminatedUnion('type', [
      z.object({ type: z.literal('claim') }),
      z.object({ type: z.literal('close'), note: z.string() }),
    ]);
    expect(issuesOf(command, { type: 'other' })).toEqual([
      { field: 'type', message: 'missing or not one of the allowed kinds' },
    ]);
    expect(issuesOf(command, { type: 'close' })).toEqual([{ field: 'note', message: 'required' }]);
  });

  it('an issue about the whole input, and a long list of allowed values', () => {
    expect(issuesOf(z.object({}), 'text')).toEqual([
      { field: WHOLE_INPUT, message: 'wrong type: expected an object' },
    ]);
    const many = Array.from({ length: 30 }, (_, i) => `v${i}`) as [string, ...string[]];
    const [issue] = issuesOf(z.enum(many), 'x');
    expect(issue.message.endsWith('"v19", …')).toBe(true);
    expect(issue.message).not.toContain('v20');
  });

  it('a date limit is given as an ISO time', () => {
    const schema = z.date().max(new Date('2026-01-01T00:00:00Z'));
    expect(issuesOf(schema, new Date('2027-01-01T00:00:00Z'))).toEqual([
      { field: WHOLE_INPUT, message: 'too late: at most 2026-01-01T00:00:00.000Z' },
    ]);
  });

  it('a refinement is described by its reason, never by its own message', () => {
    const echoing = z
      .string()
      .refine((v) => v === 'ok', { error: (i) => `bad: ${String(i.input)}` });
    expect(issuesOf(z.object({ a: echoing }), { a: 'secret' })).toEqual([
      { field: 'a', message: 'invalid value' },
    ]);
  });
});

describe('describeInputIssues: never the input, never a national id', () => {
  it('an unknown key holding a national id is "(unknown field)", unlike zod\'s own message', () => {
    const parsed = form.safeParse({ ...validForm, [FNR]: 1 });
    expect(parsed.success).toBe(false);
    // The reason for the whole module: zod quotes the key as it was sent.
    expect(parsed.error?.issues[0].message).toContain(FNR);
    expect(describeInputIssues(parsed.error as z.ZodError)).toEqual([
      { field: UNKNOWN_FIELD, message: 'unknown field' },
    ]);
  });

  it.each([
    ['an identifier that contains a national id', `ref${FNR}`],
    ['a D-number written "DDMMYY.NNNNN"', split(DNR, '.')],
    ['a name with a space', 'Kari Nordmann'],
    ['a key with a dash', 'x-ref'],
    ['a key starting with a digit', '1abc'],
    ['a key starting with an underscore', '_id'],
    ['a key longer than 40 characters', `a${'b'.repeat(40)}`],
    ['an empty key', ''],
    ['a key with a letter outside ASCII', 'fødselsnummer'],
  ])('an unknown key that is %s is not named', (_label, key) => {
    const issues = issuesOf(form, { ...validForm, [key]: 1 });
    expect(issues).toEqual([{ field: UNKNOWN_FIELD, message: 'unknown field' }]);
  });

  it('a plain unknown key of 40 characters is named', () => {
    const key = `a${'b'.repeat(39)}`;
    expect(issuesOf(form, { ...validForm, [key]: 1 })).toEqual([
      { field: key, message: 'unknown field' },
    ]);
  });

  it('several unknown keys: the plain ones named, the others folded into one entry', () => {
    const issues = issuesOf(form, { ...validForm, [FNR]: 1, [split(FNR, ':')]: 2, note2: 3 });
    expect(issues).toEqual([
      { field: UNKNOWN_FIELD, message: 'unknown field' },
      { field: 'note2', message: 'unknown field' },
    ]);
  });

  it('a record key holding a national id is not echoed in the path', () => {
    const issues = issuesOf(form, { ...validForm, map: { [FNR]: 'v' } });
    expect(issues).toEqual([{ field: `map.${UNKNOWN_FIELD}`, message: 'invalid key' }]);
  });

  it('no message or field repeats any input value', () => {
    const hostile = {
      name: `${FNR} and more text`,
      code: 5,
      pin: FNR,
      count: Number(FNR),
      kind: split(FNR, '.'),
      flag: FNR,
      when: FNR,
      mail: FNR,
      ref: split(FNR, '_'),
      tags: [FNR, FNR, FNR],
      either: [FNR],
      nested: { inner: FNR, [FNR]: FNR },
      lit: FNR,
      map: { [FNR]: FNR },
      [FNR]: FNR,
    };
    const text = JSON.stringify(issuesOf(form, hostile));
    for (const value of [FNR, FNR.slice(0, 6), FNR.slice(6), 'more text']) {
      expect(text).not.toContain(value);
    }
  });

  it('a patientRef holding a national id is refused as such, without the number', () => {
    const issues = issuesOf(patientRefSchema, split(FNR, '.'));
    expect(issues).toEqual([
      {
        field: WHOLE_INPUT,
        message: 'must not contain a national id (fødselsnummer or D-number)',
      },
    ]);
  });

  it('a referral with a national id in patientRef names the field, not the number', () => {
    const referral = {
      zoneId: 'nord',
      seriouslyIll: false,
      hospitalContactAt: '2026-03-09T08:00:00+01:00',
      patientRef: split(FNR, ':'),
    };
    const issues = issuesOf(referralInputSchema, referral);
    expect(issues).toEqual([
      {
        field: 'patientRef',
        message: 'must not contain a national id (fødselsnummer or D-number)',
      },
    ]);
  });
});

describe('fieldOf', () => {
  it('names indexes and plain identifiers, and nothing else', () => {
    expect(fieldOf([])).toBe(WHOLE_INPUT);
    expect(fieldOf(['rows', 0, 'text'])).toBe('rows.0.text');
    expect(fieldOf(['rows', -1, 1.5, Symbol('s'), 'ok'])).toBe(
      `rows.${UNKNOWN_FIELD}.${UNKNOWN_FIELD}.${UNKNOWN_FIELD}.ok`,
    );
  });

  it('shortens a deep path to its ends', () => {
    const path = Array.from({ length: 50 }, (_, i) => `f${i}`);
    expect(fieldOf(path)).toBe('f0.f1.f2.f3.f4.f5.….f45.f46.f47.f48.f49');
  });
});
