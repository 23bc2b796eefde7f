import type { ConversationReference } from 'botbuilder';
import type { ConnectorClient, ConnectorFactory } from 'botframework-connector';
import type { HsyreTeamsAdapter } from './bot-adapter';

/** More service URLs than Teams has regions means something is wrong; the oldest goes first. */
const MAX_CLIENTS = 64;

export interface ConnectorClients {
  /** The connector client for a service URL, the same one every time while it is kept. */
  forServiceUrl(
    serviceUrl: string,
    reference: Partial<ConversationReference>,
  ): Promise<ConnectorClient>;
}

/**
 * Bot Connector clients for proactive requests, one per service URL, made by the adapter's own
 * connector factory. continueConversationAsync builds a connector client, a token client and a
 * turn for every request, and each new client opens a new connection: most of what a channel
 * card update costs apart from the request itself. A kept client reuses its connection; its
 * credentials fetch and renew the token per request as before (botframework-connector caches
 * tokens process-wide).
 */
export function createConnectorClients(
  adapter: HsyreTeamsAdapter,
  botAppId: string,
): ConnectorClients {
  let factory: Promise<ConnectorFactory> | undefined;
  const clients = new Map<string, Promise<ConnectorClient>>();

  // The adapter gives its connector factory (for the bot's app id and cloud settings) only to
  // a turn; one proactive turn, which sends nothing, fetches it.
  const connectorFactory = (reference: Partial<ConversationReference>) => {
    factory ??= new Promise<ConnectorFactory>((resolve, reject) => {
      adapter
        .continueConversationAsync(botAppId, reference, async (context) => {
          resolve(context.turnState.get<ConnectorFactory>(adapter.ConnectorFactoryKey));
        })
        .catch(reject);
    });
    const pending = factory;
    pending.catch(() => {
      if (factory === pending) factory = undefined;
    });
    return pending;
  };

  return {
    forServiceUrl(serviceUrl, reference) {
      let client = clients.get(serviceUrl);
      if (!client) {
        // The audience is the factory's default, as for continueConversationAsync.
        const made = connectorFactory(reference).then((f) => f.create(serviceUrl));
        client = made;
        made.catch(() => {
          if (clients.get(serviceUrl) === made) clients.delete(serviceUrl);
        });
        if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value as string);
        clients.set(serviceUrl, made);
      }
      return client;
    },
  };
}
