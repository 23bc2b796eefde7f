/**
 * Offline checks of the Bicep in infra/ (there is no bicep CLI, az CLI or Azure here): the
 * templates parse, name only declared symbols, use dated API versions, keep secrets secret and
 * data in Norway, and provision what the app expects: the Cosmos DB containers of
 * src/store/cosmos/containers.ts, settings the app's schema accepts, the bot's managed identity.
 * The last block mutates the real template and shows each generic check noticing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod/v4';
import { loadSettings, settingsSchema } from '../../src/config/settings';
import { CONTAINERS } from '../../src/store/cosmos/containers';
import {
  body,
  type Decl,
  expressionTokens,
  get,
  lex,
  literal,
  localNames,
  type Outline,
  outline,
  type Token,
  text,
  type Value,
} from './bicep-outline';

const ROOT = path.resolve(__dirname, '../..');
const INFRA = path.join(ROOT, 'infra');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

const bicepFiles = (fs.readdirSync(INFRA, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.bicep'))
  .map((f) => path.posix.join('infra', f.split(path.sep).join('/')))
  .sort();
const MAIN = 'infra/main.bicep';
const main = outline(read(MAIN));

// --- Generic checks, each returning its problems ---------------------------------------------

const BUILTIN_FUNCTIONS = new Set(
  `any array base64 base64ToJson base64ToString bool buildUri cidrHost cidrSubnet coalesce
  concat contains dataUri dataUriToString dateTimeAdd dateTimeFromEpoch dateTimeToEpoch
  deployer deployment empty endsWith environment extensionResourceId filter first flatten
  format getSecret groupBy guid indexOf int intersection items join json last lastIndexOf
  length loadFileAsBase64 loadJsonContent loadTextContent loadYamlContent managementGroup
  managementGroupResourceId map mapValues max min newGuid objectKeys padLeft parseCidr
  parseUri pickZones range readEnvironmentVariable reduce reference replace resourceGroup
  resourceId shallowMerge skip sort split startsWith string subscription
  subscriptionResourceId substring take tenant tenantResourceId toLower toObject toUpper
  trim union uniqueString uri uriComponent uriComponentToString utcNow`.split(/\s+/),
);
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'existing', 'az', 'sys']);
const SYMBOL_KEYWORDS = ['param', 'var', 'resource', 'module', 'func'];

/** Every name an expression uses is declared; every param and var is used. */
function symbolProblems(o: Outline): string[] {
  const problems: string[] = [];
  const declared = new Map<string, Decl>();
  for (const d of o.decls.filter((d) => SYMBOL_KEYWORDS.includes(d.keyword))) {
    if (declared.has(d.name)) problems.push(`${d.name} is declared twice`);
    declared.set(d.name, d);
  }
  const locals = new Set(o.decls.flatMap((d) => localNames(d.value)));
  const used = new Set<string>();
  const runs = o.decls.flatMap((d) => [
    ...expressionTokens(d.value),
    ...d.decorators.flatMap((x) => x.args.flatMap(expressionTokens)),
  ]);
  for (const run of runs) {
    run.forEach((t, k) => {
      if (t.kind !== 'ident' || KEYWORDS.has(t.text)) return;
      const before = run[k - 1]?.text ?? '';
      const after = run[k + 1]?.text ?? '';
      if (['.', '?.', '.?', '::'].includes(before)) return; // a property or a namespace member
      if (after === ':' && ['{', ',', '\n'].includes(before)) return; // an object key
      if (after === '(') {
        if (!BUILTIN_FUNCTIONS.has(t.text) && declared.get(t.text)?.keyword !== 'func') {
          problems.push(`line ${t.line}: unknown function ${t.text}()`);
        }
      } else if (declared.has(t.text) || locals.has(t.text)) used.add(t.text);
      else problems.push(`line ${t.line}: ${t.text} is not declared`);
    });
  }
  for (const d of declared.values()) {
    if ((d.keyword === 'param' || d.keyword === 'var') && !used.has(d.name)) {
      problems.push(`${d.keyword} ${d.name} is never used`);
    }
  }
  return problems;
}

/** Preview API versions only where no stable version has what the template needs. */
const PREVIEW_ALLOWED = new Set(['Microsoft.Insights/diagnosticSettings']);

function apiVersionProblems(o: Outline): string[] {
  const today = new Date().toISOString().slice(0, 10);
  return resources(o).flatMap(({ decl, type, apiVersion }) => {
    const date = /^(\d{4})-(\d{2})-(\d{2})(-preview)?$/.exec(apiVersion);
    if (!/^Microsoft\.[A-Za-z]+(\/[A-Za-z]+)+$/.test(type) || !date) {
      return [`resource ${decl.name}: '${decl.type}' is not 'Provider/type@yyyy-mm-dd'`];
    }
    const [, , month, day, preview] = date;
    if (+month < 1 || +month > 12 || +day < 1 || +day > 31 || apiVersion.slice(0, 10) > today) {
      return [`resource ${decl.name}: ${apiVersion} is not a real past date`];
    }
    if (preview && !PREVIEW_ALLOWED.has(type)) return [`resource ${decl.name}: preview API`];
    return [];
  });
}

const SECRET_NAME = /password|secret|key|token|credential|connectionstring/i;
const GUID = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;

function stringTokens(tokens: Token[]): Token[] {
  return tokens.flatMap((t) => [
    ...(t.kind === 'string' ? [t] : []),
    ...stringTokens(t.inner ?? []),
  ]);
}

/** Secrets come in through @secure() params only, never as literals, keys or outputs. */
function secretProblems(o: Outline): string[] {
  const params = o.decls.filter((d) => d.keyword === 'param');
  const secure = new Set(
    params.filter((d) => d.decorators.some((x) => x.name === 'secure')).map((d) => d.name),
  );
  const problems = params.flatMap((d) => [
    ...(SECRET_NAME.test(d.name) && !secure.has(d.name) ? [`param ${d.name} lacks @secure()`] : []),
    ...(secure.has(d.name) && d.value ? [`secure param ${d.name} has a default value`] : []),
  ]);
  for (const d of o.decls) {
    for (const t of expressionTokens(d.value).flat()) {
      if (t.kind === 'ident' && /^list[A-Z]/.test(t.text)) {
        problems.push(`line ${t.line}: ${t.text}() reads keys; use the managed identity`);
      }
      if (d.keyword === 'output' && secure.has(t.text)) {
        problems.push(`output ${d.name} exposes secure param ${t.text}`);
      }
    }
  }
  for (const t of stringTokens(lex(o.source).tokens)) {
    const v = t.value ?? '';
    if (/^[A-Za-z0-9+/=_-]{32,}$/.test(v) && /\d/.test(v) && /[a-z]/i.test(v) && !GUID.test(v)) {
      problems.push(`line ${t.line}: a literal that looks like a key or password`);
    }
  }
  return problems;
}

/** Every regional resource is in `location`; only the Azure Bot is global. */
function regionProblems(o: Outline): string[] {
  return resources(o).flatMap(({ decl, type, value }) => {
    const where = get(value, 'location');
    if (!where || text(where) === 'location') return [];
    if (type.startsWith('Microsoft.BotService/') && literal(where) === 'global') return [];
    return [`resource ${decl.name} is in ${text(where)}, not in param location`];
  });
}

// --- Reading the template --------------------------------------------------------------------

interface Resource {
  decl: Decl;
  type: string;
  apiVersion: string;
  value: Value | undefined;
}

function resources(o: Outline): Resource[] {
  return o.decls
    .filter((d) => d.keyword === 'resource')
    .map((decl) => {
      const [type, apiVersion = ''] = decl.type.split('@');
      return { decl, type, apiVersion, value: body(decl.value) };
    });
}

/** The one resource of a type (without API version). */
function resource(type: string): Resource {
  const found = resources(main).filter((r) => r.type === type);
  expect(found.map((r) => r.type)).toEqual([type]);
  return found[0];
}

const decl = (keyword: string, name: string): Decl | undefined =>
  main.decls.find((d) => d.keyword === keyword && d.name === name);

/** A var's or param's value when `v` is just its name, else `v` itself. */
function resolve(v: Value | undefined): Value | undefined {
  const name = text(v) ?? '';
  const target = decl('var', name) ?? decl('param', name);
  return target ? resolve(target.value) : v;
}

const appSettings = (): Map<string, Value | undefined> => {
  const list = get(resource('Microsoft.Web/sites').value, 'properties.siteConfig.appSettings');
  if (list?.kind !== 'array') throw new Error('the web app has no appSettings array');
  const names = list.items.map((item) => String(literal(get(item, 'name'))));
  expect(new Set(names).size).toBe(names.length);
  return new Map(list.items.map((item, k) => [names[k], get(item, 'value')]));
};

// --- The tests -------------------------------------------------------------------------------

describe('infra/*.bicep, read without the bicep CLI', () => {
  it('finds the templates', () => {
    expect(bicepFiles).toContain(MAIN);
  });

  describe.each(bicepFiles)('%s', (file) => {
    const o = outline(read(file));

    it('parses: brackets balance and strings and comments close outside one another', () => {
      expect(o.problems).toEqual([]);
      expect(o.decls.length).toBeGreaterThan(0);
    });

    it('gives every resource a dated, stable API version', () => {
      expect(apiVersionProblems(o)).toEqual([]);
    });

    it('uses only declared names, known functions, and every param and var', () => {
      expect(symbolProblems(o)).toEqual([]);
    });

    it('takes secrets through @secure() params only and reads no account keys', () => {
      expect(secretProblems(o)).toEqual([]);
    });

    it('puts every regional resource in param location', () => {
      expect(regionProblems(o)).toEqual([]);
    });
  });
});

describe('infra/main.bicep', () => {
  it('defaults to Norway East and says why', () => {
    const location = decl('param', 'location');
    expect(literal(location?.value)).toBe('norwayeast');
    const description = location?.decorators.find((x) => x.name === 'description');
    expect(literal(description?.args[0])).toMatch(/Norway/);
  });

  it('declares the parameters the deployment instructions use', () => {
    const params = main.decls.filter((d) => d.keyword === 'param').map((d) => d.name);
    expect(params).toEqual(
      expect.arrayContaining([
        'name',
        'location',
        'botDisplayName',
        'nodeVersion',
        'appServiceSku',
        'cosmosDatabaseName',
        'referralApiKeys',
        'microsoftAppTenantId',
      ]),
    );
    expect(literal(decl('param', 'cosmosDatabaseName')?.value)).toBe('hsyre');
    expect(text(decl('param', 'microsoftAppTenantId')?.value)).toBe('tenant().tenantId');
  });

  it('runs the web app on Node 22 LTS, HTTPS only, with the /healthz health check', () => {
    const web = resource('Microsoft.Web/sites').value;
    const config = (key: string) => literal(resolve(get(web, `properties.siteConfig.${key}`)));
    expect(config('linuxFxVersion')).toBe('NODE|22-lts');
    expect(config('healthCheckPath')).toBe('/healthz');
    expect(read('src/http/server.ts')).toContain("server.get('/healthz'");
    expect(config('appCommandLine')).toBe(`node ${JSON.parse(read('package.json')).main}`);
    expect(config('alwaysOn')).toBe(true);
    expect(config('minTlsVersion')).toBe('1.2');
    expect(config('ftpsState')).toBe('Disabled');
    expect(literal(get(web, 'properties.httpsOnly'))).toBe(true);
    expect(literal(get(web, 'kind'))).toBe('app,linux');
    const plan = resource('Microsoft.Web/serverfarms').value;
    expect(literal(get(plan, 'properties.reserved'))).toBe(true); // Linux
  });

  it('provisions exactly the Cosmos DB containers of src/store/cosmos/containers.ts', () => {
    const provisioned: unknown = JSON.parse(read('infra/cosmos-containers.json'));
    const expected = Object.values(CONTAINERS).map(({ id, partitionKey, indexingPolicy }) => ({
      id,
      partitionKey: { paths: partitionKey.paths, kind: 'Hash', version: 2 },
      indexingPolicy,
    }));
    expect(provisioned).toEqual(expected);

    // ...and the template creates one container per entry of that file, as it is.
    const containers = resource('Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers');
    const loop = containers.decl.value;
    if (loop?.kind !== 'array' || !loop.loop) throw new Error('containers is not a loop');
    const [item] = loop.loop.variables;
    expect(text(resolve(loop.loop.source))).toBe("loadJsonContent('cosmos-containers.json')");
    expect(text(get(containers.value, 'name'))).toBe(`${item}.id`);
    expect(text(get(containers.value, 'properties.resource'))).toBe(item);
    const database = resource('Microsoft.DocumentDB/databaseAccounts/sqlDatabases');
    expect(text(get(containers.value, 'parent'))).toBe(database.decl.name);
  });

  it('lets only Entra ID into Cosmos DB, and the identity in as data contributor', () => {
    const account = resource('Microsoft.DocumentDB/databaseAccounts');
    const property = (key: string) => literal(get(account.value, `properties.${key}`));
    expect(property('disableLocalAuth')).toBe(true);
    expect(property('minimalTlsVersion')).toBe('Tls12');
    expect(property('consistencyPolicy.defaultConsistencyLevel')).toBe('Session');
    const locations = get(account.value, 'properties.locations');
    expect(
      locations?.kind === 'array' && locations.items.map((l) => text(get(l, 'locationName'))),
    ).toEqual(['location']);

    const identity = resource('Microsoft.ManagedIdentity/userAssignedIdentities').decl.name;
    const grant = resource('Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments').value;
    expect(text(get(grant, 'parent'))).toBe(account.decl.name);
    expect(text(get(grant, 'properties.principalId'))).toBe(`${identity}.properties.principalId`);
    expect(text(get(grant, 'properties.scope'))).toBe(`${account.decl.name}.id`);
    const role = text(get(grant, 'properties.roleDefinitionId'))?.match(/\$\{(\w+)\}'$/)?.[1];
    expect(literal(decl('var', role ?? '')?.value)).toBe('00000000-0000-0000-0000-000000000002');
  });

  it('keeps the referral API keys in Key Vault, readable by the identity only through RBAC', () => {
    const vault = resource('Microsoft.KeyVault/vaults');
    for (const key of ['enableRbacAuthorization', 'enableSoftDelete', 'enablePurgeProtection']) {
      expect([key, literal(get(vault.value, `properties.${key}`))]).toEqual([key, true]);
    }
    const secret = resource('Microsoft.KeyVault/vaults/secrets');
    expect(literal(get(secret.value, 'name'))).toBe('referral-api-keys');
    expect(text(get(secret.value, 'parent'))).toBe(vault.decl.name);
    expect(text(get(secret.value, 'properties.value'))).toBe('referralApiKeys');

    const identity = resource('Microsoft.ManagedIdentity/userAssignedIdentities').decl.name;
    const grant = resource('Microsoft.Authorization/roleAssignments').value;
    expect(text(get(grant, 'scope'))).toMatch(
      new RegExp(`^(${vault.decl.name}|${secret.decl.name})$`),
    );
    expect(text(get(grant, 'properties.principalId'))).toBe(`${identity}.properties.principalId`);
    expect(text(get(grant, 'properties.roleDefinitionId'))).toMatch(/roleDefinitions', (\w+)\)$/);
    const role = text(get(grant, 'properties.roleDefinitionId'))?.match(/, (\w+)\)$/)?.[1] ?? '';
    expect(literal(decl('var', role)?.value)).toBe('4633458b-17de-408a-b874-0445c86b69e6');

    expect(text(appSettings().get('REFERRAL_API_KEYS'))).toBe(
      `'@Microsoft.KeyVault(SecretUri=\${${secret.decl.name}.properties.secretUri})'`,
    );
  });

  it('sets only settings the app knows (or Azure documents), and the app accepts them', () => {
    const settings = appSettings();
    const known = new Set(Object.keys(settingsSchema.shape));
    const azure = (name: string) =>
      [
        'APPLICATIONINSIGHTS_CONNECTION_STRING',
        'ApplicationInsightsAgent_EXTENSION_VERSION',
        'SCM_DO_BUILD_DURING_DEPLOYMENT',
        'AZURE_CLIENT_ID',
      ].includes(name) || name.startsWith('WEBSITE_');
    expect([...settings.keys()].filter((name) => !known.has(name) && !azure(name))).toEqual([]);
    // Managed identity: no password, no account key. App Service sets PORT itself.
    for (const absent of ['MICROSOFT_APP_PASSWORD', 'COSMOS_KEY', 'PORT']) {
      expect(settings.has(absent)).toBe(false);
    }

    // Values computed at deployment get a sample of their shape; literals are used as they are.
    const samples: Record<string, string> = {
      MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555',
      MICROSOFT_APP_TENANT_ID: '66666666-7777-8888-9999-000000000000',
      COSMOS_ENDPOINT: 'https://cosmos-hsyre-abc.documents.azure.com:443/',
      COSMOS_DATABASE: 'hsyre',
      REFERRAL_API_KEYS: 'k'.repeat(32),
    };
    const env: Record<string, string> = {};
    for (const [name, value] of settings) {
      if (!known.has(name)) continue;
      const given = literal(value);
      env[name] = given === undefined || given === null ? samples[name] : String(given);
      expect([name, env[name]]).not.toEqual([name, undefined]);
    }
    expect(loadSettings(env)).toMatchObject({
      HOST: '0.0.0.0',
      STORE: 'cosmos',
      MICROSOFT_APP_TYPE: 'UserAssignedMSI',
      DEMO_DATA: false,
      DEFAULT_LOCALE: 'nb',
      LOG_LEVEL: 'info',
      ROUTINE_FILE: './config/routine.json',
    });
    expect(fs.existsSync(path.join(ROOT, String(env.ROUTINE_FILE)))).toBe(true);

    const account = resource('Microsoft.DocumentDB/databaseAccounts').decl.name;
    expect(text(settings.get('COSMOS_ENDPOINT'))).toBe(`${account}.properties.documentEndpoint`);
    const database = resource('Microsoft.DocumentDB/databaseAccounts/sqlDatabases').decl.name;
    expect(['cosmosDatabaseName', `${database}.name`]).toContain(
      text(settings.get('COSMOS_DATABASE')),
    );
    expect(text(settings.get('MICROSOFT_APP_TENANT_ID'))).toBe('microsoftAppTenantId');
  });

  it('makes the user-assigned identity the bot, the app and its Cosmos DB client', () => {
    const identity = resource('Microsoft.ManagedIdentity/userAssignedIdentities').decl.name;
    const clientId = `${identity}.properties.clientId`;
    const settings = appSettings();
    expect(text(settings.get('MICROSOFT_APP_ID'))).toBe(clientId);
    expect(text(settings.get('AZURE_CLIENT_ID'))).toBe(clientId);

    const web = resource('Microsoft.Web/sites').value;
    expect(literal(get(web, 'identity.type'))).toBe('UserAssigned');
    const assigned = get(web, 'identity.userAssignedIdentities');
    expect(assigned?.kind === 'object' && [...assigned.props.keys()]).toEqual([
      `'\${${identity}.id}'`,
    ]);
    expect(text(get(web, 'properties.keyVaultReferenceIdentity'))).toBe(`${identity}.id`);

    const bot = resource('Microsoft.BotService/botServices').value;
    expect(literal(get(bot, 'kind'))).toBe('azurebot');
    expect(literal(get(bot, 'location'))).toBe('global');
    expect(literal(get(bot, 'properties.msaAppType'))).toBe('UserAssignedMSI');
    expect(text(get(bot, 'properties.msaAppId'))).toBe(clientId);
    expect(text(get(bot, 'properties.msaAppMSIResourceId'))).toBe(`${identity}.id`);
    expect(text(get(bot, 'properties.msaAppTenantId'))).toBe('microsoftAppTenantId');
  });

  it("points the Azure Bot at the web app's /api/messages and enables the Teams channel", () => {
    const web = resource('Microsoft.Web/sites').decl.name;
    const bot = resource('Microsoft.BotService/botServices');
    expect(text(resolve(get(bot.value, 'properties.endpoint')))).toBe(
      `'https://\${${web}.properties.defaultHostName}/api/messages'`,
    );
    expect(read('src/http/server.ts')).toContain("server.post('/api/messages'");
    const teams = resource('Microsoft.BotService/botServices/channels').value;
    expect(text(get(teams, 'parent'))).toBe(bot.decl.name);
    expect(literal(get(teams, 'name'))).toBe('MsTeamsChannel');
    expect(literal(get(teams, 'properties.channelName'))).toBe('MsTeamsChannel');
    expect(literal(get(teams, 'properties.properties.isEnabled'))).toBe(true);
  });

  it('sends the logs to a workspace-based Application Insights in the same workspace', () => {
    const logs = resource('Microsoft.OperationalInsights/workspaces').decl.name;
    const insights = resource('Microsoft.Insights/components');
    expect(text(get(insights.value, 'properties.WorkspaceResourceId'))).toBe(`${logs}.id`);
    expect(text(appSettings().get('APPLICATIONINSIGHTS_CONNECTION_STRING'))).toBe(
      `${insights.decl.name}.properties.ConnectionString`,
    );
  });

  it('outputs what the deployment instructions read', () => {
    const outputs = main.decls.filter((d) => d.keyword === 'output').map((d) => d.name);
    expect(outputs).toEqual(
      expect.arrayContaining([
        'webAppHostName',
        'webAppName',
        'botAppId',
        'messagingEndpoint',
        'cosmosEndpoint',
      ]),
    );
    const readme = read('infra/README.md');
    for (const output of outputs) expect([output, readme.includes(output)]).toEqual([output, true]);
  });
});

describe('infra/main.parameters.json', () => {
  const file = z
    .strictObject({
      $schema: z.literal(
        'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      ),
      contentVersion: z.string(),
      parameters: z.record(
        z.string(),
        z.union([
          z.strictObject({ value: z.unknown() }),
          z.strictObject({ reference: z.unknown() }),
        ]),
      ),
    })
    .parse(JSON.parse(read('infra/main.parameters.json')));
  const params = new Map(main.decls.filter((d) => d.keyword === 'param').map((d) => [d.name, d]));

  it('sets only parameters main.bicep declares, and every one without a default', () => {
    expect(Object.keys(file.parameters).filter((name) => !params.has(name))).toEqual([]);
    const required = [...params.values()].filter((d) => !d.value).map((d) => d.name);
    expect(required.filter((name) => !(name in file.parameters))).toEqual([]);
  });

  it('holds no secret: a secure parameter is an empty placeholder or a Key Vault reference', () => {
    const secure = [...params.values()].filter((d) =>
      d.decorators.some((x) => x.name === 'secure'),
    );
    expect(secure.length).toBeGreaterThan(0);
    for (const { name } of secure) {
      const entry = file.parameters[name];
      if (entry && 'value' in entry) expect([name, entry.value]).toEqual([name, '']);
    }
  });

  it('gives allowed values where main.bicep restricts them, and Norway East', () => {
    for (const [name, entry] of Object.entries(file.parameters)) {
      const allowed = params.get(name)?.decorators.find((x) => x.name === 'allowed')?.args[0];
      if (allowed?.kind !== 'array' || !('value' in entry)) continue;
      expect(allowed.items.map(literal)).toContain(entry.value);
    }
    const location = file.parameters.location;
    expect(location && 'value' in location ? location.value : 'norwayeast').toBe('norwayeast');
  });
});

describe('the generic checks notice what they check (mutations of main.bicep)', () => {
  const source = read(MAIN);
  const mutated = (from: string | RegExp, to: string): Outline => {
    const changed = source.replace(from, to);
    expect(changed).not.toBe(source);
    return outline(changed);
  };

  it.each([
    ['a missing closing brace', /\n {2}\}\n\}\n/, '\n  }\n'],
    ['a stray bracket', 'serverFarmId: plan.id', 'serverFarmId: plan.id]'],
    ['an unterminated string', "healthCheckPath: '/healthz'", "healthCheckPath: '/healthz"],
    ['an unterminated interpolation', `'id-\${base}'`, `'id-\${base'`],
    ['an unterminated comment', '// --- Identity', '/* --- Identity'],
  ])('parsing reports %s', (_what, from, to) => {
    expect(mutated(from, to).problems).not.toEqual([]);
  });

  it('reads strings, interpolations, escapes and comments as Bicep does', () => {
    const o = outline(
      `var a = 'it\\'s // no comment \${toLower('}')}' /* } */\nvar b = '''\n{ ' }\n''' // }\n`,
    );
    expect(o.problems).toEqual([]);
    expect(o.decls.map((d) => [d.name, d.value?.kind])).toEqual([
      ['a', 'expr'],
      ['b', 'expr'],
    ]);
    expect(literal(o.decls[1].value)).toBe("\n{ ' }\n");
  });

  it.each([
    ['an API version that is no date', '@2023-12-01', '@latest'],
    ['a preview API version', 'serverfarms@2023-12-01', 'serverfarms@2023-12-01-preview'],
    ['a month 13', 'userAssignedIdentities@2023-01-31', 'userAssignedIdentities@2023-13-31'],
  ])('API versions: %s', (_what, from, to) => {
    expect(apiVersionProblems(mutated(from, to))).not.toEqual([]);
  });

  it.each([
    ['an undeclared symbol', 'serverFarmId: plan.id', 'serverFarmId: planx.id'],
    ['an undeclared symbol in an interpolation', `'id-\${base}'`, `'id-\${basis}'`],
    ['an unknown function', 'uniqueString(', 'uniqueStrng('],
    ['an unused param', 'param nodeVersion', 'param unusedThing string\nparam nodeVersion'],
    ['a param no longer used', 'linuxFxVersion: nodeVersion', "linuxFxVersion: 'NODE|22-lts'"],
    ['an unused var', 'var base =', 'var unusedThing = 1\nvar base ='],
  ])('symbols: %s', (_what, from, to) => {
    expect(symbolProblems(mutated(from, to))).not.toEqual([]);
  });

  it.each([
    ['a secret param without @secure()', '@secure()\n', ''],
    [
      'a default for a secure param',
      'param referralApiKeys string',
      "param referralApiKeys string = ''",
    ],
    [
      'an account key read',
      'cosmos.properties.documentEndpoint\n',
      'cosmos.listKeys().primaryMasterKey\n',
    ],
    ['a literal key', "value: 'false'", `value: '${'a1B2'.repeat(10)}'`],
    [
      'an output of a secret',
      'output cosmosEndpoint string = ',
      'output leak string = referralApiKeys\noutput cosmosEndpoint string = ',
    ],
  ])('secrets: %s', (_what, from, to) => {
    expect(secretProblems(mutated(from, to))).not.toEqual([]);
  });

  it('region: a resource outside param location', () => {
    const changed = mutated(
      "location: location\n  kind: 'GlobalDocumentDB'",
      "location: 'westeurope'\n  kind: 'GlobalDocumentDB'",
    );
    expect(regionProblems(changed)).not.toEqual([]);
  });
});
