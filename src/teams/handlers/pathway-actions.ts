import type { TurnContext } from 'botbuilder';
import type { PathwayActions } from '../../app/pathway-actions';
import { parsePathwayAction } from '../pathway-action-data';
import type { PathwayCards } from '../pathway-cards';
import { renderPathwayReply } from '../render-pathway-reply';
import type { Caller } from '../turn-context';
import { viewOf } from './case-lookup';

export interface PathwayActionDeps {
  actions: PathwayActions;
  cards: PathwayCards;
  timeZone: string;
}

/**
 * Every pathway button (Action.Execute `pathway.*`): the verb and data are parsed here, the use
 * case decides, and its answer is rendered for the person who pressed. The channel card is
 * updated in place for everyone by the workflow.
 */
export async function handlePathwayAction(
  context: TurnContext,
  caller: Caller,
  data: unknown,
  deps: PathwayActionDeps,
): Promise<Record<string, unknown> | string> {
  const { t } = caller;
  const verb = String(
    (context.activity.value as { action?: { verb?: string } })?.action?.verb ?? '',
  );
  const action = parsePathwayAction(verb, data);
  if (action.kind === 'invalid') return t('pathways.messages.invalidAction');
  if (action.kind === 'invalid-input') {
    return t('pathways.messages.invalidForm', { fields: action.fields.join(', ') });
  }
  const reply = await deps.actions.press(caller.member, action, viewOf(context));
  return renderPathwayReply(reply, caller, deps.cards, deps.timeZone);
}
