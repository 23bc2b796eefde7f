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
