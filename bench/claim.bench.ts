/**
 * Claim round trip ("Jeg tar den": an adaptiveCard/action invoke with verb case.claim) through
 * /api/messages on loopback with the embedded SQLite store: invoke → domain → conditional save →
 * the channel card's updateActivity reaching the fake connector → invoke response with the new
 * card. Side by side with two floors: a teams-ai app answering a static card, and one doing only
 * the claim's unavoidable I/O (one durable SQLite write, one updateActivity, a pre-rendered card
 * in the answer). Also the REST intake that registers the cases claimed here.
 *
 * Each bot runs alone in a child process of its own, one after the other; the load generator
 * and the fake connector share another, so the bot's process is measured alone.
 * BENCH_PROFILE=<dir> writes a CPU profile of each bot's process during the claims there.
 * Prints figures; asserts nothing. Run: npm run bench:claim
 */
import os from 'node:os';
import path from 'node:path';
import type { TargetKind } from './lib/claim-target';
import { startWorker, type Worker } from './lib/ipc';
import { report } from './lib/stats';

const WARM_UP = { one: 200, fifty: 300 };
/** Measured requests per target, in ROUNDS batches taken in turn by the targets. */
const MEASURED = { one: 500, fifty: 2000 };
const ROUNDS = 5;
const INTAKE = { one: 300, fifty: 3000 };

interface Run {
  samples: number[];
  wallMs: number;
  /** CPU time the bot's process spent on the run (user + system), in ms. */
  cpuMs?: number;
}
interface Figures {
  one: Run;
  fifty: Run;
  /** Per round, the 1-user p50 and the 50-concurrent throughput, for ratios round by round. */
  rounds: { p50: number; opsPerSecond: number }[];
}

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const opsPerSecond = (r: Run) => r.samples.length / (r.wallMs / 1000);

interface Target {
  kind: TargetKind;
  url: string;
  worker: Worker;
}

async function startTarget(kind: TargetKind, serviceUrl: string): Promise<Target> {
  const worker = startWorker('claim-target.ts');
  const { url } = await worker.call<{ url: string }>('start', { kind, serviceUrl });
  return { kind, url, worker };
}

/**
 * Every target is measured in turn, a batch at a time, so that a change in what else the
 * machine runs falls on all of them alike rather than on whichever ran last. Only one target
 * is under load at any time; the others sit idle in their own processes.
 */
async function claims(driver: Worker, targets: Target[]): Promise<Figures[]> {
  const load = (t: Target, total: number, concurrency: number) =>
    driver.call<Run>('load', {
      url: t.url,
      kind: t.kind === 'claim' ? 'claim' : 'floor-claim',
      total,
      concurrency,
    });
  for (const t of targets) {
    await load(t, WARM_UP.one, 1);
    await load(t, WARM_UP.fifty, 50);
  }
  const figures = targets.map(() => ({
    one: { samples: [] as number[], wallMs: 0, cpuMs: 0 },
    fifty: { samples: [] as number[], wallMs: 0, cpuMs: 0 },
    rounds: Array.from({ length: ROUNDS }, () => ({ p50: 0, opsPerSecond: 0 })),
  }));
  const cpu = async (t: Target) => {
    const { user, system } = await t.worker.call<NodeJS.CpuUsage>('cpu');
    return (user + system) / 1000;
  };
  for (const phase of ['one', 'fifty'] as const) {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, t] of targets.entries()) {
        const before = await cpu(t);
        const run = await load(t, MEASURED[phase] / ROUNDS, phase === 'one' ? 1 : 50);
        figures[i][phase].cpuMs += (await cpu(t)) - before;
        figures[i][phase].samples.push(...run.samples);
        figures[i][phase].wallMs += run.wallMs;
        if (phase === 'one') figures[i].rounds[round].p50 = percentile(run.samples, 50);
        else figures[i].rounds[round].opsPerSecond = opsPerSecond(run);
      }
    }
  }
  return figures;
}

/** CPU ms the bot's process spent per request, over both phases. */
const cpuPerRequest = (f: Figures) =>
  ((f.one.cpuMs ?? 0) + (f.fifty.cpuMs ?? 0)) / (f.one.samples.length + f.fifty.samples.length);

function table(rows: [string, Figures][], floor: Figures) {
  const columns = (f: Figures) => [
    percentile(f.one.samples, 50),
    percentile(f.one.samples, 99),
    opsPerSecond(f.fifty),
    percentile(f.fifty.samples, 99),
    cpuPerRequest(f),
  ];
  const line = (name: string, cells: string[]) =>
    console.log(`${name.padEnd(34)}${cells.map((c) => c.padStart(10)).join('')}`);
  console.log('');
  line('', ['1 user', '', '50 conc.', '', 'bot CPU']);
  line('', ['p50 ms', 'p99 ms', 'ops/s', 'p99 ms', 'ms/req']);
  for (const [name, f] of rows) {
    line(
      name,
      columns(f).map((v, i) => v.toFixed(i === 2 ? 0 : 2)),
    );
  }
  // Ratios say how many times the floor's cost a row pays: latency and CPU over the floor's,
  // and the floor's throughput over the row's.
  const base = columns(floor);
  for (const [name, f] of rows) {
    if (f === floor) continue;
    line(
      `${name} / I/O floor`,
      columns(f).map((v, i) => `${(i === 2 ? base[i] / v : v / base[i]).toFixed(2)}x`),
    );
  }
  // The same two ratios round by round: each round measures the targets one after the other,
  // so a change in what else the machine runs falls on neighbours in time.
  const claim = rows[rows.length - 1][1];
  const byRound = (pick: (r: Figures['rounds'][number]) => number, floorOverRow: boolean) =>
    claim.rounds
      .map((r, i) => {
        const [row, base] = [pick(r), pick(floor.rounds[i])];
        return floorOverRow ? base / row : row / base;
      })
      .sort((a, b) => a - b);
  const summary = (xs: number[]) =>
    `median ${xs[Math.floor(xs.length / 2)].toFixed(2)}x (${xs.map((x) => x.toFixed(2)).join(' ')})`;
  console.log('');
  console.log(
    `${rows[rows.length - 1][0]} / I/O floor, round by round: 1 user p50 ${summary(byRound((r) => r.p50, false))}; 50 concurrent throughput ${summary(byRound((r) => r.opsPerSecond, true))}`,
  );
}

async function main() {
  const driver = startWorker('claim-driver.ts');
  const serviceUrl = await driver.call<string>('startConnector');
  const targets = [
    await startTarget('floor-static', serviceUrl),
    await startTarget('floor-io', serviceUrl),
    await startTarget('claim', serviceUrl),
  ];
  const real = targets[2];

  const needed = WARM_UP.one + WARM_UP.fifty + MEASURED.one + MEASURED.fifty;
  if (INTAKE.one + INTAKE.fifty < needed) throw new Error('the intake registers too few cases');
  const intake = (total: number, concurrency: number, offset: number) =>
    driver.call<Run>('load', { url: real.url, kind: 'referral', total, concurrency, offset });
  const intake1 = await intake(INTAKE.one, 1, 0);
  const intake50 = await intake(INTAKE.fifty, 50, INTAKE.one);

  const profileDir = process.env.BENCH_PROFILE;
  if (profileDir) for (const t of targets) await t.worker.call('startProfile');
  const [staticFloor, ioFloor, claim] = await claims(driver, targets);
  if (profileDir)
    for (const t of targets)
      console.log(`profile: ${await t.worker.call('stopProfile', path.resolve(profileDir))}`);
  const updates = await driver.call<{ floor: number; claim: number }>('updates');
  const refusedIds = await driver.call<number>('refusedIds');
  for (const t of targets) await t.worker.stop();
  await driver.stop();

  console.log(
    `machine: ${os.cpus().length} cores, node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}; channel card updates: I/O floor ${updates.floor}, claim ${updates.claim}, for ${needed} claims each`,
  );
  if (refusedIds > 0)
    console.log(
      `(${refusedIds} registered cases not claimed: the national-id guard refuses their id)`,
    );
  report('floor: static card, 1 user', staticFloor.one.samples, staticFloor.one.wallMs);
  report('floor: static card, 50 concurrent', staticFloor.fifty.samples, staticFloor.fifty.wallMs);
  report('floor: claim I/O, 1 user', ioFloor.one.samples, ioFloor.one.wallMs);
  report('floor: claim I/O, 50 concurrent', ioFloor.fifty.samples, ioFloor.fifty.wallMs);
  report('claim: full round trip, 1 user', claim.one.samples, claim.one.wallMs);
  report('claim: full round trip, 50 concurrent', claim.fifty.samples, claim.fifty.wallMs);
  report('REST intake (register + post card), 1 client', intake1.samples, intake1.wallMs);
  report('REST intake (register + post card), 50 concurrent', intake50.samples, intake50.wallMs);
  table(
    [
      ['floor: static card', staticFloor],
      ['floor: claim I/O', ioFloor],
      ['claim: HSYRE-boten', claim],
    ],
    ioFloor,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
