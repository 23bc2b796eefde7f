import type { AddressInfo } from 'node:net';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import restify from 'restify';

const STATIC_CARD = {
  type: 'AdaptiveCard' as const,
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'HSYRE ny pas. · AAAAA' }],
};

/**
 * The floor of this stack: a teams-ai Application on restify and CloudAdapter (anonymous) that
 * answers the claim invoke with a static card and does nothing else.
 */
export async function startFloorBot() {
  const adapter = new TeamsAdapter({
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppType: 'MultiTenant',
  });
  const app = new Application({ adapter, botAppId: '', startTypingTimer: false });
  app.adaptiveCards.actionExecute('case.claim', async () => STATIC_CARD);
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
