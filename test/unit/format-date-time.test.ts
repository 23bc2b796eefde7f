import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { Locale } from '../../src/domain/roster';
import { formatDateTime } from '../../src/i18n/format';

/** What the cards showed when every date went through Luxon: the cached formatter must agree. */
const viaLuxon = (iso: string, locale: Locale, timeZone: string) => {
  const t = DateTime.fromISO(iso, { zone: timeZone }).setLocale(locale === 'nb' ? 'nb' : 'en-GB');
  return t.toFormat(locale === 'nb' ? "cccc d. LLLL 'kl.' HH:mm" : 'cccc d LLLL HH:mm');
};

describe('formatDateTime', () => {
  it('writes a time as the card reads it, in the routine time zone', () => {
    expect(formatDateTime('2026-03-03T14:30:00.000Z', 'nb', 'Europe/Oslo')).toBe(
      'tirsdag 3. mars kl. 15:30',
    );
    expect(formatDateTime('2026-03-03T14:30:00.000Z', 'en', 'Europe/Oslo')).toBe(
      'Tuesday 3 March 15:30',
    );
    // Summer time: UTC+2.
    expect(formatDateTime('2026-07-01T22:05:00Z', 'nb', 'Europe/Oslo')).toBe(
      'torsdag 2. juli kl. 00:05',
    );
  });

  it('agrees with Luxon for any instant, locale and time zone the routine may use', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom<Locale>('nb', 'en'),
        fc.constantFrom('Europe/Oslo', 'UTC', 'America/New_York', 'Asia/Kolkata'),
        fc.boolean(),
        (date, locale, timeZone, withOffset) => {
          const iso = withOffset
            ? DateTime.fromJSDate(date, { zone: 'Europe/Oslo' }).toISO({ includeOffset: true })
            : date.toISOString();
          if (!iso) return;
          expect(formatDateTime(iso, locale, timeZone)).toBe(viaLuxon(iso, locale, timeZone));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads a local time without an offset in the routine time zone, as before', () => {
    expect(formatDateTime('2026-03-03T09:00', 'nb', 'Europe/Oslo')).toBe(
      'tirsdag 3. mars kl. 09:00',
    );
  });
});
