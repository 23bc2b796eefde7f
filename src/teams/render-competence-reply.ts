import type { CompetenceReply } from '../app/competence-reply';
import { competenceOverviewCard, competencePlanCard } from './competence-card';
import { competenceEventsCard } from './competence-events-card';
import { replyText } from './reply-text';
import type { Caller } from './turn-context';

/** A competence use case's answer as Teams shows it: a message as text, a plan or overview as its card. */
export function renderCompetenceReply(
  reply: CompetenceReply,
  caller: Caller,
  timeZone: string,
): Record<string, unknown> | string {
  const ctx = { t: caller.t, locale: caller.locale, timeZone };
  switch (reply.kind) {
    case 'message':
      return replyText(reply, caller, timeZone);
    case 'competencePlan':
      return competencePlanCard(reply, ctx);
    case 'competenceOverview':
      return competenceOverviewCard(reply, ctx);
    case 'competenceEvents':
      return competenceEventsCard(reply, ctx);
    case 'competenceCsv':
      // As the access log's export: Teams shows the code block as text to copy.
      return `${replyText(reply.title, caller, timeZone)}\n\n\`\`\`\n${reply.csv}\`\`\``;
  }
}
