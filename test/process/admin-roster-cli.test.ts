import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { VALID_FNR } from '../support/domain-fixtures';

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

const A = '6b1c0000-0000-4000-8000-00000000000a';
const K = '6b1c0000-0000-4000-8000-00000000000b';

describe('npm run admin -- import / export', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-roster-'));
  const db = path.join(dir, 'hsyre.db');
  const env = { SQLITE_FILE: db };
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const zones = write('zones.csv', 'id,name\nnord,Sone Nord\nsor,Sone Sør\n');
  const staff = write(
    'staff.csv',
    [
      'entraObjectId,name,email,roles,zones',
      `${A},Anne Admin,anne@kommune.no,admin,`,
      `${K},Kari Nordmann,kari@kommune.no,nurse;leader,nord;sor`,
      '',
    ].join('\n'),
  );
  const stored = async () => {
    const store = openSqliteStore(db);
    try {
      return { zones: await store.zones.list(), staff: await store.roster.list() };
    } finally {
      await store.close();
    }
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a dry run prints what would change and stores nothing', async () => {
    const run = admin(['import', '--zones', zones, '--staff', staff, '--dry-run'], env, dir);
    expect(run.stderr).toBe('dry run: nothing applied\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [
        'zones: 2 added, 0 renamed, 0 reinstated, 0 retired',
        '  + nord  Sone Nord',
        '  + sor  Sone Sør',
        'staff: 2 added, 0 changed, 0 removed',
        `  + Anne Admin (${A})  roles admin; zones –`,
        `  + Kari Nordmann (${K})  roles nurse,leader; zones nord,sor`,
        '',
      ].join('\n'),
    );
    expect(await stored()).toEqual({ zones: [], staff: [] });
  });

  it('refuses bad rows with their lines and fields, exit 1, nothing stored, no value echoed', async () => {
    const bad = write(
      'bad.csv',
      [
        'entraObjectId,name,email,roles,zones',
        `${A},Anne Admin,,admin,`,
        `${K},Kari ${VALID_FNR},,nurse,nord`,
        `${K.slice(0, 10)},Kari,,nurse,nord`,
      ].join('\n'),
    );
    const run = admin(['import', '--zones', zones, '--staff', bad], env, dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        'staff.csv line 3, name: contains a national identity number (fødselsnummer or D-number)',
        'staff.csv line 4, entraObjectId: must be an Entra object id (a GUID)',
        'nothing imported: 2 problem(s)',
        '',
      ].join('\n'),
    );
    expect(run.stderr).not.toContain(VALID_FNR);
    expect(await stored()).toEqual({ zones: [], staff: [] });
  });

  it('imports, exports, and the export imported again is no change', async () => {
    const first = admin(['import', '--zones', zones, '--staff', staff], env, dir);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('applied\n');
    const afterImport = await stored();
    expect(afterImport.staff.map((m) => m.name)).toEqual(['Anne Admin', 'Kari Nordmann']);

    const out = path.join(dir, 'export');
    const exported = admin(['export', '--out', out], env, dir);
    expect(exported.status).toBe(0);
    expect(exported.stderr).toBe(`2 zones and 2 people written to ${out}\n`);
    expect(fs.readFileSync(path.join(out, 'zones.csv'), 'utf8')).toBe(
      'id,name\nnord,Sone Nord\nsor,Sone Sør\n',
    );
    expect(fs.readFileSync(path.join(out, 'staff.csv'), 'utf8')).toBe(
      [
        'entraObjectId,name,email,roles,zones',
        `${A},Anne Admin,anne@kommune.no,admin,`,
        `${K},Kari Nordmann,kari@kommune.no,nurse;leader,nord;sor`,
        '',
      ].join('\n'),
    );

    const again = admin(
      ['import', '--zones', path.join(out, 'zones.csv'), '--staff', path.join(out, 'staff.csv')],
      env,
      dir,
    );
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('no change\n');
    expect(again.stderr).toBe('nothing to apply\n');
    expect(await stored()).toEqual(afterImport);
  });

  it('refuses a file that would leave no admin, exit 1, the admin kept', async () => {
    const noAdmin = write(
      'no-admin.csv',
      `entraObjectId,name,email,roles,zones\n${K},Kari Nordmann,,nurse,nord\n`,
    );
    const run = admin(['import', '--staff', noAdmin], env, dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Anne Admin is the last admin');
    expect((await stored()).staff.find((m) => m.id === A)?.removedAt).toBeUndefined();
  });

  it('usage errors exit 2 with the usage, touching nothing', () => {
    const none = admin(['import'], env, dir);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('import needs --zones, --staff or both');
    const noOut = admin(['export'], env, dir);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('usage: npm run admin -- export --out <dir>');
    const unknownOption = admin(['import', '--zone', zones], env, dir);
    expect(unknownOption.status).toBe(2);
    const missing = admin(['import', '--zones', path.join(dir, 'nope.csv')], env, dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--zones: cannot read');
  });
});
