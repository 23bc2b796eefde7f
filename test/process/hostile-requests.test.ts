import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { messageActivity } from '../support/activities';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { startMain } from '../support/main-process';
import { botToken, JSON_TYPE, multipartForm, sendRaw, sendUnendingBody } from '../support/raw-http';

const APP_ID = '11111111-2222-3333-4444-555555555555';

type Main = ReturnType<typeof startMain>;

/** The port from the process's own "listening" line, and the interface it names. */
function listening(main: Main): { host: string; port: number } {
  const line = main
    .output()
    .stdout.split('\n')
    .find((l) => l.includes('"msg":"HSYRE-boten listening"'));
  if (!line) throw new Error(`no listening line: ${main.output().stdout}`);
  const { host, port } = JSON.parse(line);
  return { host, port };
}

/** Every line the process wrote, stdout and stderr, each of which must be a JSON object. */
function outputLines(main: Main): string[] {
  const { stdout, stderr } = main.output();
  return `${stdout}${stderr}`.split('\n').filter((l) => l.trim() !== '');
}

function notJson(lines: string[]): string[] {
  return lines.filter((line) => {
    try {
      return typeof JSON.parse(line) !== 'object';
    } catch {
      return true;
    }
  });
}

/**
 * Every kind of request the HTTP edge refuses, with the status each must get. The process
 * ending (a bad gzip stream did that) shows up as a connection error here.
 */
async function sendHostileRequests(url: string, serviceUrl: string) {
  const activity = (extra: Record<string, unknown> = {}) => ({
    ...messageActivity({ serviceUrl, text: 'hjelp' }),
    ...extra,
  });
  const text = JSON.stringify(activity());
  const statuses: Record<string, number> = {};
  const note = async (name: string, answer: Promise<{ status: number } | number>) => {
    const result = await answer;
    statuses[name] = typeof result === 'number' ? result : result.status;
  };
  const gzipHeaders = { ...JSON_TYPE, 'content-encoding': 'gzip' };
  for (const [method, route] of [
    ['POST', '/api/messages'],
    ['POST', '/api/referrals'],
    ['GET', '/healthz'],
    ['GET', '/readyz'],
  ]) {
    await note(
      `bad gzip ${route}`,
      sendRaw(url, route, { method, headers: gzipHeaders, body: 'not gzip' }),
    );
  }
  await note(
    'deflate',
    sendRaw(url, '/api/messages', {
      headers: { ...JSON_TYPE, 'content-encoding': 'deflate' },
      body: zlib.deflateSync(text),
    }),
  );
  await note(
    'br',
    sendRaw(url, '/api/messages', {
      headers: { ...JSON_TYPE, 'content-encoding': 'br' },
      body: zlib.brotliCompressSync(text),
    }),
  );
  // 200 KB of zeros in 200 bytes: inflated, it would pass any limit on the compressed size.
  await note(
    'gzip bomb',
    sendRaw(url, '/api/messages', {
      headers: gzipHeaders,
      body: zlib.gzipSync(Buffer.alloc(50_000_000)),
    }),
  );
  const form = multipartForm(text);
  await note(
    'multipart',
    sendRaw(url, '/api/messages', { headers: { 'content-type': form.type }, body: form.body }),
  );
  await note(
    'oversized',
    sendRaw(url, '/api/messages', { headers: JSON_TYPE, body: Buffer.alloc(300 * 1024, 0x20) }),
  );
  await note('oversized, never ending', sendUnendingBody(url, '/api/referrals', 300 * 1024));
  await note(
    'deep',
    sendRaw(url, '/api/messages', {
      headers: JSON_TYPE,
      body: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    }),
  );
  await note(
    'huge array',
    sendRaw(url, '/api/messages', {
      headers: JSON_TYPE,
      body: `[${Array.from({ length: 200_000 }, () => '0').join(',')}]`,
    }),
  );
  await note(
    'long string',
    sendRaw(url, '/api/messages', {
      headers: JSON_TYPE,
      body: JSON.stringify(activity({ text: 'x'.repeat(100_000) })),
    }),
  );
  await note(
    'invalid json',
    sendRaw(url, '/api/referrals', { headers: JSON_TYPE, body: '{"zoneId":' }),
  );
  await note(
    'wrong type',
    sendRaw(url, '/api/messages', { headers: { 'content-type': 'text/plain' }, body: text }),
  );
  for (const field of ['from', 'recipient', 'channelId', 'conversation', 'serviceUrl', 'type']) {
    const incomplete: Record<string, unknown> = activity();
    delete incomplete[field];
    await note(
      `without ${field}`,
      sendRaw(url, '/api/messages', { headers: JSON_TYPE, body: JSON.stringify(incomplete) }),
    );
  }
  await note(
    'text not a string',
    sendRaw(url, '/api/messages', {
      headers: JSON_TYPE,
      body: JSON.stringify(activity({ text: 7 })),
    }),
  );
  return statuses;
}

const EXPECTED = {
  'bad gzip /api/messages': 415,
  'bad gzip /api/referrals': 415,
  'bad gzip /healthz': 415,
  'bad gzip /readyz': 415,
  deflate: 415,
  br: 415,
  'gzip bomb': 415,
  multipart: 415,
  oversized: 413,
  'oversized, never ending': 413,
  deep: 400,
  'huge array': 413,
  'long string': 400,
  'invalid json': 400,
  'wrong type': 415,
  'without from': 400,
  'without recipient': 400,
  'without channelId': 400,
  'without conversation': 400,
  'without serviceUrl': 400,
  'without type': 400,
  'text not a string': 400,
};

describe('the real process under hostile requests', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-hostile-'));
  // The process's own temp folder: anything spooled to disk (a multipart upload) lands here.
  // (The TypeScript loader keeps a compile cache there from the start; requests add nothing.)
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp);
  let connector: FakeConnector;
  const running: Main[] = [];
  const env = (extra: NodeJS.ProcessEnv) => ({
    PORT: '0',
    TMPDIR: tmp,
    SQLITE_FILE: path.join(dir, 'hsyre.db'),
    HEARTBEAT_CRON: '0 0 1 1 *',
    ESCALATION_CRON: '0 0 1 1 *',
    DAILY_SUMMARY: 'false',
    LOG_LEVEL: 'info',
    ...extra,
  });

  beforeAll(async () => {
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    for (const main of running) main.child.kill('SIGKILL');
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('with an app id: refuses everything, stays up, and logs only JSON, refused tokens rate-limited', async () => {
    // No HOST: with an app id the default is every interface, as in Azure.
    const main = startMain(
      env({
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
        MICROSOFT_APP_TENANT_ID: 'tenant-1',
      }),
      dir,
    );
    running.push(main);
    await main.ready;
    const { host, port } = listening(main);
    expect(host).toBe('0.0.0.0');
    const tmpAtStart = fs.readdirSync(tmp);
    const url = `http://127.0.0.1:${port}`;

    expect(await sendHostileRequests(url, connector.serviceUrl)).toEqual(EXPECTED);

    const activity = JSON.stringify(
      messageActivity({ serviceUrl: connector.serviceUrl, text: 'hjelp' }),
    );
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = botToken(privateKey, 'forged-key-id', APP_ID, connector.serviceUrl);
    const tokens = ['', 'Bearer not.a.jwt', `Bearer ${forged}`, `Basic ${forged}`, forged];
    const refused: number[] = [];
    for (let i = 0; i < 50; i++) {
      const token = tokens[i % tokens.length];
      const answer = await sendRaw(url, '/api/messages', {
        headers: { ...JSON_TYPE, ...(token ? { authorization: token } : {}) },
        body: activity,
      });
      refused.push(answer.status);
    }
    expect(refused).toEqual(Array.from({ length: 50 }, () => 401));

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(main.child.exitCode).toBeNull();
    expect(connector.calls).toHaveLength(0);
    expect(fs.readdirSync(tmp)).toEqual(tmpAtStart);

    const lines = outputLines(main);
    expect(notJson(lines)).toEqual([]);
    // One line per minute at most, plus the count of the rest when the minute is over.
    const tokenLines = lines.filter((l) => l.includes('token not accepted'));
    expect(tokenLines.length).toBeGreaterThanOrEqual(1);
    expect(tokenLines.length).toBeLessThanOrEqual(2);
    expect(lines.length).toBeLessThan(20);
    expect(lines.filter((l) => l.includes('anonymous mode'))).toEqual([]);

    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
  }, 90_000);

  it('anonymous: listens on 127.0.0.1 only, says so, refuses everything and still answers', async () => {
    const main = startMain(env({ MICROSOFT_APP_ID: '' }), dir);
    running.push(main);
    await main.ready;
    const { host, port } = listening(main);
    expect(host).toBe('127.0.0.1');
    const tmpAtStart = fs.readdirSync(tmp);
    const url = `http://127.0.0.1:${port}`;
    const warning = outputLines(main).find((l) => l.includes('anonymous mode'));
    expect(JSON.parse(warning ?? '{}')).toMatchObject({ level: 40, host: '127.0.0.1' });
    expect(warning).toContain('listening on 127.0.0.1 only');

    connector.calls.length = 0;
    expect(await sendHostileRequests(url, connector.serviceUrl)).toEqual(EXPECTED);
    expect(connector.calls).toHaveLength(0);

    // A well-formed activity still gets its answer.
    const answer = await sendRaw(url, '/api/messages', {
      headers: JSON_TYPE,
      body: JSON.stringify(messageActivity({ serviceUrl: connector.serviceUrl, text: 'hjelp' })),
    });
    expect(answer.status).toBe(200);
    expect(connector.calls).toHaveLength(1);

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(main.child.exitCode).toBeNull();
    expect(fs.readdirSync(tmp)).toEqual(tmpAtStart);
    expect(notJson(outputLines(main))).toEqual([]);

    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
  }, 90_000);
});
