import 'dotenv/config';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { accessLogCsv, createAccessLogExport } from '../app/access-log-export';
import { ConfigError, loadSettings } from '../config/settings';
import { projectRoot } from '../project-root';
import { openStore } from '../store/open-store';

const USAGE = `usage: npm run admin -- access-log --from YYYY-MM-DD --to YYYY-MM-DD [--out file.csv]
  Writes the access log entries with from <= time < to (UTC dates) as CSV, to the file or stdout.`;

const isoDate = (value: string | undefined, name: string): string => {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ConfigError(`--${name} must be a date, YYYY-MM-DD\n${USAGE}`);
  }
  return new Date(`${value}T00:00:00Z`).toISOString();
};

/** The IT operator's tool against the configured store (SQLite or Cosmos DB). */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== 'access-log') throw new ConfigError(USAGE);
  const { values } = parseArgs({
    args: rest,
    options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const from = isoDate(values.from, 'from');
  const to = isoDate(values.to, 'to');
  const settings = loadSettings(process.env);
  const store = await openStore({
    ...settings,
    SQLITE_FILE: path.resolve(projectRoot, settings.SQLITE_FILE),
  });
  try {
    const rows = await createAccessLogExport(store).between(from, to);
    const csv = accessLogCsv(rows);
    if (values.out) {
      fs.writeFileSync(values.out, csv);
      process.stderr.write(`${rows.length} entries written to ${values.out}\n`);
    } else {
      process.stdout.write(csv);
    }
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : (err.stack ?? err.message)}\n`,
  );
  process.exit(err instanceof ConfigError ? 2 : 1);
});
