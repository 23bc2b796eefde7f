import type { TurnContext } from 'botbuilder';
import { trackCase } from '../../domain/case-tracking';
import type { Clock } from '../../domain/clock';
import { type DueWindow, zonesForDueList } from '../../domain/due-lists';
import type { Store } from '../../store/port';
import { dueListMessage } from '../due-list-card';
import { errorText } from '../error-text';
import type { Caller } from '../turn-context';

// The number after a zone is where a long list goes on (`forfalte nord 26`): the card's
// "show more" button sends it. Without a zone there is none: a list over several zones goes on
// by zone instead.
export const OVERDUE_PATTERN = /^\s*(?:forfalte|overdue)(?:\s+(\S+)(?:\s+(\d{1,6}))?)?\s*$/i;
export const WEEK_PATTERN = /^\s*(?:uke|week)(?:\s+(\S+)(?:\s+(\d{1,6}))?)?\s*$/i;

/**
 * `forfalte [sone [fra]]` and `uke [sone [fra]]`: a leader's (or FVE's) list of overdue and due
 * items, most late first, each with a button that opens it; a long list shows its counts and
 * the most late part that fits one Teams message.
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
  const match = pattern.exec(context.activity.text ?? '');
  const requested = match?.[1]?.toLowerCase();
  const from = match?.[2] ? Number(match[2]) : 1;
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
  const message = dueListMessage({
    items: cases.flat().map(trackCase),
    zones,
    zoneIds: allowed.zoneIds,
    names: new Map(roster.map((m) => [m.id, m.name])),
    now,
    timeZone,
    window,
    offset: Math.max(0, from - 1),
    t,
    locale,
  });
  await context.sendActivity(message);
}
