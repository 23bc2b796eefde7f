import { CardFactory, type TurnContext } from 'botbuilder';
import type { CompetenceActivities } from '../../app/competence-activities';
import type { CompetenceEvents } from '../../app/competence-events';
import type { CompetenceExport } from '../../app/competence-export';
import type { CompetencePlans } from '../../app/competence-plan';
import { asksOwnCompetenceHours } from '../../domain/competence/hours-question';
import { renderCompetenceReply } from '../render-competence-reply';
import { replyText } from '../reply-text';
import type { Caller } from '../turn-context';
import type { AreaAnswerer } from './area-answerers';
import { channelAddressOf } from './zone-link';

/**
 * `kompetanse` (own plan), `kompetanse <sone>` (the zone's overview), either followed by
 * `eksport` for its CSV; English `competence [zone] [export]`.
 */
export const COMPETENCE_PATTERN =
  /^\s*(?:kompetanse|competence)(?:\s+(\S+))?(?:\s+(eksport|export|csv))?\s*$/i;
const EXPORT_WORD = /^(?:eksport|export|csv)$/i;

/** `nettverk`: the network's events; `koble nettverk` in a channel links it for announcements. */
export const NETWORK_EVENTS_PATTERN = /^\s*(?:nettverk|network)\s*$/i;
export const NETWORK_LINK_PATTERN = /^\s*(?:koble\s+nettverk|link\s+network)\s*$/i;

export interface CompetenceHandlerDeps {
  plans: CompetencePlans;
  activities: CompetenceActivities;
  events: CompetenceEvents;
  exports: CompetenceExport;
  timeZone: string;
}

/** Sends a rendered answer: a card as an attachment, a message as text. */
export async function sendRendered(
  context: TurnContext,
  answer: Record<string, unknown> | string,
): Promise<void> {
  await context.sendActivity(
    typeof answer === 'string' ? answer : { attachments: [CardFactory.adaptiveCard(answer)] },
  );
}

/**
 * A plan names a nurse and what she lacks: it is shown in a personal chat only, never to a
 * channel's members.
 */
export async function refusedOutsidePersonalChat(
  context: TurnContext,
  caller: Caller,
): Promise<boolean> {
  if (context.activity.conversation?.conversationType === 'personal') return false;
  await context.sendActivity(caller.t('competence.messages.personalOnly'));
  return true;
}

export async function sendCompetence(
  context: TurnContext,
  caller: Caller,
  deps: CompetenceHandlerDeps,
): Promise<void> {
  if (await refusedOutsidePersonalChat(context, caller)) return;
  const match = COMPETENCE_PATTERN.exec(context.activity.text ?? '');
  const first = match?.[1];
  const ownExport = first !== undefined && EXPORT_WORD.test(first) && match?.[2] === undefined;
  const zone = ownExport ? undefined : first;
  const exporting = ownExport || match?.[2] !== undefined;
  const reader = caller.member;
  const reply = exporting
    ? zone
      ? await deps.exports.zone(reader, zone)
      : await deps.exports.own(reader)
    : zone
      ? await deps.plans.overview(reader, zone)
      : await deps.plans.own(reader);
  await sendRendered(context, renderCompetenceReply(reply, caller, deps.timeZone));
}

/**
 * "Hvor mange timer har jeg i år?" as free text: the asker's own hours from her plan. Other
 * questions are left to the next answerer.
 */
export function competenceHoursAnswerer(deps: CompetenceHandlerDeps): AreaAnswerer {
  return async (context, caller) => {
    if (!asksOwnCompetenceHours(context.activity.text)) return false;
    if (await refusedOutsidePersonalChat(context, caller)) return true;
    const reply = await deps.plans.ownHours(caller.member);
    await context.sendActivity(replyText(reply, caller, deps.timeZone));
    return true;
  };
}

export async function sendNetworkEvents(
  context: TurnContext,
  caller: Caller,
  deps: CompetenceHandlerDeps,
): Promise<void> {
  if (await refusedOutsidePersonalChat(context, caller)) return;
  const reply = await deps.events.list(caller.member);
  await sendRendered(context, renderCompetenceReply(reply, caller, deps.timeZone));
}

/** `koble nettverk` in a channel: the address comes from Teams, the decision from the use case. */
export async function linkNetworkChannel(
  context: TurnContext,
  caller: Caller,
  deps: CompetenceHandlerDeps,
): Promise<void> {
  if (context.activity.conversation.conversationType !== 'channel') {
    await context.sendActivity(caller.t('competence.events.linkInChannel'));
    return;
  }
  const reply = await deps.events.link(caller.member, channelAddressOf(context.activity));
  await context.sendActivity(replyText(reply, caller, deps.timeZone));
}
