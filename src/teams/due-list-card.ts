import type { Case } from '../domain/case';
import { type DueWindow, dueList } from '../domain/due-lists';
import type { Locale } from '../domain/roster';
import type { Zone } from '../domain/zone';
import { formatDateTime, formatDuration } from '../i18n/format';
import type { Translate } from '../i18n/i18n';
import { renderCard } from './card-renderer';

export interface DueListCardInput {
  cases: readonly Case[];
  zones: readonly Zone[];
  /** The zones the list covers, named in its subtitle. */
  zoneIds: readonly string[];
  /** Staff id → name, for the responsible nurse. */
  names: ReadonlyMap<string, string>;
  now: Date;
  timeZone: string;
  window: DueWindow;
  /** Overrides the window's own title (the daily summary). */
  title?: string;
  t: Translate;
  locale: Locale;
}

/** The overdue / due list as a card: most late first, each case with a button that opens it. */
export function dueListCard(input: DueListCardInput): Record<string, unknown> {
  const { t, locale, timeZone, now, names } = input;
  const zoneName = new Map(input.zones.map((z) => [z.id, z.name]));
  const items = dueList(input.cases, now, timeZone, input.window).map(
    ({ case: c, lateMinutes }) => {
      const dueAt = formatDateTime(c.deadline?.dueAt ?? '', locale, timeZone);
      const nurse = c.claimedBy ? (names.get(c.claimedBy) ?? c.claimedBy) : t('due.nobody');
      return {
        heading: t('due.heading', {
          code: c.code,
          zone: zoneName.get(c.zoneId) ?? c.zoneId,
          step: t(`cases.deadlineKeys.${c.deadline?.key}`),
        }),
        detail:
          lateMinutes > 0
            ? t('due.late', { duration: formatDuration(lateMinutes, t), dueAt, nurse })
            : t('due.ahead', { dueAt, nurse }),
        color: lateMinutes > 0 ? 'Attention' : 'Default',
        open: t('due.open', { code: c.code }),
        command: `sak ${c.code}`,
      };
    },
  );
  return renderCard('due-list', {
    title: input.title ?? t(input.window === 'today' ? 'due.titleToday' : 'due.titleWeek'),
    subtitle: t('due.subtitle', {
      zones: input.zoneIds.map((z) => zoneName.get(z) ?? z).join(', '),
      now: formatDateTime(now.toISOString(), locale, timeZone),
    }),
    empty: t('due.empty'),
    items,
  });
}
