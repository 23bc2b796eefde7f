import { CardFactory, type TurnContext } from 'botbuilder';
import type { Clock } from '../../domain/clock';
import { type DueWindow, zonesForDueList } from '../../domain/due-lists';
import type { Store } from '../../store/port';
import { dueListCard } from '../due-list-card';
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
  const card = dueListCard({
    cases: cases.flat(),
    zones,
    zoneIds: allowed.zoneIds,
    names: new Map(roster.map((m) => [m.id, m.name])),
    now,
    timeZone,
    window,
    t,
    locale,
  });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
