import type { TurnContext } from 'botbuilder';
import type { CompetenceReply } from '../../app/competence-reply';
import { parseCompetenceAction } from '../competence-action-data';
import { renderCompetenceReply } from '../render-competence-reply';
import type { Caller } from '../turn-context';
import type { CompetenceHandlerDeps } from './competence';

/**
 * Every competence button (Action.Execute `competence.*`): the verb and data are parsed here,
 * one use case decides, and its answer replaces the card for the person who pressed.
 */
export async function handleCompetenceAction(
  context: TurnContext,
  caller: Caller,
  data: unknown,
  deps: CompetenceHandlerDeps,
): Promise<Record<string, unknown> | string> {
  const verb = String(
    (context.activity.value as { action?: { verb?: string } })?.action?.verb ?? '',
  );
  const action = parseCompetenceAction(verb, data);
  const { plans, activities } = deps;
  const actor = caller.member;
  let reply: CompetenceReply;
  switch (action.kind) {
    case 'invalid':
      return caller.t('competence.errors.invalidAction');
    case 'register':
      reply = await activities.register(actor, action.nurseId, action.input, action.v);
      break;
    case 'change':
      reply = await activities.change(
        actor,
        action.nurseId,
        action.activityId,
        action.input,
        action.v,
      );
      break;
    case 'edit':
      reply = await plans.edit(actor, action.nurseId, action.activityId);
      break;
    case 'withdraw':
      reply = await activities.withdraw(actor, action.nurseId, action.activityId, action.v);
      break;
    case 'confirm':
      reply = await activities.confirm(actor, action.activityId, action.v);
      break;
    case 'profile':
      reply = await activities.profile(actor, action.nurseId, action.input, action.v);
      break;
    case 'show':
      reply = await plans.of(actor, action.nurseId);
      break;
    case 'overview':
      reply = await plans.overview(actor, action.zoneId);
      break;
    case 'events':
      reply = await deps.events.list(actor);
      break;
    case 'createEvent':
      reply = await deps.events.create(actor, action.input);
      break;
    case 'attend':
      reply = await deps.events.attend(actor, action.eventId, action.picked, action.typed);
      break;
    case 'registerEvent':
      reply = await deps.events.register(actor, action.eventId, action.register, action.v);
      break;
  }
  return renderCompetenceReply(reply, caller, deps.timeZone);
}
