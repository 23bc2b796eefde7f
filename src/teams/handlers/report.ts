import { createHash } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import type {
  HeadlineFigure,
  MonthArgument,
  ReportSender,
  ReportSummary,
  Reports,
} from '../../app/reports';
import type { FigureValue } from '../../domain/reports/figures';
import type { Locale } from '../../domain/roster';
import { formatDateTime } from '../../i18n/format';
import type { Translate, Translator } from '../../i18n/i18n';
import type { HsyreTeamsAdapter } from '../bot-adapter';
import type { Fact } from '../card-data';
import { cardAttachment } from '../card-renderer';
import { sendToPersonalChat } from '../personal-chat';
import { replyText } from '../reply-text';
import type { Caller } from '../turn-context';

/** `rapport [sone] [måned]` / `report [zone] [month]`, in either order; e.g. `rapport nord 2026-03`. */
export const REPORT_PATTERN = /^\s*(?:rapport|report)(?:\s+(\S+))?(?:\s+(\S+))?\s*$/i;

/** The personal tab's entityId in the manifest (staticTabs). */
export const TAB_ENTITY_ID = 'frister';

/* ----------------------------------------------------------------------------------------------
 * The link to the tab.
 * -------------------------------------------------------------------------------------------- */

/** The namespace scripts/package-app.ts derives the Teams app id in (a test keeps them equal). */
const TEAMS_APP_ID_NAMESPACE = 'cfec36b6-fa01-40c5-be08-08a1c48ff950';

/** A UUID v5 (RFC 4122) of `name` in `namespace`. */
function uuidV5(name: string, namespace: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}

/**
 * The Teams app's id as the package has it: TEAMS_APP_ID, else derived from the bot's app id
 * as `npm run package` derives it. Without either there is no app to link to (local runs).
 */
export function teamsAppIdFor(settings: {
  TEAMS_APP_ID?: string;
  MICROSOFT_APP_ID?: string;
}): string | undefined {
  if (settings.TEAMS_APP_ID) return settings.TEAMS_APP_ID.toLowerCase();
  if (!settings.MICROSOFT_APP_ID) return undefined;
  return uuidV5(settings.MICROSOFT_APP_ID.toLowerCase(), TEAMS_APP_ID_NAMESPACE);
}

/**
 * A deep link that opens the personal tab on a zone and month: the page reads `subEntityId`
 * (`<zone>:<month>`, zone empty for all) from its Teams context.
 */
export function tabDeepLink(teamsAppId: string, zone: string | null, month: string): string {
  const context = JSON.stringify({ subEntityId: `${zone ?? ''}:${month}` });
  return `https://teams.microsoft.com/l/entity/${teamsAppId}/${TAB_ENTITY_ID}?context=${encodeURIComponent(context)}`;
}

/* ----------------------------------------------------------------------------------------------
 * The card.
 * -------------------------------------------------------------------------------------------- */

const LUXON_LOCALE: Record<Locale, string> = { nb: 'nb', en: 'en-GB' };

const monthName = (month: string, locale: Locale) =>
  DateTime.fromISO(`${month}-01`).setLocale(LUXON_LOCALE[locale]).toFormat('LLLL yyyy');

const percent = (share: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'nb' ? 'nb-NO' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);

/** Literal keys, so the locale check sees each one. */
const LABELS: Record<HeadlineFigure, (t: Translate) => string> = {
  referralsRegistered: (t) => t('reports.figures.referralsRegistered.label'),
  firstContactInTimeSeriouslyIll: (t) => t('reports.figures.firstContactInTimeSeriouslyIll.label'),
  firstContactInTimeNormal: (t) => t('reports.figures.firstContactInTimeNormal.label'),
  fveAssessmentInTimeSeriouslyIll: (t) =>
    t('reports.figures.fveAssessmentInTimeSeriouslyIll.label'),
  serviceDecisionInTimeSeriouslyIll: (t) =>
    t('reports.figures.serviceDecisionInTimeSeriouslyIll.label'),
  overdueAtMonthEnd: (t) => t('reports.figures.overdueAtMonthEnd.label'),
};

function valueText(value: FigureValue, target: number, t: Translate, locale: Locale): string {
  switch (value.kind) {
    case 'count':
      return String(value.count);
    case 'share': {
      if (value.share === null || value.total === 0) {
        return value.pending > 0
          ? t('reports.card.onlyPending', { count: value.pending })
          : t('reports.card.noneSettled');
      }
      const parts = [
        t('reports.card.share', {
          percent: percent(value.share, locale),
          within: value.within,
          total: value.total,
        }),
      ];
      if (value.share < target) parts.push(t('reports.card.belowTarget'));
      if (value.pending > 0) parts.push(t('reports.card.pending', { count: value.pending }));
      return parts.join(' · ');
    }
    case 'countsByKey': {
      const steps = value.counts
        .filter((c) => c.count > 0)
        .map((c) => `${c.count} ${t(`cases.deadlineKeys.${c.key}`)}`)
        .join(', ');
      return steps ? `${value.total} (${steps})` : String(value.total);
    }
    case 'durations':
      return value.median === null ? '–' : value.median.toFixed(1);
  }
}

export interface ReportCardOptions {
  t: Translate;
  locale: Locale;
  timeZone: string;
  teamsAppId?: string;
}

/** The headline figures of a month as a card, with a button that opens the tab there. */
export function reportCard(summary: ReportSummary, options: ReportCardOptions) {
  const { t, locale, timeZone, teamsAppId } = options;
  const heading = (s: ReportSummary['sections'][number]) =>
    s.kind === 'own'
      ? t('reports.card.own')
      : s.kind === 'allZones'
        ? t('reports.card.allZones')
        : (s.zoneName ?? s.zoneId ?? '');
  return cardAttachment('report', {
    title: t('reports.card.title', { month: monthName(summary.month, locale) }),
    subtitle: summary.provisional
      ? t('reports.card.soFar', { asOf: formatDateTime(summary.asOf, locale, timeZone) })
      : t('reports.card.final'),
    sections: summary.sections.map((s) => ({
      heading: heading(s),
      facts: s.figures.map(
        (f): Fact => ({
          title: LABELS[f.id](t),
          value: valueText(f.value, summary.target, t, locale),
        }),
      ),
    })),
    empty: summary.sections.length === 0 ? t('reports.card.empty') : '',
    note: t('reports.card.note', { target: percent(summary.target, locale) }),
    open: t('reports.card.open'),
    openUrl: teamsAppId ? tabDeepLink(teamsAppId, summary.zone, summary.month) : '',
  });
}

/* ----------------------------------------------------------------------------------------------
 * `rapport` in chat.
 * -------------------------------------------------------------------------------------------- */

const MONTH_NAMES: ReadonlyMap<string, number> = new Map(
  (['nb', 'en'] as const).flatMap((locale) =>
    Array.from({ length: 12 }, (_, i) => {
      const d = DateTime.fromObject({ year: 2026, month: i + 1 }).setLocale(LUXON_LOCALE[locale]);
      return [
        [d.toFormat('LLLL').toLowerCase(), i + 1],
        [d.toFormat('LLL').toLowerCase().replace(/\.$/, ''), i + 1],
      ] as [string, number][];
    }).flat(),
  ),
);

/** `2026-03`, or a month's name or short name in Norwegian or English (`mars`, `March`, `mar`). */
export function parseMonth(word: string): MonthArgument | undefined {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(word)) return word;
  return MONTH_NAMES.get(word.toLowerCase().replace(/\.$/, ''));
}

export interface ReportHandlerDeps {
  reports: Reports;
  timeZone: string;
  teamsAppId?: string;
}

/** `rapport [sone] [måned]`: the month's headline figures for the zones the asker may see. */
export async function sendReport(context: TurnContext, caller: Caller, deps: ReportHandlerDeps) {
  const match = REPORT_PATTERN.exec(context.activity.text ?? '');
  const words = [match?.[1], match?.[2]].filter((w): w is string => Boolean(w));
  let zone: string | undefined;
  let month: MonthArgument | undefined;
  for (const word of words) {
    const asMonth = month === undefined ? parseMonth(word) : undefined;
    if (asMonth !== undefined) month = asMonth;
    // A month mistyped (`2026-13`) is not a zone's name.
    else if (zone === undefined && !/^\d{4}-/.test(word)) zone = word.toLowerCase();
    else {
      await context.sendActivity(caller.t('reports.chat.usage'));
      return;
    }
  }
  const reply = await deps.reports.summary(caller.member, { zone, month });
  if (reply.kind === 'message') {
    await context.sendActivity(replyText(reply, caller, deps.timeZone));
    return;
  }
  await context.sendActivity({
    attachments: [
      reportCard(reply, {
        t: caller.t,
        locale: caller.locale,
        timeZone: deps.timeZone,
        teamsAppId: deps.teamsAppId,
      }),
    ],
  });
}

/** The monthly card in the leader's personal chat, in their language. */
export function createTeamsReportSender(deps: {
  adapter: HsyreTeamsAdapter;
  botAppId: string;
  translator: Translator;
  defaultLocale: Locale;
  timeZone: string;
  teamsAppId?: string;
}): ReportSender {
  return {
    async send(leader, summary) {
      const locale = leader.locale ?? deps.defaultLocale;
      const t = deps.translator.forLocale(locale);
      const activity: Partial<Activity> = {
        summary: t('reports.card.monthly', { month: monthName(summary.month, locale) }),
        attachments: [
          reportCard(summary, {
            t,
            locale,
            timeZone: deps.timeZone,
            teamsAppId: deps.teamsAppId,
          }),
        ],
      };
      await sendToPersonalChat(deps.adapter, deps.botAppId, leader, activity);
    },
  };
}
