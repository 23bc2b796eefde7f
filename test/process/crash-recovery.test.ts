import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCaseService } from '../../src/app/case-service';
import type { Case } from '../../src/domain/case';
import { escalationKey } from '../../src/domain/escalation';
import type { StaffMember } from '../../src/domain/roster';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { defaultRoutine } from '../support/domain-fixtures';
import {
  type FakeConnector,
  type RecordedCall,
  startFakeConnector,
} from '../support/fake-connector';
import { startMain } from '../support/main-process';
import { fixedClock } from '../support/test-app';
import { linkedZone } from '../support/zones';

/**
 * The bot process dies (SIGKILL) after Teams received an escalation message and before the
 * bot recorded it as sent. After a restart the message is delivered, once: never lost, and
 * never acknowledged twice.
 */
describe('a crash between sending an escalation and recording it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-crash-'));
  const dbFile = path.join(dir, 'hsyre.db');
  let connector: FakeConnector;
  let overdue: Case;
  const env = () => ({
    PORT: '0',
    HOST: '127.0.0.1',
    SQLITE_FILE: dbFile,
    ESCALATION_CRON: '* * * * * *', // every second
    HEARTBEAT_CRON: '0 0 1 1 *',
    DAILY_SUMMARY: 'false',
    LOG_LEVEL: 'info',
  });
  const toFve = (call: RecordedCall) =>
    (call.kind === 'send' || call.kind === 'reply') &&
    call.conversationId?.startsWith('conversation-') === true;

  beforeAll(async () => {
    connector = await startFakeConnector();
    const store = openSqliteStore(dbFile);
    const fve: StaffMember = {
      id: 'aad-fve',
      name: 'Frida',
      roles: ['fve'],
      zoneIds: [],
      contact: { userId: '29:frida', tenantId: 'tenant-1', serviceUrl: connector.serviceUrl },
    };
    await store.roster.put(fve);
    await store.zones.put(linkedZone('nord', 'Sone Nord', connector.serviceUrl, '19:nord'));
    // Registered long ago: every level is due, so the pass sends the highest one (FVE).
    // The restarted process runs on the wall clock, which may be at night: levels sent any time.
    const routine = defaultRoutine();
    for (const level of routine.policy.escalation) level.deliver = 'anyTime';
    const service = createCaseService({
      store,
      clock: fixedClock('2026-03-02T09:00:00.000Z'),
      routine,
    });
    const result = await service.register(
      {
        zoneId: 'nord',
        seriouslyIll: true,
        hospitalContactAt: '2026-03-02T08:00:00.000Z',
        patientRef: 'P-CRASH',
        registerHsyre: true,
      },
      fve,
    );
    if (!result.ok) throw new Error(result.error.code);
    overdue = result.case;
    await store.close();
  });
  afterAll(async () => {
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('delivers the message after the restart, and only once', async () => {
    const first = startMain(env(), dir);
    const killed = new Promise<void>((resolve) =>
      connector.holdNext(toFve, () => {
        first.child.kill('SIGKILL');
        resolve();
      }),
    );
    await first.ready;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      killed,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(JSON.stringify(first.output()))), 15_000);
      }),
    ]).finally(() => {
      clearTimeout(timer);
      first.child.kill('SIGKILL');
    });
    await first.exited;
    const key = escalationKey(
      overdue.id,
      overdue.deadline ?? { key: 'firstContact', dueAt: '' },
      'fve',
    );

    // The killed process left its intent behind. Let the clock run past the intent's
    // staleness (five minutes) without waiting for it: age the marker in the file.
    let store = openSqliteStore(dbFile);
    expect((await store.markers.get(key))?.status).toBe('intent');
    await store.markers.setStatus(key, 'intent', new Date(Date.now() - 6 * 60_000).toISOString());
    await store.close();

    const second = startMain(env(), dir);
    await second.ready;
    const before = connector.calls.filter(toFve).length;
    await connector.waitForCalls(connector.calls.length + 1, 10_000);
    // A few more passes (one a second) must not send it again.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    second.child.kill('SIGTERM');
    await second.exited;

    const sends = connector.calls.filter(toFve);
    expect(before).toBe(1); // the one Teams got while the bot died, never acknowledged
    expect(sends).toHaveLength(2); // delivered once more after the restart, and acknowledged
    expect(sends[1].body.attachments[0].content.body[0].text).toContain(overdue.code);
    store = openSqliteStore(dbFile);
    expect((await store.markers.get(key))?.status).toBe('sent');
    await store.close();
  }, 60_000);
});
