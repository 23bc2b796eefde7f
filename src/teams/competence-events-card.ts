import type { CompetenceEventsReply } from '../app/competence-reply';
import { NETWORK_EVENT_KINDS } from '../domain/competence/event';
import { formatDate } from '../i18n/format';
import type { CompetenceEventsCardData } from './card-data';
import { renderCard } from './card-renderer';
import { COMPETENCE_VERBS } from './competence-action-data';
import type { CompetenceCardContext } from './competence-card';
import { replyText } from './reply-text';

/** Teams' directory search for the people picker. */
const PEOPLE_DIRECTORY = 'graph.microsoft.com/users';

/** The ids of one event's attendance inputs: every event's inputs are on the one card. */
export const attendanceInputIds = (eventId: string) => ({
  pickerId: `attendees:${eventId}`,
  listId: `attendeeList:${eventId}`,
});

/** The registration line and button of one event, for the nurse reading the card. */
function registrationPart(
  e: CompetenceEventsReply['events'][number],
  reply: CompetenceEventsReply,
  t: CompetenceCardContext['t'],
) {
  const mine = e.registered.some((r) => r.nurseId === reply.registrant);
  const count = e.registered.length;
  const lines = [
    ...(count > 0 ? [t('competence.events.registeredCount', { count })] : []),
    ...(mine ? [t('competence.events.youAreRegistered')] : []),
  ];
  return {
    registration: lines.join(' · '),
    showRegister: reply.registrant !== undefined && e.status === 'planned' && e.date > reply.today,
    register: {
      title: mine ? t('competence.actions.unregisterEvent') : t('competence.actions.registerEvent'),
      verb: mine ? COMPETENCE_VERBS.unregisterEvent : COMPETENCE_VERBS.registerEvent,
      data: { eventId: e.id, v: e.version },
    },
  };
}

export function competenceEventsCardData(
  reply: CompetenceEventsReply,
  ctx: CompetenceCardContext,
): CompetenceEventsCardData {
  const { t, locale } = ctx;
  const note = reply.note;
  return {
    title: t('competence.events.title'),
    intro: reply.channelLinked ? t('competence.events.introLinked') : t('competence.events.intro'),
    message: note ? replyText(note, ctx, ctx.timeZone) : '',
    messageColor: note?.tone === 'good' ? 'Good' : 'Attention',
    events: reply.events.map((e) => ({
      heading: t('competence.events.heading', {
        kind: t(`competence.kinds.${e.kind}`),
        date: formatDate(e.date, locale),
      }),
      detail: t('competence.events.detail', {
        place: e.place,
        hours: t('competence.card.hours', { count: e.hours }),
      }),
      attendance:
        reply.manage && e.attendees.length > 0
          ? t('competence.events.attendees', {
              count: e.attendees.length,
              names: e.attendees.map((a) => reply.names.get(a.nurseId) ?? a.nurseId).join(', '),
            })
          : '',
      showAttend: reply.manage && e.status === 'planned' && e.date <= reply.today,
      ...registrationPart(e, reply, t),
      ...attendanceInputIds(e.id),
      attend: {
        title: t('competence.actions.attend'),
        verb: COMPETENCE_VERBS.attend,
        data: { eventId: e.id },
      },
    })),
    peopleDataset: PEOPLE_DIRECTORY,
    labels: {
      picker: t('competence.events.labels.picker'),
      list: t('competence.events.labels.list'),
      listPlaceholder: t('competence.events.labels.listPlaceholder'),
    },
    showForm: reply.manage,
    form: {
      title: t('competence.events.formTitle'),
      kinds: NETWORK_EVENT_KINDS.map((k) => ({ title: t(`competence.kinds.${k}`), value: k })),
      today: reply.today,
      labels: {
        kind: t('competence.card.labels.kind'),
        date: t('competence.card.labels.date'),
        hours: t('competence.card.labels.hours'),
        place: t('competence.events.labels.place'),
      },
      submit: {
        title: t('competence.actions.createEvent'),
        verb: COMPETENCE_VERBS.createEvent,
        data: {},
      },
    },
    actions: [{ title: t('competence.actions.refresh'), verb: COMPETENCE_VERBS.events, data: {} }],
  };
}

export const competenceEventsCard = (reply: CompetenceEventsReply, ctx: CompetenceCardContext) =>
  renderCard('competence-events', competenceEventsCardData(reply, ctx));
