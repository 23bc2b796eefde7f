import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import { normaliseCaseCode } from '../../domain/case-code';
import { worksInZone } from '../../domain/roster';
import type { Store } from '../../store/port';
import { withoutRefresh } from '../case-card';
import type { CaseCards } from '../case-cards';
import type { Caller } from '../turn-context';

export const CASE_LOOKUP_PATTERN = /^\s*(?:sak|case)(?:\s+(\S+))?\s*$/i;

/** `sak <kode>`: the case's card with its history, for staff of its zone and FVE. */
export async function sendCase(
  context: TurnContext,
  caller: Caller,
  store: Store,
  cards: CaseCards,
) {
  const { t, member } = caller;
  const raw = CASE_LOOKUP_PATTERN.exec(context.activity.text ?? '')?.[1];
  const code = raw && normaliseCaseCode(raw);
  if (!raw) {
    await context.sendActivity(t('cases.messages.caseCodeMissing'));
    return;
  }
  const found = code ? await store.cases.getByCode(code) : undefined;
  if (!found) {
    await context.sendActivity(t('errors.unknown_case', { code: raw }));
    return;
  }
  if (!member) {
    await context.sendActivity(t('me.unknown'));
    return;
  }
  if (!worksInZone(member, found.zoneId)) {
    await context.sendActivity(t('errors.not_in_zone', { zone: found.zoneId }));
    return;
  }
  const personal = context.activity.conversation.conversationType === 'personal';
  const card = await cards(found, personal ? 'personal' : 'channel', caller.locale, {
    showHistory: true,
  });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(withoutRefresh(card))] });
}
