import { DateTime } from 'luxon';
import { POINT_NUMBERS, type PointNumber } from '../domain/pathway/config';
import {
  PATHWAY_TOPICS,
  type Pathway,
  type PathwayCommand,
  type PathwayPoint,
  pathwayCloseReasonSchema,
  pathwayPointCode,
  pointIsOpen,
} from '../domain/pathway/pathway';
import type { Locale } from '../domain/roster';
import type { Translate } from '../i18n/i18n';
import type { ContainerStyle, Fact } from './card-data';
import { renderCard } from './card-renderer';
import type { CardVariant } from './case-card';

export interface PathwayCardContext {
  t: Translate;
  locale: Locale;
  zoneName: string;
  /** Staff id → display name, for "taken by" and the history. */
  names: ReadonlyMap<string, string>;
  /** Channel cards carry only buttons and the minimum; personal cards the rest. */
  variant: CardVariant;
  now: Date;
  message?: { text: string; kind: 'good' | 'attention' };
  showHistory?: boolean;
  /** Teams user MRIs whose client refreshes the card automatically (Teams caps this at 60). */
  refreshUserIds?: string[];
}

export const PATHWAY_VERB_PREFIX = 'pathway.';
export const PATHWAY_REFRESH_VERB = 'pathway.refresh';
const MAX_REFRESH_USERS = 60;
/** The newest history entries on a personal card; the card must stay within Teams' 28 KB. */
export const MAX_HISTORY_SHOWN = 25;

const LUXON_LOCALE: Record<Locale, string> = { nb: 'nb', en: 'en-GB' };

/** "5. april 2026" / "5 April 2026": the day an instant falls on in the zone. */
function day(iso: string, locale: Locale, timeZone: string): string {
  const d = DateTime.fromISO(iso, { zone: timeZone }).setLocale(LUXON_LOCALE[locale]);
  return d.toFormat(locale === 'nb' ? 'd. LLLL yyyy' : 'd LLLL yyyy');
}

/** "tirsdag 5. mai 2026 kl. 15:30" / "Tuesday 5 May 2026 15:30". */
function dayAndTime(iso: string, locale: Locale, timeZone: string): string {
  const d = DateTime.fromISO(iso, { zone: timeZone }).setLocale(LUXON_LOCALE[locale]);
  return d.toFormat(locale === 'nb' ? "cccc d. LLLL yyyy 'kl.' HH:mm" : 'cccc d LLLL yyyy HH:mm');
}

/** A calendar date (YYYY-MM-DD) as people read it. */
const date = (isoDate: string, locale: Locale) =>
  DateTime.fromISO(isoDate)
    .setLocale(LUXON_LOCALE[locale])
    .toFormat(locale === 'nb' ? 'd. LLLL yyyy' : 'd LLLL yyyy');

interface ActionSpec {
  key: string;
  title?: string;
  command: PathwayCommand;
  personalOnly?: boolean;
}

const CHECKLIST = ['distressThermometerOffered', 'documentedInRecord', 'copySentToGp'] as const;

/** The buttons a point offers in its state; the domain still decides who may press them. */
function pointActions(pt: PathwayPoint, t: Translate): ActionSpec[] {
  const point = pt.point;
  const on = (
    type:
      | 'claimPoint'
      | 'releasePoint'
      | 'recordInvitation'
      | 'recordGpAsked'
      | 'recordGpConfirmed',
  ) => ({
    key: type,
    command: { type, point } as PathwayCommand,
  });
  const held: ActionSpec = {
    key: 'recordHeld',
    // The inputs fill in the date and who took part.
    command: { type: 'recordHeld', point, date: '', nextOfKinPresent: false },
    personalOnly: true,
  };
  const declinedChannel: ActionSpec = {
    key: 'recordDeclined',
    command: { type: 'recordDeclined', point },
  };
  const declinedPersonal: ActionSpec = { ...declinedChannel, personalOnly: true };
  if (pt.performer === 'gp') {
    if (pt.state === 'pending') return [on('recordGpAsked')];
    if (pt.state === 'gpAsked') return [on('recordGpConfirmed')];
    return [];
  }
  switch (pt.state) {
    case 'pending':
      return [on('claimPoint')];
    case 'claimed':
      return [on('recordInvitation'), held, declinedChannel, on('releasePoint')];
    case 'invited':
      return [held, declinedChannel, on('releasePoint')];
    case 'declined':
      return pt.askAgainOn === null
        ? []
        : [on('recordInvitation'), held, declinedPersonal, on('releasePoint')];
    case 'held':
      return [
        ...CHECKLIST.map((field) => ({
          key: field,
          title: pt[field]
            ? t('pathways.actions.undo', { what: t(`pathways.actions.${field}`) })
            : undefined,
          command: { type: 'setChecklist', point, [field]: !pt[field] } as PathwayCommand,
        })),
        {
          key: 'setTopic',
          command: { type: 'setTopic', point, topic: 'familyAndNetwork', status: null },
          personalOnly: true,
        },
        { ...held, key: 'recordHeld' },
      ];
    default:
      return [];
  }
}

/**
 * What a button carries besides its verb: the pathway id, the card's version (a replay of an
 * old card changes nothing), the point, and the command's fixed fields; what the user fills in
 * (a date, a topic, a reason) comes from the inputs Teams merges in.
 */
function buttonData(p: Pathway, command: PathwayCommand): Record<string, unknown> {
  const { type, ...fields } = command;
  const userFilled = new Set(
    type === 'recordHeld'
      ? ['date', 'nextOfKinPresent']
      : type === 'setTopic'
        ? ['topic', 'status']
        : type === 'close'
          ? ['reason', 'note']
          : type === 'recordDeclined'
            ? ['askAgainOn']
            : [],
  );
  const fixed = Object.fromEntries(Object.entries(fields).filter(([k]) => !userFilled.has(k)));
  return { pathwayId: p.id, v: p.version, ...fixed };
}

const yes = (t: Translate, v: boolean | null) =>
  v === null ? '–' : v ? t('pathways.card.yes') : t('pathways.card.no');

/** The point's state as shown: the pathway's when it is closed. */
const statusOf = (p: Pathway, pt: PathwayPoint, t: Translate) =>
  p.state === 'closed' ? t('pathways.states.closed') : t(`pathways.pointStates.${pt.state}`);

function windowText(p: Pathway, pt: PathwayPoint, ctx: PathwayCardContext): string {
  const { t, locale } = ctx;
  const tz = p.policy.workingTime.timeZone;
  const text = t('pathways.card.windowValue', {
    opens: day(pt.opensAt, locale, tz),
    closes: dayAndTime(pt.closesAt, locale, tz),
  });
  const closed =
    p.state === 'open' && pointIsOpen(pt) && Date.parse(pt.closesAt) <= ctx.now.getTime();
  return closed ? `${t('pathways.card.windowClosed')}: ${text}` : text;
}

function pointFacts(p: Pathway, pt: PathwayPoint, ctx: PathwayCardContext): Fact[] {
  const { t, locale } = ctx;
  const tz = p.policy.workingTime.timeZone;
  const personal = ctx.variant === 'personal';
  const list: Fact[] = [
    { title: t('pathways.card.zone'), value: ctx.zoneName },
    { title: t('pathways.card.window'), value: windowText(p, pt, ctx) },
    { title: t('pathways.card.performer'), value: t(`pathways.performers.${pt.performer}`) },
  ];
  if (pt.performer === 'gp') {
    list.push({
      title: t('pathways.card.gp'),
      value: t('pathways.card.gpValue', {
        asked: yes(t, pt.gpAsked),
        confirmed: yes(t, pt.gpConfirmed),
      }),
    });
  } else {
    list.push({
      title: t('pathways.card.claimedBy'),
      value: pt.claimedBy
        ? (ctx.names.get(pt.claimedBy) ?? pt.claimedBy)
        : t('pathways.card.nobody'),
    });
  }
  if (pt.invitationSentAt) {
    list.push({
      title: t('pathways.card.invitation'),
      value: t('pathways.card.sent', { at: day(pt.invitationSentAt, locale, tz) }),
    });
  }
  if (pt.state === 'declined' && pt.declinedAt) {
    const at = day(pt.declinedAt, locale, tz);
    list.push({
      title: t('pathways.card.declined'),
      value: pt.askAgainOn
        ? t('pathways.card.declinedAskAgain', { at, date: date(pt.askAgainOn, locale) })
        : t('pathways.card.declinedValue', { at }),
    });
  }
  if (pt.heldOn) {
    list.push({
      title: t('pathways.card.held'),
      value: t('pathways.card.heldValue', {
        date: date(pt.heldOn, locale),
        nextOfKin: yes(t, pt.nextOfKinPresent),
      }),
    });
    const statuses = PATHWAY_TOPICS.map((topic) => pt.topics[topic]);
    list.push({
      title: t('pathways.card.topics'),
      value: t('pathways.card.topicsValue', {
        discussed: String(statuses.filter((s) => s !== null).length),
        followUp: String(statuses.filter((s) => s === 'followUpNeeded').length),
      }),
    });
    // Which topics, only where the record reference may be shown too: never in the channel.
    if (personal) {
      for (const topic of PATHWAY_TOPICS) {
        const status = pt.topics[topic];
        if (status) {
          list.push({
            title: t(`pathways.topics.${topic}`),
            value: t(`pathways.topicStatus.${status}`),
          });
        }
      }
    }
    list.push({
      title: t('pathways.card.checklist'),
      value: t('pathways.card.checklistValue', {
        thermometer: yes(t, pt.distressThermometerOffered),
        documented: yes(t, pt.documentedInRecord),
        copy: yes(t, pt.copySentToGp),
      }),
    });
  }
  return list;
}

function pathwayFacts(p: Pathway, ctx: PathwayCardContext): Fact[] {
  const { t } = ctx;
  const list: Fact[] = [{ title: t('pathways.card.zone'), value: ctx.zoneName }];
  for (const pt of p.points) {
    list.push({
      title: t('pathways.card.point', { point: String(pt.point) }),
      value: t('pathways.card.pointValue', {
        window: windowText(p, pt, ctx),
        performer: t(`pathways.performers.${pt.performer}`),
        state: statusOf(p, pt, t),
      }),
    });
  }
  return list;
}

/** What only the personal card shows: the record reference and what identifies the patient. */
function personalFacts(p: Pathway, ctx: PathwayCardContext): Fact[] {
  const { t, locale } = ctx;
  return [
    { title: t('pathways.card.patientRef'), value: p.patientRef },
    { title: t('pathways.card.diagnosisDate'), value: date(p.diagnosisDate, locale) },
    { title: t('pathways.card.services'), value: yes(t, p.hasServices) },
    ...(p.caseCode ? [{ title: t('pathways.card.caseCode'), value: p.caseCode }] : []),
  ];
}

function headerStyle(p: Pathway, pt: PathwayPoint | null): ContainerStyle {
  if (p.state === 'closed') return 'default';
  if (!pt) return 'emphasis';
  if (pt.state === 'pending') return 'attention';
  return pointIsOpen(pt) ? 'emphasis' : 'good';
}

/**
 * A pathway's card (cards/pathway.json): one point's card, which is what the zone channel gets
 * ("Pakkeforløp hjem: samtale 2"), or with `point` null the pathway as a whole. The channel
 * variant shows the minimum: code, zone, window, performer, who has it and what was done,
 * never the record reference, the diagnosis date or which topics were raised. The personal
 * variant adds those, the inputs and the history.
 */
export function pathwayCard(
  p: Pathway,
  point: PointNumber | null,
  ctx: PathwayCardContext,
): Record<string, unknown> {
  const { t, locale } = ctx;
  const personal = ctx.variant === 'personal';
  const pt = point === null ? null : (p.points.find((x) => x.point === point) ?? null);
  const tz = p.policy.workingTime.timeZone;
  const open = p.state === 'open';

  const specs: ActionSpec[] = pt
    ? open
      ? pointActions(pt, t)
      : []
    : open
      ? [{ key: 'close', command: { type: 'close', reason: 'other' }, personalOnly: true }]
      : [];
  const actions = [
    ...(pt
      ? []
      : POINT_NUMBERS.map((n) => ({
          title: t('pathways.actions.open', { point: String(n) }),
          verb: PATHWAY_REFRESH_VERB,
          data: { pathwayId: p.id, point: n },
        }))),
    ...specs
      .filter((a) => personal || !a.personalOnly)
      .map((a) => ({
        title: a.title ?? t(`pathways.actions.${a.key}`),
        verb: `${PATHWAY_VERB_PREFIX}${a.command.type}`,
        data: buttonData(p, a.command),
      })),
  ];
  const types = new Set(
    specs.filter((a) => personal || !a.personalOnly).map((a) => a.command.type),
  );
  const code = pt ? pathwayPointCode(p.code, pt.point) : p.code;
  const history = ctx.showHistory
    ? p.history.slice(-MAX_HISTORY_SHOWN).map((h) => ({
        at: dayAndTime(h.at, locale, tz),
        text: `${t(`pathways.history.${h.action}`)}${h.point ? ` (${h.point})` : ''} · ${ctx.names.get(h.actorId) ?? h.actorId}`,
      }))
    : [];
  const left = ctx.showHistory ? p.history.length - history.length : 0;
  if (left > 0) history.unshift({ at: '…', text: t('pathways.card.historyMore', { count: left }) });

  const facts = [
    ...(pt ? pointFacts(p, pt, ctx) : pathwayFacts(p, ctx)),
    ...(p.closedReason
      ? [
          {
            title: t('pathways.card.closedReason'),
            value: t(`pathways.closeReasons.${p.closedReason}`),
          },
        ]
      : []),
    ...(personal ? personalFacts(p, ctx) : []),
  ];
  const card = renderCard('pathway', {
    title: pt
      ? t('pathways.card.title', { point: String(pt.point), code: p.code })
      : t('pathways.card.overviewTitle', { code: p.code }),
    statusLine: `${t('pathways.card.status')}: ${pt ? statusOf(p, pt, t) : t(`pathways.states.${p.state}`)}`,
    headerStyle: headerStyle(p, pt),
    message: ctx.message?.text ?? '',
    messageColor: ctx.message?.kind === 'good' ? 'Good' : 'Attention',
    facts,
    inputs: {
      held: personal && types.has('recordHeld'),
      declined: personal && types.has('recordDeclined'),
      topic: personal && types.has('setTopic'),
      close: personal && types.has('close'),
    },
    labels: {
      heldOn: t('pathways.inputs.heldOn'),
      nextOfKinPresent: t('pathways.inputs.nextOfKinPresent'),
      askAgainOn: t('pathways.inputs.askAgainOn'),
      topic: t('pathways.inputs.topic'),
      topicStatus: t('pathways.inputs.topicStatus'),
      reason: t('pathways.inputs.reason'),
      note: t('pathways.inputs.note'),
      history: t('pathways.card.history'),
    },
    today: DateTime.fromJSDate(ctx.now, { zone: tz }).toISODate() ?? '',
    topics: PATHWAY_TOPICS.map((topic) => ({ title: t(`pathways.topics.${topic}`), value: topic })),
    topicStatuses: (['discussed', 'followUpNeeded', 'none'] as const).map((s) => ({
      title: t(`pathways.topicStatus.${s}`),
      value: s,
    })),
    reasons: pathwayCloseReasonSchema.options.map((r) => ({
      title: t(`pathways.closeReasons.${r}`),
      value: r,
    })),
    hint: personal || !open || !pt ? '' : t('pathways.card.channelHint', { code }),
    history,
    actions,
  });
  const userIds = (ctx.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS);
  if (userIds.length === 0 || !pt) return card;
  // Universal Actions: a stale copy of the card asks the bot for the current one when viewed.
  return {
    ...card,
    refresh: {
      action: {
        type: 'Action.Execute',
        verb: PATHWAY_REFRESH_VERB,
        data: { pathwayId: p.id, point: pt.point },
      },
      userIds,
    },
  };
}
