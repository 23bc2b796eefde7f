import { randomUUID } from 'node:crypto';

export interface ActivityOptions {
  serviceUrl: string;
  text?: string;
  value?: unknown;
  from?: { id: string; aadObjectId?: string; name?: string };
  conversationId?: string;
  locale?: string;
}

/** A Teams personal-chat message as the Bot Connector posts it to /api/messages. */
export function messageActivity(options: ActivityOptions) {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: '2026-03-02T09:00:00.000Z',
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    from: options.from ?? { id: '29:user-1', aadObjectId: 'aad-user-1', name: 'Test User' },
    conversation: {
      id: options.conversationId ?? 'a:personal-chat-1',
      conversationType: 'personal',
      tenantId: 'tenant-1',
    },
    recipient: { id: '28:bot-id', name: 'HSYRE-boten' },
    text: options.text,
    value: options.value,
    locale: options.locale ?? 'nb-NO',
    channelData: { tenant: { id: 'tenant-1' } },
  };
}

export async function postActivity(
  baseUrl: string,
  activity: object,
  headers: Record<string, string> = {},
) {
  return fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}

export const TEAM_ID = '19:team-general@thread.tacv2';

/** A message in a team channel (the bot hears it because it was @mentioned). */
export function channelMessageActivity(
  options: ActivityOptions & { channelConversationId: string },
) {
  return {
    ...messageActivity(options),
    conversation: {
      id: `${options.channelConversationId};messageid=1700000000000`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: 'tenant-1',
    },
    channelData: {
      tenant: { id: 'tenant-1' },
      team: { id: TEAM_ID },
      channel: { id: options.channelConversationId },
    },
    // Teams marks the @mention of the bot; teams-ai strips it from the text by this entity.
    entities: [
      {
        type: 'mention',
        mentioned: { id: '28:bot-id', name: 'HSYRE-boten' },
        text: '<at>HSYRE-boten</at>',
      },
    ],
  };
}

export interface InvokeOptions {
  serviceUrl: string;
  verb: string;
  data: unknown;
  from: { id: string; aadObjectId?: string };
  /** Where the card is: a channel thread or a personal chat. */
  conversation: { id: string; conversationType: 'channel' | 'personal' };
  replyToId?: string;
}

/** An Adaptive Card Universal Action (Action.Execute) as Teams posts it. */
export function invokeActivity(options: InvokeOptions) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    timestamp: '2026-03-02T09:00:00.000Z',
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    from: options.from,
    conversation: { ...options.conversation, tenantId: 'tenant-1' },
    recipient: { id: '28:bot-id', name: 'HSYRE-boten' },
    replyToId: options.replyToId,
    locale: 'nb-NO',
    value: {
      action: { type: 'Action.Execute', verb: options.verb, data: options.data },
      trigger: 'manual',
    },
    channelData: { tenant: { id: 'tenant-1' } },
  };
}

export interface InvokeAnswer {
  status: number;
  /** The card the clicker sees, or undefined when the bot answered with a message. */
  // biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON inspected by tests
  card?: any;
  message?: string;
}

export async function postInvoke(baseUrl: string, activity: object): Promise<InvokeAnswer> {
  const response = await postActivity(baseUrl, activity);
  const body = (await response.json()) as { statusCode: number; type: string; value: unknown };
  return body.type === 'application/vnd.microsoft.card.adaptive'
    ? { status: response.status, card: body.value }
    : { status: response.status, message: String(body.value) };
}

interface CardActionJson {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

/** The Action.Execute a card offers under a title, to press it as a user would. */
export function cardAction(
  card: { actions?: CardActionJson[] },
  title: string,
): { verb: string; data: Record<string, unknown> } {
  const action = (card.actions ?? []).find((a) => a.title === title);
  if (!action) {
    const titles = (card.actions ?? []).map((a) => a.title).join(' | ');
    throw new Error(`no action "${title}" on the card; it has: ${titles}`);
  }
  return { verb: action.verb, data: action.data };
}

/** Presses a card's button where the card is, as Teams would post it, with any inputs merged. */
export function pressCardButton(
  target: { botUrl: string; serviceUrl: string },
  card: { actions?: CardActionJson[] },
  title: string,
  where: Omit<InvokeOptions, 'serviceUrl' | 'verb' | 'data'>,
  inputs: object = {},
): Promise<InvokeAnswer> {
  const { verb, data } = cardAction(card, title);
  return postInvoke(
    target.botUrl,
    invokeActivity({ serviceUrl: target.serviceUrl, verb, data: { ...data, ...inputs }, ...where }),
  );
}

/** A card's facts as a title → value map. */
// biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON
export function cardFacts(card: any): Record<string, string> {
  const facts: Record<string, string> = {};
  const visit = (items: unknown[]) => {
    for (const item of items as {
      type: string;
      facts?: { title: string; value: string }[];
      items?: unknown[];
    }[]) {
      if (item.type === 'FactSet' && item.facts)
        for (const f of item.facts) facts[f.title] ??= f.value;
      if (item.items) visit(item.items);
    }
  };
  visit(card.body ?? []);
  return facts;
}
