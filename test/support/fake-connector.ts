import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  /**
   * 'send' (new activity), 'reply' (to an activity), 'update' (in place), 'createConversation'
   * (for a new channel post, conversationId is the channel's id).
   */
  kind: 'send' | 'reply' | 'update' | 'createConversation' | 'getMember';
  conversationId?: string;
  activityId?: string;
  // biome-ignore lint/suspicious/noExplicitAny: recorded Bot Framework JSON, inspected by tests
  body: any;
  /** What the fake answered (the new activity's or conversation's id). */
  response?: { id?: string; activityId?: string };
}

export interface FakeConnector {
  readonly serviceUrl: string;
  readonly calls: RecordedCall[];
  /** The next `count` requests are answered with `status` (and recorded with it), as a throttled Teams would. */
  refuseNext(count: number, status: number): void;
  /**
   * The next call matching `match` is recorded and handed to `then` but never answered, as when
   * the bot dies after Teams received a message and before it could learn so.
   */
  holdNext(match: (call: RecordedCall) => boolean, then: (call: RecordedCall) => void): void;
  /**
   * People `GET /v3/conversations/{id}/members/{member}` (TeamsInfo.getMember) finds, by Teams
   * id, Entra object id or UPN; anybody else is 404, as Teams answers for a non-member.
   */
  addMember(member: {
    id: string;
    aadObjectId?: string;
    name: string;
    email?: string;
    userPrincipalName?: string;
  }): void;
  /** Resolves when at least `count` calls have been recorded. */
  waitForCalls(count: number, timeoutMs?: number): Promise<RecordedCall[]>;
  stop(): Promise<void>;
}

const ROUTES: { pattern: RegExp; method: string; kind: RecordedCall['kind'] }[] = [
  { method: 'POST', pattern: /^\/v3\/conversations\/?$/, kind: 'createConversation' },
  { method: 'POST', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/?$/, kind: 'send' },
  { method: 'POST', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/, kind: 'reply' },
  { method: 'PUT', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/, kind: 'update' },
  { method: 'GET', pattern: /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/, kind: 'getMember' },
];

/**
 * A small HTTP server on loopback playing the Bot Connector's /v3/conversations endpoints,
 * recording what the bot sends. restify patches writeHead process-wide, so writeHead and end
 * are called separately.
 */
export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: RecordedCall[] = [];
  const waiters: (() => void)[] = [];
  let nextId = 1;
  const refusals: number[] = [];
  const members: Parameters<FakeConnector['addMember']>[0][] = [];
  let hold: { match: (call: RecordedCall) => boolean; then: (call: RecordedCall) => void } | null =
    null;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const route = ROUTES.find((r) => r.method === req.method && r.pattern.test(url.pathname));
      if (!route) {
        res.writeHead(404);
        res.end();
        return;
      }
      const refusal = refusals.shift();
      if (refusal !== undefined) {
        res.writeHead(refusal, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end(JSON.stringify({ error: { code: 'Throttled', message: 'refused by the test' } }));
        return;
      }
      const match = url.pathname.match(route.pattern) ?? [];
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? JSON.parse(text) : undefined;
      const call: RecordedCall = {
        method: req.method ?? '',
        kind: route.kind,
        conversationId: match[1] && decodeURIComponent(match[1]),
        activityId: match[2] && decodeURIComponent(match[2]),
        body,
      };
      calls.push(call);
      for (const wake of waiters.splice(0)) wake();
      if (hold?.match(call)) {
        const { then } = hold;
        hold = null;
        then(call);
        return;
      }
      if (route.kind === 'getMember') {
        const wanted = call.activityId?.toLowerCase();
        const found = members.find((m) =>
          [m.id, m.aadObjectId, m.userPrincipalName].some((k) => k?.toLowerCase() === wanted),
        );
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            found ?? { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } },
          ),
        );
        return;
      }
      const id = route.kind === 'update' ? call.activityId : `activity-${nextId++}`;
      // Like Teams: a new channel post is a conversation "<channel>;messageid=<post id>".
      const channel: string | undefined = body?.channelData?.channel?.id;
      if (route.kind === 'createConversation') call.conversationId = channel;
      const payload =
        route.kind !== 'createConversation'
          ? { id }
          : channel
            ? { id: `${channel};messageid=${id}`, activityId: id }
            : { id: `conversation-${nextId++}` };
      call.response = payload;
      res.writeHead(route.kind === 'createConversation' ? 201 : 200, {
        'content-type': 'application/json',
      });
      res.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    refuseNext(count, status) {
      for (let i = 0; i < count; i++) refusals.push(status);
    },
    addMember(member) {
      members.push(member);
    },
    holdNext(match, then) {
      hold = { match, then };
    },
    async waitForCalls(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (calls.length < count) {
        const remaining = deadline - Date.now();
        if (remaining <= 0)
          throw new Error(`expected ${count} connector calls, got ${calls.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return calls;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
