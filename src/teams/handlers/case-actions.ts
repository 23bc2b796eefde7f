import type { TurnContext } from 'botbuilder';
import type { CaseActions } from '../../app/case-actions';
import { parseCaseAction } from '../case-action-data';
import type { CaseCards } from '../case-cards';
import { renderReply } from '../render-reply';
import type { Caller } from '../turn-context';
import { viewOf } from './case-lookup';

export interface CaseActionDeps {
  actions: CaseActions;
  cards: CaseCards;
  timeZone: string;
}

/**
 * Every case button (Action.Execute `case.*`): the verb and data are parsed here, the use case
 * decides, and its answer is rendered for the person who pressed. The channel card is updated
 * in place for everyone by the workflow.
 */
export async function handleCaseAction(
  context: TurnContext,
  caller: Caller,
  data: unknown,
  deps: CaseActionDeps,
): Promise<Record<string, unknown> | string> {
  const { t } = caller;
  const verb = String(
    (context.activity.value as { action?: { verb?: string } })?.action?.verb ?? '',
  );
  const action = parseCaseAction(verb, data);
  if (action.kind === 'invalid') return t('cases.messages.invalidAction');
  if (action.kind === 'invalid-input') {
    return t('cases.messages.invalidForm', { fields: action.fields.join(', ') });
  }
  const reply = await deps.actions.press(caller.member, action, viewOf(context));
  return renderReply(reply, caller, deps.cards, deps.timeZone);
}
