import { RECORD_SYSTEM_ACTOR } from '../app/record-system';
import { boundedMemo } from '../domain/bounded-memo';
import type { Case } from '../domain/case';
import type { Clock } from '../domain/clock';
import { hasRole, type Locale, worksInZone } from '../domain/roster';
import type { Zone } from '../domain/zone';
import type { Translate, Translator } from '../i18n/i18n';
import type { Store } from '../store/port';
import { createCardRoster } from './card-roster';
import { type CardVariant, caseCard, withCaseMessage } from './case-card';

export interface CardOptions {
  message?: { text: string; kind: 'good' | 'attention' };
  showHistory?: boolean;
  /** The case's zone, when the caller has just read it: the card then does not read it again. */
  zone?: Pick<Zone, 'id' | 'name'>;
}

const ENTRA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rendered cards kept for reuse; an action renders the same card for the channel and the clicker. */
const CACHE_SIZE = 200;
/** Translations, and shapes of translations with plain-string options, kept per language. */
const TEXTS_PER_LOCALE = 2000;

/** i18next options that change which string is chosen or how: never cut into a shape. */
const I18NEXT_OPTIONS = new Set([
  'count',
  'context',
  'ordinal',
  'defaultValue',
  'lng',
  'lngs',
  'ns',
  'keyPrefix',
  'fallbackLng',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'postProcess',
  'interpolation',
  'replace',
  'skipInterpolation',
]);

/** A string's text cut where its options go: literal, option index, literal, ... */
type Shape = { literals: string[]; slots: number[] };

/**
 * Mixed case, so that a format applied to the option (upper or lower case, a number or date
 * format) changes it and the shape is refused rather than cut wrongly.
 */
const slot = (i: number) => `\uE000Slot${i}\uE000`;
const SLOT = /\uE000Slot(\d+)\uE000/;

/**
 * i18next's t() costs about ten microseconds a call, more with options, and a card makes some
 * thirty calls: the same labels on every card, and a few strings with the case's code in them.
 * The strings are read once at start, so the same key and options always give the same text;
 * a string whose options are plain strings is translated once with markers in their places and
 * then filled in, which is what i18next's interpolation does (escaping is off).
 */
function rememberingTranslate(translateNow: Translate): Translate {
  const texts = boundedMemo<string, string>(TEXTS_PER_LOCALE);
  const shapes = boundedMemo<string, Shape | null>(TEXTS_PER_LOCALE);

  // Not named t: this forwards its callers' keys, which the key check reads where written.
  const cut = (key: string, names: string[]): Shape | null => {
    const marked = translateNow(key, Object.fromEntries(names.map((n, i) => [n, slot(i)])));
    const pieces = marked.split(SLOT);
    const literals = pieces.filter((_, i) => i % 2 === 0);
    if (literals.some((l) => l.includes('\uE000'))) return null;
    return { literals, slots: pieces.filter((_, i) => i % 2 === 1).map(Number) };
  };

  const remembering = (key: string, options?: Record<string, unknown>): string => {
    if (options === undefined) return texts(key, () => translateNow(key));
    const names = Object.keys(options);
    if (names.every((n) => typeof options[n] === 'string' && !I18NEXT_OPTIONS.has(n))) {
      const shape = shapes(`${key}\u0000${names.join('\u0000')}`, () => cut(key, names));
      if (shape) {
        const { literals, slots } = shape;
        let text = literals[0];
        for (let i = 0; i < slots.length; i++)
          text += (options[names[slots[i]]] as string) + literals[i + 1];
        return text;
      }
    }
    return texts(`${key}\u0000${JSON.stringify(options)}`, () => translateNow(key, options));
  };
  // TFunction's overloads (key arrays, typed options, contexts) are more than a card uses.
  return remembering as unknown as Translate;
}

/**
 * Renders a case's card with what it needs from the store: staff names, zone, zone nurses (the
 * roster kept between cards, see card-roster.ts).
 * A card is a function of the case version, the variant, the language and the time (for
 * "overdue"), so a rendering is reused within the same minute: the channel update and the
 * clicker's answer after an action (the same card with a message) are one rendering.
 */
export function createCaseCards(store: Store, translator: Translator, clock: Clock) {
  const cache = new Map<string, Promise<Record<string, unknown>>>();
  const roster = createCardRoster(store);
  const translations = new Map<Locale, Translate>();
  const translate = (locale: Locale) => {
    let t = translations.get(locale);
    if (!t) {
      t = rememberingTranslate(translator.forLocale(locale));
      translations.set(locale, t);
    }
    return t;
  };

  return function render(
    c: Case,
    variant: CardVariant,
    locale: Locale,
    options: CardOptions = {},
  ): Promise<Record<string, unknown>> {
    const { message, ...rest } = options;
    // The clicker's answer is the channel's card with the outcome: one rendering of the card.
    if (message?.text) {
      return render(c, variant, locale, rest).then((card) => withCaseMessage(card, message));
    }
    const minute = Math.floor(clock.now().getTime() / 60_000);
    // No options and `showHistory: false` are the same card: the key must say so.
    const key = JSON.stringify([
      c.id,
      c.version,
      variant,
      locale,
      options.showHistory === true,
      minute,
    ]);
    const cached = cache.get(key);
    if (cached) return cached;
    const card = build(c, variant, locale, rest);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, card);
    // A failed rendering (the store unreachable) is not kept: the next call tries again.
    card.catch(() => {
      if (cache.get(key) === card) cache.delete(key);
    });
    return card;
  };

  async function build(c: Case, variant: CardVariant, locale: Locale, options: CardOptions) {
    const [members, zone] = await Promise.all([
      roster.list(),
      options.zone?.id === c.zoneId ? options.zone : store.zones.get(c.zoneId),
    ]);
    const zoneStaff = members.filter((m) => worksInZone(m, c.zoneId));
    return caseCard(c, {
      t: translate(locale),
      locale,
      zoneName: zone?.name ?? c.zoneId,
      names: new Map([...members, RECORD_SYSTEM_ACTOR].map((m) => [m.id, m.name])),
      variant,
      now: clock.now(),
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
