import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { FormReply, ReferralForm } from '../../app/referral-form';
import type { CaseReply, MessageReply } from '../../app/reply';
import { renderCard } from '../card-renderer';
import type { CaseCards } from '../case-cards';
import { renderReply } from '../render-reply';
import { replyText } from '../reply-text';
import type { Caller } from '../turn-context';

export const NEW_REFERRAL_PATTERN = /^\s*(ny|new)\s*$/i;
export const SUBMIT_REFERRAL_VERB = 'referral.submit';

export interface ReferralFormDeps {
  form: ReferralForm;
  cards: CaseCards;
  timeZone: string;
}

function formCard(caller: Caller, reply: FormReply, timeZone: string) {
  const { t } = caller;
  return renderCard('referral-form', {
    title: t('cases.form.title'),
    intro: t('cases.form.intro'),
    message: reply.message ? replyText(reply.message, caller, timeZone) : '',
    zones: reply.zones,
    zoneId: reply.zones[0]?.id ?? '',
    today: reply.today,
    nowTime: reply.nowTime,
    labels: {
      zone: t('cases.form.zone'),
      seriouslyIll: t('cases.form.seriouslyIll'),
      hospitalContactDate: t('cases.form.hospitalContactDate'),
      hospitalContactTime: t('cases.form.hospitalContactTime'),
      patientRef: t('cases.form.patientRef'),
      note: t('cases.form.note'),
      registerHsyre: t('cases.form.registerHsyre'),
      submit: t('cases.form.submit'),
    },
  });
}

const render = (
  reply: FormReply | CaseReply | MessageReply,
  caller: Caller,
  deps: ReferralFormDeps,
) =>
  reply.kind === 'referralForm'
    ? formCard(caller, reply, deps.timeZone)
    : renderReply(reply, caller, deps.cards, deps.timeZone);

/** `ny`: FVE gets the referral form in a personal chat, where card inputs always arrive. */
export async function sendReferralForm(
  context: TurnContext,
  caller: Caller,
  deps: ReferralFormDeps,
) {
  const shown = await render(await deps.form.open(caller.member), caller, deps);
  await context.sendActivity(
    typeof shown === 'string' ? shown : { attachments: [CardFactory.adaptiveCard(shown)] },
  );
}

/** The form's Action.Execute: the use case validates and registers; the answer is rendered. */
export async function submitReferral(caller: Caller, data: unknown, deps: ReferralFormDeps) {
  return render(await deps.form.submit(caller.member, data), caller, deps);
}
