import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { messageActivity, postActivity } from '../support/activities';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { startMain } from '../support/main-process';

describe('the bot process', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-main-'));
  const dbFile = path.join(dir, 'data', 'hsyre.db');
  let running: ChildProcess | undefined;
  let connector: FakeConnector | undefined;
  afterAll(async () => {
    running?.kill('SIGKILL');
    await connector?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stops at start with a message that names a wrong setting', async () => {
    const main = startMain({ STORE: 'cosmos' }, dir);
    expect(await main.exited).toBe(1);
    expect(main.output().stderr).toContain('COSMOS_ENDPOINT: required when STORE=cosmos');
  });

  it('starts with demo data, answers, shuts down cleanly on SIGTERM, and keeps its data', async () => {
    connector = await startFakeConnector();
    const main = startMain(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DEMO_DATA: 'true',
        SQLITE_FILE: dbFile,
        HEARTBEAT_CRON: '0 0 1 1 *',
      },
      dir,
    );
    running = main.child;
    const url = await main.ready;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const reply = await postActivity(
      url,
      messageActivity({ serviceUrl: connector.serviceUrl, text: 'hjelp' }),
    );
    expect(reply.status).toBe(200);
    await connector.waitForCalls(1);

    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    expect(main.output().stdout).toContain('shutting down');

    const store = openSqliteStore(dbFile);
    expect((await store.zones.list()).map((z) => z.id)).toEqual(['nord', 'sentrum', 'sor']);
    expect(await store.cases.byZone('nord')).toHaveLength(2);
    await store.close();
  });
});
