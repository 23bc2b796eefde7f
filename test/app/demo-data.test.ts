import { createCaseService } from '../../src/app/case-service';
import { seedDemoData } from '../../src/demo/demo-data';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { defaultRoutine } from '../support/domain-fixtures';
import { fixedClock } from '../support/test-app';

describe('seedDemoData', () => {
  it('fills an empty store with three zones, a roster and cases in different states, once', async () => {
    const store = openSqliteStore(':memory:');
    const clock = fixedClock('2026-03-04T10:00:00.000Z');
    const cases = createCaseService({ store, clock, routine: defaultRoutine() });

    expect(await seedDemoData(store, cases, clock)).toBe(true);
    expect((await store.zones.list()).map((z) => z.id)).toEqual(['nord', 'sentrum', 'sor']);
    const roster = await store.roster.list();
    for (const role of ['fve', 'nurse', 'leader', 'admin'] as const) {
      expect(roster.some((m) => m.roles.includes(role))).toBe(true);
    }
    const all = (
      await Promise.all(['nord', 'sentrum', 'sor'].map((z) => store.cases.byZone(z)))
    ).flat();
    expect(all.map((c) => c.state).sort()).toEqual(
      ['awaiting_claim', 'claimed', 'in_follow_up', 'referred', 'services_needed'].sort(),
    );
    expect(all.every((c) => /^DEMO-\d+$/.test(c.patientRef))).toBe(true);

    expect(await seedDemoData(store, cases, clock)).toBe(false);
    expect(await store.cases.byZone('nord')).toHaveLength(
      all.filter((c) => c.zoneId === 'nord').length,
    );
    await store.close();
  });
});
