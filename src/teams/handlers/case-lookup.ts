import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { CaseActions } from '../../app/case-actions';
import type { CaseView } from '../../app/case-reads';
import type { CaseCards } from '../case-cards';
import type { PathwayCards } from '../pathway-cards';
import { renderPathwayReply } from '../render-pathway-reply';
import { renderReply } from '../render-reply';
import type { Caller } from '../turn-context';

export const CASE_LOOKUP_PATTERN = /^\s*(?:sak|case)(?:\s+(\S+))?\s*$/i;

export const viewOf = (context: TurnContext): CaseView =>
  context.activity.conversation?.conversationType === 'personal' ? 'personal' : 'channel';

/**
 * `sak <kode>`: the case's card for staff of its zone and FVE. In a personal chat the personal
 * card with its history; in a channel only the channel card, which everyone there may see.
 */
export async function sendCase(
  context: TurnContext,
  caller: Caller,
  deps: { actions: CaseActions; cards: CaseCards; timeZone: string; pathwayCards?: PathwayCards },
) {
  const typed = CASE_LOOKUP_PATTERN.exec(context.activity.text ?? '')?.[1];
  if (!typed) {
    await context.sendActivity(caller.t('cases.messages.caseCodeMissing'));
    return;
  }
  const reply = await deps.actions.lookUp(caller.member, typed, viewOf(context));
  const shown =
    reply.kind === 'pathway'
      ? deps.pathwayCards
        ? await renderPathwayReply(reply, caller, deps.pathwayCards, deps.timeZone)
        : caller.t('errors.unknown_case', { code: reply.pathway.code })
      : await renderReply(reply, caller, deps.cards, deps.timeZone);
  await context.sendActivity(
    typeof shown === 'string' ? shown : { attachments: [CardFactory.adaptiveCard(shown)] },
  );
}
