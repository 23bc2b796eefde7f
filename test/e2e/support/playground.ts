import { type ChildProcess, spawn } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { captureOutput } from '../../support/main-process';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
/** The repository's emulator config: the demo roster's users, the bot named "HSYRE-boten". */
export const PLAYGROUND_CONFIG = path.join(REPO_ROOT, '.m365agentsplayground.yml');
const PLAYGROUND_CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');

/** A port nobody listens on right now (the emulator still falls back to another if taken). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves when the child has exited; SIGTERM first, SIGKILL when it does not stop in time. */
export async function stopProcess(child: ChildProcess | undefined, graceMs = 5000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export interface Playground {
  child: ChildProcess;
  /** The emulator's web UI and its API, e.g. http://localhost:56150 */
  url: string;
  output(): { stdout: string; stderr: string };
}

/**
 * Starts Microsoft 365 Agents Playground (the local Teams emulator from npm) pointed at the
 * bot's endpoint, with no browser of its own, no telemetry, and its log file where we say.
 * Resolves once its HTTP server answers.
 */
export async function startPlayground(options: {
  botEndpoint: string;
  cwd: string;
  logFile: string;
  timeoutMs?: number;
}): Promise<Playground> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const child = spawn(
    process.execPath,
    [
      PLAYGROUND_CLI,
      '-e',
      options.botEndpoint,
      '-c',
      'msteams',
      '-p',
      String(await freePort()),
      '--disable-telemetry',
    ],
    {
      cwd: options.cwd,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: PLAYGROUND_CONFIG,
        M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const out = captureOutput(child);
  const playground = { child, url: '', output: () => ({ ...out }) };

  const deadline = Date.now() + timeoutMs;
  const failure = (why: string) =>
    new Error(`Agents Playground ${why}\nstdout: ${out.stdout}\nstderr: ${out.stderr}`);
  // It prints "Listening on <port>", which may differ from -p when that port is taken.
  let port: string | undefined;
  while (!port) {
    if (child.exitCode !== null) throw failure(`exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw failure('did not start listening in time');
    port = /Listening on (\d+)/.exec(out.stdout)?.[1];
    if (!port) await sleep(100);
  }
  playground.url = `http://localhost:${port}`;
  for (;;) {
    const ok = await fetch(playground.url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return playground;
    if (child.exitCode !== null) throw failure(`exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw failure('UI did not answer in time');
    await sleep(200);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One message of the emulator's own WebSocket to its UI: what the bot sent (`createMessage`,
 * `updateMessage`) and the log panel's entries, each with the HTTP request and response between
 * the emulator and the bot. Reading them lets the test check the protocol behind the UI.
 */
export interface PlaygroundEvent {
  action?: string;
  actionConversationId?: string;
  message?: { messageId?: string; text?: string; attachments?: unknown[] };
  log?: {
    activityName?: string;
    conversationId?: string;
    messageId?: string;
    from?: string;
    to?: string;
    request?: { body?: unknown };
    response?: { statusCode?: number; body?: unknown };
  };
}

/** Collects the emulator's WebSocket events as the page receives them. */
export class PlaygroundEvents {
  readonly all: PlaygroundEvent[] = [];

  /** Call before the page loads the emulator, or the first events are missed. */
  attach(page: Page): void {
    page.on('websocket', (ws) => {
      ws.on('framereceived', ({ payload }) => {
        try {
          this.all.push(JSON.parse(String(payload)) as PlaygroundEvent);
        } catch {
          // not JSON: not one of the emulator's events
        }
      });
    });
  }

  /** The first event (from index `from` on) that matches, waiting for it up to `timeoutMs`. */
  async waitFor(
    what: string,
    matches: (event: PlaygroundEvent) => boolean,
    options: { from?: number; timeoutMs?: number } = {},
  ): Promise<PlaygroundEvent> {
    const deadline = Date.now() + (options.timeoutMs ?? 15_000);
    for (;;) {
      const found = this.all.slice(options.from ?? 0).find(matches);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no emulator event: ${what}`);
      await sleep(100);
    }
  }

  toJsonLines(): string {
    return this.all.map((e) => JSON.stringify(e)).join('\n');
  }
}
