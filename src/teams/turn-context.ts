import type { TurnContext } from 'botbuilder';
import type { People } from '../app/people';
import type { Locale, StaffMember } from '../domain/roster';
import type { Translate, Translator } from '../i18n/i18n';
import { localeFromTag } from '../i18n/i18n';

/** What every handler needs: who is asking (from the roster), and in which language to answer. */
export interface Caller {
  member: StaffMember | undefined;
  locale: Locale;
  t: Translate;
}

/** Roster ids are Entra object ids where Teams sends one, so an admin can enter them from Entra. */
export const callerId = (context: TurnContext): string =>
  context.activity.from?.aadObjectId ?? context.activity.from?.id ?? '';

const CALLER_KEY = Symbol('hsyre.caller');

/**
 * Who is asking, read from the roster once per turn: the privacy guard, the contact memory and
 * the handler all need it, and the roster read is on every request's path.
 */
export function resolveCaller(
  context: TurnContext,
  people: People,
  translator: Translator,
  defaultLocale: Locale,
): Promise<Caller> {
  const cached = context.turnState.get(CALLER_KEY) as Promise<Caller> | undefined;
  if (cached) return cached;
  const resolved = people.identify(callerId(context)).then((member) => {
    const locale = member?.locale ?? localeFromTag(context.activity.locale, defaultLocale);
    return { member, locale, t: translator.forLocale(locale) };
  });
  context.turnState.set(CALLER_KEY, resolved);
  return resolved;
}

/**
 * Remembers where Teams reaches a rostered member (user id, tenant, service URL), so a reminder
 * can later open a personal chat with them.
 */
export async function rememberContact(context: TurnContext, member: StaffMember, people: People) {
  const { from, conversation, serviceUrl } = context.activity;
  if (!from?.id || !serviceUrl) return;
  await people.rememberContact(member, {
    userId: from.id,
    tenantId: conversation?.tenantId,
    serviceUrl,
  });
}
