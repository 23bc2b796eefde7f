import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';

const CLI = path.resolve(__dirname, '../../src/cli/admin.ts');

/** The IT operator's command, as `npm run admin --` runs it, from a folder with no .env. */
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

describe('npm run admin -- access-log', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-admin-'));
  const file = path.join(dir, 'hsyre.db');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const store = openSqliteStore(file);
    await store.roster.put({
      id: 'aad-kari',
      name: 'Kari Nordmann',
      roles: ['nurse'],
      zoneIds: [],
    });
    const entry = (id: string, at: string, action: string) => ({
      id,
      at,
      actorId: 'aad-kari',
      caseId: 'case-1',
      caseCode: 'K7M2Q',
      action,
      via: 'personal' as const,
    });
    await store.accessLog.append(entry('e1', '2026-02-28T23:59:59.000Z', 'view'));
    await store.accessLog.append(entry('e2', '2026-03-01T08:00:00.000Z', 'view'));
    await store.accessLog.append(entry('e3', '2026-03-15T08:00:00.000Z', 'claim'));
    await store.accessLog.append(entry('e4', '2026-04-01T00:00:00.000Z', 'view'));
    await store.close();
  });

  it('exports the period from the configured store as CSV, names resolved from the roster', () => {
    const out = path.join(dir, 'march.csv');
    const run = admin(
      ['access-log', '--from', '2026-03-01', '--to', '2026-04-01', '--out', out],
      { SQLITE_FILE: file },
      dir,
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(`2 entries written to ${out}\n`);
    const rows = parse(fs.readFileSync(out, 'utf8'), { columns: true });
    expect(rows).toEqual([
      {
        at: '2026-03-01T08:00:00.000Z',
        actorId: 'aad-kari',
        actorName: 'Kari Nordmann',
        caseCode: 'K7M2Q',
        action: 'view',
        via: 'personal',
      },
      {
        at: '2026-03-15T08:00:00.000Z',
        actorId: 'aad-kari',
        actorName: 'Kari Nordmann',
        caseCode: 'K7M2Q',
        action: 'claim',
        via: 'personal',
      },
    ]);
  });

  it('writes to stdout without --out', () => {
    const run = admin(
      ['access-log', '--from', '2026-01-01', '--to', '2027-01-01'],
      { SQLITE_FILE: file },
      dir,
    );
    expect(run.status).toBe(0);
    expect(parse(run.stdout, { columns: true })).toHaveLength(4);
  });

  it('refuses a bad date or command with the usage and exit code 2, touching nothing', () => {
    const badDate = admin(
      ['access-log', '--from', '1.3.2026', '--to', '2026-04-01'],
      {
        SQLITE_FILE: file,
      },
      dir,
    );
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toContain('--from must be a date, YYYY-MM-DD');
    const unknown = admin(['nothing'], { SQLITE_FILE: file }, dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('usage: npm run admin -- access-log');
  });
});
