import { randomUUID } from 'node:crypto';
import {
  mayLinkNetworkChannel,
  mayManageNetworkEvents,
  mayRegisterForEvents,
} from '../domain/competence/access';
import { resolveAttendees } from '../domain/competence/attendance';
import {
  createNetworkEvent,
  type NetworkEvent,
  recordAnnouncement,
  recordEventAttendance,
  setRegistration,
} from '../domain/competence/event';
import { addDays, localDay } from '../domain/competence/plan';
import { addAttendance } from '../domain/competence/record';
import type { StaffMember } from '../domain/roster';
import type { ChannelLink } from '../domain/zone';
import type { CompetenceDeps } from './competence-plan';
import { nurseSubject, updateRecord } from './competence-records';
import { registrationNote } from './competence-registration-note';
import {
  type CompetenceEventsReply,
  type CompetenceReply,
  competenceRefusal,
} from './competence-reply';
import { type MessageReply, message } from './reply';
import { MAX_SAVE_ATTEMPTS } from './update-case';
import { type ChannelAddress, channelLinkFrom } from './zone-linking';

/** Where an event is announced: the network's channel. The Teams adapter implements it. */
export interface NetworkAnnouncer {
  announce(
    channel: ChannelLink,
    event: NetworkEvent,
  ): Promise<{ conversationId: string; activityId: string }>;
}

/** Events this many days back are still listed, for attendance recorded afterwards. */
export const EVENTS_LOOKBACK_DAYS = 90;

/**
 * The network leader's part of the competence plan: the network's events, their announcement
 * in the network channel (`koble nettverk`), and attendance for many nurses at once, which
 * fills each nurse's record.
 */
export function createCompetenceEvents(
  deps: CompetenceDeps & {
    announcer: NetworkAnnouncer;
    logger?: { warn(o: object, m: string): void };
  },
) {
  const { store, clock, config, timeZone, announcer } = deps;

  /** Applies a change to an event, re-reading on a lost race; undefined when it is gone. */
  async function updateEvent(
    id: string,
    change: (e: NetworkEvent) => NetworkEvent | undefined,
  ): Promise<NetworkEvent | undefined> {
    for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
      const current = await store.competence.getEvent(id);
      if (!current) return undefined;
      const next = change(current);
      if (!next) return current;
      const saved = await store.competence.saveEvent(next);
      if (saved.ok) return saved.value;
    }
    return undefined;
  }

  async function list(
    actor: StaffMember | undefined,
    note?: CompetenceEventsReply['note'],
  ): Promise<CompetenceEventsReply | MessageReply> {
    if (!actor) return message('me.unknown');
    const today = localDay(clock.now(), timeZone);
    const events = await store.competence.events(addDays(today, -EVENTS_LOOKBACK_DAYS));
    const manage = mayManageNetworkEvents(actor);
    const roster = manage ? await store.roster.list() : [];
    return {
      kind: 'competenceEvents',
      events,
      manage,
      today,
      channelLinked: (await store.competence.networkChannel()) !== undefined,
      names: new Map(roster.map((m) => [m.id, m.name])),
      ...(mayRegisterForEvents(actor) && { registrant: actor.id }),
      ...(note && { note }),
    };
  }

  async function announce(event: NetworkEvent, actor: StaffMember): Promise<boolean> {
    const channel = await store.competence.networkChannel();
    if (!channel) return false;
    try {
      const where = await announcer.announce(channel, event);
      await updateEvent(event.id, (e) => {
        const next = recordAnnouncement(e, where, actor.id, clock.now());
        return next === e ? undefined : next;
      });
      return true;
    } catch (err) {
      deps.logger?.warn({ err, event: event.id }, 'network event not announced');
      return false;
    }
  }

  return {
    list,
    /** A new event from the form; announced in the network channel when one is linked. */
    async create(actor: StaffMember | undefined, input: unknown): Promise<CompetenceReply> {
      const result = createNetworkEvent(input, actor, clock.now(), randomUUID());
      if (!result.ok)
        return list(actor, { ...competenceRefusal(result.refusal), tone: 'attention' });
      const created = await store.competence.createEvent(result.event);
      if (!created.ok || !actor)
        return list(actor, { ...message('competence.errors.conflict'), tone: 'attention' });
      const announced = await announce(created.value, actor);
      return list(actor, {
        ...message(announced ? 'competence.events.createdAnnounced' : 'competence.events.created'),
        tone: 'good',
      });
    },
    /**
     * Attendance for many nurses at once, picked or typed (names or e-mails from the roster):
     * the event records them, and each nurse's record gets the event as an activity. Pressing
     * again adds nobody twice.
     */
    async attend(
      actor: StaffMember | undefined,
      eventId: string,
      picked: readonly string[],
      typed: string,
    ): Promise<CompetenceReply> {
      if (!actor) return message('me.unknown');
      const event = await store.competence.getEvent(eventId);
      if (!event)
        return list(actor, { ...message('competence.events.unknown'), tone: 'attention' });
      const { nurseIds, unknown } = resolveAttendees(await store.roster.list(), picked, typed);
      const now = clock.now();
      const today = localDay(now, timeZone);
      const check = recordEventAttendance(event, nurseIds, actor, now, today);
      if (!check.ok) return list(actor, { ...competenceRefusal(check.refusal), tone: 'attention' });
      const saved = await updateEvent(eventId, (e) => {
        const r = recordEventAttendance(e, nurseIds, actor, now, today);
        return r.ok && r.changed ? r.event : undefined;
      });
      if (!saved)
        return list(actor, { ...message('competence.errors.conflict'), tone: 'attention' });
      let filled = 0;
      for (const nurseId of nurseIds) {
        const nurse = await nurseSubject(store, nurseId);
        if (!nurse) continue;
        const result = await updateRecord({ store, config, timeZone, now }, nurseId, (record) =>
          addAttendance(record, saved, actor, nurse, now),
        );
        if (result.ok) filled += 1;
      }
      return list(actor, {
        ...message('competence.events.attended', {
          count: String(filled),
          unknown: String(unknown),
        }),
        tone: unknown > 0 ? 'attention' : 'good',
      });
    },
    /**
     * A nurse registers herself for an event, or withdraws (`register: false`), from the card
     * showing version `v`. The conditional save lets exactly one of concurrent presses win: the
     * loser re-reads and finds it done already (nothing written) or, pressed from the same old
     * card for the opposite, the version moved on (stale, nothing written).
     */
    async register(
      actor: StaffMember | undefined,
      eventId: string,
      register: boolean,
      v: number | undefined,
    ): Promise<CompetenceReply> {
      if (!actor) return message('me.unknown');
      const now = clock.now();
      const today = localDay(now, timeZone);
      for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
        const current = await store.competence.getEvent(eventId);
        if (!current)
          return list(actor, { ...message('competence.events.unknown'), tone: 'attention' });
        const result = setRegistration(current, register, actor, now, today, v);
        if (!result.ok || !result.changed) return list(actor, registrationNote(result, register));
        const saved = await store.competence.saveEvent(result.event);
        if (saved.ok) return list(actor, registrationNote(result, register));
      }
      return list(actor, { ...message('competence.errors.conflict'), tone: 'attention' });
    },
    /** `koble nettverk` in a channel: the network's events are announced there from now on. */
    async link(actor: StaffMember | undefined, address: ChannelAddress): Promise<MessageReply> {
      if (!actor) return message('me.unknown');
      if (!mayLinkNetworkChannel(actor)) return message('competence.errors.forbidden');
      await store.competence.setNetworkChannel(channelLinkFrom(address, actor, clock.now()));
      return message('competence.events.linked');
    },
  };
}

export type CompetenceEvents = ReturnType<typeof createCompetenceEvents>;
