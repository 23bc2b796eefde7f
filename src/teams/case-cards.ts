import { RECORD_SYSTEM_ACTOR } from '../app/record-system';
import type { Case } from '../domain/case';
import type { Clock } from '../domain/clock';
import { hasRole, type Locale, worksInZone } from '../domain/roster';
import type { Translator } from '../i18n/i18n';
import type { Store } from '../store/port';
import { type CardVariant, caseCard } from './case-card';

export interface CardOptions {
  message?: { text: string; kind: 'good' | 'attention' };
  showHistory?: boolean;
}

const ENTRA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rendered cards kept for reuse; an action renders the same card for the channel and the clicker. */
const CACHE_SIZE = 200;

/**
 * Renders a case's card with what it needs from the store: staff names, zone, zone nurses.
 * A card is a function of the case version, the variant, the language, the message and the
 * time (for "overdue"), so a rendering is reused within the same minute; templating is most of
 * an action's cost.
 */
export function createCaseCards(store: Store, translator: Translator, clock: Clock) {
  const cache = new Map<string, Record<string, unknown>>();
  return async function render(
    c: Case,
    variant: CardVariant,
    locale: Locale,
    options: CardOptions = {},
  ): Promise<Record<string, unknown>> {
    const minute = Math.floor(clock.now().getTime() / 60_000);
    const key = JSON.stringify([
      c.id,
      c.version,
      variant,
      locale,
      options.message,
      options.showHistory,
      minute,
    ]);
    const cached = cache.get(key);
    if (cached) return cached;
    const card = await build(c, variant, locale, options);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, card);
    return card;
  };

  async function build(c: Case, variant: CardVariant, locale: Locale, options: CardOptions) {
    const [roster, zone] = await Promise.all([store.roster.list(), store.zones.get(c.zoneId)]);
    const zoneStaff = roster.filter((m) => worksInZone(m, c.zoneId));
    return caseCard(c, {
      t: translator.forLocale(locale),
      locale,
      zoneName: zone?.name ?? c.zoneId,
      names: new Map([...roster, RECORD_SYSTEM_ACTOR].map((m) => [m.id, m.name])),
      variant,
      now: clock.now(),
      message: options.message,
      showHistory: options.showHistory,
      zoneNurses: zoneStaff
        .filter((m) => hasRole(m, 'nurse') && m.zoneIds.includes(c.zoneId))
        .map((m) => ({ id: m.id, name: m.name })),
      // Teams addresses refresh by user MRI; roster ids are Entra object ids where known.
      refreshUserIds: zoneStaff.filter((m) => ENTRA_ID.test(m.id)).map((m) => `8:orgid:${m.id}`),
    });
  }
}

export type CaseCards = ReturnType<typeof createCaseCards>;
