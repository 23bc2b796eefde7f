import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPathways, pathwayMessageKeys } from '../../src/config/pathway-file';
import { ConfigError } from '../../src/config/settings';
import {
  type PathwayConfig,
  type PathwayPolicy,
  type PerformerKind,
  pathwayConfigSchema,
} from '../../src/domain/pathway/config';
import {
  choosePerformer,
  choosePerformerRule,
  type PerformerFacts,
  performerRole,
} from '../../src/domain/pathway/performer';
import type { Locale } from '../../src/domain/roster';
import type { LocaleStrings } from '../../src/i18n/locale-check';

const PATHWAYS_PATH = path.join(__dirname, '..', '..', 'config', 'pathways.json');
const rawConfig = () => JSON.parse(fs.readFileSync(PATHWAYS_PATH, 'utf8'));
const shipped = (): PathwayConfig => pathwayConfigSchema.parse(rawConfig());

const facts = (hasServices: boolean, gpAgreement = false): PerformerFacts => ({
  hasServices,
  gpAgreement,
});

describe('choosePerformer with the shipped local procedure', () => {
  const config = shipped().policy;

  it.each<[2 | 3, boolean, boolean, PerformerKind]>([
    [2, true, false, 'zoneResourceNurse'],
    [2, false, false, 'cancerCoordinator'],
    // Point 2 is never the GP's, whatever the GP agreed.
    [2, true, true, 'zoneResourceNurse'],
    [2, false, true, 'cancerCoordinator'],
    [3, false, true, 'gp'],
    [3, true, true, 'gp'],
    [3, true, false, 'zoneResourceNurse'],
    [3, false, false, 'cancerCoordinator'],
  ])('point %i, services %s, GP agreement %s → %s', (point, hasServices, gp, expected) => {
    expect(choosePerformer(config, point, facts(hasServices, gp))).toBe(expected);
  });
});

describe('choosePerformer evaluates the rules in order', () => {
  const policy = (performers: unknown[]): Pick<PathwayPolicy, 'performers'> =>
    pathwayConfigSchema.parse({ ...rawConfig(), policy: { ...rawConfig().policy, performers } })
      .policy;

  it('the first rule whose conditions all hold wins', () => {
    const p = policy([
      { point: 2, when: { hasServices: true, gpAgreement: true }, performer: 'fve' },
      { point: 2, when: { hasServices: true }, performer: 'zoneResourceNurse' },
      { point: 2, performer: 'cancerCoordinator' },
      { point: 3, performer: 'fve' },
    ]);
    expect(choosePerformer(p, 2, facts(true, true))).toBe('fve');
    expect(choosePerformer(p, 2, facts(true, false))).toBe('zoneResourceNurse');
    expect(choosePerformer(p, 2, facts(false, true))).toBe('cancerCoordinator');
    expect(choosePerformerRule(p, 2, facts(false, true)).index).toBe(2);
    // Rules of the other point never apply.
    expect(choosePerformer(p, 3, facts(true, true))).toBe('fve');
    expect(choosePerformerRule(p, 3, facts(true, true)).index).toBe(3);
  });

  it('a condition on false matches only false; an empty condition is a fallback', () => {
    const p = policy([
      { point: 2, when: { hasServices: false }, performer: 'fve' },
      { point: 2, when: {}, performer: 'zoneResourceNurse' },
      { point: 3, performer: 'cancerCoordinator' },
    ]);
    expect(choosePerformer(p, 2, facts(false))).toBe('fve');
    expect(choosePerformer(p, 2, facts(true))).toBe('zoneResourceNurse');
  });

  it('throws on a list the schema did not check (no rule applies)', () => {
    const unchecked: Pick<PathwayPolicy, 'performers'> = {
      performers: [{ point: 2, when: { hasServices: true }, performer: 'fve' }],
    };
    expect(() => choosePerformer(unchecked, 2, facts(false))).toThrow(/no performer rule/);
    expect(() => choosePerformer(unchecked, 3, facts(true))).toThrow(/no performer rule/);
  });

  it('maps each performer to the roster role that acts for it (none for the GP)', () => {
    expect(performerRole('zoneResourceNurse')).toBe('nurse');
    expect(performerRole('cancerCoordinator')).toBe('cancerCoordinator');
    expect(performerRole('fve')).toBe('fve');
    expect(performerRole('gp')).toBeNull();
  });
});

describe('the pathway config schema', () => {
  const withPolicy = (edit: (policy: Record<string, unknown>) => void) => {
    const raw = rawConfig();
    edit(raw.policy);
    return pathwayConfigSchema.safeParse(raw);
  };
  const messages = (result: ReturnType<typeof withPolicy>) =>
    result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

  it('accepts the shipped file, and fills the closing-day fallback when left out', () => {
    expect(shipped().version).toMatch(/^\d{4}\.\d+$/);
    const result = withPolicy((p) => {
      delete p.closingDayFallback;
    });
    expect(result.success && result.data.policy.closingDayFallback).toBe('previous');
  });

  it('refuses a point without a fallback rule', () => {
    const result = withPolicy((p) => {
      p.performers = [
        { point: 2, when: { hasServices: true }, performer: 'zoneResourceNurse' },
        { point: 3, performer: 'cancerCoordinator' },
      ];
    });
    expect(messages(result)).toEqual([
      'policy.performers: point 2 needs a rule without conditions (the fallback)',
    ]);
  });

  it('refuses a rule that can never apply (after the fallback of its point)', () => {
    const result = withPolicy((p) => {
      p.performers = [
        { point: 2, performer: 'cancerCoordinator' },
        { point: 3, performer: 'cancerCoordinator' },
        { point: 2, when: { hasServices: true }, performer: 'zoneResourceNurse' },
      ];
    });
    expect(messages(result)).toEqual([
      'policy.performers.2: never used: the rule at 0 already applies to every patient of point 2',
    ]);
  });

  it('refuses unknown performers, conditions and points', () => {
    for (const rule of [
      { point: 2, performer: 'doctor' },
      { point: 2, when: { seriouslyIll: true }, performer: 'fve' },
      { point: 1, performer: 'fve' },
    ]) {
      const result = withPolicy((p) => {
        p.performers = [rule, ...(p.performers as unknown[])];
      });
      expect(result.success).toBe(false);
    }
  });

  it('refuses windows that close before they open, a missing or doubled point', () => {
    expect(
      messages(
        withPolicy((p) => {
          (p.windows as { closesAfterMonths: number }[])[0].closesAfterMonths = 3;
        }),
      ),
    ).toEqual(['policy.windows.0.closesAfterMonths: the window must close after it opens']);
    expect(
      withPolicy((p) => {
        p.windows = [(p.windows as unknown[])[0]];
      }).success,
    ).toBe(false);
    expect(
      withPolicy((p) => {
        const [w2] = p.windows as unknown[];
        p.windows = [w2, w2];
      }).success,
    ).toBe(false);
  });

  it('applies the routine escalation rules: increasing offsets, unique ids, at most 7 days before', () => {
    const levels = () => rawConfig().policy.escalation;
    expect(
      withPolicy((p) => {
        p.escalation = [...levels()].reverse();
      }).success,
    ).toBe(false);
    expect(
      withPolicy((p) => {
        const [a, b] = levels();
        p.escalation = [a, { ...b, id: a.id }];
      }).success,
    ).toBe(false);
    expect(
      withPolicy((p) => {
        const [a, ...rest] = levels();
        p.escalation = [{ ...a, offsetMinutes: -8 * 24 * 60 }, ...rest];
      }).success,
    ).toBe(false);
  });

  it('is strict: an unknown field is an error, not ignored', () => {
    expect(
      withPolicy((p) => {
        p.windowz = [];
      }).success,
    ).toBe(false);
  });
});

describe('loadPathways (config/pathways.json)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-pathways-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Locale strings holding exactly the given dotted keys, for nb and en. */
  const localesWith = (keys: string[]): ReadonlyMap<Locale, LocaleStrings> => {
    const strings: Record<string, unknown> = {};
    for (const key of keys) {
      const parts = key.split('.');
      let node = strings;
      for (const part of parts.slice(0, -1)) {
        node[part] ??= {};
        node = node[part] as Record<string, unknown>;
      }
      node[parts.at(-1) as string] = `text of ${key}`;
    }
    return new Map<Locale, LocaleStrings>([
      ['nb', strings],
      ['en', strings],
    ]);
  };
  const keys = () => pathwayMessageKeys(shipped()).map((f) => f.key);
  const file = (name: string, content: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, content);
    return f;
  };

  it('loads the shipped file when the locales have its message keys', () => {
    expect(keys()).toEqual([
      'pathways.escalation.reminder',
      'pathways.escalation.closed',
      'pathways.escalation.fve',
    ]);
    expect(loadPathways(PATHWAYS_PATH, { locales: localesWith(keys()) })).toEqual(shipped());
  });

  it('stops start-up naming the field whose message key a locale lacks', () => {
    const locales = localesWith(keys().filter((k) => k !== 'pathways.escalation.closed'));
    expect(() => loadPathways(PATHWAYS_PATH, { locales })).toThrow(ConfigError);
    expect(() => loadPathways(PATHWAYS_PATH, { locales })).toThrow(
      /policy\.escalation\.1\.messageKey: "pathways\.escalation\.closed" is not in the locale files \(nb, en\)/,
    );
  });

  it('stops start-up with the path of an invalid field, or when the file is unreadable', () => {
    const raw = rawConfig();
    raw.policy.windows[1].noticeDaysBeforeOpening = -1;
    const bad = file('bad.json', JSON.stringify(raw));
    expect(() => loadPathways(bad, { locales: localesWith(keys()) })).toThrow(
      /Invalid pathway file .*bad\.json:\n\s+policy\.windows\.1\.noticeDaysBeforeOpening/,
    );
    const broken = file('broken.json', '{ "version": ');
    expect(() => loadPathways(broken)).toThrow(/Cannot read pathway file .*broken\.json/);
    expect(() => loadPathways(path.join(dir, 'missing.json'))).toThrow(ConfigError);
  });
});
