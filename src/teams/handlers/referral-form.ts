import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import { DateTime } from 'luxon';
import { z } from 'zod/v4';
import type { CaseWorkflow } from '../../app/case-workflow';
import type { Clock } from '../../domain/clock';
import { type ReferralInput, referralInputSchema } from '../../domain/referral';
import { hasRole } from '../../domain/roster';
import type { Store } from '../../store/port';
import { renderCard } from '../card-renderer';
import { withoutRefresh } from '../case-card';
import type { CaseCards } from '../case-cards';
import { errorText } from '../error-text';
import type { Caller } from '../turn-context';

export const NEW_REFERRAL_PATTERN = /^\s*(ny|new)\s*$/i;
export const SUBMIT_REFERRAL_VERB = 'referral.submit';

const toggle = z.enum(['true', 'false']).transform((v) => v === 'true');

/** What the form's inputs send; every value arrives as a string. */
const formSchema = z.object({
  zoneId: z.string().min(1),
  seriouslyIll: toggle.default(false),
  hospitalContactDate: z.iso.date(),
  hospitalContactTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  patientRef: z.string().trim().min(1),
  note: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
  registerHsyre: toggle.default(true),
});

export interface ReferralFormDeps {
  store: Store;
  workflow: CaseWorkflow;
  cards: CaseCards;
  clock: Clock;
  timeZone: string;
}

async function formCard(caller: Caller, deps: ReferralFormDeps, message = '') {
  const { t } = caller;
  const now = DateTime.fromJSDate(deps.clock.now(), { zone: deps.timeZone });
  const zones = await deps.store.zones.list();
  return renderCard('referral-form', {
    title: t('cases.form.title'),
    intro: t('cases.form.intro'),
    message,
    zones: zones.map((z) => ({ id: z.id, name: z.name })),
    zoneId: zones[0]?.id ?? '',
    today: now.toISODate(),
    nowTime: now.toFormat('HH:mm'),
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

/** `ny`: FVE gets the referral form in a personal chat, where card inputs always arrive. */
export async function sendReferralForm(
  context: TurnContext,
  caller: Caller,
  deps: ReferralFormDeps,
) {
  if (!caller.member || !hasRole(caller.member, 'fve')) {
    await context.sendActivity(caller.t('cases.messages.onlyFve'));
    return;
  }
  if ((await deps.store.zones.list()).length === 0) {
    await context.sendActivity(caller.t('cases.messages.noZones'));
    return;
  }
  await context.sendActivity({
    attachments: [CardFactory.adaptiveCard(await formCard(caller, deps))],
  });
}

/**
 * The form's Action.Execute: the inputs are validated, the hospital's contact time is read in
 * the routine's time zone, and the case goes through the same workflow as the REST intake.
 * A refusal returns the form again with the reason; nothing is stored.
 */
export async function submitReferral(caller: Caller, data: unknown, deps: ReferralFormDeps) {
  const { t, member } = caller;
  if (!member || !hasRole(member, 'fve')) return t('cases.messages.onlyFve');
  const form = formSchema.safeParse(data);
  const fieldsOf = (issues: { path: PropertyKey[] }[]) =>
    [...new Set(issues.map((i) => String(i.path[0] ?? '')))].join(', ');
  if (!form.success) {
    return formCard(
      caller,
      deps,
      t('cases.messages.invalidForm', { fields: fieldsOf(form.error.issues) }),
    );
  }
  const { hospitalContactDate, hospitalContactTime, ...rest } = form.data;
  const hospitalContactAt = DateTime.fromISO(`${hospitalContactDate}T${hospitalContactTime}`, {
    zone: deps.timeZone,
  }).toISO();
  const input = referralInputSchema.safeParse({ ...rest, hospitalContactAt });
  if (!input.success) {
    return formCard(
      caller,
      deps,
      t('cases.messages.invalidForm', { fields: fieldsOf(input.error.issues) }),
    );
  }
  const result = await deps.workflow.register(input.data as ReferralInput, member, 'personal');
  if (!result.ok) return formCard(caller, deps, errorText(result.error, t, new Map()));
  const zone = await deps.store.zones.get(result.case.zoneId);
  const zoneName = zone?.name ?? result.case.zoneId;
  const text =
    result.case.state === 'referred'
      ? t('cases.messages.referredOnly', { code: result.case.code })
      : t(result.cardPosted ? 'cases.messages.posted' : 'cases.messages.notPosted', {
          zone: zoneName,
        });
  const card = await deps.cards(result.case, 'personal', caller.locale, {
    message: {
      text,
      kind: result.cardPosted || result.case.state === 'referred' ? 'good' : 'attention',
    },
  });
  return withoutRefresh(card);
}
