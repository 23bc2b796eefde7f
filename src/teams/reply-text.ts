import type { MessageReply } from '../app/reply';
import type { Locale } from '../domain/roster';
import { formatDateTime } from '../i18n/format';
import type { Translate } from '../i18n/i18n';

/** A use case's message in the user's language; dates in the routine's time zone. */
export function replyText(
  reply: MessageReply,
  { t, locale }: { t: Translate; locale: Locale },
  timeZone: string,
): string {
  const localised = Object.fromEntries(
    Object.entries(reply.localised ?? {}).map(([k, key]) => [k, t(key)]),
  );
  const dates = Object.fromEntries(
    Object.entries(reply.dates ?? {}).map(([k, iso]) => [k, formatDateTime(iso, locale, timeZone)]),
  );
  return t(reply.key, { ...reply.params, ...localised, ...dates });
}
