import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';

/** A request as bytes and headers, so a test can send what fetch would refuse or rewrite. */
export interface RawRequest {
  method: string;
  path: string;
  headers: OutgoingHttpHeaders;
  body?: Buffer;
}

export type RawOutcome =
  | { ok: true; status: number; headers: IncomingHttpHeaders; body: Buffer }
  /** No answer at all: the connection failed, was reset, or nothing came back in time. */
  | { ok: false; error: string };

/**
 * A client that sends exactly the given headers and body. Node's client still refuses header
 * values with CR, LF or characters past U+00FF, so generators stay within what it allows (as
 * any real client on the network would have to).
 */
export function createRawClient(baseUrl: string) {
  const { hostname, port } = new URL(baseUrl);
  // One kept-alive connection, like a proxy in front of the app; a refusal that closes the
  // connection makes the agent open a new one.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  const send = (request: RawRequest, giveUpAfterMs = 20_000): Promise<RawOutcome> =>
    new Promise((resolve) => {
      let settled = false;
      const settle = (outcome: RawOutcome) => {
        if (settled) return;
        settled = true;
        resolve(outcome);
      };
      let req: http.ClientRequest;
      try {
        req = http.request({
          host: hostname,
          port: Number(port),
          method: request.method,
          path: request.path,
          headers: request.headers,
          agent,
        });
      } catch (err) {
        // Node refused to send it (an invalid header): a generator bug, not the app's.
        settle({ ok: false, error: `client refused to send: ${(err as Error).message}` });
        return;
      }
      req.setTimeout(giveUpAfterMs, () => {
        settle({ ok: false, error: 'no answer' });
        req.destroy();
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          settle({
            ok: true,
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', (err) =>
          settle({ ok: false, error: (err as NodeJS.ErrnoException).code ?? err.message }),
        );
      });
      req.on('error', (err) =>
        settle({ ok: false, error: (err as NodeJS.ErrnoException).code ?? err.message }),
      );
      req.end(request.body);
    });

  return { send, close: () => agent.destroy() };
}

/** The body as JSON, or undefined when it is not JSON. */
export function jsonOf(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
