import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRoutine, routineMessageKeys } from '../../src/config/routine-file';
import { ConfigError } from '../../src/config/settings';
import { missingKeys } from '../../src/i18n/locale-check';
import { defaultRoutine, ROUTINE_PATH, rawRoutineJson } from '../support/domain-fixtures';

/** The parts of config/routine.json these tests edit. */
interface RoutineJson {
  policy: {
    escalation: { messageKey: string }[];
    claimReminder?: { messageKey: string };
  };
}

describe('the routine file names only message keys the locale files have', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-message-keys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The shipped routine, edited, written where loadRoutine reads it. */
  function routineFile(name: string, edit: (routine: RoutineJson) => void): string {
    const routine = rawRoutineJson() as RoutineJson;
    edit(routine);
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(routine));
    return file;
  }

  it('the shipped routine loads, and each of its keys is a string in nb and en', () => {
    expect(() => loadRoutine(ROUTINE_PATH)).not.toThrow();
    const routine = defaultRoutine();
    const keys = routineMessageKeys(routine).map((f) => f.key);
    // One per escalation level, and the silent claim's reminder.
    expect(keys).toHaveLength(routine.policy.escalation.length + 1);
    expect(keys).toContain(routine.policy.claimReminder.messageKey);
    expect(missingKeys(keys)).toEqual([]);
  });

  it('stops start-up with the field and the key an escalation level names wrongly', () => {
    const file = routineFile('typo.json', (r) => {
      r.policy.escalation[1].messageKey = 'escalation.overdeu';
    });
    expect(() => loadRoutine(file)).toThrow(ConfigError);
    expect(() => loadRoutine(file)).toThrow(
      /typo\.json[\s\S]*policy\.escalation\.1\.messageKey: "escalation\.overdeu" is not in the locale files \(nb, en\)/,
    );
  });

  it('checks the claim reminder key, and the default one when the routine leaves it out', () => {
    const wrong = routineFile('claim.json', (r) => {
      r.policy.claimReminder = { ...r.policy.claimReminder, messageKey: 'escalation.silent' };
    });
    expect(() => loadRoutine(wrong)).toThrow(
      /policy\.claimReminder\.messageKey: "escalation\.silent"/,
    );
    const defaulted = routineFile('default-claim.json', (r) => {
      delete r.policy.claimReminder;
    });
    expect(loadRoutine(defaulted).policy.claimReminder.messageKey).toBe('escalation.claimedSilent');
  });

  it('refuses a key that names a group of strings rather than one string', () => {
    const file = routineFile('group.json', (r) => {
      r.policy.escalation[0].messageKey = 'escalation';
    });
    expect(() => loadRoutine(file)).toThrow(/policy\.escalation\.0\.messageKey: "escalation"/);
  });

  it('names every wrong field, not only the first', () => {
    const file = routineFile('two.json', (r) => {
      r.policy.escalation[0].messageKey = 'nope.one';
      r.policy.escalation[2].messageKey = 'nope.one';
    });
    let message = '';
    try {
      loadRoutine(file);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('policy.escalation.0.messageKey: "nope.one"');
    expect(message).toContain('policy.escalation.2.messageKey: "nope.one"');
  });

  it('reports a key present in Bokmål only as missing in English', () => {
    const nbOnly = new Map([
      ['nb', { escalation: { x: 'Påminnelse' } }],
      ['en', { escalation: {} }],
    ] as const);
    expect(missingKeys(['escalation.x'], nbOnly)).toEqual([
      { key: 'escalation.x', locales: ['en'] },
    ]);
    // i18next's plural forms count as the key.
    const plural = new Map([['nb', { n: { item_one: 'én', item_other: 'flere' } }]] as const);
    expect(missingKeys(['n.item'], plural)).toEqual([]);
  });
});
