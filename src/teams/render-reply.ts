import type { CaseReply, MessageReply } from '../app/reply';
import { withoutRefresh } from './case-card';
import type { CaseCards } from './case-cards';
import { replyText } from './reply-text';
import type { Caller } from './turn-context';

/**
 * A use case's answer as Teams shows it: a message as text, a case as its card (the personal
 * card with history only in a personal chat; the channel card everywhere else).
 */
export async function renderReply(
  reply: CaseReply | MessageReply,
  caller: Caller,
  cards: CaseCards,
  timeZone: string,
): Promise<Record<string, unknown> | string> {
  if (reply.kind === 'message') return replyText(reply, caller, timeZone);
  const message = reply.note && {
    text: replyText(reply.note, caller, timeZone),
    kind: reply.note.tone,
  };
  return withoutRefresh(
    await cards(reply.case, reply.view, caller.locale, {
      message,
      showHistory: reply.history ?? reply.view === 'personal',
    }),
  );
}
