import { DateTime } from 'luxon';
import type { Locale } from '../domain/roster';
import type { Translate } from './i18n';

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

/** "2 d 3 t", "4 t 20 min", "12 min": how late, in the largest two units. */
export function formatDuration(minutes: number, t: Translate): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [
    days > 0 && t('due.days', { count: days }),
    hours > 0 && t('due.hours', { count: hours }),
    mins > 0 && t('due.minutes', { count: mins }),
  ].filter((p): p is string => Boolean(p));
  return (parts.length > 0 ? parts : [t('due.minutes', { count: 0 })]).slice(0, 2).join(' ');
}
