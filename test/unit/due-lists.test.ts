import { dueList } from '../../src/domain/due-lists';
import { storedCase } from '../contract/store-contract';

const due = (code: string, dueAt: string | null, state: 'claimed' | 'closed' = 'claimed') =>
  storedCase({
    code,
    state,
    deadline: dueAt ? { key: 'firstContact', dueAt } : null,
    nextDueAt: dueAt,
  });

describe('dueList', () => {
  // Wednesday 4 March 2026, 10:00 in Oslo (09:00Z).
  const now = new Date('2026-03-04T09:00:00.000Z');
  const cases = [
    due('LATE1', '2026-03-03T14:30:00.000Z'), // yesterday 15:30: 18 h 30 min late
    due('LATE2', '2026-03-02T14:30:00.000Z'), // Monday 15:30: most late
    due('TODAY', '2026-03-04T14:30:00.000Z'), // today 15:30
    due('TONIT', '2026-03-04T22:59:00.000Z'), // today 23:59 Oslo
    due('TOMOR', '2026-03-05T14:30:00.000Z'), // tomorrow
    due('SUNDY', '2026-03-08T22:00:00.000Z'), // Sunday 23:00 Oslo: still this ISO week
    due('NEXTW', '2026-03-09T14:30:00.000Z'), // next Monday
    due('CLOSD', '2026-03-01T14:30:00.000Z', 'closed'),
    due('NODUE', null),
  ];

  it('lists overdue and due-today cases, most late first, with how late', () => {
    const list = dueList(cases, now, 'Europe/Oslo', 'today');
    expect(list.map((i) => i.case.code)).toEqual(['LATE2', 'LATE1', 'TODAY', 'TONIT']);
    expect(list[1].lateMinutes).toBe(18 * 60 + 30);
    expect(list[2].lateMinutes).toBe(-(5 * 60 + 30));
  });

  it('lists this ISO week (to Sunday midnight in Oslo) for the week view', () => {
    expect(dueList(cases, now, 'Europe/Oslo', 'week').map((i) => i.case.code)).toEqual([
      'LATE2',
      'LATE1',
      'TODAY',
      'TONIT',
      'TOMOR',
      'SUNDY',
    ]);
  });
});
