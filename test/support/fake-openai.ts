import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A fake Azure OpenAI (an OpenAI-compatible chat completions endpoint) on 127.0.0.1 over HTTPS,
 * which teams-ai's OpenAIModel requires for Azure. Its certificate is self-signed and made at
 * start, so no key is ever kept in the repository; a client trusts it through `agent`.
 */

export interface ReceivedRequest {
  method: string;
  /** Path and query: /openai/deployments/<deployment>/chat/completions?api-version=… */
  url: string;
  apiKey: string | undefined;
  body: ChatRequest;
}

export interface ChatRequest {
  model?: string;
  messages: { role: string; content: string }[];
  response_format?: unknown;
}

/** What the server does with a request: a status and a body, or never answer. */
export type Reply = { status: number; body: string } | 'hang';

export interface FakeOpenAi {
  /** The endpoint to configure, e.g. https://127.0.0.1:51234 */
  endpoint: string;
  /** Trusts the server's certificate (and only for this client). */
  agent: https.Agent;
  requests: ReceivedRequest[];
  /** How the next requests are answered; a canned completion by default. */
  reply: (request: ReceivedRequest) => Reply;
  close(): Promise<void>;
}

/** A chat completion whose message is `content`, as Azure OpenAI sends it. */
export const completion = (content: string): Reply => ({
  status: 200,
  body: JSON.stringify({
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 0,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  }),
});

function selfSignedCertificate(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-fake-openai-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const { key, cert } = selfSignedCertificate();
  const requests: ReceivedRequest[] = [];
  const fake = { reply: (_: ReceivedRequest): Reply => completion('{"passages": []}') };
  const server = https.createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: ChatRequest = { messages: [] };
      try {
        body = JSON.parse(text) as ChatRequest;
      } catch {
        // Recorded as empty: the test sees no messages.
      }
      const header = req.headers['api-key'];
      const request: ReceivedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        apiKey: Array.isArray(header) ? header[0] : header,
        body,
      };
      requests.push(request);
      const reply = fake.reply(request);
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new https.Agent({ ca: cert });
  return Object.assign(fake, {
    endpoint: `https://127.0.0.1:${port}`,
    agent,
    requests,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
