import type { PathwayReply } from '../app/pathway-reply';
import type { MessageReply } from '../app/reply';
import type { PathwayCards } from './pathway-cards';
import { replyText } from './reply-text';
import type { Caller } from './turn-context';

/**
 * A pathway use case's answer as Teams shows it: a message as text, a pathway as its card (the
 * personal card with history only in a personal chat). An answer to a button never carries
 * `refresh` (teams-ai would overwrite the message for everybody; the workflow updates the
 * channel card in place instead).
 */
export async function renderPathwayReply(
  reply: PathwayReply | MessageReply,
  caller: Caller,
  cards: PathwayCards,
  timeZone: string,
): Promise<Record<string, unknown> | string> {
  if (reply.kind === 'message') return replyText(reply, caller, timeZone);
  const message = reply.note && {
    text: replyText(reply.note, caller, timeZone),
    kind: reply.note.tone,
  };
  const { refresh: _refresh, ...card } = await cards(
    reply.pathway,
    reply.point,
    reply.view,
    caller.locale,
    { message, showHistory: reply.history ?? reply.view === 'personal' },
  );
  return card;
}
