import type { CompetenceOverviewReply, CompetencePlanReply } from '../app/competence-reply';
import { ACTIVITY_KINDS, type Activity } from '../domain/competence/activity';
import type { Measure, RequirementResult, RequirementStatus } from '../domain/competence/plan';
import type { Locale } from '../domain/roster';
import { formatDate } from '../i18n/format';
import type { Translate } from '../i18n/i18n';
import type {
  CardButton,
  CompetenceOverviewCardData,
  CompetencePlanCardData,
  ContainerStyle,
  TextColor,
} from './card-data';
import { renderCard } from './card-renderer';
import { COMPETENCE_VERBS } from './competence-action-data';
import { replyText } from './reply-text';

export interface CompetenceCardContext {
  t: Translate;
  locale: Locale;
  /** For the dates in a message. */
  timeZone: string;
}

/** Newest activities shown on the plan card; the CSV export has them all. */
export const PLAN_CARD_ACTIVITIES = 20;
/** Nurses shown on the overview card; Teams refuses a card much over 28 KB. */
export const OVERVIEW_CARD_ROWS = 40;

const STATUS_COLOR: Record<RequirementStatus, TextColor> = {
  done: 'Good',
  missing: 'Warning',
  overdue: 'Attention',
};

const button = (title: string, verb: string, data: Record<string, unknown>): CardButton => ({
  title,
  verb,
  data,
});

function measureText(done: Measure, needed: Partial<Measure>, t: Translate): string[] {
  const parts: string[] = [];
  if (needed.count !== undefined) {
    parts.push(t('competence.card.measureCount', { done: done.count, needed: needed.count }));
  }
  if (needed.hours !== undefined) {
    parts.push(t('competence.card.measureHours', { done: done.hours, needed: needed.hours }));
  }
  if (needed.days !== undefined) {
    parts.push(t('competence.card.measureDays', { done: done.days, needed: needed.days }));
  }
  return parts;
}

function requirementDetail(r: RequirementResult, { t, locale }: CompetenceCardContext): string {
  if (r.type === 'level') {
    return t('competence.card.levelDetail', {
      recorded: r.recorded ?? t('competence.card.notRecorded'),
      minimum: r.minimum,
    });
  }
  const parts = measureText(r.done, r.needed, t);
  if (r.status !== 'done')
    parts.push(t('competence.card.byWhen', { date: formatDate(r.byWhen, locale) }));
  if (r.awaitingConfirmation.length > 0) parts.push(t('competence.card.awaitingConfirmation'));
  return parts.join(' · ');
}

function activityText(a: Activity, { t, locale }: CompetenceCardContext): string {
  const amount =
    a.kind === 'jobShadowing'
      ? t('competence.card.days', { count: a.days })
      : a.hours === undefined
        ? ''
        : t('competence.card.hours', { count: a.hours });
  const parts = [formatDate(a.date, locale), t(`competence.kinds.${a.kind}`), amount, a.text ?? ''];
  if (a.status === 'withdrawn') parts.push(t('competence.card.withdrawnMark'));
  return parts.filter((p) => p !== '').join(' · ');
}

function headerStyle(reply: CompetencePlanReply): ContainerStyle {
  if (!reply.plan) return 'emphasis';
  if (reply.plan.counts.overdue > 0) return 'attention';
  return reply.plan.counts.missing > 0 ? 'warning' : 'good';
}

/** The form's values: the activity being changed, or a new activity's defaults. */
function formValues(reply: CompetencePlanReply) {
  const editing = reply.record.activities.find((a) => a.id === reply.editing);
  if (!editing) {
    return {
      kind: 'gathering',
      date: reply.today,
      hours: '',
      days: '1',
      text: '',
      withLeader: 'false',
    };
  }
  return {
    kind: editing.kind,
    date: editing.date,
    hours:
      editing.kind !== 'jobShadowing' && editing.hours !== undefined ? String(editing.hours) : '',
    days: editing.kind === 'jobShadowing' ? String(editing.days) : '1',
    text: editing.text ?? '',
    withLeader: editing.kind === 'introductionCourse' && editing.withLeader ? 'true' : 'false',
  };
}

export function competencePlanCardData(
  reply: CompetencePlanReply,
  ctx: CompetenceCardContext,
): CompetencePlanCardData {
  const { t, locale } = ctx;
  const { plan, record, nurse } = reply;
  const nurseId = nurse.id;
  const mayWrite = reply.write === 'own' || reply.write === 'leader';
  const note = reply.note;
  const activities = [...record.activities]
    .sort((a, b) => b.date.localeCompare(a.date) || b.recordedAt.localeCompare(a.recordedAt))
    .slice(0, PLAN_CARD_ACTIVITIES)
    .map((a) => {
      const buttons: CardButton[] = [];
      const data = { nurseId, activityId: a.id, v: reply.version };
      if (reply.confirmable.includes(a.id)) {
        buttons.push(button(t('competence.actions.confirm'), COMPETENCE_VERBS.confirm, data));
      }
      if (reply.amendable.includes(a.id)) {
        buttons.push(button(t('competence.actions.edit'), COMPETENCE_VERBS.edit, data));
        buttons.push(button(t('competence.actions.withdraw'), COMPETENCE_VERBS.withdraw, data));
      }
      return { text: activityText(a, ctx), buttons };
    });
  const editing = reply.editing !== undefined;
  return {
    title: t('competence.card.title', { name: nurse.name }),
    statusLine: plan
      ? t('competence.card.statusLine', { ...plan.counts })
      : t('competence.card.noAppointment'),
    headerStyle: headerStyle(reply),
    message: note ? replyText(note, ctx, ctx.timeZone) : '',
    messageColor: note?.tone === 'good' ? 'Good' : 'Attention',
    facts: [
      {
        title: t('competence.card.appointedAt'),
        value: record.appointedAt
          ? formatDate(record.appointedAt, locale)
          : t('competence.card.notRecorded'),
      },
      {
        title: t('competence.card.level'),
        value: record.level ?? t('competence.card.notRecorded'),
      },
      ...(plan
        ? [
            {
              title: t('competence.card.hoursThisYear', { year: plan.year?.label ?? '' }),
              value: t('competence.card.hours', { count: plan.hoursThisYear.total }),
            },
            {
              title: t('competence.card.supervisionHours'),
              value: t('competence.card.hours', { count: plan.supervisionHours.total }),
            },
          ]
        : []),
    ],
    requirementsTitle: t('competence.card.requirementsTitle'),
    requirements: (plan?.requirements ?? []).map((r) => ({
      name: t(`competence.requirements.${r.id}`),
      status: t(`competence.status.${r.status}`),
      color: STATUS_COLOR[r.status],
      detail: requirementDetail(r, ctx),
    })),
    activitiesTitle: t('competence.card.activitiesTitle'),
    activities,
    showForm: mayWrite,
    form: {
      title: editing ? t('competence.card.changeTitle') : t('competence.card.registerTitle'),
      kinds: ACTIVITY_KINDS.map((k) => ({ title: t(`competence.kinds.${k}`), value: k })),
      ...formValues(reply),
      today: reply.today,
      labels: {
        kind: t('competence.card.labels.kind'),
        date: t('competence.card.labels.date'),
        hours: t('competence.card.labels.hours'),
        days: t('competence.card.labels.days'),
        text: t('competence.card.labels.text'),
        withLeader: t('competence.card.labels.withLeader'),
      },
      submit: editing
        ? button(t('competence.actions.change'), COMPETENCE_VERBS.change, {
            nurseId,
            activityId: reply.editing,
            v: reply.version,
          })
        : button(t('competence.actions.register'), COMPETENCE_VERBS.register, {
            nurseId,
            v: reply.version,
          }),
    },
    showProfile: mayWrite,
    profile: {
      title: t('competence.card.profileTitle'),
      appointedAt: record.appointedAt ?? '',
      level: record.level ?? '',
      levels: (['A', 'B', 'C'] as const).map((l) => ({
        title: t(`competence.levels.${l}`),
        value: l,
      })),
      today: reply.today,
      labels: {
        appointedAt: t('competence.card.appointedAt'),
        level: t('competence.card.level'),
      },
      save: button(t('competence.actions.saveProfile'), COMPETENCE_VERBS.profile, {
        nurseId,
        v: reply.version,
      }),
    },
    hint: !nurse.active
      ? t('competence.card.steppedDown')
      : plan
        ? t('competence.card.privacyHint')
        : t('competence.card.setAppointment'),
    actions: [button(t('competence.actions.refresh'), COMPETENCE_VERBS.show, { nurseId })],
  };
}

export function competenceOverviewCardData(
  reply: CompetenceOverviewReply,
  ctx: CompetenceCardContext,
): CompetenceOverviewCardData {
  const { t } = ctx;
  const { overview, zone } = reply;
  // A few requirements and statuses repeat over every row; i18next costs tens of microseconds
  // a call, which over a zone's rows is most of the card's time.
  const itemTexts = new Map<string, string>();
  const itemText = (id: string, status: RequirementStatus) => {
    const key = `${id}:${status}`;
    let text = itemTexts.get(key);
    if (text === undefined) {
      text = t('competence.overview.item', {
        name: t(`competence.requirements.${id}`),
        status: t(`competence.status.${status}`),
      });
      itemTexts.set(key, text);
    }
    return text;
  };
  const allDone = t('competence.overview.allDone');
  const openTitle = t('competence.actions.open');
  const rows = overview.rows.slice(0, OVERVIEW_CARD_ROWS).map((row) => {
    const open = row.items.filter((i) => i.status !== 'done');
    const detail =
      open.length === 0 ? allDone : open.map((i) => itemText(i.id, i.status)).join(' · ');
    return {
      heading: row.name,
      detail,
      color: (row.counts.overdue > 0
        ? 'Attention'
        : open.length > 0
          ? 'Warning'
          : 'Good') as TextColor,
      open: button(openTitle, COMPETENCE_VERBS.show, { nurseId: row.nurseId }),
    };
  });
  return {
    title: t('competence.overview.title', { zone: zone.name }),
    statusLine: t('competence.overview.statusLine', {
      nurses: overview.rows.length + reply.notEvaluated.length,
      ...overview.totals,
    }),
    rows,
    more:
      overview.rows.length > rows.length
        ? t('competence.overview.more', { shown: rows.length, total: overview.rows.length })
        : '',
    notEvaluatedTitle: t('competence.overview.notEvaluatedTitle'),
    notEvaluated: reply.notEvaluated.map((n) => n.name).join(', '),
    actions: [
      button(t('competence.actions.refresh'), COMPETENCE_VERBS.overview, { zoneId: zone.id }),
    ],
  };
}

export const competencePlanCard = (reply: CompetencePlanReply, ctx: CompetenceCardContext) =>
  renderCard('competence-plan', competencePlanCardData(reply, ctx));

export const competenceOverviewCard = (
  reply: CompetenceOverviewReply,
  ctx: CompetenceCardContext,
) => renderCard('competence-overview', competenceOverviewCardData(reply, ctx));
