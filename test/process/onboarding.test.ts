import { type ChildProcess, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  cardAction,
  channelMessageActivity,
  invokeActivity,
  messageActivity,
  postActivity,
  postInvoke,
} from '../support/activities';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { startMain } from '../support/main-process';

const CLI = path.resolve(__dirname, '../../src/cli/admin.ts');
const API_KEY = 'onboarding-'.repeat(4);
const CHANNEL = '19:sone-nord@thread.tacv2';

const ADMIN = '0b0a0000-0000-4000-8000-0000000000ad';
const LEADER = '0b0a0000-0000-4000-8000-00000000001e';
const NURSE = '0b0a0000-0000-4000-8000-0000000000e5';

/** `npm run admin -- …` as the IT operator runs it, from a folder without a .env. */
function admin(args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  return spawnSync(
    process.execPath,
    ['-r', require.resolve('ts-node/register/transpile-only'), CLI, ...args],
    {
      cwd,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        TS_NODE_PROJECT: path.resolve(__dirname, '../../tsconfig.json'),
        ...env,
      },
    },
  );
}

/*
 * The README's "Set up your municipality", end to end with the real processes: an empty store,
 * the roster from CSV, the first admin from BOOTSTRAP_ADMINS, the channel linked in Teams, a
 * referral from the record system, and a nurse from the import taking it.
 */
describe('onboarding a municipality, with the real process', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-onboarding-'));
  const db = path.join(dir, 'hsyre.db');
  let connector: FakeConnector;
  let running: ChildProcess | undefined;

  beforeAll(async () => {
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    running?.kill('SIGKILL');
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports the roster, starts with the bootstrap admin, links the channel, and a nurse claims a referral', async () => {
    fs.writeFileSync(path.join(dir, 'zones.csv'), 'id,name\nnord,Sone Nord\n');
    fs.writeFileSync(
      path.join(dir, 'staff.csv'),
      [
        'entraObjectId,name,email,roles,zones',
        `${LEADER},Lise Leder,lise@kommune.no,leader,nord`,
        `${NURSE},Kari Nordmann,kari@kommune.no,nurse,nord`,
        '',
      ].join('\n'),
    );
    const files = ['--zones', 'zones.csv', '--staff', 'staff.csv'];

    const dry = admin(['import', ...files, '--dry-run'], { SQLITE_FILE: db }, dir);
    expect(dry.status).toBe(0);
    expect(dry.stderr).toBe('dry run: nothing applied\n');
    expect(dry.stdout).toContain('zones: 1 added');
    expect(dry.stdout).toContain('staff: 2 added');
    const applied = admin(['import', ...files], { SQLITE_FILE: db }, dir);
    expect(applied.stderr).toBe('applied\n');
    expect(applied.status).toBe(0);

    const main = startMain(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        SQLITE_FILE: db,
        BOOTSTRAP_ADMINS: `${ADMIN}:Anne Admin`,
        REFERRAL_API_KEYS: API_KEY,
        HEARTBEAT_CRON: '0 0 1 1 *',
        DAILY_SUMMARY: 'false',
      },
      dir,
      // Compiling the whole app on the fly takes long on a busy machine (the full suite).
      { readyTimeoutMs: 60_000 },
    );
    running = main.child;
    const url = await main.ready;
    expect(main.output().stdout).toContain(
      'BOOTSTRAP_ADMINS: 1 admin(s) added to a roster without one',
    );

    // The admin sees the imported roster.
    let calls = connector.calls.length;
    await postActivity(
      url,
      messageActivity({
        serviceUrl: connector.serviceUrl,
        text: 'ansatte',
        from: { id: '29:anne', aadObjectId: ADMIN },
        conversationId: 'a:anne',
      }),
    );
    const [roster] = (await connector.waitForCalls(calls + 1)).slice(calls);
    const rosterText = JSON.stringify(roster.body.attachments[0].content);
    for (const name of ['Anne Admin', 'Lise Leder', 'Kari Nordmann'])
      expect(rosterText).toContain(name);

    // The leader links the zone's channel.
    calls = connector.calls.length;
    await postActivity(
      url,
      channelMessageActivity({
        serviceUrl: connector.serviceUrl,
        text: '<at>HSYRE-boten</at> koble sone nord',
        from: { id: '29:lise', aadObjectId: LEADER },
        channelConversationId: CHANNEL,
      }),
    );
    const [linked] = (await connector.waitForCalls(calls + 1)).slice(calls);
    expect(linked.body.text).toBe(
      'Denne kanalen er nå koblet til Sone Nord. Nye HSYRE-pasienter i sonen postes her.',
    );

    // The record system refers a patient; the card goes to the channel.
    calls = connector.calls.length;
    const referred = await fetch(`${url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({
        zoneId: 'nord',
        seriouslyIll: true,
        hospitalContactAt: '2026-03-02T08:30:00+01:00',
        patientRef: 'DIPS-ONBOARD-1',
      }),
    });
    expect(referred.status).toBe(201);
    const created = (await referred.json()) as { cardPosted: boolean; code: string };
    expect(created.cardPosted).toBe(true);
    const post = (await connector.waitForCalls(calls + 1))
      .slice(calls)
      .find((c) => c.kind === 'createConversation' && c.conversationId === CHANNEL);
    if (!post) throw new Error('no card posted to the channel');
    const card = post.body.activity.attachments[0].content;
    expect(JSON.stringify(card)).toContain(created.code);
    expect(JSON.stringify(card)).not.toContain('DIPS-ONBOARD-1');

    // The imported nurse takes it from the channel card; the card changes in place.
    const cardId = post.response?.activityId ?? '';
    expect(cardId).not.toBe('');
    const claim = cardAction(card, 'Jeg tar den');
    calls = connector.calls.length;
    const answer = await postInvoke(
      url,
      invokeActivity({
        serviceUrl: connector.serviceUrl,
        verb: claim.verb,
        data: claim.data,
        from: { id: '29:kari', aadObjectId: NURSE },
        conversation: { id: `${CHANNEL};messageid=${cardId}`, conversationType: 'channel' },
        replyToId: cardId,
      }),
    );
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.card)).toContain('Kari Nordmann');
    const update = (await connector.waitForCalls(calls + 1))
      .slice(calls)
      .find((c) => c.kind === 'update');
    expect(update?.conversationId).toBe(`${CHANNEL};messageid=${cardId}`);
    expect(update?.activityId).toBe(cardId);
    expect(JSON.stringify(update?.body)).toContain('Kari Nordmann');

    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    // Two CLI runs and a process start, each compiling TypeScript on the fly.
  }, 180_000);
});
