import { type Activity, CardFactory, type TurnContext } from 'botbuilder';
import type { DirectoryPerson, DirectoryReply, DirectoryZone } from '../../app/admin-replies';
import type { Directory } from '../../app/directory';
import type { MessageReply } from '../../app/reply';
import { renderCard } from '../card-renderer';
import { replyText } from '../reply-text';
import type { Caller } from '../turn-context';

/**
 * `ressurssykepleiere [sone]` / `resource nurses [zone]`; "sone"/"zone" and "i"/"in" before the
 * zone may be written too (`ressurssykepleiere i sone nord`).
 */
export const DIRECTORY_PATTERN =
  /^\s*(?:ressurssykepleiere|resource\s+nurses)(?:\s+(?:(?:i|in)\s+)?(?:(?:sone|zone)\s+)?([^\s?]+))?\s*\??\s*$/i;

/** "hvem er ressurssykepleier(e/en/ne)", "who is/are the resource nurse(s)", … */
const WHO_IS_THE_NURSE =
  /(?:^|[^\p{L}])(?:hvem\s+(?:er|blir|var)|who\s+(?:is|are)|who's)\s+(?:(?:the|our|my|a|en|vår|våre|min|mine)\s+)?(?:ressurssykepleier(?:e|en|ne)?|resource\s+nurses?)(?![\p{L}])/iu;
/** "sone nord", "zone sor", "Sone Sør": the word after sone/zone. */
const ZONE_WORD = /(?:^|[^\p{L}])(?:sone|zone)\s+([\p{L}\d][\p{L}\d-]*)/iu;

/**
 * A question in words for the directory ("hvem er ressurssykepleier i sone nord?", "who is the
 * resource nurse in zone nord?"): undefined when the text is not one, which leaves it to the
 * knowledge answerer. The zone is the word after "sone"/"zone", if any.
 */
export function directoryQuestion(text: string | undefined): { zone?: string } | undefined {
  if (!text || !WHO_IS_THE_NURSE.test(text)) return undefined;
  const zone = ZONE_WORD.exec(text)?.[1];
  return zone ? { zone } : {};
}

/** A Teams deep link that opens a chat with the person, by e-mail or UPN. */
export const chatLink = (email: string): string =>
  `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(email)}`;

/** Teams shows at most ten attachments in one message. */
const CARDS_PER_MESSAGE = 10;

function zoneCard(zone: DirectoryZone, { t }: Caller): Record<string, unknown> {
  const people = (list: readonly DirectoryPerson[]) =>
    list.map((p) => ({ name: p.name, chatUrl: p.email ? chatLink(p.email) : '' }));
  return renderCard('directory', {
    title: t('staff.directory.title', { zone: zone.name }),
    subtitle: t('staff.directory.subtitle', { id: zone.id }),
    groups: [
      { label: t('staff.labels.nurses'), people: people(zone.nurses) },
      { label: t('staff.labels.leaders'), people: people(zone.leaders) },
      { label: t('staff.labels.networkLeaders'), people: people(zone.networkLeaders) },
    ],
    nobody: t('staff.labels.nobody'),
    chat: t('staff.directory.chat'),
    note: t('staff.directory.note'),
  });
}

/** The directory's answer as Teams messages: a card per zone, or the use case's message. */
export function directoryMessages(
  reply: DirectoryReply | MessageReply,
  caller: Caller,
  timeZone: string,
): (Partial<Activity> | string)[] {
  if (reply.kind === 'message') return [replyText(reply, caller, timeZone)];
  if (reply.zones.length === 0) return [caller.t('staff.directory.noZones')];
  const cards = reply.zones.map((z) => CardFactory.adaptiveCard(zoneCard(z, caller)));
  return Array.from({ length: Math.ceil(cards.length / CARDS_PER_MESSAGE) }, (_, i) => ({
    attachmentLayout: 'list',
    attachments: cards.slice(i * CARDS_PER_MESSAGE, (i + 1) * CARDS_PER_MESSAGE),
  }));
}

/** A zone as a person writes it: its id, or its name ("Sør" for "Sone Sør"). */
async function lookUp(directory: Directory, typed: string | undefined) {
  const reply = await directory(typed);
  if (reply.kind !== 'message' || typed === undefined) return reply;
  const all = await directory();
  if (all.kind !== 'directory') return reply;
  const word = typed.toLocaleLowerCase('nb');
  const named = all.zones.filter((z) => {
    const name = z.name.toLocaleLowerCase('nb');
    return name === word || name.split(/\s+/).includes(word);
  });
  return named.length === 1 ? { ...all, zones: named } : reply;
}

async function send(
  context: TurnContext,
  caller: Caller,
  deps: DirectoryHandlerDeps,
  zone?: string,
) {
  const messages = directoryMessages(await lookUp(deps.directory, zone), caller, deps.timeZone);
  for (const m of messages) await context.sendActivity(m);
}

export interface DirectoryHandlerDeps {
  directory: Directory;
  timeZone: string;
}

/** `ressurssykepleiere [sone]`: for anyone, in the roster or not. */
export async function sendDirectory(
  context: TurnContext,
  caller: Caller,
  deps: DirectoryHandlerDeps,
) {
  await send(context, caller, deps, DIRECTORY_PATTERN.exec(context.activity.text ?? '')?.[1]);
}

/**
 * The same question in words, asked before the knowledge answerer: true when it was one and
 * the directory answered it.
 */
export async function answerDirectoryQuestion(
  context: TurnContext,
  caller: Caller,
  deps: DirectoryHandlerDeps,
): Promise<boolean> {
  const question = directoryQuestion(context.activity.text);
  if (!question) return false;
  await send(context, caller, deps, question.zone);
  return true;
}
