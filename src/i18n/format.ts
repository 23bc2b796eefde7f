import { DateTime } from 'luxon';
import { boundedMemo } from '../domain/bounded-memo';
import type { Locale } from '../domain/roster';
import type { Translate } from './i18n';

const LUXON_LOCALE: Record<Locale, string> = { nb: 'nb', en: 'en-GB' };

/** An instant with its offset, as toISOString and the API write them. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

type DateTimeParts = Record<'weekday' | 'day' | 'month' | 'hour' | 'minute', string>;

/*
 * One formatter per locale and time zone, made once: building the Luxon DateTime and its
 * formatter for every date on every card was a third of a millisecond of each claim.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Times already written, by language, time zone and instant. */
const written = boundedMemo<string, string>(5000);

function partsOf(ms: number, locale: Locale, timeZone: string): DateTimeParts {
  const key = `${locale}|${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LUXON_LOCALE[locale], {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, format);
  }
  const parts: DateTimeParts = { weekday: '', day: '', month: '', hour: '', minute: '' };
  for (const p of format.formatToParts(ms))
    if (p.type in parts) parts[p.type as keyof DateTimeParts] = p.value;
  return parts;
}

/** "tirsdag 3. mars kl. 15:30" / "Tuesday 3 March 15:30", always in the routine's time zone. */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  if (!INSTANT.test(iso)) {
    // Not an instant as the store writes them (a local time, or not a time): Luxon reads it.
    const t = DateTime.fromISO(iso, { zone: timeZone }).setLocale(LUXON_LOCALE[locale]);
    return t.toFormat(locale === 'nb' ? "cccc d. LLLL 'kl.' HH:mm" : 'cccc d LLLL HH:mm');
  }
  // Deadlines fall on the same few instants (a working day's end): most are written before.
  return written(`${locale}|${timeZone}|${iso}`, () => {
    const { weekday, day, month, hour, minute } = partsOf(Date.parse(iso), locale, timeZone);
    return locale === 'nb'
      ? `${weekday} ${day}. ${month} kl. ${hour}:${minute}`
      : `${weekday} ${day} ${month} ${hour}:${minute}`;
  });
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
