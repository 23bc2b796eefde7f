import { DateTime } from 'luxon';
import type { CurrentDeadline } from '../case';
import type { EscalationLevel, WorkingTime } from '../routine';
import type { TrackedItem } from '../tracked-item';
import { workingCalendar } from '../working-calendar';
import type { NetworkEvent } from './event';
import { DEFAULT_EVENT_REMINDER, type EventReminderConfig } from './requirements';

/** The deadline engine's name for reminders to nurses registered for a network event. */
export const EVENT_REMINDER_KIND = 'competence-event';
export const EVENT_REMINDER_MESSAGE_KEY = 'competence.reminders.event';

/** One registered nurse of one planned event: what the engine reminds about. */
export interface EventRegistrationItem {
  event: NetworkEvent;
  nurseId: string;
  zoneId: string;
  /** The stored wake-up: undefined not yet scheduled, null already sent. */
  remindAt: string | null | undefined;
}

/** Registrations whose reminder is due at `at` (or not yet scheduled) of events not yet held. */
export function dueRegistrations(
  events: readonly NetworkEvent[],
  at: string,
  today: string,
): { event: NetworkEvent; nurseId: string; remindAt: string | null | undefined }[] {
  return events
    .filter((e) => e.status === 'planned' && e.date >= today)
    .flatMap((event) =>
      event.registered
        .filter((r) => r.remindAt === undefined || (r.remindAt !== null && r.remindAt <= at))
        .map((r) => ({ event, nurseId: r.nurseId, remindAt: r.remindAt })),
    );
}

/** Minutes of one working day ("08:00"–"15:30": 450), so a level can count whole days. */
function workingDayMinutes(workingTime: WorkingTime): number {
  const minutes = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return h * 60 + m;
  };
  return minutes(workingTime.end) - minutes(workingTime.start);
}

/** The event's start of working time (on a closed day, the next one): the item's deadline. */
export function eventDeadline(event: NetworkEvent, workingTime: WorkingTime): string {
  const midnight = DateTime.fromISO(event.date, { zone: workingTime.timeZone }).toJSDate();
  return workingCalendar(workingTime).nextWorkingInstant(midnight).toISOString();
}

/**
 * The registration as the engine tracks it: the nurse owns it and is the only recipient; one
 * level `daysBefore` working days before the event's start of working time, so it lands at
 * the start of a working day. The code is the place, which is what a nurse recognises.
 */
export function trackEventRegistration(
  item: EventRegistrationItem,
  reminder: EventReminderConfig | undefined,
  workingTime: WorkingTime,
): TrackedItem {
  const { daysBefore } = reminder ?? DEFAULT_EVENT_REMINDER;
  const dueAt = eventDeadline(item.event, workingTime);
  const level: EscalationLevel = {
    id: 'reminder',
    offsetMinutes: -daysBefore * workingDayMinutes(workingTime),
    offsetUnit: 'working',
    deliver: 'workingTime',
    notify: 'responsible',
    messageKey: EVENT_REMINDER_MESSAGE_KEY,
  };
  return {
    kind: EVENT_REMINDER_KIND,
    id: `${EVENT_REMINDER_KIND}:${item.event.id}:${item.nurseId}`,
    code: item.event.place,
    zoneId: item.zoneId,
    open: true,
    // The engine reads the key as a name inside its exactly-once keys only.
    deadline: { key: 'eventReminder' as CurrentDeadline['key'], dueAt },
    stepKey: `competence.kinds.${item.event.kind}`,
    ownerId: item.nurseId,
    opens: { owner: 'nettverk', others: 'nettverk' },
    policy: { escalation: [level], workingTime },
    nextDueAt: item.remindAt === undefined ? dueAt : item.remindAt,
    thread: null,
    version: item.event.version,
  };
}
