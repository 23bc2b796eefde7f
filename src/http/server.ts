import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import restify, { type Request, type Response } from 'restify';
import type { Logger } from '../logging/logger';
import { rateLimitedLog } from '../logging/rate-limited-log';
import { jsonBody } from './json-body';

type RestifyError = Error & { statusCode?: number; code?: string; toJSON?: () => object };

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
  /** Other areas' routes (the compliance tab's page and API); each mounts its own. */
  mount?: readonly ((server: restify.Server) => void)[];
}

/** restify serving the bot endpoint and the health check; no business logic lives here. */
export function createHttpServer(routes: HttpRoutes, logger: Logger): restify.Server {
  const server = restify.createServer({ name: 'hsyre-boten', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser());
  // Not restify's bodyParser: it inflates gzip without a size limit on the result, lets a bad
  // gzip stream crash the process, and writes multipart bodies to disk.
  const bodyRefused = rateLimitedLog(logger, 'warn', 'request body refused');
  server.use(
    jsonBody({
      onRefused: ({ status, body }) => bodyRefused({ status, error: body.error }),
      onFailure: (err) => logger.error({ errorName: (err as Error)?.name }, 'request failed'),
    }),
  );

  server.post('/api/messages', async (req: Request, res: Response) => {
    try {
      await routes.messages(req, res);
    } catch (err) {
      // The adapter answers bad requests itself, so a throw is a bug on our side. Where it
      // happened is logged, not the message, which may quote the request.
      const { name, stack = '' } = err as Error;
      logger.error(
        { errorName: name, at: stack.split('\n').slice(1, 6).join('\n') },
        'bot request failed',
      );
      if (!res.headersSent) res.send(500, { error: 'internal_error' });
    }
  });

  // The Agents Playground (and some monitors) probe the endpoint with HEAD before posting.
  server.head('/api/messages', async (_req: Request, res: Response) => {
    res.writeHead(200);
    res.end();
  });

  server.post('/api/referrals', async (req: Request, res: Response) => routes.referrals(req, res));
  for (const mount of routes.mount ?? []) mount(server);

  const reportRoute =
    (check: () => Promise<HealthReport>) => async (_req: Request, res: Response) => {
      const report = await check();
      res.send(report.ok ? 200 : 503, report);
    };
  server.get('/healthz', reportRoute(routes.health));
  server.get('/readyz', reportRoute(routes.ready));

  // Anyone can provoke these (a 404 probe, a wrong method), so the log is rate-limited.
  // restify's message quotes the requested path ("/x does not exist"): neither the log nor
  // the answer repeats it.
  const httpError = rateLimitedLog(logger, 'warn', 'http error');
  server.on(
    'restifyError',
    (req: IncomingMessage, _res: ServerResponse, err: RestifyError, next: () => void) => {
      const status = err.statusCode ?? 500;
      httpError({ method: req.method, status, error: err.name });
      err.toJSON = () => ({ code: err.code ?? err.name, message: STATUS_CODES[status] ?? '' });
      next();
    },
  );
  return server;
}
