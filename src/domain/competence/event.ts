import { z } from 'zod/v4';
import { describeInputIssues } from '../input-issues';
import { containsNationalId, findNationalIdField, NATIONAL_ID_ISSUE } from '../privacy';
import { type CompetenceActor, mayManageNetworkEvents, mayRegisterForEvents } from './access';
import { type ActivityRefusal, activityHoursSchema } from './activity';

/**
 * An event of the resource nurses' network (handlingsplanen): a local gathering, the common
 * study day, the introduction course or the basic course. The network leader creates it,
 * announces it in the network's channel and records who attended; each attendance becomes an
 * activity in that nurse's record (record.ts addAttendance). Staff data only; the place is free
 * text and passes the national-id guard. Never deleted: cancelled instead.
 */

export const NETWORK_EVENT_KINDS = [
  'gathering',
  'studyDay',
  'introductionCourse',
  'basicCourse',
] as const;
export const networkEventKindSchema = z.enum(NETWORK_EVENT_KINDS);
export type NetworkEventKind = z.infer<typeof networkEventKindSchema>;

export const EVENT_PLACE_MAX = 120;
const placeSchema = z
  .string()
  .trim()
  .min(1)
  .max(EVENT_PLACE_MAX)
  .refine((text) => !containsNationalId(text), {
    message: 'must not contain a national id',
    params: { reason: NATIONAL_ID_ISSUE },
  });

const staffId = z.string().min(1).max(200);

export const networkEventInputSchema = z
  .object({
    kind: networkEventKindSchema,
    date: z.iso.date(),
    hours: activityHoursSchema,
    place: placeSchema,
  })
  .strict();
export type NetworkEventInput = z.infer<typeof networkEventInputSchema>;

export const networkEventSchema = z
  .object({
    ...networkEventInputSchema.shape,
    id: z.string().min(1).max(50),
    status: z.enum(['planned', 'cancelled']),
    createdBy: staffId,
    createdAt: z.iso.datetime(),
    /** Nurses recorded as present, each once, with who recorded it and when. */
    attendees: z.array(z.object({ nurseId: staffId, by: staffId, at: z.iso.datetime() }).strict()),
    /**
     * Nurses who registered themselves, each once. `remindAt`: the reminder's next wake-up for
     * the deadline engine (absent: not yet scheduled, null: nothing left to send). Defaults to
     * none, so events stored before registration existed still read.
     */
    registered: z
      .array(
        z
          .object({
            nurseId: staffId,
            at: z.iso.datetime(),
            remindAt: z.iso.datetime().nullable().optional(),
          })
          .strict(),
      )
      .default([]),
    /** Where it was announced (the network channel's message), once. */
    announcement: z
      .object({ conversationId: z.string().min(1), activityId: z.string().min(1) })
      .strict()
      .nullable(),
    history: z.array(
      z
        .object({
          at: z.iso.datetime(),
          by: staffId,
          action: z.enum([
            'created',
            'announced',
            'attendance',
            'cancelled',
            'registered',
            'unregistered',
          ]),
        })
        .strict(),
    ),
    version: z.int().min(1),
  })
  .strict();
export type NetworkEvent = z.infer<typeof networkEventSchema>;

export type EventResult =
  | { ok: true; event: NetworkEvent; changed: boolean }
  | { ok: false; refusal: ActivityRefusal };

const refuse = (refusal: ActivityRefusal): EventResult => ({ ok: false, refusal });

/** A new event from the network leader's form; refused with nothing kept, as activities are. */
export function createNetworkEvent(
  input: unknown,
  actor: CompetenceActor | undefined,
  now: Date,
  id: string,
): EventResult {
  const idField = findNationalIdField(input);
  if (idField !== undefined) return refuse({ code: 'contains_national_id', field: idField });
  if (!actor || !mayManageNetworkEvents(actor)) return refuse({ code: 'forbidden' });
  const parsed = networkEventInputSchema.safeParse(input);
  if (!parsed.success) {
    return refuse({ code: 'invalid_input', issues: describeInputIssues(parsed.error) });
  }
  const at = now.toISOString();
  return {
    ok: true,
    changed: true,
    event: {
      ...parsed.data,
      id,
      status: 'planned',
      createdBy: actor.id,
      createdAt: at,
      attendees: [],
      registered: [],
      announcement: null,
      history: [{ at, by: actor.id, action: 'created' }],
      version: 1,
    },
  };
}

/**
 * Adds nurses to the event's attendance (those already there are left as they are). Only after
 * the event's day has begun: attendance is recorded once it happened.
 */
export function recordEventAttendance(
  event: NetworkEvent,
  nurseIds: readonly string[],
  actor: CompetenceActor | undefined,
  now: Date,
  today: string,
): EventResult {
  if (!actor || !mayManageNetworkEvents(actor)) return refuse({ code: 'forbidden' });
  if (event.status === 'cancelled') return refuse({ code: 'withdrawn' });
  if (event.date > today) return refuse({ code: 'date_in_future', field: 'date' });
  const known = new Set(event.attendees.map((a) => a.nurseId));
  const at = now.toISOString();
  const added = [...new Set(nurseIds)].filter((id) => !known.has(id));
  if (added.length === 0) return { ok: true, event, changed: false };
  return {
    ok: true,
    changed: true,
    event: {
      ...event,
      attendees: [...event.attendees, ...added.map((nurseId) => ({ nurseId, by: actor.id, at }))],
      history: [...event.history, { at, by: actor.id, action: 'attendance' }],
    },
  };
}

/** Where the announcement went; recorded once, so a retry does not post it twice. */
export function recordAnnouncement(
  event: NetworkEvent,
  where: { conversationId: string; activityId: string },
  actorId: string,
  now: Date,
): NetworkEvent {
  if (event.announcement !== null) return event;
  return {
    ...event,
    announcement: where,
    history: [...event.history, { at: now.toISOString(), by: actorId, action: 'announced' }],
  };
}

export type RegistrationRefusal =
  | { code: 'forbidden' }
  | { code: 'withdrawn' }
  | { code: 'past' }
  | { code: 'stale' };

export type RegistrationResult =
  | { ok: true; event: NetworkEvent; changed: boolean }
  | { ok: false; refusal: RegistrationRefusal };

/**
 * A resource nurse registers herself for (`register: true`) or withdraws from a planned event
 * that has not begun. `version`: the event's version the card showed; a change asked from an
 * older card is refused as stale, so of two presses on one card only the first counts. Asking
 * for what already holds (a double press) changes nothing and is no refusal.
 */
export function setRegistration(
  event: NetworkEvent,
  register: boolean,
  actor: CompetenceActor | undefined,
  now: Date,
  today: string,
  version: number | undefined,
): RegistrationResult {
  if (!actor || !mayRegisterForEvents(actor)) return { ok: false, refusal: { code: 'forbidden' } };
  if (event.status === 'cancelled') return { ok: false, refusal: { code: 'withdrawn' } };
  if (event.date <= today) return { ok: false, refusal: { code: 'past' } };
  const isRegistered = event.registered.some((r) => r.nurseId === actor.id);
  if (isRegistered === register) return { ok: true, event, changed: false };
  if (version !== undefined && version !== event.version) {
    return { ok: false, refusal: { code: 'stale' } };
  }
  const at = now.toISOString();
  return {
    ok: true,
    changed: true,
    event: {
      ...event,
      registered: register
        ? [...event.registered, { nurseId: actor.id, at }]
        : event.registered.filter((r) => r.nurseId !== actor.id),
      history: [
        ...event.history,
        { at, by: actor.id, action: register ? 'registered' : 'unregistered' },
      ],
    },
  };
}

/** Stores one registration's reminder wake-up; the same event when it is gone or unchanged. */
export function withRegistrationReminder(
  event: NetworkEvent,
  nurseId: string,
  remindAt: string | null,
): NetworkEvent {
  const found = event.registered.find((r) => r.nurseId === nurseId);
  if (!found || found.remindAt === remindAt) return event;
  return {
    ...event,
    registered: event.registered.map((r) => (r.nurseId === nurseId ? { ...r, remindAt } : r)),
  };
}
