import fc from 'fast-check';
import { type Case, caseSchema } from '../../src/domain/case';
import { applyCommand, type CaseCommand } from '../../src/domain/case-commands';
import { caseStateSchema } from '../../src/domain/case-state';
import { parseChanged } from '../../src/store/changed-body';
import { deepFreeze } from '../../src/store/parsed-texts';
import { caseIn, roster, staff, TIMELINE, VALID_FNR } from '../support/domain-fixtures';

const bodySchema = caseSchema.omit({ policy: true });
const bodyOf = (c: Case): Record<string, unknown> => {
  const { policy: _policy, ...rest } = c;
  return rest;
};
/** The stored document as a read of it leaves it: parsed, then frozen. */
const stored = (c: Case) => deepFreeze(bodySchema.parse(bodyOf(c)));

const COMMANDS: readonly CaseCommand[] = [
  { type: 'claim' },
  { type: 'logContact', outcome: 'reached', note: 'Ringt datter' },
  { type: 'logContact', outcome: 'not_reached' },
  { type: 'setAdmitted', admitted: true },
  { type: 'reportServicesNeeded' },
  { type: 'grantHsy' },
  { type: 'close', reason: 'moved' },
];
const ACTORS = [staff.nurseA, staff.fve, staff.leader];

describe('parseChanged', () => {
  it('gives what the whole schema gives, for any command on a case read in any state', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...caseStateSchema.options),
        fc.array(fc.tuple(fc.constantFrom(...COMMANDS), fc.constantFrom(...ACTORS)), {
          maxLength: 4,
        }),
        (state, steps) => {
          let c = caseIn(state);
          let base = stored(c);
          c = { ...c, ...base } as Case;
          for (const [command, actor] of steps) {
            const done = applyCommand(c, command, actor, TIMELINE.later, roster);
            if (!done.ok) continue;
            const next = { ...done.case, version: c.version + 1 };
            const body = bodyOf(next);
            const parsed = parseChanged(bodySchema, body, base);
            expect(parsed).toEqual(bodySchema.parse(body));
            base = deepFreeze(parsed);
            c = { ...next, ...base } as Case;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses what the whole schema refuses, in a changed field or an added history entry', () => {
    const c = caseIn('claimed');
    const base = stored(c);
    const from = { ...base } as Record<string, unknown>;
    const bad: Record<string, unknown>[] = [
      { ...from, state: 'bogus' },
      { ...from, unknownField: 1 },
      { ...from, anchors: { ...c.anchors, registered: 'yesterday' } },
      {
        ...from,
        history: [...(base.history as unknown[]), { ...c.history[0], at: 'yesterday' }],
      },
      { ...from, history: (base.history as unknown[]).slice(1) },
      { ...from, note: `Ring ${VALID_FNR}` },
    ];
    for (const body of bad) {
      const whole = bodySchema.safeParse(body);
      if (whole.success) {
        expect(parseChanged(bodySchema, body, base)).toEqual(whole.data);
      } else {
        expect(() => parseChanged(bodySchema, body, base)).toThrow();
      }
    }
    // The first four are wrong whatever else holds (a national id in the note is masked).
    for (const body of bad.slice(0, 4)) {
      expect(() => parseChanged(bodySchema, body, base)).toThrow();
    }
  });

  it('parses everything again when the base is not a frozen parse result', () => {
    const c = caseIn('claimed');
    const base = bodySchema.parse(bodyOf(c));
    // A field changed in place in an unfrozen base is not trusted because it is the same object.
    const anchors = base.anchors as Record<string, unknown>;
    anchors.registered = 'yesterday';
    expect(() => parseChanged(bodySchema, { ...base }, base)).toThrow();
  });
});
