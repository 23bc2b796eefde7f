import { RECORD_SYSTEM_ACTOR } from '../app/record-system';
import type { Clock } from '../domain/clock';
import { canSeePathway } from '../domain/pathway/access';
import type { PointNumber } from '../domain/pathway/config';
import type { Pathway } from '../domain/pathway/pathway';
import type { Locale } from '../domain/roster';
import type { Translator } from '../i18n/i18n';
import type { Store } from '../store/port';
import type { CardVariant } from './case-card';
import { pathwayCard } from './pathway-card';

export interface PathwayCardOptions {
  message?: { text: string; kind: 'good' | 'attention' };
  showHistory?: boolean;
}

const ENTRA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Renders a pathway's card with what it needs from the store: staff names and the zone. */
export function createPathwayCards(store: Store, translator: Translator, clock: Clock) {
  return async function render(
    p: Pathway,
    point: PointNumber | null,
    variant: CardVariant,
    locale: Locale,
    options: PathwayCardOptions = {},
  ): Promise<Record<string, unknown>> {
    const [roster, zone] = await Promise.all([store.roster.list(), store.zones.get(p.zoneId)]);
    return pathwayCard(p, point, {
      t: translator.forLocale(locale),
      locale,
      zoneName: zone?.name ?? p.zoneId,
      names: new Map([...roster, RECORD_SYSTEM_ACTOR].map((m) => [m.id, m.name])),
      variant,
      now: clock.now(),
      message: options.message,
      showHistory: options.showHistory,
      // Teams addresses refresh by user MRI; roster ids are Entra object ids where known.
      refreshUserIds: roster
        .filter((m) => canSeePathway(m, p) && ENTRA_ID.test(m.id))
        .map((m) => `8:orgid:${m.id}`),
    });
  };
}

export type PathwayCards = ReturnType<typeof createPathwayCards>;
