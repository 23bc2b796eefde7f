import type { IncomingMessage, ServerResponse } from 'node:http';
import restify, { type Request, type Response } from 'restify';
import type { Logger } from '../logging/logger';

export interface HealthReport {
  ok: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export interface HttpRoutes {
  /** The Bot Framework endpoint; it writes its own response. */
  messages(req: Request, res: Response): Promise<void>;
  /** The record system's referral intake (REST). */
  referrals(req: Request, res: Response): Promise<void>;
  /** Liveness: the process, its store and its scheduler work. */
  health(): Promise<HealthReport>;
  /** Readiness: started and not shutting down, so a load balancer may send traffic. */
  ready(): Promise<HealthReport>;
}

/** restify serving the bot endpoint and the health check; no business logic lives here. */
export function createHttpServer(routes: HttpRoutes, logger: Logger): restify.Server {
  const server = restify.createServer({ name: 'hsyre-boten', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    try {
      await routes.messages(req, res);
    } catch (err) {
      // botbuilder rejects an activity that does not parse before its own error handling.
      logger.warn({ reason: (err as Error).message }, 'unprocessable bot request');
      if (!res.headersSent) res.send(400, { error: 'invalid activity' });
    }
  });

  // The Agents Playground (and some monitors) probe the endpoint with HEAD before posting.
  server.head('/api/messages', async (_req: Request, res: Response) => {
    res.writeHead(200);
    res.end();
  });

  server.post('/api/referrals', async (req: Request, res: Response) => routes.referrals(req, res));

  const reportRoute =
    (check: () => Promise<HealthReport>) => async (_req: Request, res: Response) => {
      const report = await check();
      res.send(report.ok ? 200 : 503, report);
    };
  server.get('/healthz', reportRoute(routes.health));
  server.get('/readyz', reportRoute(routes.ready));

  server.on(
    'restifyError',
    (req: IncomingMessage, _res: ServerResponse, err: Error, next: () => void) => {
      logger.warn({ method: req.method, url: req.url, reason: err.message }, 'http error');
      next();
    },
  );
  return server;
}
