import { escalationKey } from '../../src/domain/escalation';
import { escalationSent } from '../../src/domain/reports/escalations-sent';

describe('the escalations sent, read from their send markers', () => {
  const at = '2026-03-09T10:00:00.000Z';

  it('reads the case and the level of every key the escalation pass writes', () => {
    const deadline = { key: 'firstContact', dueAt: '2026-03-09T14:30:00.000Z' } as const;
    for (const level of ['reminder', 'overdue', 'fve', 'level-2']) {
      const key = escalationKey('8c1d3a4e-5f60-4a7b-9c8d-0e1f2a3b4c5d', deadline, level);
      expect(escalationSent({ key, updatedAt: at })).toEqual({
        caseId: '8c1d3a4e-5f60-4a7b-9c8d-0e1f2a3b4c5d',
        level,
        at,
      });
    }
  });

  it('takes no other marker for one', () => {
    for (const key of [
      'monthly-report:leader-1:2026-02',
      'escalation:',
      'escalation:case-1:reminder',
      'escalation::firstContact:2026-03-09T14:30:00.000Z:reminder',
      'escalation:case-1:firstContact:2026-03-09T14:30:00.000Z:',
    ]) {
      expect(escalationSent({ key, updatedAt: at })).toBeUndefined();
    }
  });
});
