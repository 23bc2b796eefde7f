import type { Case, CaseState } from '../domain/case';
import type { CaseCommand, CaseCommandType } from '../domain/case-commands';
import type { Locale } from '../domain/roster';
import { formatDate, formatDateTime } from '../i18n/format';
import type { Translate } from '../i18n/i18n';
import { renderCard } from './card-renderer';

export type CardVariant = 'channel' | 'personal';

export interface CaseCardContext {
  t: Translate;
  locale: Locale;
  zoneName: string;
  /** Staff id → display name, for "claimed by" and the history. */
  names: ReadonlyMap<string, string>;
  /** Channel cards carry only buttons (inputs may not arrive there); personal cards also inputs. */
  variant: CardVariant;
  now: Date;
  message?: { text: string; kind: 'good' | 'attention' };
  /** Personal variant: the zone's nurses, for reassigning. */
  zoneNurses?: { id: string; name: string }[];
  showHistory?: boolean;
  /** Teams user MRIs whose client refreshes the card automatically (Teams caps this at 60). */
  refreshUserIds?: string[];
}

export const CASE_VERB_PREFIX = 'case.';
export const REFRESH_VERB = 'case.refresh';
const MAX_REFRESH_USERS = 60;

interface ActionSpec {
  key: string;
  command: CaseCommand;
  personalOnly?: boolean;
}

const contactActions: ActionSpec[] = [
  { key: 'reached', command: { type: 'logContact', outcome: 'reached' } },
  { key: 'not_reached', command: { type: 'logContact', outcome: 'not_reached' } },
  { key: 'visit_agreed', command: { type: 'logContact', outcome: 'visit_agreed' } },
];

const checklistActions = (c: Case): ActionSpec[] => [
  {
    key: 'esas',
    command: { type: 'updateChecklist', patch: { assessmentOffered: 'ESAS-r' } },
    personalOnly: true,
  },
  {
    key: 'mobid',
    command: { type: 'updateChecklist', patch: { assessmentOffered: 'MOBID-2' } },
    personalOnly: true,
  },
  {
    key: 'ipNeeded',
    command: { type: 'updateChecklist', patch: { ipNeeded: !c.checklist.ipNeeded } },
    personalOnly: true,
  },
  {
    key: 'ipMade',
    command: { type: 'updateChecklist', patch: { ipMade: !c.checklist.ipMade } },
    personalOnly: true,
  },
  {
    key: 'informed',
    command: {
      type: 'updateChecklist',
      patch: { informedAboutServices: !c.checklist.informedAboutServices },
    },
    personalOnly: true,
  },
];

const admittedAction = (c: Case): ActionSpec => ({
  key: c.admitted ? 'discharge' : 'admit',
  command: { type: 'setAdmitted', admitted: !c.admitted },
});

const reassign: ActionSpec = {
  key: 'reassign',
  command: { type: 'reassign', nurseId: '' },
  personalOnly: true,
};
const close: ActionSpec = {
  key: 'close',
  command: { type: 'close', reason: 'not_needed' },
  personalOnly: true,
};
const grantHsy: ActionSpec = { key: 'grantHsy', command: { type: 'grantHsy' } };

/** The buttons a case offers in each state; the domain still decides who may press them. */
function actionsFor(c: Case): ActionSpec[] {
  const byState: Record<CaseState, ActionSpec[]> = {
    referred: [{ key: 'registerHsyre', command: { type: 'registerHsyre' } }, grantHsy, close],
    awaiting_claim: [{ key: 'claim', command: { type: 'claim' } }, reassign, grantHsy, close],
    claimed: [
      ...contactActions,
      { key: 'release', command: { type: 'release' } },
      reassign,
      grantHsy,
      close,
    ],
    in_follow_up: [
      ...contactActions,
      { key: 'reportServicesNeeded', command: { type: 'reportServicesNeeded' } },
      grantHsy,
      reassign,
      close,
    ],
    services_needed: [
      { key: 'decisionOther', command: { type: 'recordDecision', outcome: 'other_services' } },
      { key: 'decisionNone', command: { type: 'recordDecision', outcome: 'no_services' } },
      grantHsy,
      ...contactActions,
      reassign,
      close,
    ],
    hsy_granted: [{ key: 'handOver', command: { type: 'handOver' } }, close],
    closed: [],
  };
  const extras = c.state === 'closed' ? [] : [admittedAction(c)];
  const checklist = ['claimed', 'in_follow_up', 'services_needed', 'hsy_granted'].includes(c.state)
    ? checklistActions(c)
    : [];
  return [...byState[c.state], ...extras, ...checklist];
}

/**
 * Fields a button may carry for each command, besides the case id and card version, and the
 * inputs Teams merges into the data. Anything else in the data is ignored, never trusted.
 */
export const COMMAND_FIELDS: Readonly<Record<CaseCommandType, readonly string[]>> = {
  registerHsyre: [],
  claim: [],
  release: [],
  reassign: ['nurseId'],
  snooze: ['minutes'],
  logContact: ['outcome', 'visitDate', 'note'],
  reportServicesNeeded: ['note'],
  recordDecision: ['outcome', 'note'],
  grantHsy: [],
  handOver: [],
  close: ['reason', 'note'],
  setAdmitted: ['admitted'],
  updateChecklist: ['patch'],
  // No fields: stepDown and requestedBy come only from the roster's step-down, never a card.
  returnToQueue: [],
};

/** Button data: the command's fixed fields minus those the user fills in on a personal card. */
function buttonData(c: Case, command: CaseCommand): Record<string, unknown> {
  const { type: _type, ...fields } = command;
  const fixed = Object.fromEntries(
    Object.entries(fields).filter(
      ([k]) => k !== 'nurseId' && !(command.type === 'close' && k === 'reason'),
    ),
  );
  return { caseId: c.id, v: c.version, ...fixed };
}

function facts(c: Case, ctx: CaseCardContext) {
  const { t, locale } = ctx;
  const tz = c.policy.workingTime.timeZone;
  const yesNo = (v: boolean | null) =>
    v === null ? t('cases.card.unknown') : v ? t('cases.card.yes') : t('cases.card.no');
  const list: { title: string; value: string }[] = [
    { title: t('cases.card.zone'), value: ctx.zoneName },
    {
      title: t('cases.card.urgency'),
      value: t(c.seriouslyIll ? 'cases.card.seriouslyIll' : 'cases.card.normal'),
    },
    {
      title: t('cases.card.claimedBy'),
      value: c.claimedBy ? (ctx.names.get(c.claimedBy) ?? c.claimedBy) : t('cases.card.nobody'),
    },
  ];
  if (c.deadline) {
    const overdue = Date.parse(c.deadline.dueAt) < ctx.now.getTime();
    const due = `${formatDateTime(c.deadline.dueAt, locale, tz)} (${t(`cases.deadlineKeys.${c.deadline.key}`)})`;
    list.push({
      title: t('cases.card.deadline'),
      value: overdue ? `${t('cases.card.overdue')}: ${due}` : due,
    });
  }
  if (c.lastContact) {
    const visit = [...c.history].reverse().find((h) => h.action === 'logContact')
      ?.details.visitDate;
    const when = formatDateTime(c.lastContact.at, locale, tz);
    const visitText = typeof visit === 'string' ? ` → ${formatDate(visit, locale)}` : '';
    list.push({
      title: t('cases.card.lastContact'),
      value: `${t(`cases.outcomes.${c.lastContact.outcome}`)}${visitText}, ${when}`,
    });
  }
  if (c.firstContactMet !== null)
    list.push({ title: t('cases.card.firstContactMet'), value: yesNo(c.firstContactMet) });
  if (c.admitted) list.push({ title: t('cases.card.admitted'), value: t('cases.card.yes') });
  list.push({
    title: t('cases.card.checklist'),
    value: t('cases.card.checklistValue', {
      assessment: c.checklist.assessmentOffered ?? t('cases.card.notOffered'),
      ipNeeded: yesNo(c.checklist.ipNeeded),
      ipMade: yesNo(c.checklist.ipMade),
      informed: yesNo(c.checklist.informedAboutServices),
    }),
  });
  if (c.closedReason)
    list.push({
      title: t('cases.card.closedReason'),
      value: t(`cases.closeReasons.${c.closedReason}`),
    });
  if (ctx.variant === 'personal')
    list.push({ title: t('cases.card.patientRef'), value: c.patientRef });
  return list;
}

/**
 * The case card (cards/case.json). The channel variant shows the minimum docs/domain.md "Access"
 * allows (no patient reference); the personal variant, sent only to staff of the zone or FVE,
 * adds the record reference, the inputs and the history.
 */
export function caseCard(c: Case, ctx: CaseCardContext): Record<string, unknown> {
  const { t, locale } = ctx;
  const personal = ctx.variant === 'personal';
  const actions = actionsFor(c)
    .filter((a) => personal || !a.personalOnly)
    .map((a) => ({
      type: 'Action.Execute' as const,
      title: t(`cases.actions.${a.key}`),
      verb: `${CASE_VERB_PREFIX}${a.command.type}`,
      data: buttonData(c, a.command),
    }));
  const tz = c.policy.workingTime.timeZone;
  const card = renderCard('case', {
    title: t('cases.card.title', { code: c.code }),
    statusLine: `${t('cases.card.status')}: ${t(`states.${c.state}`)}`,
    headerStyle:
      c.state === 'awaiting_claim' ? 'attention' : c.state === 'closed' ? 'default' : 'emphasis',
    facts: facts(c, ctx),
    showInputs: personal && c.state !== 'closed',
    labels: {
      visitDate: t('cases.inputs.visitDate'),
      note: t('cases.inputs.note'),
      nurse: t('cases.inputs.nurse'),
      reason: t('cases.inputs.reason'),
      history: t('cases.card.history'),
    },
    nurses: ctx.zoneNurses ?? [],
    reasons: (['declined', 'not_needed', 'moved', 'died'] as const).map((r) => ({
      title: t(`cases.closeReasons.${r}`),
      value: r,
    })),
    hint: personal || c.state === 'closed' ? '' : t('cases.card.channelHint', { code: c.code }),
    history: ctx.showHistory
      ? c.history.map((h) => ({
          title: formatDateTime(h.at, locale, tz),
          value: `${t(`cases.history.${h.action}`)} · ${ctx.names.get(h.actorId) ?? h.actorId}`,
        }))
      : [],
    actions,
  });
  const userIds = (ctx.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS);
  // Universal Actions: a stale copy of the card asks the bot for the current one when viewed.
  const refreshing =
    userIds.length === 0
      ? card
      : {
          ...card,
          refresh: {
            action: { type: 'Action.Execute', verb: REFRESH_VERB, data: { caseId: c.id } },
            userIds,
          },
        };
  return ctx.message ? withCaseMessage(refreshing, ctx.message) : refreshing;
}

/**
 * The card with the outcome of the last action under its header (the body of
 * cards/case-message.json):
 * the clicker's answer is the card everybody sees plus this, so both are one rendering.
 */
export function withCaseMessage(
  card: Record<string, unknown>,
  message: NonNullable<CaseCardContext['message']>,
): Record<string, unknown> {
  const [header, ...rest] = card.body as unknown[];
  const lines = renderCard('case-message', {
    message: message.text,
    messageColor: message.kind === 'good' ? 'Good' : 'Attention',
  }).body as unknown[];
  return { ...card, body: [header, ...lines, ...rest] };
}

/**
 * An invoke response card never carries `refresh`: teams-ai would then overwrite the message
 * for everybody. The channel card is kept true by the workflow's in-place update instead.
 */
export function withoutRefresh(card: Record<string, unknown>): Record<string, unknown> {
  const { refresh: _refresh, ...rest } = card;
  return rest;
}
