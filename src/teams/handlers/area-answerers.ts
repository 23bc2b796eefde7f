import type { TurnContext } from 'botbuilder';
import type { CaseActions } from '../../app/case-actions';
import { normaliseCaseCode } from '../../domain/case-code';
import { formatDateTime } from '../../i18n/format';
import type { KnowledgeAnswerer } from '../../knowledge/answerer';
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import { replyText } from '../reply-text';
import type { Caller } from '../turn-context';
import { sendAnswer } from './ask';
import { viewOf } from './case-lookup';

/**
 * A free-text question may belong to another area than the documents: the directory ("hvem er
 * ressurssykepleier i sone nord?"), a case ("når er fristen for sak K7M4Q?"), and later a
 * nurse's own competence hours. Each area answerer recognises its own questions and answers
 * them, or declines (false) and leaves the text to the next; the knowledge base answers what
 * none of them takes. A new area is one more answerer in the list, nothing else changes.
 */
export type AreaAnswerer = (context: TurnContext, caller: Caller) => Promise<boolean>;

/** Tries each area in order, then the knowledge base. */
export async function answerFreeText(
  context: TurnContext,
  caller: Caller,
  areas: readonly AreaAnswerer[],
  knowledge: KnowledgeBase,
  answerer?: KnowledgeAnswerer,
): Promise<void> {
  for (const area of areas) if (await area(context, caller)) return;
  await sendAnswer(context, caller, knowledge, answerer);
}

const DEADLINE_WORD = /(?:^|[^\p{L}])(frist\p{L}*|deadline\p{L}*|forfall\p{L}*|due)(?![\p{L}])/iu;
const CASE_CODE = /(?:^|[^\p{L}])(?:sak|saken|saka|case)\s+#?([\p{L}\d]{5})(?![\p{L}\d])/iu;

/**
 * "Når er fristen for sak K7M4Q?", "what is the deadline for case K7M4Q": the code as typed,
 * when the text asks about a case's deadline; undefined otherwise, which leaves it to the next
 * answerer. Only a well-formed code is taken, so "sak" in a question about the routine is not.
 */
export function caseDeadlineQuestion(text: string | undefined): { code: string } | undefined {
  if (!text || !DEADLINE_WORD.test(text)) return undefined;
  const typed = CASE_CODE.exec(text)?.[1];
  const code = typed === undefined ? undefined : normaliseCaseCode(typed);
  return code ? { code } : undefined;
}

export interface CaseDeadlineDeps {
  actions: CaseActions;
  timeZone: string;
  now: () => Date;
}

/**
 * A case's current deadline in one sentence, with the same read rule as `sak <kode>`: somebody
 * who may not see the case gets the same answer as for an unknown code, and a personal chat's
 * showing is logged. Nothing of the patient is said.
 */
export function caseDeadlineAnswerer(deps: CaseDeadlineDeps): AreaAnswerer {
  return async (context, caller) => {
    const question = caseDeadlineQuestion(context.activity.text);
    if (!question) return false;
    const reply = await deps.actions.lookUp(caller.member, question.code, viewOf(context));
    const { t, locale } = caller;
    if (reply.kind === 'message') {
      await context.sendActivity(replyText(reply, caller, deps.timeZone));
      return true;
    }
    if (reply.kind === 'pathway') {
      // A pathway's points each have a window, shown on its card.
      await context.sendActivity(t('knowledge.caseDeadline.pathway', { code: question.code }));
      return true;
    }
    const { deadline, code } = reply.case;
    if (!deadline) {
      await context.sendActivity(t('knowledge.caseDeadline.none', { code }));
      return true;
    }
    const overdue = Date.parse(deadline.dueAt) < deps.now().getTime();
    await context.sendActivity(
      t(overdue ? 'knowledge.caseDeadline.overdue' : 'knowledge.caseDeadline.due', {
        code,
        due: formatDateTime(deadline.dueAt, locale, deps.timeZone),
        step: t(`cases.deadlineKeys.${deadline.key}`),
      }),
    );
    return true;
  };
}
