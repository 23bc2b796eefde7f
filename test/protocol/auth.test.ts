import { createSign, generateKeyPairSync } from 'node:crypto';
import { messageActivity, postActivity } from '../support/activities';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { startTestApp, type TestApp } from '../support/test-app';

const APP_ID = '11111111-2222-3333-4444-555555555555';

const base64url = (value: object | Buffer) =>
  (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

/** A JWT that looks exactly like a Bot Framework token but is signed with our own key. */
function forgedToken(serviceUrl: string): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(Date.parse('2026-03-02T09:00:00Z') / 1000);
  const header = base64url({
    alg: 'RS256',
    typ: 'JWT',
    kid: 'forged-key-id',
    x5t: 'forged-key-id',
  });
  const payload = base64url({
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    serviceurl: serviceUrl,
    nbf: now - 60,
    exp: now + 3600,
  });
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${payload}`);
  return `${header}.${payload}.${base64url(signer.sign(privateKey))}`;
}

describe('/api/messages with an app id configured (Bot Framework authentication on)', () => {
  let connector: FakeConnector;
  let bot: TestApp;

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({
      env: {
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
        MICROSOFT_APP_TENANT_ID: 'tenant-1',
        LOG_LEVEL: 'silent',
      },
    });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  const hjelp = () => messageActivity({ serviceUrl: connector.serviceUrl, text: 'hjelp' });

  it('answers 401 to a request without a token', async () => {
    expect((await postActivity(bot.url, hjelp())).status).toBe(401);
  });

  it('answers 401 to a malformed token', async () => {
    const response = await postActivity(bot.url, hjelp(), { authorization: 'Bearer not.a.jwt' });
    expect(response.status).toBe(401);
  });

  it('answers 401, never 500, to a well-formed token whose signature cannot be verified', async () => {
    const response = await postActivity(bot.url, hjelp(), {
      authorization: `Bearer ${forgedToken(connector.serviceUrl)}`,
    });
    expect(response.status).toBe(401);
  });

  it('runs no bot logic for a refused request', async () => {
    await postActivity(bot.url, hjelp());
    expect(connector.calls).toHaveLength(0);
  });
});
