/**
 * Claim round trip through /api/messages on loopback with the embedded SQLite store: invoke →
 * domain → conditional save → the channel card's updateActivity reaching the fake connector →
 * invoke response with the new card. Side by side with the bare floor of the stack, in the same
 * run. Also the REST intake. Prints figures; asserts nothing. Run: npm run bench:claim
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store';
import { invokeActivity, postActivity } from '../test/support/activities';
import { startFakeConnector } from '../test/support/fake-connector';
import { startTestApp } from '../test/support/test-app';
import { linkedZone } from '../test/support/zones';
import { startFloorBot } from './lib/floor-bot';
import { load, report } from './lib/stats';

const API_KEY = 'b'.repeat(40);
const CHANNEL = '19:bench@thread.tacv2';

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-claim-bench-'));
  const connector = await startFakeConnector();
  const bot = await startTestApp({
    store: openSqliteStore(path.join(dir, 'bench.db')),
    env: { LOG_LEVEL: 'silent', REFERRAL_API_KEYS: API_KEY },
  });
  const floor = await startFloorBot();
  await bot.store.zones.put(linkedZone('nord', 'Sone Nord', connector.serviceUrl, CHANNEL));
  const nurses = Array.from({ length: 50 }, (_, i) => ({
    id: `bench-nurse-${i}`,
    name: `Nurse ${i}`,
    roles: ['nurse' as const],
    zoneIds: ['nord'],
  }));
  for (const n of nurses) await bot.store.roster.put(n);

  const referral = (i: number) =>
    fetch(`${bot.url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({
        zoneId: 'nord',
        seriouslyIll: i % 2 === 0,
        hospitalContactAt: '2026-03-02T08:00:00Z',
        patientRef: `BENCH-${i}`,
      }),
    }).then(async (r) => {
      if (r.status !== 201) throw new Error(`referral answered ${r.status}`);
      return ((await r.json()) as { id: string }).id;
    });

  const intake1 = await load(300, 1, (i) => referral(i));
  const intake50 = await load(2000, 50, (i) => referral(1000 + i));
  const caseIds = (await bot.store.cases.byZone('nord', { limit: 100000 })).map((c) => c.id);

  let nextCase = 0;
  const claim = (baseUrl: string, real: boolean) => async (i: number) => {
    const caseId = real ? caseIds[nextCase++] : 'static';
    const response = await postActivity(
      baseUrl,
      invokeActivity({
        serviceUrl: connector.serviceUrl,
        verb: 'case.claim',
        data: { caseId, v: 2 },
        from: { id: `29:${nurses[i % 50].id}`, aadObjectId: nurses[i % 50].id },
        conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel' },
      }),
    );
    const body = (await response.json()) as { type: string };
    if (body.type !== 'application/vnd.microsoft.card.adaptive')
      throw new Error('no card in the answer');
  };

  await load(50, 1, claim(floor.url, false)); // warm-up
  await load(20, 1, claim(bot.url, true));
  const floor1 = await load(300, 1, claim(floor.url, false));
  const claim1 = await load(300, 1, claim(bot.url, true));
  const floor50 = await load(1500, 50, claim(floor.url, false));
  const claim50 = await load(1500, 50, claim(bot.url, true));

  const updates = connector.calls.filter((c) => c.kind === 'update').length;
  console.log(
    `machine: ${os.cpus().length} cores, node ${process.version}; channel card updates recorded: ${updates}`,
  );
  report('floor: teams-ai invoke, static card, 1 user', floor1.samples, floor1.wallMs);
  report('claim: full round trip, 1 user', claim1.samples, claim1.wallMs);
  report('floor: teams-ai invoke, static card, 50 concurrent', floor50.samples, floor50.wallMs);
  report('claim: full round trip, 50 concurrent', claim50.samples, claim50.wallMs);
  report('REST intake (register + post card), 1 client', intake1.samples, intake1.wallMs);
  report('REST intake (register + post card), 50 concurrent', intake50.samples, intake50.wallMs);

  await floor.stop();
  await bot.stop();
  await connector.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
