import { loadSettings } from '../../src/config/settings';
import { type AuthRefusal, createRecordSystemAuth } from '../../src/http/record-system-auth';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import {
  API_APP_ID,
  deadUrl,
  type LocalJwks,
  OTHER_TENANT_ID,
  RECORD_SYSTEM_APP_ID,
  startLocalJwks,
  TENANT_ID,
  type TokenOptions,
} from '../support/local-jwks';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';
import { linkedZone } from '../support/zones';

const API_KEY = 'r'.repeat(40);
const API_URI = `api://hsyre.example.no/${API_APP_ID}`;
const NOW = new Date('2026-03-02T09:00:00.000Z');
const at = Math.floor(NOW.getTime() / 1000);

const referral = JSON.stringify({
  zoneId: 'nord',
  seriouslyIll: true,
  hospitalContactAt: '2026-03-02T08:30:00+01:00',
  patientRef: 'DIPS-77701',
});

const tokenEnv = (jwksUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  REFERRAL_API_KEYS: API_KEY,
  RECORD_SYSTEM_TENANT_ID: TENANT_ID,
  RECORD_SYSTEM_AUDIENCE: `${API_APP_ID},${API_URI}`,
  RECORD_SYSTEM_JWKS_URL: jwksUrl,
  ...extra,
});

describe('POST /api/referrals with an Entra ID access token', () => {
  let connector: FakeConnector;
  let jwks: LocalJwks;
  let bot: TestApp;
  const logLines: string[] = [];

  beforeAll(async () => {
    connector = await startFakeConnector();
    jwks = await startLocalJwks();
    bot = await startTestApp({
      clock: fixedClock(NOW.toISOString()),
      env: tokenEnv(jwks.url),
      logLines,
    });
    await bot.store.zones.put(linkedZone('nord', 'Sone Nord', connector.serviceUrl, '19:n@thread'));
  });
  afterAll(async () => {
    await bot.stop();
    await jwks.stop();
    await connector.stop();
  });

  const post = (headers: Record<string, string>, url = bot.url) =>
    fetch(`${url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: referral,
    });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const signed = (options: TokenOptions = {}) => jwks.sign(NOW, options);

  it('registers with a valid v2 token (201)', async () => {
    const response = await post(bearer(await signed()));
    expect(response.status).toBe(201);
    expect(((await response.json()) as { code: string }).code).toMatch(/^[A-Z0-9]{5}$/);
  });

  it('accepts a v1 token (sts.windows.net issuer, appid, the api:// audience)', async () => {
    const token = await signed({
      claims: {
        iss: `https://sts.windows.net/${TENANT_ID}/`,
        aud: API_URI,
        azp: undefined,
        appid: RECORD_SYSTEM_APP_ID,
        ver: '1.0',
      },
    });
    expect((await post(bearer(token))).status).toBe(201);
  });

  it('allows a little clock skew past exp, not more', async () => {
    expect((await post(bearer(await signed({ exp: at - 30 })))).status).toBe(201);
    expect((await post(bearer(await signed({ exp: at - 120 })))).status).toBe(401);
  });

  const refusals: [string, AuthRefusal, (j: LocalJwks) => Promise<string> | string][] = [
    ['expired', 'expired', (j) => j.sign(NOW, { iat: at - 7200, nbf: at - 7200, exp: at - 600 })],
    ['not yet valid', 'not_yet_valid', (j) => j.sign(NOW, { nbf: at + 600 })],
    ['without exp', 'invalid', (j) => j.sign(NOW, { claims: { exp: undefined } })],
    ['for another audience', 'audience', (j) => j.sign(NOW, { claims: { aud: 'api://other' } })],
    [
      'from another issuer',
      'issuer',
      (j) =>
        j.sign(NOW, {
          claims: { iss: `https://login.microsoftonline.com/${OTHER_TENANT_ID}/v2.0` },
        }),
    ],
    [
      'from an unrelated issuer',
      'issuer',
      (j) => j.sign(NOW, { claims: { iss: 'https://evil.example/' } }),
    ],
    ['with another tenant id', 'tenant', (j) => j.sign(NOW, { claims: { tid: OTHER_TENANT_ID } })],
    ['without a tenant id', 'tenant', (j) => j.sign(NOW, { claims: { tid: undefined } })],
    ['with alg none (unsigned)', 'algorithm', (j) => j.unsigned(NOW)],
    ['HS256-signed with some secret', 'algorithm', (j) => j.hs256(NOW, 'a-shared-secret')],
    ['HS256-signed with the key URL as secret', 'algorithm', (j) => j.hs256(NOW, j.url)],
    [
      'signed by an unknown key',
      'unknown_key',
      async (j) => j.sign(NOW, { key: await j.foreignKey() }),
    ],
    [
      "signed by an unknown key under the published key's kid",
      'signature',
      async (j) => j.sign(NOW, { key: await j.foreignKey(), kid: j.kid }),
    ],
    ['without the app role', 'role', (j) => j.sign(NOW, { claims: { roles: [] } })],
    ['without any roles claim', 'role', (j) => j.sign(NOW, { claims: { roles: undefined } })],
    ['with another role', 'role', (j) => j.sign(NOW, { claims: { roles: ['Referrals.Read'] } })],
    [
      'for a user (delegated, scp)',
      'not_app_token',
      (j) => j.sign(NOW, { claims: { scp: 'access_as_user' } }),
    ],
    ['without a client app id', 'client', (j) => j.sign(NOW, { claims: { azp: undefined } })],
    [
      'with a tampered payload',
      'signature',
      async (j) => {
        const [h, , s] = (await j.sign(NOW)).split('.');
        const payload = Buffer.from(JSON.stringify({ roles: ['Referrals.Write'] })).toString(
          'base64url',
        );
        return `${h}.${payload}.${s}`;
      },
    ],
  ];

  it.each(refusals)(
    'answers 401 for a token %s (%s), and logs none of it',
    async (_name, reason, make) => {
      const token = await make(jwks);
      const before = logLines.length;
      const cases = (await bot.store.cases.byZone('nord')).length;
      const response = await post(bearer(token));
      expect(response.status).toBe(401);
      const text = await response.text();
      const logged = logLines.slice(before);
      expect(
        logged.map((l) => JSON.parse(l) as { reason?: string }).map((l) => l.reason),
      ).toContain(reason);
      for (const part of token.split('.').filter((p) => p.length > 8)) {
        expect(text).not.toContain(part);
        expect(logged.join('\n')).not.toContain(part);
      }
      expect(await bot.store.cases.byZone('nord')).toHaveLength(cases);
    },
  );

  it('fetches the key set once and keeps it', () => {
    expect(jwks.fetches).toBe(1);
  });

  it('still takes the API key, in x-api-key and as Bearer, and refuses a wrong one', async () => {
    expect((await post({ 'x-api-key': API_KEY })).status).toBe(201);
    expect((await post(bearer(API_KEY))).status).toBe(201);
    expect((await post(bearer('w'.repeat(40)))).status).toBe(401);
    expect((await post({})).status).toBe(401);
  });

  it('answers 401 when the key endpoint is down, and keeps serving', async () => {
    const down = await startTestApp({
      clock: fixedClock(NOW.toISOString()),
      env: tokenEnv(await deadUrl(), { LOG_LEVEL: 'silent' }),
    });
    await down.store.zones.put(
      linkedZone('nord', 'Sone Nord', connector.serviceUrl, '19:n@thread'),
    );
    try {
      expect((await post(bearer(await signed()), down.url)).status).toBe(401);
      expect((await post(bearer(await signed()), down.url)).status).toBe(401);
      expect((await post({ 'x-api-key': API_KEY }, down.url)).status).toBe(201);
      expect((await fetch(`${down.url}/healthz`)).status).toBe(200);
    } finally {
      await down.stop();
    }
  });
});

describe('record system authentication', () => {
  let jwks: LocalJwks;
  beforeAll(async () => {
    jwks = await startLocalJwks();
  });
  afterAll(() => jwks.stop());

  const auth = (extra: { clientIds?: string[]; jwksUrl?: string } = {}) =>
    createRecordSystemAuth({
      apiKeys: [API_KEY],
      entra: {
        tenantId: TENANT_ID,
        audiences: [API_APP_ID],
        jwksUrl: extra.jwksUrl ?? jwks.url,
        role: 'Referrals.Write',
        clientIds: extra.clientIds ?? [],
      },
      now: () => NOW,
    });
  const bearer = async () => ({ authorization: `Bearer ${await jwks.sign(NOW)}` });

  it('lets only the allowed client apps in when a list is set', async () => {
    expect(await auth({ clientIds: [RECORD_SYSTEM_APP_ID] })(await bearer())).toMatchObject({
      ok: true,
      caller: { via: 'entra', identity: `entra:${TENANT_ID}:${RECORD_SYSTEM_APP_ID}` },
    });
    expect(
      await auth({ clientIds: ['11111111-1111-4111-8111-111111111111'] })(await bearer()),
    ).toEqual({ ok: false, reason: 'client' });
  });

  it('refuses when the key endpoint answers with an error', async () => {
    const broken = auth({ jwksUrl: jwks.url.replace('/keys', '/missing') });
    expect(await broken(await bearer())).toEqual({ ok: false, reason: 'jwks_unavailable' });
  });

  it('gives API-key callers an identity that names the key, not the key itself', async () => {
    const outcome = await auth()({ 'x-api-key': API_KEY });
    expect(outcome.ok && outcome.caller.via).toBe('api-key');
    expect(JSON.stringify(outcome)).not.toContain(API_KEY);
  });

  it('never takes a token when tokens are off (no tenant and audience)', async () => {
    const keysOnly = createRecordSystemAuth({ apiKeys: [API_KEY], now: () => NOW });
    expect(await keysOnly(await bearer())).toEqual({ ok: false, reason: 'wrong_key' });
  });
});

describe('RECORD_SYSTEM_* settings', () => {
  const refusal = (env: NodeJS.ProcessEnv) => {
    try {
      loadSettings(env);
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('expected the settings to be refused');
  };

  it('leaves tokens off by default, with the default role', () => {
    expect(loadSettings({})).toMatchObject({
      RECORD_SYSTEM_TENANT_ID: undefined,
      RECORD_SYSTEM_AUDIENCE: [],
      RECORD_SYSTEM_JWKS_URL: undefined,
      RECORD_SYSTEM_ROLE: 'Referrals.Write',
      RECORD_SYSTEM_CLIENT_IDS: [],
    });
  });

  it('reads lists and accepts a loopback JWKS over http', () => {
    expect(
      loadSettings({
        RECORD_SYSTEM_TENANT_ID: TENANT_ID,
        RECORD_SYSTEM_AUDIENCE: ` ${API_APP_ID} , ${API_URI}`,
        RECORD_SYSTEM_CLIENT_IDS: RECORD_SYSTEM_APP_ID,
        RECORD_SYSTEM_JWKS_URL: 'http://127.0.0.1:4000/keys',
      }),
    ).toMatchObject({
      RECORD_SYSTEM_AUDIENCE: [API_APP_ID, API_URI],
      RECORD_SYSTEM_CLIENT_IDS: [RECORD_SYSTEM_APP_ID],
    });
  });

  it.each([
    [{ RECORD_SYSTEM_TENANT_ID: TENANT_ID }, 'RECORD_SYSTEM_AUDIENCE: required'],
    [{ RECORD_SYSTEM_AUDIENCE: API_APP_ID }, 'RECORD_SYSTEM_TENANT_ID: required'],
    [
      { RECORD_SYSTEM_TENANT_ID: 'contoso.onmicrosoft.com', RECORD_SYSTEM_AUDIENCE: API_APP_ID },
      'RECORD_SYSTEM_TENANT_ID: must be the tenant id',
    ],
    [{ RECORD_SYSTEM_JWKS_URL: 'http://keys.example.com/keys' }, 'RECORD_SYSTEM_JWKS_URL'],
  ])('refuses %j', (env, named) => {
    expect(refusal(env)).toContain(named);
  });
});
