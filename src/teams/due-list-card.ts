import { type Activity, CardFactory } from 'botbuilder';
import {
  type BudgetedDueList,
  budgetDueList,
  type DueItem,
  type DueWindow,
  dueList,
} from '../domain/due-lists';
import { jsonBytes, type ListBudget } from '../domain/list-budget';
import type { Locale } from '../domain/roster';
import { openCommand, type TrackedItem } from '../domain/tracked-item';
import type { Zone } from '../domain/zone';
import { formatDateTime, formatDuration } from '../i18n/format';
import type { Translate } from '../i18n/i18n';
import type { DueListCardData } from './card-data';
import { renderCard } from './card-renderer';

/**
 * Teams refuses a bot message over about 100 KB (413 MessageSizeTooBig) and Microsoft advises
 * staying under 80 KB; half of that leaves room for the activity around the card and for long
 * names. 25 items is about what a leader reads before acting on the counts instead.
 */
export const DUE_LIST_BUDGET: ListBudget = { maxItems: 25, maxBytes: 40_000 };

/** Teams fits about three buttons side by side, also on a phone; more wrap into another row. */
const BUTTONS_PER_ROW = 3;

export interface DueListCardInput {
  /** Open tracked items of any kind; the card picks those due in the window. */
  items: readonly TrackedItem[];
  zones: readonly Zone[];
  /** The zones the list covers, named in its subtitle. */
  zoneIds: readonly string[];
  /** Staff id → name, for who has the item. */
  names: ReadonlyMap<string, string>;
  now: Date;
  timeZone: string;
  window: DueWindow;
  /** Overrides the window's own title (the daily summary). */
  title?: string;
  /** The first item to show, 0-based (`forfalte nord 26` asks for 25). */
  offset?: number;
  budget?: ListBudget;
  t: Translate;
  locale: Locale;
}

/**
 * The command that shows a due list: the one the leader types, and the one behind the card's
 * "more" buttons. `from` is 1-based, as the card numbers the items.
 */
export function dueListCommand(window: DueWindow, zoneId?: string, from?: number): string {
  const word = window === 'today' ? 'forfalte' : 'uke';
  return [word, zoneId, zoneId && from && from > 1 ? String(from) : undefined]
    .filter(Boolean)
    .join(' ');
}

type DueListRow = DueListCardData['items'][number];

const chunk = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );

/**
 * The overdue / due list as a card: the counts of the whole list per zone and step, then the
 * most late items that fit one message, each with a button that opens it, then a way to the
 * rest (a button per zone, or the next part of a one-zone list).
 */
export function dueListCard(input: DueListCardInput): Record<string, unknown> {
  const { t, locale, timeZone, now, names, window } = input;
  const zoneNames = new Map(input.zones.map((z) => [z.id, z.name]));
  const zoneName = (id: string) => zoneNames.get(id) ?? id;
  const singleZone = input.zoneIds.length === 1 ? input.zoneIds[0] : undefined;

  // Rendering is repeated while the budget is fitted; each row's text is worked out once.
  const rows = new Map<DueItem, DueListRow>();
  const row = (due: DueItem): DueListRow => {
    const found = rows.get(due);
    if (found) return found;
    const { item, lateMinutes } = due;
    const dueAt = formatDateTime(item.deadline?.dueAt ?? '', locale, timeZone);
    const nurse = item.ownerId ? (names.get(item.ownerId) ?? item.ownerId) : t('due.nobody');
    const made: DueListRow = {
      heading: t('due.heading', {
        code: item.code,
        zone: zoneName(item.zoneId),
        step: item.stepKey ? t(item.stepKey) : '',
      }),
      detail:
        lateMinutes > 0
          ? t('due.late', { duration: formatDuration(lateMinutes, t), dueAt, nurse })
          : t('due.ahead', { dueAt, nurse }),
      color: lateMinutes > 0 ? 'Attention' : 'Default',
      open: t('due.open', { code: item.code }),
      command: openCommand(item),
    };
    rows.set(due, made);
    return made;
  };

  const title = input.title ?? t(window === 'today' ? 'due.titleToday' : 'due.titleWeek');
  const subtitle = t('due.subtitle', {
    zones: input.zoneIds.map(zoneName).join(', '),
    now: formatDateTime(now.toISOString(), locale, timeZone),
  });

  const render = (page: BudgetedDueList) => {
    const from = page.offset + 1;
    const to = page.offset + page.shown.length;
    const range = { from, to, total: page.total, remaining: page.remaining };
    const more =
      page.remaining === 0 || page.shown.length === 0
        ? []
        : singleZone
          ? [
              {
                title: t('due.next', { from: to + 1 }),
                command: dueListCommand(window, singleZone, to + 1),
              },
            ]
          : page.groups.zone.map((g) => ({
              title: t('due.zoneButton', { zone: zoneName(g.key), n: g.count }),
              command: dueListCommand(window, g.key),
            }));
    const shown =
      page.shown.length === 0 || (page.remaining === 0 && page.offset === 0)
        ? ''
        : page.remaining === 0
          ? t('due.shownLast', range)
          : t(singleZone ? 'due.shownNext' : 'due.shownByZone', range);
    const groupCount = (g: { count: number; urgent: number }) =>
      t('due.groupCount', { n: g.count, late: g.urgent });
    return renderCard('due-list', {
      title,
      subtitle,
      empty: page.total === 0 ? t('due.empty') : '',
      summary:
        page.total === 0
          ? ''
          : t(window === 'today' ? 'due.summaryToday' : 'due.summaryWeek', {
              total: page.total,
              late: page.urgent,
              ahead: page.total - page.urgent,
            }),
      byZoneLabel: t('due.byZone'),
      // A one-zone list has its zone in the subtitle already.
      byZone: singleZone
        ? []
        : page.groups.zone.map((g) => ({ title: zoneName(g.key), value: groupCount(g) })),
      byStepLabel: t('due.byStep'),
      byStep: page.groups.step.map((g) => ({
        title: g.key ? t(g.key) : '',
        value: groupCount(g),
      })),
      items: page.shown.map(row),
      shown,
      moreRows: chunk(more, BUTTONS_PER_ROW).map((buttons) => ({ buttons })),
    });
  };

  const rendered = new Map<number, Record<string, unknown>>();
  const page = budgetDueList(
    dueList(input.items, now, timeZone, window),
    input.budget ?? DUE_LIST_BUDGET,
    (candidate) => {
      const card = render(candidate);
      rendered.set(candidate.shown.length, card);
      return jsonBytes(card);
    },
    input.offset,
  );
  return rendered.get(page.shown.length) ?? render(page);
}

/** The due list card as the message that carries it. */
export function dueListMessage(input: DueListCardInput): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(dueListCard(input))] };
}
