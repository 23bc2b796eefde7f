import type { TurnContext } from 'botbuilder';
import type { CaseReads } from '../../app/case-reads';
import type { CaseWorkflow } from '../../app/case-workflow';
import type { Case } from '../../domain/case';
import { formatDateTime } from '../../i18n/format';
import type { Store } from '../../store/port';
import { parseCaseAction } from '../case-action-data';
import { withoutRefresh } from '../case-card';
import type { CaseCards } from '../case-cards';
import { errorText } from '../error-text';
import type { Caller } from '../turn-context';
import { refusedReadText, viewOf } from './case-lookup';

export interface CaseActionDeps {
  store: Store;
  workflow: CaseWorkflow;
  cards: CaseCards;
  reads: CaseReads;
}

/**
 * Every case button (Action.Execute `case.*`). The answer is the case's current card for the
 * person who pressed, with the outcome on it; the channel card is updated in place for everyone
 * by the workflow. Refresh and commands pass the same read rule as `sak` first: somebody who
 * may not see the case gets the same answer as for an unknown one, never a card.
 */
export async function handleCaseAction(
  context: TurnContext,
  caller: Caller,
  data: unknown,
  deps: CaseActionDeps,
): Promise<Record<string, unknown> | string> {
  const { t, locale } = caller;
  const verb = String(
    (context.activity.value as { action?: { verb?: string } })?.action?.verb ?? '',
  );
  const action = parseCaseAction(verb, data);
  if (action.kind === 'invalid') return t('cases.messages.invalidAction');
  if (action.kind === 'invalid-input') {
    return t('cases.messages.invalidForm', { fields: action.fields.join(', ') });
  }
  const view = viewOf(context);
  // The showing is logged here, before the command: every branch below shows the case.
  const read = await deps.reads.byId(caller.member, action.caseId, view);
  if (!read.ok) return refusedReadText(read, caller);
  const render = async (c: Case, message?: { text: string; kind: 'good' | 'attention' }) =>
    withoutRefresh(
      await deps.cards(c, view, locale, { message, showHistory: view === 'personal' }),
    );
  if (action.kind === 'refresh') return render(read.case);

  const result = await deps.workflow.act(action.caseId, action.command, read.member, {
    basedOnVersion: action.version,
    via: view,
  });
  if (!result.ok) {
    const current = (await deps.store.cases.get(action.caseId)) ?? read.case;
    const names = new Map((await deps.store.roster.list()).map((m) => [m.id, m.name]));
    return render(current, { text: errorText(result.error, t, names), kind: 'attention' });
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
  return render(result.case, message);
}
