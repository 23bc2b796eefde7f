import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { CaseRead, CaseReads, CaseView } from '../../app/case-reads';
import { withoutRefresh } from '../case-card';
import type { CaseCards } from '../case-cards';
import type { Caller } from '../turn-context';

export const CASE_LOOKUP_PATTERN = /^\s*(?:sak|case)(?:\s+(\S+))?\s*$/i;

export const viewOf = (context: TurnContext): CaseView =>
  context.activity.conversation?.conversationType === 'personal' ? 'personal' : 'channel';

/** The one answer for every refused read: the same for an unknown case and somebody else's. */
export function refusedReadText(read: Exclude<CaseRead, { ok: true }>, caller: Caller): string {
  if (read.reason === 'not_in_roster') return caller.t('me.unknown');
  return read.code
    ? caller.t('errors.unknown_case', { code: read.code })
    : caller.t('errors.unknown_case_button');
}

/**
 * `sak <kode>`: the case's card for staff of its zone and FVE. In a personal chat the personal
 * card with its history; in a channel only the channel card, which everyone there may see.
 */
export async function sendCase(
  context: TurnContext,
  caller: Caller,
  reads: CaseReads,
  cards: CaseCards,
) {
  const typed = CASE_LOOKUP_PATTERN.exec(context.activity.text ?? '')?.[1];
  if (!typed) {
    await context.sendActivity(caller.t('cases.messages.caseCodeMissing'));
    return;
  }
  const view = viewOf(context);
  const read = await reads.byCode(caller.member, typed, view);
  if (!read.ok) {
    await context.sendActivity(refusedReadText(read, caller));
    return;
  }
  const card = await cards(read.case, view, caller.locale, { showHistory: view === 'personal' });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(withoutRefresh(card))] });
}
