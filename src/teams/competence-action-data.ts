import { z } from 'zod/v4';

/** Every competence button's verb starts with this. */
export const COMPETENCE_VERB_PREFIX = 'competence.';

export const COMPETENCE_VERBS = {
  register: 'competence.register',
  edit: 'competence.edit',
  change: 'competence.change',
  withdraw: 'competence.withdraw',
  confirm: 'competence.confirm',
  profile: 'competence.profile',
  show: 'competence.show',
  overview: 'competence.overview',
  events: 'competence.events',
  createEvent: 'competence.event.create',
  attend: 'competence.event.attend',
  registerEvent: 'competence.event.register',
  unregisterEvent: 'competence.event.unregister',
} as const;

const id = z.string().min(1).max(200);
/** The record's version the card showed; Teams may hand a number back as text. */
const version = z.preprocess(
  (v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : v),
  z.int().min(0).optional(),
);
const base = z.looseObject({ nurseId: id, v: version });
const withActivity = z.looseObject({
  nurseId: id,
  activityId: z.string().min(1).max(64),
  v: version,
});
const zoneData = z.looseObject({ zoneId: z.string().min(1).max(100) });

export type CompetenceAction =
  | { kind: 'register'; nurseId: string; input: Record<string, unknown>; v?: number }
  | { kind: 'edit'; nurseId: string; activityId: string; v?: number }
  | {
      kind: 'change';
      nurseId: string;
      activityId: string;
      input: Record<string, unknown>;
      v?: number;
    }
  | { kind: 'withdraw'; nurseId: string; activityId: string; v?: number }
  | { kind: 'confirm'; nurseId: string; activityId: string; v?: number }
  | { kind: 'profile'; nurseId: string; input: Record<string, unknown>; v?: number }
  | { kind: 'show'; nurseId: string }
  | { kind: 'overview'; zoneId: string }
  | { kind: 'events' }
  | { kind: 'createEvent'; input: Record<string, unknown> }
  | { kind: 'attend'; eventId: string; picked: string[]; typed: string }
  | { kind: 'registerEvent'; eventId: string; register: boolean; v?: number }
  | { kind: 'invalid' };

const eventData = z.looseObject({ eventId: z.string().min(1).max(50) });
const eventVersion = z.looseObject({ eventId: z.string().min(1).max(50), v: version });

/** The event form's inputs as the domain's input; empty ones count as not given. */
const eventInput = (data: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries({
      kind: text(data.eventKind),
      date: text(data.eventDate),
      hours: numberOf(text(data.eventHours)),
      place: text(data.eventPlace),
    }).filter(([, v]) => v !== undefined),
  );

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
/** A number input as Teams sends it (text), or as given; anything else is left for zod to refuse. */
const numberOf = (v: unknown): unknown => {
  if (typeof v !== 'string' || v.trim() === '') return v;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) ? n : v;
};

/**
 * The activity form's inputs as the domain's input: only the fields the kind has are taken,
 * empty ones count as not given, the rest of the data is ignored, never trusted.
 */
export function activityInput(nurseId: string, data: Record<string, unknown>) {
  const kind = text(data.kind);
  const input: Record<string, unknown> = { kind, nurseId, date: text(data.date) };
  if (kind === 'jobShadowing') input.days = numberOf(text(data.days));
  else input.hours = numberOf(text(data.hours));
  if (kind === 'introductionCourse') input.withLeader = data.withLeader === 'true';
  const note = text(data.text);
  if (note !== undefined) input.text = note;
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/** The profile form: the appointment date and the level, each only when given. */
const profileInput = (data: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries({ appointedAt: text(data.appointedAt), level: text(data.level) }).filter(
      ([, v]) => v !== undefined,
    ),
  );

/** A competence button's verb and data (with the card's inputs merged in) as one action. */
export function parseCompetenceAction(verb: string, data: unknown): CompetenceAction {
  const invalid: CompetenceAction = { kind: 'invalid' };
  switch (verb) {
    case COMPETENCE_VERBS.register:
    case COMPETENCE_VERBS.profile: {
      const parsed = base.safeParse(data);
      if (!parsed.success) return invalid;
      const { nurseId, v } = parsed.data;
      return verb === COMPETENCE_VERBS.register
        ? { kind: 'register', nurseId, input: activityInput(nurseId, parsed.data), v }
        : { kind: 'profile', nurseId, input: profileInput(parsed.data), v };
    }
    case COMPETENCE_VERBS.change: {
      const parsed = withActivity.safeParse(data);
      if (!parsed.success) return invalid;
      const { nurseId, activityId, v } = parsed.data;
      return {
        kind: 'change',
        nurseId,
        activityId,
        input: activityInput(nurseId, parsed.data),
        v,
      };
    }
    case COMPETENCE_VERBS.edit:
    case COMPETENCE_VERBS.withdraw:
    case COMPETENCE_VERBS.confirm: {
      const parsed = withActivity.safeParse(data);
      if (!parsed.success) return invalid;
      const kind =
        verb === COMPETENCE_VERBS.edit ? 'edit' : verb.slice(COMPETENCE_VERB_PREFIX.length);
      return {
        kind: kind as 'edit' | 'withdraw' | 'confirm',
        nurseId: parsed.data.nurseId,
        activityId: parsed.data.activityId,
        v: parsed.data.v,
      };
    }
    case COMPETENCE_VERBS.show: {
      const parsed = base.safeParse(data);
      return parsed.success ? { kind: 'show', nurseId: parsed.data.nurseId } : invalid;
    }
    case COMPETENCE_VERBS.overview: {
      const parsed = zoneData.safeParse(data);
      return parsed.success ? { kind: 'overview', zoneId: parsed.data.zoneId } : invalid;
    }
    case COMPETENCE_VERBS.events:
      return { kind: 'events' };
    case COMPETENCE_VERBS.createEvent:
      return typeof data === 'object' && data !== null
        ? { kind: 'createEvent', input: eventInput(data as Record<string, unknown>) }
        : invalid;
    case COMPETENCE_VERBS.attend: {
      const parsed = eventData.safeParse(data);
      if (!parsed.success) return invalid;
      const { eventId } = parsed.data;
      // The inputs are named after the event (competence-events-card.ts attendanceInputIds).
      const picked = text(parsed.data[`attendees:${eventId}`]) ?? '';
      return {
        kind: 'attend',
        eventId,
        picked: picked.split(',').filter((p) => p.trim() !== ''),
        typed: text(parsed.data[`attendeeList:${eventId}`]) ?? '',
      };
    }
    case COMPETENCE_VERBS.registerEvent:
    case COMPETENCE_VERBS.unregisterEvent: {
      const parsed = eventVersion.safeParse(data);
      if (!parsed.success) return invalid;
      return {
        kind: 'registerEvent',
        eventId: parsed.data.eventId,
        register: verb === COMPETENCE_VERBS.registerEvent,
        v: parsed.data.v,
      };
    }
    default:
      return invalid;
  }
}
