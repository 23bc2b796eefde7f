import type { TurnContext } from 'botbuilder';
import type { DueLists } from '../../app/due-lists';
import type { DueWindow } from '../../domain/due-lists';
import { dueListMessage } from '../due-list-card';
import { replyText } from '../reply-text';
import type { Caller } from '../turn-context';

// The number after a zone is where a long list goes on (`forfalte nord 26`): the card's
// "show more" button sends it. Without a zone there is none: a list over several zones goes on
// by zone instead.
export const OVERDUE_PATTERN = /^\s*(?:forfalte|overdue)(?:\s+(\S+)(?:\s+(\d{1,6}))?)?\s*$/i;
export const WEEK_PATTERN = /^\s*(?:uke|week)(?:\s+(\S+)(?:\s+(\d{1,6}))?)?\s*$/i;

/**
 * `forfalte [sone [fra]]` and `uke [sone [fra]]`: the use case decides who sees which zones;
 * a long list shows its counts and the most late part that fits one Teams message.
 */
export async function sendDueList(
  context: TurnContext,
  caller: Caller,
  dueLists: DueLists,
  timeZone: string,
  window: DueWindow,
) {
  const pattern = window === 'today' ? OVERDUE_PATTERN : WEEK_PATTERN;
  const match = pattern.exec(context.activity.text ?? '');
  const reply = await dueLists(
    caller.member,
    window,
    match?.[1],
    match?.[2] ? Number(match[2]) : 1,
  );
  if (reply.kind === 'message') {
    await context.sendActivity(replyText(reply, caller, timeZone));
    return;
  }
  await context.sendActivity(
    dueListMessage({ ...reply, timeZone, t: caller.t, locale: caller.locale }),
  );
}
