/**
 * Escalation pass figures (issue "Deadlines that nobody misses"):
 * - select and decide (store query on nextDueAt + pure decisions) with 1 % of the open cases
 *   due, at 10 000 and 100 000 open cases, on SQLite and on Cosmos (@azure/cosmos against the
 *   in-process @vercel/cosmosdb-server, patched by patches/ so its queries are not quadratic);
 * - one whole pass with a no-op notifier (markers, schedule saves);
 * - the send rate the pass holds through the Teams notifier against the fake Bot Connector.
 * Prints, asserts nothing. Run: npm run bench:escalation (about 5 minutes: seeding 100 000 cases
 * into the Cosmos test server takes most of it); BENCH_STORES=sqlite and BENCH_SIZES=10000
 * narrow it.
 */
import { performance } from 'node:perf_hooks';
import { createEscalationPass } from '../src/app/escalation-pass';
import { hsyreKind } from '../src/app/hsyre-kind';
import type { Case } from '../src/domain/case';
import { trackCase } from '../src/domain/case-tracking';
import { decideClaimReminder } from '../src/domain/claim-reminder';
import { decideEscalation } from '../src/domain/escalation';
import { createLogger } from '../src/logging/logger';
import { openCosmosStore } from '../src/store/cosmos/cosmos-store';
import type { Store } from '../src/store/port';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store';
import { storedCase } from '../test/contract/store-contract';
import { startCosmosServer } from '../test/support/cosmos-server';
import { startFakeConnector } from '../test/support/fake-connector';
import { fixedClock, startTestApp } from '../test/support/test-app';
import { linkedZone } from '../test/support/zones';
import { load, report } from './lib/stats';

const NOW = new Date('2026-03-02T15:00:00.000Z'); // half an hour past the cases' deadline
const PAST = '2026-03-02T14:30:00.000Z';
const FUTURE = '2026-03-20T14:30:00.000Z';
const silent = createLogger('silent');

/** `total` open cases of which `due` (spread evenly) are due now; the rest fall due in weeks. */
async function seed(store: Store, total: number, due: number) {
  const every = total / due;
  await load(total, 32, (i) => {
    const at = i % every === 0 ? PAST : FUTURE;
    return store.cases.create(
      storedCase({ id: `case-${i}`, nextDueAt: at, deadline: { key: 'firstContact', dueAt: at } }),
    );
  });
}

/** The part that must follow the due cases, not all cases: query plus pure decisions. */
async function selectAndDecide(store: Store) {
  const due = await store.cases.dueBefore(NOW.toISOString(), 100_000);
  for (const c of due) {
    decideEscalation(trackCase(c), NOW, new Set());
    decideClaimReminder(c, NOW);
  }
  return due.length;
}

async function measureStore(
  label: string,
  open: () => Promise<Store>,
  runs: { total: number; due: number }[],
) {
  for (const { total, due: dueWanted } of runs) {
    const store = await open();
    const t0 = performance.now();
    await seed(store, total, dueWanted);
    const seedS = (performance.now() - t0) / 1000;
    const samples: number[] = [];
    let due = 0;
    // Collect the seeding's garbage first, so a collection does not land in one run's figure.
    global.gc?.();
    for (let i = 0; i < 22; i++) {
      const s = performance.now();
      due = await selectAndDecide(store);
      if (i >= 2) samples.push(performance.now() - s); // two warm-up runs
    }
    report(`${label}: select+decide, ${due} due of ${total} open`, samples);
    const pass = createEscalationPass({
      store,
      kinds: [hsyreKind(store)],
      notifier: { notify: async () => {} },
      logger: silent,
      batchSize: 100_000,
    });
    const p0 = performance.now();
    const result = await pass(NOW);
    report(`${label}: whole pass, no-op notifier (${result.notified} sent)`, [
      performance.now() - p0,
    ]);
    console.log(`  (seeding ${total} cases took ${seedS.toFixed(1)} s)`);
    await store.close();
  }
}

/** The send rate the pass holds through the real Teams notifier at ESCALATION_SEND_RATE. */
async function measureSendRate(rate: number, dueCases: number) {
  const connector = await startFakeConnector();
  const bot = await startTestApp({
    clock: fixedClock(NOW.toISOString()),
    env: { LOG_LEVEL: 'silent', ESCALATION_SEND_RATE: String(rate) },
  });
  await bot.store.zones.put(linkedZone('nord', 'Sone Nord', connector.serviceUrl, '19:nord'));
  await bot.store.roster.put({
    id: 'aad-fve',
    name: 'Frida',
    roles: ['fve'],
    zoneIds: [],
    contact: { userId: '29:frida', tenantId: 't', serviceUrl: connector.serviceUrl },
  });
  const cases: Case[] = Array.from({ length: dueCases }, (_, i) =>
    storedCase({ id: `due-${i}`, nextDueAt: PAST }),
  );
  for (const c of cases) await bot.store.cases.create(c);
  const t0 = performance.now();
  // Wednesday 10:00 Oslo: the cases' FVE level (Tuesday 15:30) is sent then, in working time.
  const result = await bot.app.escalate(new Date('2026-03-04T09:00:00.000Z'));
  const seconds = (performance.now() - t0) / 1000;
  const messages = connector.calls.filter((c) => c.kind !== 'createConversation').length;
  console.log(
    `send rate at ESCALATION_SEND_RATE=${rate}: ${result.notified} escalations, ${messages} messages in ${seconds.toFixed(2)} s = ${(result.notified / seconds).toFixed(1)} escalations/s (${connector.calls.length} connector requests)`,
  );
  await bot.stop();
  await connector.stop();
}

async function main() {
  // 1 % due at both sizes, and the same 1 000 due at both: the time must follow the due cases.
  const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
  const runs = [
    ...sizes.map((total) => ({ total, due: total / 100 })),
    ...sizes.filter((total) => total / 100 !== 1000).map((total) => ({ total, due: 1000 })),
  ];
  const stores = (process.env.BENCH_STORES ?? 'sqlite,cosmos').split(',');
  if (stores.includes('sqlite')) {
    await measureStore('sqlite', async () => openSqliteStore(':memory:'), runs);
  }
  if (stores.includes('cosmos')) await measureCosmos(runs);
  await measureSendRate(50, 200);
  await measureSendRate(25, 100);
}

async function measureCosmos(runs: { total: number; due: number }[]) {
  const server = await startCosmosServer();
  let db = 0;
  await measureStore(
    'cosmos',
    () =>
      openCosmosStore({
        endpoint: server.endpoint,
        key: 'local',
        databaseId: `bench-${db++}`,
        agent: server.agent,
      }),
    runs,
  );
  await server.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
