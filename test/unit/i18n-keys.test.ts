import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { AccessVia } from '../../src/app/access-log';
import type { ServiceError } from '../../src/app/case-service';
import { PATHWAY_OWN_ERRORS } from '../../src/app/pathway-reply';
import { pathwayMessageKeys } from '../../src/config/pathway-file';
import { routineMessageKeys } from '../../src/config/routine-file';
import { closeReasonSchema, contactOutcomeSchema } from '../../src/domain/case';
import { GUARDS } from '../../src/domain/case-commands';
import { caseStateSchema } from '../../src/domain/case-state';
import { ACTIVITY_KINDS } from '../../src/domain/competence/activity';
import { competenceLevelSchema } from '../../src/domain/competence/requirements';
import { competenceStepKey } from '../../src/domain/competence/tracking';
import { POINT_NUMBERS, performerKindSchema } from '../../src/domain/pathway/config';
import {
  PATHWAY_GUARDS,
  PATHWAY_TOPICS,
  pathwayCloseReasonSchema,
  pathwayStateSchema,
  pathwayStepKey,
  pointStateSchema,
  topicStatusSchema,
} from '../../src/domain/pathway/pathway';
import { roleSchema } from '../../src/domain/roster';
import { deadlineKeySchema } from '../../src/domain/routine';
import {
  LOCALES,
  type LocaleStrings,
  lookup,
  missingKeys,
  readLocales,
  stringKeys,
} from '../../src/i18n/locale-check';
import { projectRoot } from '../../src/project-root';
import { EXAMPLE_KEYS } from '../../src/teams/handlers/ask';
import { shippedCompetence } from '../support/competence';
import { defaultRoutine } from '../support/domain-fixtures';
import { shippedPathways } from '../support/pathways';

/*
 * Every key the code passes to a translate function, read from the source with the TypeScript
 * parser: a key no locale has is not an error to i18next, which shows the reader the bare key.
 */

const SRC = path.join(projectRoot, 'src');

// Exhaustive by type: a new code or channel breaks the type check until it is listed here.
const ERROR_CODES = Object.keys({
  forbidden_role: true,
  not_in_zone: true,
  wrong_state: true,
  already_claimed: true,
  not_responsible: true,
  not_a_zone_nurse: true,
  unknown_zone: true,
  zone_not_linked: true,
  contains_national_id: true,
  hospital_contact_in_future: true,
  invalid_snooze: true,
  unknown_case: true,
  conflict: true,
} satisfies Record<ServiceError['code'], true>);
const VIAS = Object.keys({
  personal: true,
  channel: true,
  rest: true,
  system: true,
} satisfies Record<AccessVia, true>);
/** History actions: every command, plus the two entries the domain writes itself. */
const HISTORY_ACTIONS = [...Object.keys(GUARDS), 'registerReferral', 'postCard'];
/** The running step of a tracked item: an HSYRE case's deadline, or a pathway's point. */
const COMPETENCE_SETS = shippedCompetence().sets;
const STEP_KEYS = [
  ...deadlineKeySchema.options.map((k) => `cases.deadlineKeys.${k}`),
  ...POINT_NUMBERS.map(pathwayStepKey),
  ...COMPETENCE_SETS.flatMap((set) => set.requirements.map((r) => competenceStepKey(r.id))),
];

/**
 * What the variable part of each template-literal key ranges over, written as the source
 * writes the key with `*` for each substitution. `'group'` marks a key whose values the
 * code does not export (a private list in the module): the prefix must be a group in every
 * locale, and card-templates.test.ts renders every value through a translate function that
 * throws on a missing key.
 */
const RANGES: Record<string, readonly string[] | 'group'> = {
  'cases.deadlineKeys.*': deadlineKeySchema.options,
  'cases.outcomes.*': contactOutcomeSchema.options,
  'cases.closeReasons.*': closeReasonSchema.options,
  'cases.history.*': HISTORY_ACTIONS,
  'states.*': caseStateSchema.options,
  'roles.*': roleSchema.options,
  'errors.*': ERROR_CODES,
  'accessLog.via.*': VIAS,
  'knowledge.examples.*': EXAMPLE_KEYS,
  'cases.actions.*': 'group',
  'pathways.actions.*': 'group',
  'pathways.pointStates.*': pointStateSchema.options,
  'pathways.states.*': pathwayStateSchema.options,
  'pathways.performers.*': performerKindSchema.options,
  'pathways.topics.*': PATHWAY_TOPICS,
  'pathways.topicStatus.*': [...topicStatusSchema.options, 'none'],
  'pathways.closeReasons.*': pathwayCloseReasonSchema.options,
  'pathways.history.*': [...Object.keys(PATHWAY_GUARDS), 'registerPathway', 'postCard'],
  'pathways.errors.*': PATHWAY_OWN_ERRORS,
  'help.commands.*': 'group',
  'competence.kinds.*': ACTIVITY_KINDS,
  'competence.status.*': ['done', 'missing', 'overdue'],
  'competence.levels.*': competenceLevelSchema.options,
  // The requirement ids of config/competence.json; card-templates.test.ts renders each.
  'competence.requirements.*': 'group',
};

/**
 * Keys held in a variable, by file (under src/) and the expression's source text, and the keys
 * it can hold. `'reply'`
 * marks a MessageReply's key: use cases make those with `message(key, …)` and `localised`
 * values, which this test reads as keys where they are written.
 */
const VARIABLE_KEYS: Record<string, readonly string[] | 'reply'> = {
  // The routine's keys; loadRoutine also checks them against the locales at start-up.
  'teams/teams-notifier.ts: o.level.messageKey': [
    ...routineMessageKeys(defaultRoutine()).map((f) => f.key),
    ...pathwayMessageKeys(shippedPathways()).map((f) => f.key),
    ...COMPETENCE_SETS.flatMap((set) =>
      [...(set.reminders?.firstYear ?? []), ...(set.reminders?.year ?? [])].map(
        (l) => l.messageKey,
      ),
    ),
  ],
  // TrackedItem.stepKey and the due list's step groups: the running step of an HSYRE case.
  'teams/teams-notifier.ts: c.stepKey': STEP_KEYS,
  'teams/due-list-card.ts: item.stepKey': STEP_KEYS,
  'teams/due-list-card.ts: g.key': STEP_KEYS,
  'teams/reply-text.ts: reply.key': 'reply',
  'teams/reply-text.ts: key': 'reply',
  // A pathway refusal for the record system: a MessageReply's key and its localised keys.
  'http/pathway-endpoint.ts: reply.key': 'reply',
  'http/pathway-endpoint.ts: key': 'reply',
};

/** The module whose `message(key, …)` makes a MessageReply (src/app/reply.ts). */
const REPLY_MODULE = /(^|\/)reply$/;

interface KeyUse {
  where: string;
  /** A literal key, a template pattern ('roles.*'), or a variable as `<file>: <source text>`. */
  kind: 'literal' | 'pattern' | 'variable';
  text: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * `t(...)`, `caller.t(...)`, `translator.forLocale(l)(...)`, and the reply module's
 * `message(...)`: the calls whose first argument is a key. `messageNames` are the local names
 * of that `message` in the file (a file may have its own, unrelated `message`).
 */
function takesKey(call: ts.CallExpression, messageNames: ReadonlySet<string>): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text === 't' || messageNames.has(callee.text);
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text === 't';
  return (
    ts.isCallExpression(callee) &&
    ts.isPropertyAccessExpression(callee.expression) &&
    callee.expression.name.text === 'forLocale'
  );
}

function replyMessageNames(source: ts.SourceFile, file: string): Set<string> {
  const names = new Set<string>();
  if (path.relative(SRC, file) === path.join('app', 'reply.ts')) names.add('message');
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier))
      continue;
    if (!REPLY_MODULE.test(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if ((element.propertyName ?? element.name).text === 'message') names.add(element.name.text);
    }
  }
  return names;
}

/** `localised: { state: 'states.x' }` in a MessageReply: each value is a key. */
function localisedValues(node: ts.Node): ts.Expression[] {
  if (
    !ts.isPropertyAssignment(node) ||
    !ts.isIdentifier(node.name) ||
    node.name.text !== 'localised' ||
    !ts.isObjectLiteralExpression(node.initializer)
  )
    return [];
  return node.initializer.properties.flatMap((p) =>
    ts.isPropertyAssignment(p) ? [p.initializer] : [],
  );
}

function keysOf(node: ts.Expression, source: ts.SourceFile): Omit<KeyUse, 'where'>[] {
  const file = path.relative(SRC, source.fileName).split(path.sep).join('/');
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return [{ kind: 'literal', text: node.text }];
  if (ts.isParenthesizedExpression(node)) return keysOf(node.expression, source);
  if (ts.isConditionalExpression(node))
    return [...keysOf(node.whenTrue, source), ...keysOf(node.whenFalse, source)];
  if (ts.isTemplateExpression(node)) {
    const text = node.head.text + node.templateSpans.map((s) => `*${s.literal.text}`).join('');
    return [{ kind: 'pattern', text }];
  }
  return [{ kind: 'variable', text: `${file}: ${node.getText(source)}` }];
}

function keyUses(): KeyUse[] {
  const uses: KeyUse[] = [];
  for (const file of sourceFiles(SRC)) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
    const messageNames = replyMessageNames(source, file);
    const record = (node: ts.Node, key: ts.Expression) => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      const where = `${path.relative(projectRoot, file)}:${line + 1}`;
      for (const found of keysOf(key, source)) uses.push({ where, ...found });
    };
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && takesKey(node, messageNames) && node.arguments.length > 0)
        record(node, node.arguments[0]);
      for (const value of localisedValues(node)) record(value, value);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

/** The keys a template pattern stands for: its single `*` filled with each value. */
const expand = (pattern: string, values: readonly string[]) =>
  values.map((v) => pattern.replace('*', v));

describe('i18n keys in the code', () => {
  const locales = readLocales();
  const uses = keyUses();
  const byKind = (kind: KeyUse['kind']) => uses.filter((u) => u.kind === kind);

  it('finds the translate calls (the scan itself works)', () => {
    expect(byKind('literal').length).toBeGreaterThan(100);
    expect(byKind('literal')).toContainEqual(
      expect.objectContaining({ text: 'cases.messages.onlyFve' }),
    );
    expect(byKind('pattern')).toContainEqual(expect.objectContaining({ text: 'roles.*' }));
    if (uses.some((u) => VARIABLE_KEYS[u.text] === 'reply')) {
      // The replies' keys are read where they are made, or they would go unchecked.
      expect(
        uses.filter((u) => u.where.startsWith(path.join('src', 'app'))).length,
      ).toBeGreaterThan(0);
    }
  });

  it('every literal key is a string in nb and en', () => {
    const missing = byKind('literal').flatMap((use) =>
      missingKeys([use.text], locales).map((m) => `${use.where}: ${m.key} (${m.locales})`),
    );
    expect(missing).toEqual([]);
  });

  it('every template-literal key has a known range, and each value of it is in nb and en', () => {
    const problems = byKind('pattern').flatMap((use) => {
      const range = RANGES[use.text];
      if (range === undefined)
        return [`${use.where}: ${use.text}: unknown range; add it to RANGES in this test`];
      if (range === 'group') {
        const prefix = use.text.slice(0, use.text.indexOf('.*'));
        const notGroups = [...locales]
          .filter(([, s]) => typeof lookup(s, prefix) !== 'object')
          .map(([l]) => l);
        return notGroups.length > 0 ? [`${use.where}: ${prefix} is no group in ${notGroups}`] : [];
      }
      return missingKeys(expand(use.text, range), locales).map(
        (m) => `${use.where}: ${m.key} (${m.locales})`,
      );
    });
    expect(problems).toEqual([]);
  });

  it('every key held in a variable has a known range, and each value of it is in nb and en', () => {
    const problems = byKind('variable').flatMap((use) => {
      const range = VARIABLE_KEYS[use.text];
      if (range === undefined)
        return [`${use.where}: "${use.text}": unknown range; add it to VARIABLE_KEYS here`];
      if (range === 'reply') return [];
      return missingKeys(range, locales).map((m) => `${use.where}: ${m.key} (${m.locales})`);
    });
    expect(problems).toEqual([]);
  });

  it('lists no range the code no longer uses', () => {
    const used = new Set(uses.map((u) => u.text));
    const stale = [...Object.keys(RANGES), ...Object.keys(VARIABLE_KEYS)].filter(
      (k) => !used.has(k),
    );
    expect(stale).toEqual([]);
  });
});

describe('the locales', () => {
  const locales = readLocales();
  const [first, ...others] = LOCALES;
  const strings = (locale: (typeof LOCALES)[number]) => locales.get(locale) as LocaleStrings;

  it.each(others)('%s has exactly the keys nb has, all files merged', (locale) => {
    expect(stringKeys(strings(locale)).sort()).toEqual(stringKeys(strings(first)).sort());
  });

  it.each(others)('%s fills in the same {{placeholders}} as nb', (locale) => {
    const placeholders = (text: unknown) =>
      [...String(text).matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort();
    const differ = stringKeys(strings(first)).filter(
      (key) =>
        JSON.stringify(placeholders(lookup(strings(first), key))) !==
        JSON.stringify(placeholders(lookup(strings(locale), key))),
    );
    expect(differ).toEqual([]);
  });

  it('holds only strings, no empty ones', () => {
    for (const locale of LOCALES) {
      const bad = stringKeys(strings(locale)).filter((key) => {
        const value = lookup(strings(locale), key);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect({ locale, bad }).toEqual({ locale, bad: [] });
    }
  });
});
