import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { reportJobs } from '../../src/app/report-jobs';
import { createReports, isFirstWorkingDayOfMonth, reportScope } from '../../src/app/reports';
import { applyCommand } from '../../src/domain/case-commands';
import type { StaffMember } from '../../src/domain/roster';
import { createLogger } from '../../src/logging/logger';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { defaultRoutine, must, newCase, roster, staff, TIMELINE } from '../support/domain-fixtures';
import { fixedClock } from '../support/test-app';

const OSLO = 'Europe/Oslo';
const workingTime = defaultRoutine().policy.workingTime;

describe('who sees which figures', () => {
  const m = (roles: StaffMember['roles'], zoneIds: string[] = ['nord']): StaffMember => ({
    id: `x-${roles.join('-')}`,
    name: 'X',
    roles,
    zoneIds,
  });

  it.each([
    [['fve'], { kind: 'zones', all: true }],
    [['networkLeader'], { kind: 'zones', all: true }],
    [['admin'], { kind: 'zones', all: true }],
    [['leader'], { kind: 'zones', all: false, zoneIds: ['nord'] }],
    [['nurse', 'leader'], { kind: 'zones', all: false, zoneIds: ['nord'] }],
    [['nurse'], { kind: 'own', nurseId: 'x-nurse' }],
    [['cancerCoordinator'], undefined],
  ] as [StaffMember['roles'], unknown][])('%s → %j', (roles, scope) => {
    expect(reportScope(m(roles))).toEqual(scope);
  });

  it('a leader without zones leads nothing; a removed person sees nothing', () => {
    expect(reportScope(m(['leader'], []))).toBeUndefined();
    expect(reportScope({ ...m(['fve']), removedAt: '2026-01-01T00:00:00.000Z' })).toBeUndefined();
    expect(reportScope(undefined)).toBeUndefined();
  });
});

describe('the figures snapshot', () => {
  const setup = async (refreshMs: number) => {
    const store = openSqliteStore(':memory:');
    await store.zones.put({ id: 'nord', name: 'Nord', channel: null });
    const clock = fixedClock('2026-03-09T12:00:00.000Z');
    const reports = createReports({
      store,
      clock,
      timeZone: OSLO,
      target: 0.9,
      refreshMs,
      logger: createLogger('silent'),
    });
    const referrals = async () => {
      const result = await reports.compliance(staff.fve, { months: 1 });
      if (!result.ok) throw new Error(result.reason);
      const value = result.report.figures[0].values.nord[0];
      return value.kind === 'count' ? value.count : -1;
    };
    const add = async (id: string) => {
      const created = await store.cases.create(newCase({}, { id, code: id.toUpperCase() }));
      if (!created.ok) throw new Error(created.reason);
    };
    return { store, clock, reports, referrals, add };
  };

  it('is read once and kept for refreshMs; older, it is answered at once and read anew behind', async () => {
    const { clock, referrals, add } = await setup(60_000);
    await add('aaaaa');
    expect(await referrals()).toBe(1);
    await add('ccccc');
    clock.set('2026-03-09T12:00:59.000Z');
    expect(await referrals()).toBe(1);
    clock.set('2026-03-09T12:01:00.000Z');
    // Stale: this answer is the old snapshot; the read it started gives the next one.
    expect(await referrals()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await referrals()).toBe(2);
  });

  it('with refreshMs 0 reads on every request', async () => {
    const { referrals, add } = await setup(0);
    await add('aaaaa');
    expect(await referrals()).toBe(1);
    await add('ccccc');
    expect(await referrals()).toBe(2);
  });

  it('reads anew for a month that ended after the snapshot was taken', async () => {
    const { clock, reports, add } = await setup(3_600_000);
    await add('aaaaa');
    const before = await reports.summary(staff.fve, { month: '2026-03' });
    if (before.kind !== 'report') throw new Error('no report');
    expect(before.provisional).toBe(true);
    clock.set('2026-04-01T06:00:00.000Z');
    const after = await reports.summary(staff.fve, { month: '2026-03' });
    if (after.kind !== 'report') throw new Error('no report');
    expect(after.provisional).toBe(false);
    expect(after.asOf).toBe('2026-04-01T06:00:00.000Z');
  });

  it('takes a month by its number as its latest occurrence, and refuses one not begun', async () => {
    const { reports } = await setup(0);
    const march = await reports.summary(staff.fve, { month: 3 });
    const april = await reports.summary(staff.fve, { month: 4 });
    expect(march.kind === 'report' && march.month).toBe('2026-03');
    expect(april.kind === 'report' && april.month).toBe('2025-04');
    expect(await reports.summary(staff.fve, { month: '2026-05' })).toMatchObject({
      kind: 'message',
      key: 'reports.chat.futureMonth',
    });
    expect(await reports.summary(staff.fve)).toMatchObject({ kind: 'report', month: '2026-02' });
  });
});

describe('the figures from the store', () => {
  const reportsOn = (store: Store) =>
    createReports({
      store,
      clock: fixedClock('2026-03-09T12:00:00.000Z'),
      timeZone: OSLO,
      target: 0.9,
      refreshMs: 0,
      logger: createLogger('silent'),
    });
  const value = async (
    reports: ReturnType<typeof createReports>,
    who: StaffMember,
    id: string,
    series = 'nord',
  ) => {
    const result = await reports.compliance(who, { months: 1 });
    if (!result.ok) throw new Error(result.reason);
    return result.report.figures.find((f) => f.id === id)?.values[series][0];
  };
  const factsOf = async (store: Store) => {
    const rows = [];
    for await (const page of store.reportFacts.versions(100, null)) rows.push(...page);
    const facts = await store.reportFacts.get(rows.map((r) => r.caseId));
    return rows.map((r) => ({
      caseId: r.caseId,
      version: r.version,
      facts: facts.find((f) => f.id === r.caseId)?.version,
    }));
  };

  it('keeps each case’s facts beside it and works them out again once the case changed', async () => {
    const store = openSqliteStore(':memory:');
    await store.zones.put({ id: 'nord', name: 'Nord', channel: null });
    const reports = reportsOn(store);
    const created = newCase({}, { id: 'case-kept', code: 'KEPTA' });
    await store.cases.create(created);
    expect(await value(reports, staff.nurseA, 'referralsRegistered', 'own')).toEqual({
      kind: 'count',
      count: 0,
    });
    expect(await factsOf(store)).toEqual([{ caseId: 'case-kept', version: 1, facts: 1 }]);

    const claimed = must(
      applyCommand(created, { type: 'claim' }, staff.nurseA, TIMELINE.claimed, roster),
    );
    expect((await store.cases.save(claimed)).ok).toBe(true);
    // Now one of the nurse's own cases: read from the document again, and kept anew.
    expect(await value(reports, staff.nurseA, 'referralsRegistered', 'own')).toEqual({
      kind: 'count',
      count: 1,
    });
    expect(await factsOf(store)).toEqual([{ caseId: 'case-kept', version: 2, facts: 2 }]);
    // A later read (another instance, after a restart) reads the facts alone: the same figures.
    expect(await value(reportsOn(store), staff.nurseA, 'referralsRegistered', 'own')).toEqual({
      kind: 'count',
      count: 1,
    });
    await store.close();
  });

  it('counts the escalations sent, from the send markers, for the cases only', async () => {
    const store = openSqliteStore(':memory:');
    await store.zones.put({ id: 'nord', name: 'Nord', channel: null });
    const c = newCase({}, { id: 'case-escalated', code: 'ESCAL' });
    await store.cases.create(c);
    const key = (id: string, level: string) =>
      `escalation:${id}:firstContact:2026-03-09T14:30:00.000Z:${level}`;
    const at = '2026-03-09T10:00:00.000Z';
    await store.markers.create(key(c.id, 'reminder'), 'intent', at);
    await store.markers.setStatus(key(c.id, 'reminder'), 'sent', at);
    await store.markers.create(key(c.id, 'overdue'), 'skipped', at);
    await store.markers.create(key(c.id, 'fve'), 'intent', at);
    // A pathway point escalates under the same prefix: not an HSYRE case.
    await store.markers.create(key('pathway-point-1', 'reminder'), 'sent', at);
    const reports = reportsOn(store);
    const sent = { kind: 'countsByKey', total: 1, counts: [{ key: 'reminder', count: 1 }] };
    expect(await value(reports, staff.fve, 'escalationsSent')).toEqual(sent);
    expect(await value(reports, staff.nurseA, 'escalationsSent', 'own')).toEqual({
      kind: 'countsByKey',
      total: 0,
      counts: [],
    });
    await store.close();
  });

  it('reads a case stored in the old form, with its routine snapshot inside it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-reports-'));
    const file = path.join(dir, 'hsyre.db');
    try {
      const store = openSqliteStore(file);
      await store.zones.put({ id: 'nord', name: 'Nord', channel: null });
      const old = newCase({}, { id: 'case-old', code: 'OLDFM' });
      const db = new Database(file);
      db.prepare(
        `INSERT INTO cases (id, code, zone_id, state, next_due_at, version, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        old.id,
        old.code,
        old.zoneId,
        old.state,
        old.nextDueAt,
        old.version,
        JSON.stringify(old),
      );
      db.close();
      expect(await value(reportsOn(store), staff.fve, 'referralsRegistered')).toEqual({
        kind: 'count',
        count: 1,
      });
      await store.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the monthly card', () => {
  it('falls on the first working day of the month: holidays and weekends move it', () => {
    const first = (iso: string) => isFirstWorkingDayOfMonth(new Date(iso), workingTime);
    expect(first('2026-03-02T07:00:00.000Z')).toBe(true); // Monday 2 March (1 March a Sunday)
    expect(first('2026-03-01T07:00:00.000Z')).toBe(false);
    expect(first('2026-03-03T07:00:00.000Z')).toBe(false);
    expect(first('2026-01-01T07:00:00.000Z')).toBe(false); // New Year's Day
    expect(first('2026-01-02T07:00:00.000Z')).toBe(true);
    expect(first('2026-05-01T07:00:00.000Z')).toBe(false); // Labour Day
    expect(first('2026-05-04T07:00:00.000Z')).toBe(true); // Monday after it
    expect(first('2026-04-01T07:00:00.000Z')).toBe(true);
  });

  it('is tried every hour from its time to the end of working time', () => {
    const run = async () => ({ month: null, sent: 0, taken: 0, failed: 0 });
    expect(reportJobs({ monthly: { run, at: '08:00', until: '15:30' } })).toEqual([
      expect.objectContaining({ name: 'monthly-report', schedule: '0 8-15 * * *' }),
    ]);
    expect(reportJobs({ monthly: { run, at: '16:10', until: '15:30' } })[0].schedule).toBe(
      '10 16 * * *',
    );
    expect(reportJobs({})).toEqual([]);
  });
});
