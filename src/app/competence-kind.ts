import type { Clock } from '../domain/clock';
import { withSchedule } from '../domain/competence/record';
import type { CompetenceConfig } from '../domain/competence/requirements';
import {
  COMPETENCE_KIND,
  type CompetenceItem,
  isCompetenceItemDue,
  openCompetenceItems,
  trackCompetenceItem,
} from '../domain/competence/tracking';
import { hasRole, type StaffMember } from '../domain/roster';
import type { WorkingTime } from '../domain/routine';
import type { Store } from '../store/port';
import type { TrackedKind } from './tracked-kinds';
import { MAX_SAVE_ATTEMPTS } from './update-case';

/** Where an item is listed: the nurse's first zone (the leaders of it are told). */
const nurseOf = (m: StaffMember) => ({ name: m.name, zoneId: m.zoneIds[0] ?? '' });

/**
 * Competence requirements as a kind of the deadline engine: the nurse (and for the first year
 * her zone leaders) is reminded when a requirement is not met by its date, exactly once per
 * level, in working time, in personal chat; the leaders' due lists and daily summary list the
 * open ones. Only records whose nextDueAt has come are read (an indexed query).
 */
export function competenceKind(deps: {
  store: Store;
  clock: Clock;
  config: CompetenceConfig;
  timeZone: string;
  workingTime: WorkingTime;
}): TrackedKind<CompetenceItem> {
  const { store, clock, config, timeZone, workingTime } = deps;

  /** Saves a record's schedule, re-reading on a lost race (the pass or a user changed it). */
  async function saveSchedule(nurseId: string, key: string | null, next: string | null) {
    for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
      const current = await store.competence.getRecord(nurseId);
      if (!current) return;
      const member = await store.roster.get(nurseId);
      const active = member !== undefined && hasRole(member, 'nurse');
      const schedule = key === null ? current.schedule : { ...current.schedule, [key]: next };
      const updated = active
        ? withSchedule({ ...current, schedule }, config, clock.now(), timeZone)
        : // A nurse who stepped down is reminded of nothing.
          { ...current, schedule: {}, nextDueAt: null };
      if (
        updated.nextDueAt === current.nextDueAt &&
        JSON.stringify(updated.schedule) === JSON.stringify(current.schedule)
      ) {
        return;
      }
      if ((await store.competence.saveRecord(updated)).ok) return;
    }
  }

  return {
    kind: COMPETENCE_KIND,
    async dueBefore(at, limit) {
      const records = await store.competence.recordsDueBefore(at, limit);
      if (records.length === 0) return [];
      const roster = new Map((await store.roster.list()).map((m) => [m.id, m]));
      const now = new Date(at);
      const due: CompetenceItem[] = [];
      for (const record of records) {
        const member = roster.get(record.id);
        const items =
          member && hasRole(member, 'nurse')
            ? openCompetenceItems(record, nurseOf(member), config, now, timeZone).filter((i) =>
                isCompetenceItemDue(i, at),
              )
            : [];
        // Woken for a new year, or by a requirement since met: move its wake-up on.
        if (items.length === 0) await saveSchedule(record.id, null, null);
        due.push(...items);
      }
      return due;
    },
    async openInZone(zoneId) {
      const nurses = (await store.roster.list()).filter(
        (m) => hasRole(m, 'nurse') && nurseOf(m).zoneId === zoneId,
      );
      const records = await store.competence.records(nurses.map((n) => n.id));
      const byId = new Map(nurses.map((n) => [n.id, n]));
      const now = clock.now();
      return records.flatMap((r) => {
        const member = byId.get(r.id);
        return member ? openCompetenceItems(r, nurseOf(member), config, now, timeZone) : [];
      });
    },
    track: (item) => trackCompetenceItem(item, config, workingTime),
    // The lists name a nurse and what she lacks: her zone's leaders see it, FVE does not.
    readerMay: (reader) => hasRole(reader, 'leader') || hasRole(reader, 'networkLeader'),
    async reschedule(item, nextDueAt) {
      await saveSchedule(item.record.id, item.deadline.key, nextDueAt);
    },
  };
}
