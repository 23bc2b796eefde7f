/**
 * Figures for the foundation: pure core throughput, SQLite write latency with synchronous=FULL,
 * and a message round trip through /api/messages with the fake connector. Prints, asserts nothing.
 * Run: npm run bench
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyCommand } from '../src/domain/case-commands';
import { currentDeadline } from '../src/domain/case-schedule';
import { registerReferral } from '../src/domain/referral';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store';
import { storedCase } from '../test/contract/store-contract';
import { messageActivity, postActivity } from '../test/support/activities';
import { defaultRoutine } from '../test/support/domain-fixtures';
import { startFakeConnector } from '../test/support/fake-connector';
import { startTestApp } from '../test/support/test-app';
import { load, report } from './lib/stats';

/** Sequential timings: one call at a time, each call's latency. */
const timeEach = async (n: number, fn: (i: number) => unknown) =>
  (await load(n, 1, async (i) => fn(i))).samples;

async function main() {
  const routine = defaultRoutine();
  const fve = { id: 'fve', name: 'F', roles: ['fve' as const], zoneIds: [] };
  const nurse = { id: 'n', name: 'N', roles: ['nurse' as const], zoneIds: ['nord'] };
  const now = new Date('2026-03-02T09:00:00Z');
  const registered = registerReferral(
    {
      zoneId: 'nord',
      seriouslyIll: true,
      hospitalContactAt: '2026-03-02T08:00:00Z',
      patientRef: 'B-1',
      registerHsyre: true,
    },
    fve,
    now,
    routine,
    new Set(['nord']),
    { id: 'c', code: 'AAAAA' },
  );
  if (!registered.ok) throw new Error('setup');
  const c = registered.case;

  report('domain: currentDeadline (earliestOf)', await timeEach(20000, () => currentDeadline(c)));
  report(
    'domain: applyCommand claim',
    await timeEach(20000, () => applyCommand(c, { type: 'claim' }, nurse, now)),
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-bench-'));
  const store = openSqliteStore(path.join(dir, 'bench.db'));
  const cases = Array.from({ length: 2000 }, () => storedCase());
  report(
    'sqlite file: create case',
    await timeEach(cases.length, (i) => store.cases.create(cases[i])),
  );
  report(
    'sqlite file: conditional save',
    await timeEach(cases.length, (i) => store.cases.save({ ...cases[i], claimedBy: 'n' })),
  );
  report(
    'sqlite file: get by id',
    await timeEach(cases.length, (i) => store.cases.get(cases[i].id)),
  );
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const connector = await startFakeConnector();
  const bot = await startTestApp({ env: { LOG_LEVEL: 'silent' } });
  const roundTrip = async () => {
    const before = connector.calls.length;
    const response = await postActivity(
      bot.url,
      messageActivity({ serviceUrl: connector.serviceUrl, text: 'hjelp' }),
    );
    await response.arrayBuffer();
    await connector.waitForCalls(before + 1);
  };
  await timeEach(50, roundTrip); // warm-up
  report('http: "hjelp" round trip (1 user, sequential)', await timeEach(500, roundTrip));
  await bot.stop();
  await connector.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
