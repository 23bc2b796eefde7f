import path from 'node:path';
import { type App, buildApp, type RunningApp } from '../../src/composition-root';
import { loadRoutine } from '../../src/config/routine-file';
import { loadSettings } from '../../src/config/settings';
import type { Clock } from '../../src/domain/clock';
import { createLogger } from '../../src/logging/logger';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';

export const ROUTINE_FILE = path.resolve(__dirname, '../../config/routine.json');

/** A settable clock for tests: time moves only when the test says so. */
export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return { now: () => new Date(now), set: (next) => (now = new Date(next)) };
}

export interface TestApp extends RunningApp {
  app: App;
  store: Store;
  stop(): Promise<void>;
}

/**
 * The whole app in one call: real HTTP on a free loopback port, a fake clock, an in-memory
 * SQLite store (or the one given), and logs to `logLines` for assertions.
 */
export async function startTestApp(
  options: { clock?: Clock; env?: NodeJS.ProcessEnv; store?: Store; logLines?: string[] } = {},
): Promise<TestApp> {
  const settings = loadSettings({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const store = options.store ?? openSqliteStore(':memory:');
  const lines = options.logLines ?? [];
  const logger = createLogger(settings.LOG_LEVEL, { write: (line: string) => lines.push(line) });
  const app = buildApp({
    settings,
    routine: loadRoutine(ROUTINE_FILE),
    store,
    clock: options.clock ?? fixedClock('2026-03-02T09:00:00.000Z'),
    logger,
  });
  const running = await app.start();
  return { ...running, app, store, stop: () => app.stop() };
}
