import { withRegistrationReminder } from '../domain/competence/event';
import {
  dueRegistrations,
  EVENT_REMINDER_KIND,
  type EventRegistrationItem,
  trackEventRegistration,
} from '../domain/competence/event-tracking';
import { localDay } from '../domain/competence/plan';
import type { CompetenceConfig } from '../domain/competence/requirements';
import { hasRole } from '../domain/roster';
import type { WorkingTime } from '../domain/routine';
import type { Store } from '../store/port';
import type { TrackedKind } from './tracked-kinds';
import { MAX_SAVE_ATTEMPTS } from './update-case';

/** How many upcoming events one pass reads at most; the network holds a handful a year. */
const EVENTS_READ_LIMIT = 500;

/**
 * Registrations for network events as a kind of the deadline engine: the registered nurse is
 * reminded in her personal chat a few working days before the event, in working time, exactly
 * once (the engine's markers). Nothing is overdue here, so the zone lists get nothing.
 */
export function competenceEventKind(deps: {
  store: Store;
  config: CompetenceConfig;
  timeZone: string;
  workingTime: WorkingTime;
}): TrackedKind<EventRegistrationItem> {
  const { store, config, timeZone, workingTime } = deps;

  /** Saves one registration's wake-up, re-reading on a lost race (she may have withdrawn). */
  async function saveWakeUp(eventId: string, nurseId: string, remindAt: string | null) {
    for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
      const current = await store.competence.getEvent(eventId);
      if (!current) return;
      const next = withRegistrationReminder(current, nurseId, remindAt);
      if (next === current) return;
      if ((await store.competence.saveEvent(next)).ok) return;
    }
  }

  return {
    kind: EVENT_REMINDER_KIND,
    async dueBefore(at, limit) {
      const today = localDay(new Date(at), timeZone);
      const due = dueRegistrations(
        await store.competence.events(today, EVENTS_READ_LIMIT),
        at,
        today,
      );
      if (due.length === 0) return [];
      const roster = new Map((await store.roster.list()).map((m) => [m.id, m]));
      const items: EventRegistrationItem[] = [];
      for (const d of due) {
        const member = roster.get(d.nurseId);
        if (!member || !hasRole(member, 'nurse')) {
          // A nurse who stepped down is reminded of nothing.
          await saveWakeUp(d.event.id, d.nurseId, null);
          continue;
        }
        items.push({ ...d, zoneId: member.zoneIds[0] ?? '' });
      }
      return items.slice(0, limit);
    },
    // A reminder of a coming event is nothing a leader's overdue list should show.
    openInZone: async () => [],
    track: (item) => trackEventRegistration(item, config.eventReminder, workingTime),
    readerMay: (reader) => hasRole(reader, 'leader') || hasRole(reader, 'networkLeader'),
    async reschedule(item, nextDueAt) {
      await saveWakeUp(item.event.id, item.nurseId, nextDueAt);
    },
  };
}
