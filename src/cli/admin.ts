import 'dotenv/config';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { accessLogCsv, createAccessLogExport } from '../app/access-log-export';
import { createRosterCsv, formatPlan } from '../app/roster-csv';
import { ConfigError, loadSettings } from '../config/settings';
import { systemClock } from '../domain/clock';
import { projectRoot } from '../project-root';
import { openStore } from '../store/open-store';
import type { Store } from '../store/port';

const USAGE = `usage: npm run admin -- access-log --from YYYY-MM-DD --to YYYY-MM-DD [--out file.csv]
  Writes the access log entries with from <= time < to (UTC dates) as CSV, to the file or stdout.
usage: npm run admin -- import [--zones zones.csv] [--staff staff.csv] [--dry-run]
  Makes the zones and the roster what the files say (zones.csv: id,name; staff.csv:
  entraObjectId,name,email,roles,zones with roles and zones separated by ;). Each file given is
  a full sync: zones not in it are retired, people not in it are removed. Nothing is applied if
  any row is wrong; --dry-run only prints what would change.
usage: npm run admin -- export --out <dir>
  Writes <dir>/zones.csv and <dir>/staff.csv (the zones in use and the people in the roster).`;

/** Exit status of an import the rules or the files refused: nothing was changed. */
const REFUSED = 1;

const isoDate = (value: string | undefined, name: string): string => {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ConfigError(`--${name} must be a date, YYYY-MM-DD\n${USAGE}`);
  }
  return new Date(`${value}T00:00:00Z`).toISOString();
};

async function withStore<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const settings = loadSettings(process.env);
  const store = await openStore({
    ...settings,
    SQLITE_FILE: path.resolve(projectRoot, settings.SQLITE_FILE),
  });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

async function accessLog(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const from = isoDate(values.from, 'from');
  const to = isoDate(values.to, 'to');
  return withStore(async (store) => {
    const rows = await createAccessLogExport(store).between(from, to);
    const csv = accessLogCsv(rows);
    if (values.out) {
      fs.writeFileSync(values.out, csv);
      process.stderr.write(`${rows.length} entries written to ${values.out}\n`);
    } else {
      process.stdout.write(csv);
    }
    return 0;
  });
}

const readInput = (file: string | undefined, option: string): string | undefined => {
  if (file === undefined) return undefined;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`--${option}: cannot read ${file}`);
  }
};

async function importRoster(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      zones: { type: 'string' },
      staff: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.zones === undefined && values.staff === undefined) {
    throw new ConfigError(`import needs --zones, --staff or both\n${USAGE}`);
  }
  const files = {
    zones: readInput(values.zones, 'zones'),
    staff: readInput(values.staff, 'staff'),
  };
  return withStore(async (store) => {
    const csv = createRosterCsv({ store, clock: systemClock });
    const plan = await csv.planImport(files);
    if (plan.problems.length > 0) {
      process.stderr.write(formatPlan(plan));
      return REFUSED;
    }
    process.stdout.write(formatPlan(plan));
    if (values['dry-run']) {
      process.stderr.write('dry run: nothing applied\n');
      return 0;
    }
    await csv.applyImport(plan);
    const writes = plan.writes.zones.length + plan.writes.staff.length;
    process.stderr.write(writes > 0 ? 'applied\n' : 'nothing to apply\n');
    return 0;
  });
}

async function exportRoster(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
  if (!values.out) throw new ConfigError(`export needs --out <dir>\n${USAGE}`);
  const dir = values.out;
  return withStore(async (store) => {
    const exported = await createRosterCsv({ store, clock: systemClock }).exportCsv();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'zones.csv'), exported.zones);
    fs.writeFileSync(path.join(dir, 'staff.csv'), exported.staff);
    process.stderr.write(
      `${exported.counts.zones} zones and ${exported.counts.staff} people written to ${dir}\n`,
    );
    return 0;
  });
}

/** The IT operator's tool against the configured store (SQLite or Cosmos DB). */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'access-log':
        return await accessLog(rest);
      case 'import':
        return await importRoster(rest);
      case 'export':
        return await exportRoster(rest);
      default:
        throw new ConfigError(USAGE);
    }
  } catch (err) {
    // parseArgs' own refusals (an unknown option) are usage errors too.
    if ((err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      throw new ConfigError(`${(err as Error).message}\n${USAGE}`);
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  // exitCode, not exit(): output still buffered for a pipe is written before the process ends.
  (status) => {
    process.exitCode = status;
  },
  (err: Error) => {
    process.stderr.write(
      `${err instanceof ConfigError ? err.message : (err.stack ?? err.message)}\n`,
    );
    process.exit(err instanceof ConfigError ? 2 : 1);
  },
);
