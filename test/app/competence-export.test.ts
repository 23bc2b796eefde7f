import { parse } from 'csv-parse/sync';
import type { CompetenceReply } from '../../src/app/competence-reply';
import { NURSE_EXPORT_HEADER } from '../../src/domain/competence/export';
import { OVERVIEW_TABLE_HEADER } from '../../src/domain/competence/plan';
import { competenceWorld, networkLeader } from '../support/competence';
import { staff } from '../support/domain-fixtures';

const csvOf = (reply: CompetenceReply) => {
  if (reply.kind !== 'competenceCsv') throw new Error(`expected CSV, got ${reply.kind}`);
  return parse(reply.csv) as string[][];
};

async function nurseWithActivities() {
  const world = await competenceWorld('2026-06-15T10:00:00.000Z');
  const nurse = staff.nurseA;
  await world.activities.profile(nurse, nurse.id, { appointedAt: '2024-03-01', level: 'B' });
  const inputs = [
    { kind: 'jobShadowing', date: '2024-05-02', days: 3 },
    { kind: 'gathering', date: '2025-11-01', hours: 6 },
    { kind: 'gathering', date: '2026-02-01', hours: 6.5, text: '=HYPERLINK("x")' },
    { kind: 'jobShadowing', date: '2026-04-10', days: 1 },
    { kind: 'studyDay', date: '2026-05-05', hours: 6, text: 'Fagdag, "lindring"' },
  ];
  for (const input of inputs) {
    await world.activities.register(nurse, nurse.id, { ...input, nurseId: nurse.id });
  }
  return world;
}

describe('CSV export of the competence plan', () => {
  it('gives a nurse her job shadowing ever and the year’s activities, parsed back as written', async () => {
    const world = await nurseWithActivities();
    const rows = csvOf(await world.exports.nurse(staff.nurseA, staff.nurseA.id));
    expect(rows[0]).toEqual([...NURSE_EXPORT_HEADER]);
    const byColumn = rows
      .slice(1)
      .map((r) => Object.fromEntries(NURSE_EXPORT_HEADER.map((h, i) => [h, r[i]])));
    expect(byColumn.map((r) => [r.date, r.kind, r.hours, r.days, r.supervisionHours])).toEqual([
      ['2024-05-02', 'jobShadowing', '', '3', '12'],
      ['2026-02-01', 'gathering', '6.5', '', ''],
      ['2026-04-10', 'jobShadowing', '', '1', '4'],
      ['2026-05-05', 'studyDay', '6', '', ''],
    ]);
    // Quotes and commas survive; a formula is made inert.
    expect(byColumn[3].text).toBe('Fagdag, "lindring"');
    expect(byColumn[1].text).toBe('\'=HYPERLINK("x")');
  });

  it('gives the zone leader the zone overview, one line per nurse and requirement', async () => {
    const world = await nurseWithActivities();
    const rows = csvOf(await world.exports.zone(staff.leader, 'nord'));
    expect(rows[0]).toEqual([...OVERVIEW_TABLE_HEADER]);
    const col = (name: (typeof OVERVIEW_TABLE_HEADER)[number]) =>
      OVERVIEW_TABLE_HEADER.indexOf(name);
    const lines = rows.slice(1);
    expect(new Set(lines.map((r) => r[col('nurseId')]))).toEqual(new Set([staff.nurseA.id]));
    const gatherings = lines.find((r) => r[col('requirement')] === 'gatherings');
    expect(gatherings?.[col('doneHours')]).toBe('6.5');
    expect(gatherings?.[col('missingHours')]).toBe('5.5');
    expect(gatherings?.[col('status')]).toBe('missing');
  });

  it('follows the plan’s access rule: nobody else gets either file', async () => {
    const world = await nurseWithActivities();
    expect(await world.exports.nurse(staff.nurseB, staff.nurseA.id)).toMatchObject({
      kind: 'message',
      key: 'competence.messages.notFound',
    });
    expect((await world.exports.zone(staff.leaderSouth, 'nord')).kind).toBe('message');
    expect((await world.exports.zone(networkLeader, 'nord')).kind).toBe('competenceCsv');
  });
});
