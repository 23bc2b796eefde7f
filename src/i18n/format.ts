import { DateTime } from 'luxon';
import type { Locale } from '../domain/roster';

const LUXON_LOCALE: Record<Locale, string> = { nb: 'nb', en: 'en-GB' };

/** "tirsdag 3. mars kl. 15:30" / "Tuesday 3 March 15:30", always in the routine's time zone. */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  const t = DateTime.fromISO(iso, { zone: timeZone }).setLocale(LUXON_LOCALE[locale]);
  return locale === 'nb' ? t.toFormat("cccc d. LLLL 'kl.' HH:mm") : t.toFormat('cccc d LLLL HH:mm');
}

/** "3. mars" / "3 March", for a calendar date such as a visit date. */
export function formatDate(isoDate: string, locale: Locale): string {
  const t = DateTime.fromISO(isoDate).setLocale(LUXON_LOCALE[locale]);
  return locale === 'nb' ? t.toFormat('d. LLLL') : t.toFormat('d LLLL');
}
