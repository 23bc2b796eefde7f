import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHttpsServer } from '@vercel/cosmosdb-server';

export interface CosmosTestServer {
  endpoint: string;
  /** The client must use this agent: the server's bundled certificate expired in 2021. */
  agent: https.Agent;
  stop(): Promise<void>;
}

/**
 * An in-memory Cosmos-compatible server inside the test process. It accepts any key, so it
 * listens on loopback only; nothing survives stop().
 */
export async function startCosmosServer(): Promise<CosmosTestServer> {
  const server = createHttpsServer({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // Scoped to this client instead of NODE_TLS_REJECT_UNAUTHORIZED, which would switch off
  // certificate checks for every TLS connection in the process.
  const agent = new https.Agent({ rejectUnauthorized: false, keepAlive: true });

  return {
    endpoint: `https://127.0.0.1:${port}`,
    agent,
    stop: async () => {
      // Keep-alive sockets would hold server.close() open and keep jest from exiting.
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((err) => (err ? reject(err) : resolve())),
      );
    },
  };
}
