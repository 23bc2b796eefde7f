import type { TurnContext } from 'botbuilder';
import { VIEW_ACTION } from '../../app/access-log';
import { type AccessLogExport, accessLogCsv } from '../../app/access-log-export';
import { formatDateTime } from '../../i18n/format';
import { cardAttachment } from '../card-renderer';
import type { Caller } from '../turn-context';

export const ACCESS_LOG_PATTERN = /^\s*(?:tilgangslogg|access\s+log)(?:\s+(\S+))?\s*$/i;

/** The newest entries on the card; the CSV below it has them all (the CLI exports any period). */
const CARD_ENTRIES = 30;
/** Teams refuses messages over about 100 KB: 300 rows of about 120 characters stay well under. */
const CSV_ROWS = 300;

/** `tilgangslogg <kode>`: who saw or changed one case, for an admin, as a card and as CSV. */
export async function sendAccessLog(
  context: TurnContext,
  caller: Caller,
  log: AccessLogExport,
  timeZone: string,
) {
  const { t, locale } = caller;
  const typed = ACCESS_LOG_PATTERN.exec(context.activity.text ?? '')?.[1];
  if (!typed) {
    await context.sendActivity(t('accessLog.codeMissing'));
    return;
  }
  const read = await log.forCase(caller.member, typed);
  if (!read.ok) {
    await context.sendActivity(
      read.reason === 'not_admin'
        ? t('accessLog.onlyAdmin')
        : read.code
          ? t('errors.unknown_case', { code: read.code })
          : t('errors.unknown_case_button'),
    );
    return;
  }
  const newest = read.rows.slice(-CARD_ENTRIES).reverse();
  await context.sendActivity({
    attachments: [
      cardAttachment('access-log', {
        title: t('accessLog.title', { code: read.caseCode }),
        subtitle: t('accessLog.subtitle', { count: read.rows.length }),
        empty: t('accessLog.empty'),
        entries: newest.map((r) => ({
          when: formatDateTime(r.at, locale, timeZone),
          what: t('accessLog.entry', {
            who: r.actorName || r.actorId,
            action:
              r.action === VIEW_ACTION
                ? t('accessLog.viewed')
                : t(`cases.history.${r.action}`, { defaultValue: r.action }),
            via: t(`accessLog.via.${r.via}`),
          }),
        })),
        more:
          read.rows.length > CARD_ENTRIES
            ? t('accessLog.more', { count: read.rows.length - CARD_ENTRIES })
            : '',
      }),
    ],
  });
  if (read.rows.length === 0) return;
  const csv = accessLogCsv(read.rows.slice(-CSV_ROWS));
  await context.sendActivity({ text: `\`\`\`\n${csv}\`\`\``, textFormat: 'markdown' });
}
