import { CardFactory, type TurnContext } from 'botbuilder';
import type { Clock } from '../../domain/clock';
import { type DueWindow, dueList, zonesForDueList } from '../../domain/due-lists';
import { formatDateTime, formatDuration } from '../../i18n/format';
import type { Store } from '../../store/port';
import { renderCard } from '../card-renderer';
import { errorText } from '../error-text';
import type { Caller } from '../turn-context';

export const OVERDUE_PATTERN = /^\s*(?:forfalte|overdue)(?:\s+(\S+))?\s*$/i;
export const WEEK_PATTERN = /^\s*(?:uke|week)(?:\s+(\S+))?\s*$/i;

/**
 * `forfalte [sone]` and `uke [sone]`: a leader's (or FVE's) list of overdue and due cases,
 * most late first, each with a button that opens the case.
 */
export async function sendDueList(
  context: TurnContext,
  caller: Caller,
  store: Store,
  clock: Clock,
  timeZone: string,
  window: DueWindow,
) {
  const { t, locale, member } = caller;
  if (!member) {
    await context.sendActivity(t('me.unknown'));
    return;
  }
  const pattern = window === 'today' ? OVERDUE_PATTERN : WEEK_PATTERN;
  const requested = pattern.exec(context.activity.text ?? '')?.[1]?.toLowerCase();
  const zones = await store.zones.list();
  const allowed = zonesForDueList(
    member,
    zones.map((z) => z.id),
    requested,
  );
  if (!allowed.ok) {
    const refusal =
      allowed.error.code === 'forbidden_role'
        ? t('due.onlyLeaders')
        : errorText(allowed.error, t, new Map());
    await context.sendActivity(refusal);
    return;
  }
  const now = clock.now();
  const [cases, roster] = await Promise.all([
    Promise.all(allowed.zoneIds.map((z) => store.cases.byZone(z, { openOnly: true }))),
    store.roster.list(),
  ]);
  const names = new Map(roster.map((m) => [m.id, m.name]));
  const zoneName = new Map(zones.map((z) => [z.id, z.name]));
  const items = dueList(cases.flat(), now, timeZone, window).map(({ case: c, lateMinutes }) => {
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
  });
  const card = renderCard('due-list', {
    title: t(window === 'today' ? 'due.titleToday' : 'due.titleWeek'),
    subtitle: t('due.subtitle', {
      zones: allowed.zoneIds.map((z) => zoneName.get(z) ?? z).join(', '),
      now: formatDateTime(now.toISOString(), locale, timeZone),
    }),
    empty: t('due.empty'),
    items,
  });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
