import type { TurnContext } from 'botbuilder';
import type { CaseWorkflow } from '../../app/case-workflow';
import { formatDateTime } from '../../i18n/format';
import type { Store } from '../../store/port';
import { parseCaseAction } from '../case-action-data';
import { type CardVariant, withoutRefresh } from '../case-card';
import type { CaseCards } from '../case-cards';
import { errorText } from '../error-text';
import type { Caller } from '../turn-context';

export interface CaseActionDeps {
  store: Store;
  workflow: CaseWorkflow;
  cards: CaseCards;
}

const variantOf = (context: TurnContext): CardVariant =>
  context.activity.conversation.conversationType === 'personal' ? 'personal' : 'channel';

/**
 * Every case button (Action.Execute `case.*`). The answer is the case's current card for the
 * person who pressed, with the outcome on it; the channel card is updated in place for everyone
 * by the workflow. A refusal changes nothing and says why.
 */
export async function handleCaseAction(
  context: TurnContext,
  caller: Caller,
  data: unknown,
  deps: CaseActionDeps,
): Promise<Record<string, unknown> | string> {
  const { t, locale, member } = caller;
  const verb = String(
    (context.activity.value as { action?: { verb?: string } })?.action?.verb ?? '',
  );
  const action = parseCaseAction(verb, data);
  if (action.kind === 'invalid') return t('cases.messages.invalidAction');
  if (action.kind === 'invalid-input') {
    return t('cases.messages.invalidForm', { fields: action.fields.join(', ') });
  }
  const variant = variantOf(context);
  const render = async (caseId: string, message?: { text: string; kind: 'good' | 'attention' }) => {
    const current = await deps.store.cases.get(caseId);
    if (!current) return t('errors.unknown_case', { code: caseId });
    return withoutRefresh(
      await deps.cards(current, variant, locale, { message, showHistory: variant === 'personal' }),
    );
  };
  if (action.kind === 'refresh') return render(action.caseId);
  if (!member) return t('me.unknown');

  const result = await deps.workflow.act(action.caseId, action.command, member, {
    basedOnVersion: action.version,
  });
  if (!result.ok) {
    const names = new Map((await deps.store.roster.list()).map((m) => [m.id, m.name]));
    return render(action.caseId, { text: errorText(result.error, t, names), kind: 'attention' });
  }
  const { snoozedUntil, code, policy } = result.case;
  const message = !result.changed
    ? { text: t('cases.messages.unchanged'), kind: 'good' as const }
    : action.command.type === 'snooze' && snoozedUntil
      ? {
          text: t('cases.messages.snoozed', {
            code,
            until: formatDateTime(snoozedUntil, locale, policy.workingTime.timeZone),
          }),
          kind: 'good' as const,
        }
      : undefined;
  return withoutRefresh(
    await deps.cards(result.case, variant, locale, {
      message,
      showHistory: variant === 'personal',
    }),
  );
}
