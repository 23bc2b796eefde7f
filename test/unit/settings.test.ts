import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRoutine } from '../../src/config/routine-file';
import {
  azureOpenAiConnection,
  ConfigError,
  loadSettings,
  settingsSchema,
} from '../../src/config/settings';
import { ROUTINE_PATH } from '../support/domain-fixtures';

const refusal = (env: NodeJS.ProcessEnv): string => {
  try {
    loadSettings(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the settings to be refused');
};

describe('loadSettings', () => {
  it('runs locally with no settings at all: SQLite under ./data, port 3978, anonymous, Bokmål', () => {
    expect(loadSettings({})).toMatchObject({
      PORT: 3978,
      STORE: 'sqlite',
      SQLITE_FILE: './data/hsyre.db',
      MICROSOFT_APP_ID: undefined,
      DEFAULT_LOCALE: 'nb',
      DEMO_DATA: false,
    });
  });

  it('treats an empty value in .env as not set', () => {
    expect(loadSettings({ MICROSOFT_APP_ID: '', COSMOS_KEY: '' }).MICROSOFT_APP_ID).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ STORE: 'postgres' }, 'STORE'],
    [{ STORE: 'cosmos' }, 'COSMOS_ENDPOINT: required when STORE=cosmos'],
    [{ STORE: 'cosmos', COSMOS_ENDPOINT: 'not a url' }, 'COSMOS_ENDPOINT'],
    [{ MICROSOFT_APP_ID: 'abc', MICROSOFT_APP_TENANT_ID: 't' }, 'MICROSOFT_APP_PASSWORD'],
    [{ MICROSOFT_APP_ID: 'abc', MICROSOFT_APP_PASSWORD: 'p' }, 'MICROSOFT_APP_TENANT_ID'],
    [{ DEMO_DATA: 'yes' }, 'DEMO_DATA'],
    [{ DEFAULT_LOCALE: 'de' }, 'DEFAULT_LOCALE'],
    [{ HEARTBEAT_CRON: 'every minute' }, 'HEARTBEAT_CRON: not a valid cron expression'],
    [{ DAILY_SUMMARY_TIME: '7:45' }, 'DAILY_SUMMARY_TIME: must be HH:MM'],
    [{ DAILY_SUMMARY_TIME: '24:00' }, 'DAILY_SUMMARY_TIME'],
    [{ DAILY_SUMMARY: 'on' }, 'DAILY_SUMMARY'],
    [
      { AZURE_OPENAI_ENDPOINT: 'http://hsyre.openai.azure.com/' },
      'AZURE_OPENAI_ENDPOINT: must be https',
    ],
    [{ AZURE_OPENAI_TIMEOUT_MS: '100' }, 'AZURE_OPENAI_TIMEOUT_MS'],
  ])('refuses %j and names the setting', (env, named) => {
    expect(refusal(env)).toContain(named);
  });

  it('accepts a multi-tenant app without a tenant id, and managed identity without a password', () => {
    expect(() =>
      loadSettings({
        MICROSOFT_APP_ID: 'a',
        MICROSOFT_APP_PASSWORD: 'p',
        MICROSOFT_APP_TYPE: 'MultiTenant',
      }),
    ).not.toThrow();
    expect(() =>
      loadSettings({
        MICROSOFT_APP_ID: 'a',
        MICROSOFT_APP_TENANT_ID: 't',
        MICROSOFT_APP_TYPE: 'UserAssignedMSI',
      }),
    ).not.toThrow();
  });
});

describe('the Azure OpenAI settings', () => {
  const azure = {
    AZURE_OPENAI_ENDPOINT: 'https://hsyre.openai.azure.com/',
    AZURE_OPENAI_API_KEY: 'key',
    AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-mini',
  };

  it('leave the answerer off by default', () => {
    expect(azureOpenAiConnection(loadSettings({}))).toBeUndefined();
  });

  it('turn it on with the endpoint, key and deployment', () => {
    expect(azureOpenAiConnection(loadSettings(azure))).toEqual({
      endpoint: azure.AZURE_OPENAI_ENDPOINT,
      apiKey: 'key',
      deployment: 'gpt-4o-mini',
      apiVersion: '2024-10-21',
      timeoutMs: 8000,
    });
  });

  it('refuse a half-configured set, naming what is missing', () => {
    const message = refusal({ AZURE_OPENAI_ENDPOINT: azure.AZURE_OPENAI_ENDPOINT });
    expect(message).toContain('AZURE_OPENAI_API_KEY: required when AZURE_OPENAI_ENDPOINT is set');
    expect(message).toContain(
      'AZURE_OPENAI_DEPLOYMENT: required when AZURE_OPENAI_ENDPOINT is set',
    );
    expect(refusal({ ...azure, AZURE_OPENAI_DEPLOYMENT: '' })).toContain(
      'AZURE_OPENAI_DEPLOYMENT: required when AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY are set',
    );
  });
});

describe('loadRoutine', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-routine-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  it('loads the shipped routine', () => {
    expect(loadRoutine(ROUTINE_PATH).policy.deadlines.fveAssessment.seriouslyIll).toEqual({
      kind: 'withinDays',
      from: 'hospitalContact',
      days: 3,
    });
  });

  it('names the file and the path of the bad field', () => {
    const routine = JSON.parse(fs.readFileSync(ROUTINE_PATH, 'utf8'));
    routine.policy.deadlines.serviceDecision.normal.days = -3;
    const file = write('bad.json', JSON.stringify(routine));
    expect(() => loadRoutine(file)).toThrow(ConfigError);
    expect(() => loadRoutine(file)).toThrow(
      /bad\.json[\s\S]*policy\.deadlines\.serviceDecision\.normal\.days/,
    );
  });

  it('says so when the file is missing or not JSON', () => {
    expect(() => loadRoutine(path.join(dir, 'missing.json'))).toThrow(/Cannot read routine file/);
    expect(() => loadRoutine(write('broken.json', '{ "version": '))).toThrow(
      /Cannot read routine file/,
    );
  });
});

describe('.env.example', () => {
  const text = fs.readFileSync(path.resolve(__dirname, '../../.env.example'), 'utf8');
  const lines = text.split('\n');
  const entries = lines
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => /^[A-Z_]+=/.test(line))
    .map(({ line, i }) => ({
      key: line.slice(0, line.indexOf('=')),
      value: line.slice(line.indexOf('=') + 1),
      i,
    }));

  it('lists every setting the process reads, each under a comment', () => {
    const schemaKeys = Object.keys(settingsSchema.shape).sort();
    expect(entries.map((e) => e.key).sort()).toEqual(schemaKeys);
    for (const { i } of entries) expect(lines[i - 1]).toMatch(/^#|^[A-Z_]+=/);
  });

  it('is itself a valid configuration', () => {
    const env = Object.fromEntries(entries.map((e) => [e.key, e.value]));
    expect(() => loadSettings(env)).not.toThrow();
  });
});
