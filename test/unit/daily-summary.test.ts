import { dailySummaryRecipients } from '../../src/domain/daily-summary';
import { defaultRoutine, oslo, roster, staff } from '../support/domain-fixtures';

describe('who gets the daily summary', () => {
  const workingTime = defaultRoutine().policy.workingTime;
  const everyone = [...roster.values()];

  it('every leader with a zone, once per working day', () => {
    const monday = dailySummaryRecipients(everyone, oslo('2026-03-09T07:45'), workingTime);
    expect(monday.map((r) => r.leader.id).sort()).toEqual(
      [staff.leader.id, staff.leaderSouth.id, staff.nurseLeader.id].sort(),
    );
    expect(monday.find((r) => r.leader.id === staff.leader.id)).toMatchObject({
      zoneIds: ['nord'],
      key: `daily-summary:${staff.leader.id}:2026-03-09`,
    });
  });

  it('nobody on weekends, public holidays and closed days', () => {
    expect(dailySummaryRecipients(everyone, oslo('2026-03-07T07:45'), workingTime)).toEqual([]);
    expect(dailySummaryRecipients(everyone, oslo('2026-05-01T07:45'), workingTime)).toEqual([]);
    const closed = { ...workingTime, closedDates: ['2026-03-10'] };
    expect(dailySummaryRecipients(everyone, oslo('2026-03-10T07:45'), closed)).toEqual([]);
  });
});
