import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import zlib from 'node:zlib';
import type restify from 'restify';
import { createHttpServer } from '../../src/http/server';
import { createLogger } from '../../src/logging/logger';
import { rateLimitedLog } from '../../src/logging/rate-limited-log';
import { HsyreTeamsAdapter } from '../../src/teams/bot-adapter';
import { messageActivity } from '../support/activities';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import {
  botToken,
  JSON_TYPE,
  multipartForm,
  sendRaw as send,
  sendUnendingBody,
} from '../support/raw-http';
import { startTestApp, type TestApp } from '../support/test-app';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const MARKER = 'PATIENT-MARKER-4711';

// Everything botbuilder (or anything else) prints with console.error lands here, so a test can
// say that nothing went around the JSON log. It is installed before any request is made.
const consoleErrors: unknown[][] = [];
const realConsoleError = console.error;
console.error = (...args: unknown[]) => {
  consoleErrors.push(args);
  realConsoleError(...args);
};

async function expectHealthy(baseUrl: string) {
  const response = await fetch(`${baseUrl}/healthz`);
  expect(response.status).toBe(200);
}

describe('the HTTP edge, before any route or authentication (anonymous bot)', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  const logLines: string[] = [];
  const activity = (extra: Record<string, unknown> = {}) => ({
    ...messageActivity({ serviceUrl: connector.serviceUrl, text: 'hjelp' }),
    ...extra,
  });

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ logLines });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });
  beforeEach(() => {
    connector.calls.length = 0;
  });

  it('refuses a Content-Encoding: gzip body that is not gzip with 415 on every route, and lives', async () => {
    const gzipHeaders = { ...JSON_TYPE, 'content-encoding': 'gzip' };
    for (const [method, route] of [
      ['POST', '/api/messages'],
      ['POST', '/api/referrals'],
      ['GET', '/healthz'],
      ['GET', '/readyz'],
    ]) {
      const answer = await send(bot.url, route, { method, headers: gzipHeaders, body: 'not gzip' });
      expect({ route, status: answer.status }).toEqual({ route, status: 415 });
      expect(answer.json().error).toBe('unsupported_media_type');
    }
    // A route that does not exist is still a 404, and nothing is read.
    const unknown = await send(bot.url, '/api/nothing', { headers: gzipHeaders, body: 'not gzip' });
    expect(unknown.status).toBe(404);
    await expectHealthy(bot.url);
  });

  it('refuses deflate, br and even a valid gzip body with 415, running no turn', async () => {
    const text = JSON.stringify(activity());
    const bodies: [string, Buffer][] = [
      ['deflate', zlib.deflateSync(text)],
      ['br', zlib.brotliCompressSync(text)],
      ['gzip', zlib.gzipSync(text)],
      ['gzip, identity', zlib.gzipSync(text)],
    ];
    for (const [encoding, body] of bodies) {
      const answer = await send(bot.url, '/api/messages', {
        headers: { ...JSON_TYPE, 'content-encoding': encoding },
        body,
      });
      expect({ encoding, status: answer.status }).toEqual({ encoding, status: 415 });
    }
    expect(connector.calls).toHaveLength(0);
    await expectHealthy(bot.url);
  });

  it('accepts Content-Encoding: identity and a UTF-8 charset: the bot answers', async () => {
    const answer = await send(bot.url, '/api/messages', {
      headers: {
        'content-type': 'application/json; charset="UTF-8"',
        'content-encoding': 'identity',
      },
      body: JSON.stringify(activity()),
    });
    expect(answer.status).toBe(200);
    expect(connector.calls).toHaveLength(1);
    await expectHealthy(bot.url);
  });

  it('refuses a multipart body with 415 and writes no file to the temp folder', async () => {
    // Directories are left out: other test files running in parallel make their own.
    const files = () =>
      new Set(
        fs
          .readdirSync(os.tmpdir(), { withFileTypes: true })
          .filter((e) => !e.isDirectory())
          .map((e) => e.name),
      );
    const before = files();
    const form = multipartForm(JSON.stringify(activity()));
    for (const route of ['/api/messages', '/api/referrals']) {
      const answer = await send(bot.url, route, {
        headers: { 'content-type': form.type },
        body: form.body,
      });
      expect(answer.status).toBe(415);
    }
    expect([...files()].filter((name) => !before.has(name))).toEqual([]);
    expect(connector.calls).toHaveLength(0);
    await expectHealthy(bot.url);
  });

  it('refuses any type but application/json with 415', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=iso-8859-1',
      'application/vnd.other+json',
    ]) {
      const answer = await send(bot.url, '/api/messages', {
        headers: { 'content-type': type },
        body: JSON.stringify(activity()),
      });
      expect({ type, status: answer.status }).toEqual({ type, status: 415 });
    }
    const untyped = await send(bot.url, '/api/referrals', { body: '{}' });
    expect(untyped.status).toBe(415);
    expect(connector.calls).toHaveLength(0);
    await expectHealthy(bot.url);
  });

  it('answers 413 to a body over 256 KiB, announced or not, without waiting for its end', async () => {
    const big = JSON.stringify(activity({ channelData: { pad: 'x'.repeat(300 * 1024) } }));
    const announced = await send(bot.url, '/api/messages', { headers: JSON_TYPE, body: big });
    expect(announced.status).toBe(413);
    expect(announced.json()).toEqual({
      error: 'payload_too_large',
      message: 'The body may be at most 262144 bytes.',
    });

    // Chunked, and the client never ends the body: the answer must come once the limit is passed.
    const status = await sendUnendingBody(bot.url, '/api/messages', 300 * 1024);
    expect(status).toBe(413);
    expect(connector.calls).toHaveLength(0);
    await expectHealthy(bot.url);
  });

  it('accepts a large body within the limits', async () => {
    const pad = Array.from({ length: 3 }, () => 'x'.repeat(60 * 1024));
    const answer = await send(bot.url, '/api/messages', {
      headers: JSON_TYPE,
      body: JSON.stringify(activity({ channelData: { tenant: { id: 'tenant-1' }, pad } })),
    });
    expect(answer.status).toBe(200);
    expect(connector.calls).toHaveLength(1);
  });

  it('refuses a 100 000-deep body with 400, before parsing it', async () => {
    for (const body of [
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      // 40 000 objects deep still fits in 256 KiB.
      `${'{"a":'.repeat(40_000)}1${'}'.repeat(40_000)}`,
    ]) {
      const answer = await send(bot.url, '/api/messages', { headers: JSON_TYPE, body });
      expect(answer.status).toBe(400);
      expect(answer.json()).toEqual({
        error: 'json_limit_exceeded',
        message: 'nested deeper than 64 levels',
        fields: [{ field: '(body)', message: 'nested deeper than 64 levels' }],
      });
    }
    // Depth 62 in all is within the limit: the bot answers.
    const deep = JSON.parse(`${'['.repeat(60)}${']'.repeat(60)}`);
    const nested = JSON.stringify(activity({ channelData: { tenant: { id: 'tenant-1' }, deep } }));
    expect(
      (await send(bot.url, '/api/messages', { headers: JSON_TYPE, body: nested })).status,
    ).toBe(200);
    await expectHealthy(bot.url);
  });

  it('refuses huge arrays, objects with too many keys and very long strings', async () => {
    const zeros = (n: number) => `[${Array.from({ length: n }, () => '0').join(',')}]`;
    const huge = await send(bot.url, '/api/messages', { headers: JSON_TYPE, body: zeros(200_000) });
    expect(huge.status).toBe(413); // 400 000 bytes: over the size limit already
    const long = await send(bot.url, '/api/messages', { headers: JSON_TYPE, body: zeros(20_000) });
    expect(long.status).toBe(400);
    expect(long.json().fields[0].message).toBe('an array has more than 10000 elements');

    const keys = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]));
    const wide = await send(bot.url, '/api/messages', {
      headers: JSON_TYPE,
      body: JSON.stringify(activity({ channelData: keys })),
    });
    expect(wide.status).toBe(400);
    expect(wide.json().fields[0].message).toBe('an object has more than 1000 keys');

    const text = await send(bot.url, '/api/messages', {
      headers: JSON_TYPE,
      body: JSON.stringify(activity({ text: 'x'.repeat(100_000) })),
    });
    expect(text.status).toBe(400);
    expect(text.json().fields[0].message).toBe('a string is longer than 65536 characters');
    expect(connector.calls).toHaveLength(0);
    await expectHealthy(bot.url);
  });

  it('answers unparsable JSON with 400 in the fields format, without quoting the body', async () => {
    for (const route of ['/api/messages', '/api/referrals']) {
      const answer = await send(bot.url, route, {
        headers: JSON_TYPE,
        body: `{"text": "${MARKER}", `,
      });
      expect(answer.status).toBe(400);
      expect(answer.json()).toEqual({
        error: 'invalid_json',
        message: 'The body is not valid JSON.',
        fields: [{ field: '(body)', message: 'The body is not valid JSON.' }],
      });
    }
    const latin1 = await send(bot.url, '/api/messages', {
      headers: JSON_TYPE,
      body: Buffer.from('{"text":"bl\xe5b\xe6r"}', 'latin1'),
    });
    expect(latin1.status).toBe(400);
    expect(latin1.json().fields).toEqual([
      { field: '(body)', message: 'The body is not valid UTF-8.' },
    ]);
    const proto = await send(bot.url, '/api/messages', {
      headers: JSON_TYPE,
      body: JSON.stringify(activity()).replace('{', '{"__proto__":{"admin":true},'),
    });
    expect(proto.status).toBe(400);
    expect(logLines.join('\n')).not.toContain(MARKER);
    await expectHealthy(bot.url);
  });

  it('keeps GET and HEAD without a body working', async () => {
    expect((await send(bot.url, '/healthz', { method: 'GET' })).status).toBe(200);
    expect((await send(bot.url, '/readyz', { method: 'GET' })).status).toBe(200);
    expect((await send(bot.url, '/api/messages', { method: 'HEAD' })).status).toBe(200);
  });

  it('refuses an activity without what the bot relies on with 400 naming the fields, and sends no reply', async () => {
    const without = (field: string) => {
      const a: Record<string, unknown> = activity({ text: MARKER });
      delete a[field];
      return a;
    };
    const cases: [Record<string, unknown> | unknown[], string[]][] = [
      [without('from'), ['from']],
      [without('recipient'), ['recipient']],
      [without('channelId'), ['channelId']],
      [without('conversation'), ['conversation']],
      [without('serviceUrl'), ['serviceUrl']],
      [without('type'), ['type']],
      [activity({ text: 42 }), ['text']],
      [activity({ value: 'approve' }), ['value']],
      [activity({ value: [1, 2] }), ['value']],
      [activity({ from: { name: MARKER } }), ['from.id']],
      [activity({ conversation: { id: '' } }), ['conversation.id']],
      [activity({ serviceUrl: 'file:///etc/passwd' }), ['serviceUrl']],
      [{ ...without('from'), recipient: 'bot', text: null }, ['from', 'recipient', 'text']],
      [[activity()], ['(body)']],
    ];
    for (const [body, fields] of cases) {
      const answer = await send(bot.url, '/api/messages', {
        headers: JSON_TYPE,
        body: JSON.stringify(body),
      });
      expect({ fields, status: answer.status }).toEqual({ fields, status: 400 });
      expect(answer.json().error).toBe('invalid_activity');
      expect(answer.json().fields.map((f: { field: string }) => f.field)).toEqual(fields);
      expect(answer.text).not.toContain(MARKER);
    }
    // No turn ran: a turn replies before the HTTP answer, as the valid activity below shows.
    expect(connector.calls).toHaveLength(0);
    expect(logLines.join('\n')).not.toContain(MARKER);
    const valid = await send(bot.url, '/api/messages', {
      headers: JSON_TYPE,
      body: JSON.stringify(activity()),
    });
    expect(valid.status).toBe(200);
    expect(connector.calls).toHaveLength(1);
    await expectHealthy(bot.url);
  });
});

describe('refused tokens (app id set): 401, rate-limited JSON log lines, nothing on the console', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  const logLines: string[] = [];
  const hjelp = () =>
    JSON.stringify(messageActivity({ serviceUrl: connector.serviceUrl, text: 'hjelp' }));

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({
      logLines,
      env: {
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
        MICROSOFT_APP_TENANT_ID: 'tenant-1',
      },
    });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('logs the first refusal of a minute and counts the rest, printing no stack trace', async () => {
    const before = consoleErrors.length;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const headers: Record<string, string>[] = [
      {},
      { authorization: 'Bearer not.a.jwt' },
      { authorization: `Bearer ${botToken(privateKey, 'forged', APP_ID, connector.serviceUrl)}` },
    ];
    for (let i = 0; i < 30; i++) {
      const answer = await send(bot.url, '/api/messages', {
        headers: { ...JSON_TYPE, ...headers[i % headers.length] },
        body: hjelp(),
      });
      expect(answer.status).toBe(401);
      expect(answer.json()).toEqual({ error: 'unauthorized' });
    }
    expect(consoleErrors.length).toBe(before);
    const refusals = logLines.filter((l) => l.includes('token not accepted'));
    expect(refusals).toHaveLength(1);
    expect(JSON.parse(refusals[0])).toMatchObject({ level: 40, errorName: 'AuthenticationError' });
    expect(connector.calls).toHaveLength(0);
    await expectHealthy(bot.url);
  });
});

describe('a token with a published key id but a forged signature (local OpenID metadata)', () => {
  let keys: http.Server;
  let server: restify.Server;
  let url: string;
  let turns = 0;
  const logLines: string[] = [];
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });

  beforeAll(async () => {
    // Plays login.botframework.com: the OpenID document and the signing keys it points to.
    keys = http.createServer((req, res) => {
      const { port } = keys.address() as AddressInfo;
      const jwk = published.publicKey.export({ format: 'jwk' });
      const body =
        req.url === '/openid'
          ? { issuer: 'https://api.botframework.com', jwks_uri: `http://127.0.0.1:${port}/keys` }
          : {
              keys: [
                {
                  kty: 'RSA',
                  use: 'sig',
                  kid: 'key-1',
                  n: jwk.n,
                  e: jwk.e,
                  endorsements: ['msteams'],
                },
              ],
            };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => keys.listen(0, '127.0.0.1', resolve));
    const { port } = keys.address() as AddressInfo;
    const logger = createLogger('info', { write: (line: string) => logLines.push(line) });
    const adapter = new HsyreTeamsAdapter(
      {
        appId: APP_ID,
        appPassword: 'not-a-real-secret',
        tenantId: 'tenant-1',
        appType: 'SingleTenant',
        openIdMetadataUrl: `http://127.0.0.1:${port}/openid`,
      },
      logger,
    );
    server = createHttpServer(
      {
        messages: (req, res) =>
          adapter.process(req, res, async () => {
            turns++;
          }),
        referrals: async (_req, res) => {
          res.send(404);
        },
        health: async () => ({ ok: true, checks: {} }),
        ready: async () => ({ ok: true, checks: {} }),
      },
      logger,
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    keys.closeAllConnections();
    await new Promise<void>((resolve) => keys.close(() => resolve()));
  });

  it('is a 401; what botframework-connector prints about it goes to the JSON log', async () => {
    const before = consoleErrors.length;
    const serviceUrl = 'http://127.0.0.1:1/';
    const activity = JSON.stringify(messageActivity({ serviceUrl, text: 'hjelp' }));
    for (let i = 0; i < 5; i++) {
      const answer = await send(url, '/api/messages', {
        headers: {
          ...JSON_TYPE,
          authorization: `Bearer ${botToken(attacker.privateKey, 'key-1', APP_ID, serviceUrl)}`,
        },
        body: activity,
      });
      expect(answer.status).toBe(401);
    }
    expect(turns).toBe(0);
    // botframework-connector calls console.error with the whole signing key for each of these.
    expect(consoleErrors.length).toBe(before);
    const library = logLines
      .map((l) => JSON.parse(l))
      .filter((l) => l.msg === 'bot library wrote to the console');
    expect(library).toHaveLength(1);
    expect(library[0].text).toMatch(/^Error finding key for token/);
    expect(library[0].text).not.toContain('\n');
    const refusals = logLines
      .map((l) => JSON.parse(l))
      .filter((l) => l.msg.includes('token not accepted'));
    expect(refusals).toEqual([expect.objectContaining({ errorName: 'JsonWebTokenError' })]);
    await expectHealthy(url);
  });
});

describe('a rate-limited log line', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('writes the first of a minute, counts the rest, and writes the count when the minute ends', () => {
    jest.useFakeTimers({ now: new Date('2026-03-02T09:00:00.000Z') });
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    const refused = rateLimitedLog(logger, 'warn', 'refused');
    const parsed = () => lines.map((l) => JSON.parse(l));

    for (let i = 0; i < 40; i++) refused({ n: i });
    expect(parsed()).toEqual([expect.objectContaining({ level: 40, msg: 'refused', n: 0 })]);
    jest.advanceTimersByTime(60_000);
    expect(parsed()[1]).toMatchObject({ msg: 'refused (more, not logged)', suppressed: 39 });

    refused({ n: 40 });
    expect(parsed()[2]).toMatchObject({ msg: 'refused', n: 40 });
    jest.advanceTimersByTime(120_000);
    // Nothing was held back this time, so no count line.
    expect(lines).toHaveLength(3);
  });
});
