import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import { hexToRgb, renderColorIcon, renderOutlineIcon } from '../../scripts/make-icons';
import {
  botCommands,
  type CommandRef,
  commandKey,
  iconErrors,
  LIMITS,
  LOCALIZATION_SCHEMA_URL,
  localizationErrors,
  localizationSchemaErrors,
  MANIFEST_SCHEMA_URL,
  MANIFEST_VERSION,
  type ManifestShape,
  manifestRuleErrors,
  manifestSchemaErrors,
  manifestShape,
  outlinePixels,
  SCHEMA_DIR,
} from '../../scripts/manifest/validate-manifest';
import {
  buildApp,
  defaultTeamsAppId,
  fillPlaceholders,
  PackageError,
  packageApp,
  placeholdersIn,
  placeholderValues,
} from '../../scripts/package-app';
import { TAB_PATHS } from '../../src/http/tab-routes';
import { TAB_ENTITY_ID, teamsAppIdFor } from '../../src/teams/handlers/report';

const ROOT = path.resolve(__dirname, '../..');
const MANIFEST_DIR = path.join(ROOT, 'manifest');
const BOT_APPLICATION = path.join(ROOT, 'src/teams/bot-application.ts');

const SAMPLE_ENV = {
  MICROSOFT_APP_ID: '1b7d2f3a-1234-4abc-9def-0123456789ab',
  BOT_DOMAIN: 'hsyre-test.azurewebsites.net',
};

const readJson = (file: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, file), 'utf8'));
const readPng = (file: string) => PNG.sync.read(fs.readFileSync(path.join(MANIFEST_DIR, file)));

const template = readJson('manifest.json');
const englishTemplate = readJson('en.json');
const values = placeholderValues(SAMPLE_ENV);
const filled = fillPlaceholders(template, values);
const manifest: ManifestShape = manifestShape.parse(filled);
const english = new Map(Object.entries(fillPlaceholders(englishTemplate, values) as object));
const commands = botCommands(manifest);
const packageVersion = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

describe('manifest template', () => {
  it(`uses the bundled v${MANIFEST_VERSION} schema: $schema and manifestVersion agree`, () => {
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest.$schema).toBe(MANIFEST_SCHEMA_URL);
    expect(fs.existsSync(path.join(SCHEMA_DIR, 'MicrosoftTeams.schema.json'))).toBe(true);
    expect(fs.existsSync(path.join(SCHEMA_DIR, 'MicrosoftTeams.Localization.schema.json'))).toBe(
      true,
    );
    expect(MANIFEST_VERSION).toMatch(/^1\.\d+$/);
  });

  it('has a value for every placeholder, and none is left after filling', () => {
    expect(placeholdersIn(template)).toEqual([
      'APP_VERSION',
      'BOT_DOMAIN',
      'MICROSOFT_APP_ID',
      'PRIVACY_URL',
      'PUBLISHER_NAME',
      'PUBLISHER_WEBSITE',
      'TEAMS_APP_ID',
      'TERMS_URL',
    ]);
    expect(placeholdersIn(englishTemplate)).toEqual([]);
    for (const name of placeholdersIn(template)) expect(values[name]).toBeTruthy();
    expect(JSON.stringify(filled)).not.toContain('${{');
    expect(placeholdersIn(filled)).toEqual([]);
  });

  it('filled with sample values, is valid against the bundled JSON schema (offline)', () => {
    expect(manifestSchemaErrors(filled)).toEqual([]);
    expect(manifestRuleErrors(manifest)).toEqual([]);
  });

  it('the schema check is real: the unfilled template and an unknown property fail it', () => {
    expect(manifestSchemaErrors(template).join('\n')).toMatch(/\/id: must match pattern/);
    expect(manifestSchemaErrors({ ...(filled as object), colour: 'red' })).toEqual([
      expect.stringContaining('must NOT have additional properties'),
    ]);
  });

  it('fills the bot id, the domain, the app id and defaults from the environment', () => {
    const m = filled as {
      id: string;
      version: string;
      bots: { botId: string; scopes: string[] }[];
      validDomains: string[];
      developer: Record<string, string>;
      localizationInfo: unknown;
    };
    expect(m.bots[0].botId).toBe(SAMPLE_ENV.MICROSOFT_APP_ID);
    expect(m.bots[0].scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(m.validDomains).toEqual([SAMPLE_ENV.BOT_DOMAIN]);
    expect(m.id).toBe(defaultTeamsAppId(SAMPLE_ENV.MICROSOFT_APP_ID));
    expect(m.id).not.toBe(SAMPLE_ENV.MICROSOFT_APP_ID);
    expect(m.version).toBe(packageVersion);
    expect(m.developer.privacyUrl).toBe(`https://${SAMPLE_ENV.BOT_DOMAIN}/`);
    expect(m.localizationInfo).toEqual({
      defaultLanguageTag: 'nb',
      additionalLanguages: [{ languageTag: 'en', file: 'en.json' }],
    });
  });
});

describe('command lists', () => {
  const lists = manifest.bots?.[0]?.commandLists ?? [];

  it('has one list per scope of the bot, within Teams limits', () => {
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of lists) {
      expect(list.commands.length).toBeGreaterThan(0);
      expect(list.commands.length).toBeLessThanOrEqual(LIMITS.commandsPerList);
    }
    for (const c of commands) {
      expect(c.title.length).toBeLessThanOrEqual(LIMITS.commandTitle);
      expect(c.description?.length).toBeLessThanOrEqual(LIMITS.commandDescription);
    }
  });

  it('lists a command the same way in every scope it appears in', () => {
    const byTitle = new Map<string, Set<string | undefined>>();
    for (const c of commands)
      byTitle.set(c.title, (byTitle.get(c.title) ?? new Set()).add(c.description));
    for (const [title, descriptions] of byTitle)
      expect([title, descriptions.size]).toEqual([title, 1]);
    // `koble sone` only works in a channel; `ny` sends a form, which belongs in a personal chat.
    const titlesOf = (scope: string) =>
      commands.filter((c) => c.scopes.includes(scope)).map((c) => c.title);
    expect(titlesOf('team')).toContain('koble sone');
    expect(titlesOf('personal')).not.toContain('koble sone');
    expect(titlesOf('personal')).toContain('ny');
  });

  it('en.json is valid against the bundled localization schema and translates every command', () => {
    expect(english.get('$schema')).toBe(LOCALIZATION_SCHEMA_URL);
    expect(localizationSchemaErrors(Object.fromEntries(english), 'en.json')).toEqual([]);
    expect(localizationErrors(manifest, Object.fromEntries(english), 'en.json')).toEqual([]);
    for (const c of commands) {
      expect(english.get(commandKey(c, 'title'))).toEqual(expect.any(String));
      expect(english.get(commandKey(c, 'description'))).toEqual(expect.any(String));
    }
    // Commands, names and descriptions, $schema, and the name of each named static tab.
    const namedTabs = (filled as { staticTabs?: { name?: string }[] }).staticTabs?.filter(
      (tab) => tab.name !== undefined,
    ).length;
    const expectedKeys = commands.length * 2 + 4 + 1 + (namedTabs ?? 0);
    expect(english.size).toBe(expectedKeys);
  });

  it('the localization check is real: a missing or stray command key fails it', () => {
    const missing = Object.fromEntries(english);
    delete missing[commandKey(commands[0], 'title')];
    expect(localizationErrors(manifest, missing, 'en.json')).toEqual([
      expect.stringContaining(`"${commands[0].title}"`),
    ]);
    const stray = {
      ...Object.fromEntries(english),
      'bots[0].commandLists[2].commands[9].title': 'x',
    };
    expect(localizationErrors(manifest, stray, 'en.json')).toEqual([
      expect.stringContaining('not a command field'),
    ]);
  });
});

describe('the compliance tab', () => {
  const m = filled as {
    staticTabs: { entityId: string; name?: string; contentUrl?: string; scopes: string[] }[];
    configurableTabs: { configurationUrl: string; scopes: string[]; context?: string[] }[];
    id: string;
    webApplicationInfo: { id: string; resource: string };
    validDomains: string[];
  };
  const served = (url: string) => {
    const { host, pathname, protocol } = new URL(url);
    return protocol === 'https:' && m.validDomains.includes(host) && TAB_PATHS.includes(pathname);
  };

  it('is a personal tab "Frister" after the bot\'s chat, served by the bot itself', () => {
    expect(m.staticTabs.map((t) => t.entityId)).toEqual(['conversations', TAB_ENTITY_ID]);
    const tab = m.staticTabs[1];
    expect(tab).toMatchObject({ name: 'Frister', scopes: ['personal'] });
    expect(served(String(tab.contentUrl))).toBe(true);
    expect(english.get('staticTabs[1].name')).toBe('Deadlines');
  });

  it('is a channel tab with a configuration page on the bot', () => {
    expect(m.configurableTabs).toHaveLength(1);
    expect(m.configurableTabs[0]).toMatchObject({ scopes: ['team'], context: ['channelTab'] });
    expect(served(m.configurableTabs[0].configurationUrl)).toBe(true);
  });

  it("signs in with SSO as the bot's app registration, under the bot's domain", () => {
    expect(m.webApplicationInfo).toEqual({
      id: SAMPLE_ENV.MICROSOFT_APP_ID,
      resource: `api://${SAMPLE_ENV.BOT_DOMAIN}/${SAMPLE_ENV.MICROSOFT_APP_ID}`,
    });
  });

  it('the bot links to the same Teams app id as the package has', () => {
    expect(teamsAppIdFor({ MICROSOFT_APP_ID: SAMPLE_ENV.MICROSOFT_APP_ID })).toBe(m.id);
    expect(m.id).toBe(defaultTeamsAppId(SAMPLE_ENV.MICROSOFT_APP_ID));
    const own = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(
      teamsAppIdFor({ TEAMS_APP_ID: own, MICROSOFT_APP_ID: SAMPLE_ENV.MICROSOFT_APP_ID }),
    ).toBe(own);
    expect(teamsAppIdFor({})).toBeUndefined();
  });
});

describe('commands the bot handles', () => {
  interface Route {
    name: string;
    pattern: RegExp;
  }

  /**
   * The message routes of the bot, read from bot-application.ts: every `app.message(NAME, …)`
   * with NAME's value taken from the module bot-application imports it from.
   */
  function messageRoutes(): Route[] {
    const source = fs.readFileSync(BOT_APPLICATION, 'utf8');
    const names = [...source.matchAll(/app\.message\(\s*([A-Za-z_$][\w$]*)\s*,/g)].map((m) => m[1]);
    const imports = [...source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)].map((m) => ({
      names: m[1].split(',').map((n) => n.replace(/^\s*type\s+/, '').trim()),
      from: m[2],
    }));
    const routes: Route[] = [];
    for (const name of names) {
      const origin = imports.find((i) => i.names.includes(name));
      if (!origin) throw new Error(`${name} is not imported in bot-application.ts`);
      // require, not import(): the handlers are CommonJS TypeScript, transformed by ts-jest.
      const module: Record<string, unknown> = require(
        path.resolve(path.dirname(BOT_APPLICATION), origin.from),
      );
      const pattern = module[name];
      if (!(pattern instanceof RegExp)) throw new Error(`${name} is not a RegExp`);
      routes.push({ name, pattern });
    }
    return routes;
  }

  let routes: Route[] = [];
  beforeAll(() => {
    routes = messageRoutes();
  });

  /** The quoted examples in a command's description: «sak K7M2Q», "case K7M2Q". */
  const examples = (description: string | undefined) =>
    [...(description ?? '').matchAll(/[«"]([^»"]+)[»"]/g)].map((m) => m[1]);

  const routesFor = (text: string) => routes.filter((r) => r.pattern.test(text)).map((r) => r.name);

  it('finds the routes in bot-application.ts', () => {
    expect(routes.length).toBeGreaterThanOrEqual(7);
  });

  const check = (
    language: string,
    title: (c: CommandRef) => string,
    description: (c: CommandRef) => string | undefined,
  ) => {
    for (const c of commands) {
      const matched = routesFor(title(c));
      expect([language, title(c), matched.length]).toEqual([language, title(c), 1]);
      for (const example of examples(description(c))) {
        expect([language, example, routesFor(example)]).toEqual([language, example, matched]);
      }
    }
  };

  it('every Norwegian command title, and the examples in its description, is a route of the bot', () => {
    check(
      'nb',
      (c) => c.title,
      (c) => c.description,
    );
  });

  it('every English command title, and the examples in its description, is a route of the bot', () => {
    check(
      'en',
      (c) => String(english.get(commandKey(c, 'title'))),
      (c) => String(english.get(commandKey(c, 'description'))),
    );
  });

  /**
   * Routes the manifest cannot list: Teams allows 10 commands per list and both are full. The
   * bot handles them as text and the help card (`hjelp`) lists them.
   */
  const UNLISTED_ROUTES = new Set([
    'COMPETENCE_PATTERN',
    'NETWORK_EVENTS_PATTERN',
    'NETWORK_LINK_PATTERN',
  ]);

  it('every route of the bot is in a command list (but those the full lists leave out)', () => {
    const listed = new Set(commands.flatMap((c) => routesFor(c.title)));
    expect(
      routes.map((r) => r.name).filter((name) => !listed.has(name) && !UNLISTED_ROUTES.has(name)),
    ).toEqual([]);
    // An exemption for a route that is listed after all, or no longer exists, is stale.
    expect(
      [...UNLISTED_ROUTES].filter((n) => listed.has(n) || !routes.some((r) => r.name === n)),
    ).toEqual([]);
  });
});

describe('icons', () => {
  const color = readPng('color.png');
  const outline = readPng('outline.png');

  it('are 192x192 (colour) and 32x32 (outline)', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(
      iconErrors(
        fs.readFileSync(path.join(MANIFEST_DIR, 'color.png')),
        fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png')),
      ),
    ).toEqual([]);
  });

  it('the outline is only white and transparent: a transparent background, no colour', () => {
    const pixels = outlinePixels(outline);
    expect(pixels.coloured).toBe(0);
    expect(pixels.transparent).toBeGreaterThan(100);
    expect(pixels.white).toBeGreaterThan(100);
    // The corners are background.
    for (const i of [0, 31, 32 * 31, 32 * 32 - 1]) expect(outline.data[i * 4 + 3]).toBe(0);
  });

  it('the colour icon is opaque, on the manifest accent colour', () => {
    const accent = (template as { accentColor: string }).accentColor;
    expect([...color.data.subarray(0, 3)]).toEqual([...hexToRgb(accent)]);
    for (let i = 3; i < color.data.length; i += 4) {
      if (color.data[i] !== 255) throw new Error(`pixel ${(i - 3) / 4} is not opaque`);
    }
  });

  it('are what scripts/make-icons.ts draws (regenerate them after changing it)', () => {
    expect(Buffer.compare(color.data, renderColorIcon().data)).toBe(0);
    expect(Buffer.compare(outline.data, renderOutlineIcon().data)).toBe(0);
  });

  it('the icon check is real: a coloured pixel or a wrong size fails it', () => {
    const bad = renderOutlineIcon();
    bad.data.set([255, 0, 0, 255], 0);
    expect(iconErrors(PNG.sync.write(renderColorIcon()), PNG.sync.write(bad))).toEqual([
      'outline.png: 1 pixels are neither white nor transparent',
    ]);
    expect(
      iconErrors(PNG.sync.write(renderOutlineIcon()), PNG.sync.write(renderOutlineIcon())),
    ).toEqual([expect.stringContaining('color.png: must be 192x192, is 32x32')]);
  });
});

describe('npm run package', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-app-package-'));
  });
  afterEach(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('writes a zip with exactly the manifest, en.json and the two icons, all placeholders filled', () => {
    const { zipPath } = packageApp({ env: SAMPLE_ENV, outDir });
    expect(zipPath).toBe(path.join(outDir, `hsyre-boten-${packageVersion}.zip`));
    const zip = new AdmZip(zipPath);
    const entries = zip.getEntries().map((e) => e.entryName);
    expect(entries.sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    const manifestText = zip.readAsText('manifest.json');
    expect(manifestText).not.toContain('${{');
    expect(zip.readAsText('en.json')).not.toContain('${{');
    const zipped = JSON.parse(manifestText);
    expect(manifestSchemaErrors(zipped)).toEqual([]);
    expect(zipped.bots[0].botId).toBe(SAMPLE_ENV.MICROSOFT_APP_ID);
    expect(zip.readFile('color.png')).toEqual(
      fs.readFileSync(path.join(MANIFEST_DIR, 'color.png')),
    );
  });

  it('takes the Teams app id, version and publisher from the environment when set', () => {
    const env = {
      ...SAMPLE_ENV,
      TEAMS_APP_ID: '0f8fad5b-d9cb-469f-a165-70867728950e',
      APP_VERSION: '2.3.4',
      PUBLISHER_NAME: 'Eksempel kommune',
      PRIVACY_URL: 'https://www.eksempel.kommune.no/personvern',
    };
    const { zipPath } = packageApp({ env, outDir });
    expect(path.basename(zipPath)).toBe('hsyre-boten-2.3.4.zip');
    const zipped = JSON.parse(new AdmZip(zipPath).readAsText('manifest.json'));
    expect(zipped.id).toBe(env.TEAMS_APP_ID);
    expect(zipped.version).toBe('2.3.4');
    expect(zipped.developer).toEqual({
      name: 'Eksempel kommune',
      websiteUrl: 'https://hsyre-test.azurewebsites.net/',
      privacyUrl: env.PRIVACY_URL,
      termsOfUseUrl: 'https://hsyre-test.azurewebsites.net/',
    });
  });

  it('refuses without MICROSOFT_APP_ID, naming it, and writes nothing', () => {
    const attempt = () => packageApp({ env: { BOT_DOMAIN: SAMPLE_ENV.BOT_DOMAIN }, outDir });
    expect(attempt).toThrow(PackageError);
    expect(attempt).toThrow(/MICROSOFT_APP_ID is missing/);
    expect(fs.readdirSync(outDir)).toEqual([]);
  });

  it('names every invalid variable at once: not a GUID, a URL instead of a host name', () => {
    let error: unknown;
    try {
      packageApp({
        env: {
          MICROSOFT_APP_ID: 'hsyre-bot',
          BOT_DOMAIN: 'https://hsyre-test.azurewebsites.net/api',
          TERMS_URL: 'http://x.no',
        },
        outDir,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).problems).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_ID must be a GUID/),
      'BOT_DOMAIN must be the host name only, without "https://": e.g. hsyre-test.azurewebsites.net',
      'TERMS_URL must be an https:// URL',
    ]);
  });

  it('rejects a host name with a path or port, or a blank value', () => {
    const problems = (BOT_DOMAIN: string) => {
      try {
        placeholderValues({ ...SAMPLE_ENV, BOT_DOMAIN });
        return [];
      } catch (e) {
        return (e as PackageError).problems;
      }
    };
    expect(problems('hsyre-test.azurewebsites.net/api')).toEqual([
      expect.stringContaining('without a path'),
    ]);
    expect(problems('hsyre-test.azurewebsites.net:443')).toEqual([
      expect.stringContaining('without a port'),
    ]);
    expect(problems('  ')).toEqual([expect.stringContaining('BOT_DOMAIN is missing')]);
    expect(problems('HSYRE-Test.azurewebsites.net')).toEqual([]);
  });

  it('refuses a placeholder that has no value', () => {
    const { TERMS_URL: _unused, ...withoutTerms } = values;
    expect(() => buildApp(withoutTerms, MANIFEST_DIR)).toThrow(
      /\$\{\{TERMS_URL\}\}, which has no value/,
    );
  });
});
