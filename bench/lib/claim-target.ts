/**
 * One bot under test, alone in this process (the load generator and the fake connector run in
 * another): the static-card floor, the I/O floor or the real app, as the parent asks.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { startTestApp } from '../../test/support/test-app';
import { linkedZone } from '../../test/support/zones';
import { API_KEY, CHANNEL, NURSES, ZONE_ID } from './claim-fixture';
import { startFloorBot, startIoFloorBot } from './floor-bot';
import { serveParent } from './ipc';

export type TargetKind = 'floor-static' | 'floor-io' | 'claim';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-claim-bench-'));
let stop: () => Promise<void> = async () => {};
let running: TargetKind = 'claim';

async function start({ kind, serviceUrl }: { kind: TargetKind; serviceUrl: string }) {
  running = kind;
  if (kind === 'floor-static') {
    const floor = await startFloorBot();
    stop = floor.stop;
    return { url: floor.url };
  }
  if (kind === 'floor-io') {
    const floor = await startIoFloorBot(path.join(dir, 'floor.db'));
    stop = floor.stop;
    return { url: floor.url };
  }
  const bot = await startTestApp({
    store: openSqliteStore(path.join(dir, 'bench.db')),
    env: { LOG_LEVEL: 'silent', REFERRAL_API_KEYS: API_KEY },
  });
  await bot.store.zones.put(linkedZone(ZONE_ID, 'Sone Nord', serviceUrl, CHANNEL));
  for (const n of NURSES) await bot.store.roster.put(n);
  stop = bot.stop;
  return { url: bot.url };
}

let profiler: Session | undefined;

serveParent({
  start,
  /** CPU time this process has used, user and system, in microseconds. */
  cpu: () => process.cpuUsage(),
  /** The CPU profile of the claims alone (the real bot's intake before them would blur it). */
  async startProfile() {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  },
  async stopProfile(outDir: string) {
    if (!profiler) return undefined;
    const { profile } = await profiler.post('Profiler.stop');
    const file = path.join(outDir, `${running}-${process.pid}.cpuprofile`);
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(profile));
    return file;
  },
  exit: async () => {
    await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  },
});
