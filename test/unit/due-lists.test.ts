import { trackCase } from '../../src/domain/case-tracking';
import { budgetDueList, dueList } from '../../src/domain/due-lists';
import type { TrackedItem } from '../../src/domain/tracked-item';
import { storedCase } from '../contract/store-contract';

const due = (code: string, dueAt: string | null, state: 'claimed' | 'closed' = 'claimed') =>
  trackCase(
    storedCase({
      code,
      state,
      deadline: dueAt ? { key: 'firstContact', dueAt } : null,
      nextDueAt: dueAt,
    }),
  );

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
    expect(list.map((i) => i.item.code)).toEqual(['LATE2', 'LATE1', 'TODAY', 'TONIT']);
    expect(list[1].lateMinutes).toBe(18 * 60 + 30);
    expect(list[2].lateMinutes).toBe(-(5 * 60 + 30));
  });

  it('lists this ISO week (to Sunday midnight in Oslo) for the week view', () => {
    expect(dueList(cases, now, 'Europe/Oslo', 'week').map((i) => i.item.code)).toEqual([
      'LATE2',
      'LATE1',
      'TODAY',
      'TONIT',
      'TOMOR',
      'SUNDY',
    ]);
  });
});

describe('dueList over any kind of tracked item', () => {
  const now = new Date('2026-03-04T09:00:00.000Z');
  const base = due('BASE', '2026-03-03T14:30:00.000Z');
  const item = (overrides: Partial<TrackedItem>): TrackedItem => ({ ...base, ...overrides });

  it('lists items of another kind with the cases, by the same rule', () => {
    const competence = item({
      kind: 'competence',
      id: 'c-1',
      code: 'KOMP1',
      stepKey: 'competence.steps.course',
      deadline: { key: 'firstContact', dueAt: '2026-03-02T14:30:00.000Z' },
    });
    const done = item({ kind: 'competence', id: 'c-2', code: 'KOMP2', open: false });
    const list = dueList([base, competence, done], now, 'Europe/Oslo', 'today');
    expect(list.map((d) => d.item.code)).toEqual(['KOMP1', 'BASE']);
  });

  it('cuts to a budget with counts per zone and step, late ones counted apart', () => {
    const items = [
      item({ id: '1', code: 'A1', zoneId: 'nord' }),
      item({ id: '2', code: 'A2', zoneId: 'nord', stepKey: 'cases.deadlineKeys.handover' }),
      item({
        id: '3',
        code: 'A3',
        zoneId: 'sor',
        deadline: { key: 'firstContact', dueAt: '2026-03-04T14:30:00.000Z' },
      }),
    ];
    const list = budgetDueList(
      dueList(items, now, 'Europe/Oslo', 'today'),
      { maxItems: 2, maxBytes: 1_000 },
      () => 0,
    );
    expect(list).toMatchObject({ total: 3, urgent: 2, remaining: 1 });
    expect(list.shown.map((d) => d.item.code)).toEqual(['A1', 'A2']);
    expect(list.groups.zone).toEqual([
      { key: 'nord', count: 2, urgent: 2 },
      { key: 'sor', count: 1, urgent: 0 },
    ]);
    expect(list.groups.step).toEqual([
      { key: 'cases.deadlineKeys.firstContact', count: 2, urgent: 1 },
      { key: 'cases.deadlineKeys.handover', count: 1, urgent: 1 },
    ]);
  });
});
