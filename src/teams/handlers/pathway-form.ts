import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { PathwayForm, PathwayFormReply } from '../../app/pathway-form';
import type { PathwayReply } from '../../app/pathway-reply';
import type { MessageReply } from '../../app/reply';
import { renderCard } from '../card-renderer';
import type { PathwayCards } from '../pathway-cards';
import { renderPathwayReply } from '../render-pathway-reply';
import { replyText } from '../reply-text';
import type { Caller } from '../turn-context';
import { viewOf } from './case-lookup';

export const NEW_PATHWAY_PATTERN = /^\s*(ny\s+pakkeforløp|new\s+pathway)\s*$/i;
export const SUBMIT_PATHWAY_VERB = 'pathwayForm.submit';

export interface PathwayFormDeps {
  form: PathwayForm;
  cards: PathwayCards;
  timeZone: string;
}

function formCard(caller: Caller, reply: PathwayFormReply, timeZone: string) {
  const { t } = caller;
  return renderCard('pathway-form', {
    title: t('pathways.form.title'),
    intro: t('pathways.form.intro'),
    message: reply.message ? replyText(reply.message, caller, timeZone) : '',
    zones: reply.zones,
    zoneId: reply.zones[0]?.id ?? '',
    today: reply.today,
    labels: {
      zone: t('pathways.form.zone'),
      patientRef: t('pathways.form.patientRef'),
      diagnosisDate: t('pathways.form.diagnosisDate'),
      hasServices: t('pathways.form.hasServices'),
      gpAgreement: t('pathways.form.gpAgreement'),
      caseCode: t('pathways.form.caseCode'),
      submit: t('pathways.form.submit'),
    },
  });
}

const render = (
  reply: PathwayFormReply | PathwayReply | MessageReply,
  caller: Caller,
  deps: PathwayFormDeps,
) =>
  reply.kind === 'pathwayForm'
    ? formCard(caller, reply, deps.timeZone)
    : renderPathwayReply(reply, caller, deps.cards, deps.timeZone);

/** `ny pakkeforløp`: FVE gets the registration form in a personal chat, where inputs arrive. */
export async function sendPathwayForm(context: TurnContext, caller: Caller, deps: PathwayFormDeps) {
  const shown = await render(await deps.form.open(caller.member, viewOf(context)), caller, deps);
  await context.sendActivity(
    typeof shown === 'string' ? shown : { attachments: [CardFactory.adaptiveCard(shown)] },
  );
}

/** The form's Action.Execute: the use case validates and registers; the answer is rendered. */
export async function submitPathway(caller: Caller, data: unknown, deps: PathwayFormDeps) {
  return render(await deps.form.submit(caller.member, data), caller, deps);
}
