import 'dotenv/config';
import path from 'node:path';
import { bootstrapAdmins, describeBootstrap } from './app/bootstrap-admins';
import { buildApp } from './composition-root';
import { loadRoutine } from './config/routine-file';
import { ConfigError, loadSettings } from './config/settings';
import { seedDemoData } from './demo/demo-data';
import { systemClock } from './domain/clock';
import { createLogger } from './logging/logger';
import { projectRoot } from './project-root';
import { openStore } from './store/open-store';

// Node prints process warnings as plain text on stderr (restify's spdy triggers DEP0111 as it
// loads), which breaks the JSON-lines log. They are emitted on a later tick, so replacing
// Node's printer here is in time; they wait for the logger, which needs the settings.
const earlyWarnings: Error[] = [];
let onWarning = (warning: Error) => {
  earlyWarnings.push(warning);
};
process.removeAllListeners('warning');
process.on('warning', (warning) => onWarning(warning));

async function main(): Promise<void> {
  const settings = loadSettings(process.env);
  const routine = loadRoutine(path.resolve(projectRoot, settings.ROUTINE_FILE));
  const logger = createLogger(settings.LOG_LEVEL);
  onWarning = (warning) => {
    const fields = { warning: warning.name, code: (warning as NodeJS.ErrnoException).code };
    // A dependency's deprecation is for whoever upgrades it, not for the operator.
    if (warning.name === 'DeprecationWarning') logger.debug(fields, warning.message);
    else logger.warn(fields, warning.message);
  };
  for (const warning of earlyWarnings.splice(0)) onWarning(warning);
  const store = await openStore(
    { ...settings, SQLITE_FILE: path.resolve(projectRoot, settings.SQLITE_FILE) },
    { logger },
  );
  const app = buildApp({ settings, routine, store, clock: systemClock, logger });

  if (settings.DEMO_DATA && (await seedDemoData(store, app.caseService, systemClock))) {
    logger.info('demo data loaded: three zones, a roster and five cases');
  }
  // After the demo seed, which loads only into an empty store.
  const bootstrap = await bootstrapAdmins(store, settings.BOOTSTRAP_ADMINS, systemClock);
  const bootstrapNote = describeBootstrap(bootstrap);
  if (bootstrapNote) logger.info({ bootstrap }, bootstrapNote);
  const running = await app.start();
  logger.info(
    { endpoint: `${running.url}/api/messages`, anonymous: !settings.MICROSOFT_APP_ID },
    'ready',
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (err: Error) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: Error) => {
  // A configuration error names the setting or field; print it plainly and stop.
  process.stderr.write(`${err instanceof ConfigError ? err.message : err.stack}\n`);
  process.exit(1);
});
