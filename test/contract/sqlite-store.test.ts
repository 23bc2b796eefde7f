import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { describeStoreContract, storedCase } from './store-contract';

describeStoreContract('SQLite in memory', { open: async () => openSqliteStore(':memory:') });

const tmpDirs: string[] = [];
const tmpFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-sqlite-'));
  tmpDirs.push(dir);
  return path.join(dir, 'nested', 'hsyre.db');
};
afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('SQLite file', { open: async () => openSqliteStore(tmpFile()) });

describe('SQLite durability', () => {
  it('keeps cases, staff, zones and markers after closing and reopening the file', async () => {
    const file = tmpFile();
    const first = openSqliteStore(file);
    const c = storedCase();
    await first.cases.create(c);
    const saved = await first.cases.save({ ...c, state: 'claimed', claimedBy: 'n-1' });
    await first.roster.put({ id: 'n-1', name: 'Kari', roles: ['nurse'], zoneIds: ['nord'] });
    await first.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
    await first.markers.create('k', 'sent', '2026-03-02T09:00:00.000Z');
    await first.close();

    const reopened = openSqliteStore(file);
    expect(await reopened.cases.get(c.id)).toEqual(saved.ok && saved.case);
    expect((await reopened.roster.get('n-1'))?.name).toBe('Kari');
    expect((await reopened.zones.list()).map((z) => z.id)).toEqual(['nord']);
    expect((await reopened.markers.get('k'))?.status).toBe('sent');
    await reopened.close();
  });

  it('loses no acknowledged write when the process is killed', async () => {
    const file = tmpFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // A child process writes, acknowledges on stdout, then dies with SIGKILL before any cleanup.
    const script = `
      require('ts-node/register/transpile-only');
      const { openSqliteStore } = require(${JSON.stringify(path.resolve(__dirname, '../../src/store/sqlite/sqlite-store'))});
      const store = openSqliteStore(${JSON.stringify(file)});
      store.markers.create('acknowledged', 'sent', '2026-03-02T09:00:00.000Z').then(() => {
        process.stdout.write('ack');
        process.kill(process.pid, 'SIGKILL');
      });
    `;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).toBe('ack');
    const reopened = openSqliteStore(file);
    expect((await reopened.markers.get('acknowledged'))?.status).toBe('sent');
    await reopened.close();
  });
});
