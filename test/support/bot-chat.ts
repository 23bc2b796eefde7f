import type { StaffMember } from '../../src/domain/roster';
import {
  channelMessageActivity,
  type InvokeAnswer,
  invokeActivity,
  messageActivity,
  postActivity,
  postInvoke,
  TEAM_ID,
} from './activities';
import type { FakeConnector, RecordedCall } from './fake-connector';

// biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON inspected by tests
export type CardJson = any;

export const from = (m: Pick<StaffMember, 'id'>) => ({ id: `29:${m.id}`, aadObjectId: m.id });

export type Where = 'personal' | { channel: string };

/**
 * Talks to the bot as Teams would, and reads what it answered from the fake connector: the
 * messages it sent in reply to this one activity.
 */
export function botChat(target: { url: string }, connector: FakeConnector) {
  async function say(
    text: string,
    who: Pick<StaffMember, 'id'>,
    where: Where = 'personal',
    options: { locale?: string; expect?: number } = {},
  ): Promise<RecordedCall[]> {
    const before = connector.calls.length;
    const activity =
      where === 'personal'
        ? messageActivity({
            serviceUrl: connector.serviceUrl,
            text,
            from: from(who),
            conversationId: `a:${who.id}`,
            locale: options.locale,
          })
        : channelMessageActivity({
            serviceUrl: connector.serviceUrl,
            text: `<at>HSYRE-boten</at> ${text}`,
            from: from(who),
            channelConversationId: where.channel,
            locale: options.locale,
          });
    const response = await postActivity(target.url, activity);
    if (response.status !== 200) throw new Error(`the bot answered ${response.status}`);
    // The turn is over when the HTTP answer comes: every reply has been sent by then.
    const calls = connector.calls.slice(before);
    if (options.expect !== undefined && calls.length !== options.expect) {
      throw new Error(`expected ${options.expect} calls, got ${calls.length}`);
    }
    return calls;
  }

  /** The bot's replies to a message: their texts and cards. */
  async function ask(
    text: string,
    who: Pick<StaffMember, 'id'>,
    where: Where = 'personal',
    options: { locale?: string } = {},
  ): Promise<{ texts: string[]; cards: CardJson[] }> {
    const calls = (await say(text, who, where, options)).filter((c) => c.kind === 'reply');
    return {
      texts: calls.flatMap((c) => (c.body.text ? [String(c.body.text)] : [])),
      cards: calls.flatMap((c) =>
        (c.body.attachments ?? []).map((a: { content: CardJson }) => a.content),
      ),
    };
  }

  /** An Action.Execute as Teams posts it, with the inputs merged into its data. */
  function press(
    verb: string,
    data: object,
    who: Pick<StaffMember, 'id'>,
    where: Where = 'personal',
  ): Promise<InvokeAnswer> {
    const activity = invokeActivity({
      serviceUrl: connector.serviceUrl,
      verb,
      data,
      from: from(who),
      conversation:
        where === 'personal'
          ? { id: `a:${who.id}`, conversationType: 'personal' }
          : { id: `${where.channel};messageid=1700000000000`, conversationType: 'channel' },
      replyToId: 'card-1',
    });
    return postInvoke(
      target.url,
      where === 'personal'
        ? activity
        : {
            ...activity,
            channelData: {
              tenant: { id: 'tenant-1' },
              team: { id: TEAM_ID },
              channel: { id: where.channel },
            },
          },
    );
  }

  return { say, ask, press };
}

interface ActionJson {
  type: string;
  title?: string;
  verb?: string;
  url?: string;
  data?: Record<string, unknown>;
  card?: CardJson;
}

/** Every action in a card: top-level, in ActionSets, and inside ShowCards, in order. */
export function allActions(card: CardJson): ActionJson[] {
  const found: ActionJson[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const item = node as Record<string, unknown>;
    if (typeof item.type === 'string' && item.type.startsWith('Action.')) {
      found.push(item as unknown as ActionJson);
    }
    for (const value of Object.values(item)) visit(value);
  };
  visit(card);
  return found;
}

/** The Action.Execute with this title (anywhere in the card); throws with the titles it has. */
export function executeAction(card: CardJson, title: string): { verb: string; data: object } {
  const actions = allActions(card).filter((a) => a.type === 'Action.Execute');
  const action = actions.find((a) => a.title === title);
  if (!action?.verb) {
    throw new Error(
      `no "${title}" on the card; it has: ${actions.map((a) => a.title).join(' | ')}`,
    );
  }
  return { verb: action.verb, data: action.data ?? {} };
}

/** Every input in a card (ShowCards included), by id. */
export function inputsOf(card: CardJson): Map<string, Record<string, unknown>> {
  const inputs = new Map<string, Record<string, unknown>>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const item = node as Record<string, unknown>;
    if (typeof item.type === 'string' && item.type.startsWith('Input.')) {
      inputs.set(String(item.id), item);
    }
    for (const value of Object.values(item)) visit(value);
  };
  visit(card);
  return inputs;
}

/** All the text a card shows (TextBlocks and facts), joined, to look for words in it. */
export function cardText(card: CardJson): string {
  const parts: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const item = node as Record<string, unknown>;
    if (item.type === 'TextBlock' && typeof item.text === 'string') parts.push(item.text);
    if (typeof item.title === 'string' && typeof item.value === 'string') {
      parts.push(`${item.title}: ${item.value}`);
    }
    for (const value of Object.values(item)) visit(value);
  };
  visit(card);
  return parts.join('\n');
}
