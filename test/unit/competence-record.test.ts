import { createNetworkEvent, recordEventAttendance } from '../../src/domain/competence/event';
import {
  addActivity,
  addAttendance,
  changeActivity,
  newCompetenceRecord,
  setProfile,
  withSchedule,
} from '../../src/domain/competence/record';
import { networkLeader, shippedCompetence } from '../support/competence';
import { staff, VALID_FNR } from '../support/domain-fixtures';

const OSLO = 'Europe/Oslo';
const NOW = new Date('2026-06-15T10:00:00.000Z');
const nurse = { id: staff.nurseA.id, zoneIds: ['nord'] };
const ctx = { actor: staff.nurseA, nurse, now: NOW, timeZone: OSLO, id: 'a-1' };
const appointed = { ...newCompetenceRecord(nurse.id, NOW), appointedAt: '2025-09-10' };

describe('the competence record', () => {
  it('keeps the earlier form of a changed activity in the history', () => {
    const added = addActivity(
      appointed,
      { kind: 'gathering', nurseId: nurse.id, date: '2026-05-01', hours: 6 },
      ctx,
    );
    if (!added.ok) throw new Error('refused');
    const changed = changeActivity(
      added.record,
      'a-1',
      { kind: 'gathering', nurseId: nurse.id, date: '2026-05-01', hours: 7 },
      { ...ctx, actor: staff.leader },
    );
    if (!changed.ok) throw new Error('refused');
    expect(changed.record.activities).toEqual([
      expect.objectContaining({ id: 'a-1', hours: 7, recordedBy: nurse.id }),
    ]);
    expect(changed.record.history.at(-1)).toMatchObject({
      action: 'changed',
      by: staff.leader.id,
      previous: { hours: 6 },
    });
  });

  it('refuses a national id in the appointment form without repeating it', () => {
    const refused = setProfile(
      appointed,
      { appointedAt: VALID_FNR },
      staff.nurseA,
      nurse,
      NOW,
      '2026-06-15',
    );
    expect(refused).toEqual({
      ok: false,
      refusal: { code: 'contains_national_id', field: 'appointedAt' },
    });
  });

  it('schedules the engine now for requirements it has not seen, and the next year’s start', () => {
    const scheduled = withSchedule(appointed, shippedCompetence(), NOW, OSLO);
    expect(Object.keys(scheduled.schedule).sort()).toEqual([
      'gatherings:2026-01-01',
      'introductionCourse:2025-09-10',
      'jobShadowing:2025-09-10',
      'leaderMeeting:2026-01-01',
      'studyDay:2026-01-01',
    ]);
    expect(scheduled.nextDueAt).toBe(NOW.toISOString());
    const handled = Object.fromEntries(Object.keys(scheduled.schedule).map((k) => [k, null]));
    const later = withSchedule({ ...scheduled, schedule: handled }, shippedCompetence(), NOW, OSLO);
    // The first year ends 10 September 2026 at local midnight; it opens nothing new before.
    expect(later.nextDueAt).toBe('2026-09-09T22:00:00.000Z');
    expect(
      withSchedule(newCompetenceRecord(nurse.id, NOW), shippedCompetence(), NOW, OSLO).nextDueAt,
    ).toBeNull();
  });

  it('fills a nurse’s record from a network event once, for the network leader only', () => {
    const created = createNetworkEvent(
      { kind: 'studyDay', date: '2026-06-01', hours: 6, place: 'Hamar' },
      networkLeader,
      NOW,
      'ev-1',
    );
    if (!created.ok) throw new Error('refused');
    const attended = addAttendance(appointed, created.event, networkLeader, nurse, NOW);
    if (!attended.ok) throw new Error('refused');
    expect(attended.record.activities).toEqual([
      expect.objectContaining({ kind: 'studyDay', hours: 6, eventId: 'ev-1' }),
    ]);
    expect(addAttendance(attended.record, created.event, networkLeader, nurse, NOW)).toMatchObject({
      ok: true,
      changed: false,
    });
    expect(addAttendance(appointed, created.event, staff.nurseB, nurse, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden' },
    });
  });

  it('takes attendance only once the event’s day has come, and refuses a place with a national id', () => {
    const created = createNetworkEvent(
      { kind: 'gathering', date: '2026-07-01', hours: 6, place: 'Hamar' },
      networkLeader,
      NOW,
      'ev-2',
    );
    if (!created.ok) throw new Error('refused');
    expect(
      recordEventAttendance(created.event, [nurse.id], networkLeader, NOW, '2026-06-15'),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'date_in_future' },
    });
    expect(
      createNetworkEvent(
        { kind: 'gathering', date: '2026-07-01', hours: 6, place: `Hos ${VALID_FNR}` },
        networkLeader,
        NOW,
        'ev-3',
      ),
    ).toMatchObject({ ok: false, refusal: { code: 'contains_national_id' } });
  });
});
