import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { startMain } from '../../support/main-process';
import {
  type Playground,
  PlaygroundEvents,
  REPO_ROOT,
  startPlayground,
  stopProcess,
} from './playground';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'e2e');
export const artifact = (name: string) => path.join(ARTIFACTS, name);

/** i18next-style "{{name}}" interpolation of the bot's own strings. */
export const fill = (template: string, vars: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => vars[key] ?? '');

/** Waits for `promise`, but no longer than `ms`. */
async function withTimeout(promise: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface SessionOptions {
  /** Prefix of this suite's artifacts in test-artifacts/e2e ('' or e.g. 'onboarding-'). */
  prefix: string;
  /** The bot's environment beyond what every session sets (no token, no scheduled messages). */
  env: Record<string, string>;
  viewportHeight: number;
  /** Before the bot starts, with the SQLite file it will open (e.g. to store a first admin). */
  prepare?: (sqliteFile: string) => Promise<void>;
}

/**
 * One suite's run in Microsoft's local Teams emulator: the real entry point (anonymous, as the
 * emulator sends no token) on a fresh SQLite file, the emulator, and headless Chromium on it,
 * offline; plus what the steps do there. Call start() in beforeAll and stop() in afterAll.
 */
export function playgroundSession(options: SessionOptions) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `hsyre-e2e-${options.prefix}`));
  const events = new PlaygroundEvents();
  const sqliteFile = path.join(workDir, 'hsyre.db');
  let bot: ReturnType<typeof startMain> | undefined;
  let playground: Playground | undefined;
  let browser: BrowserContext | undefined;
  let page: Page | undefined;
  let failedStep: string | undefined;

  const current = (): Page => {
    if (!page) throw new Error('the session has not started');
    return page;
  };
  const composer = () =>
    current().locator('[contenteditable="true"][data-lexical-editor="true"]').first();
  const cards = (texts: string[]): Locator =>
    texts.reduce((l, text) => l.filter({ hasText: text }), current().locator('.ac-adaptiveCard'));

  return {
    events,
    get page(): Page {
      return current();
    },
    /** The emulator's own HTTP API (its invoke endpoint acts as another configured user). */
    get playgroundUrl(): string {
      if (!playground) throw new Error('the session has not started');
      return playground.url;
    },
    composer,
    /** The first card in the chat that shows all the texts. */
    card: (...texts: string[]): Locator => cards(texts).first(),
    /** The newest card in the chat that shows all the texts. */
    newestCard: (...texts: string[]): Locator => cards(texts).last(),

    async openChat(name: 'Personal Chat' | 'My Team - General') {
      await current().locator(`button[aria-label="${name}"]`).click();
      await composer().waitFor();
    },
    async send(text: string) {
      await composer().click();
      await current().keyboard.type(text);
      await current().keyboard.press('Enter');
    },
    async screenshot(name: string, focus?: Locator) {
      await focus?.scrollIntoViewIfNeeded();
      // No hover highlight on whatever button the last click left the mouse over.
      await current().mouse.move(0, 0);
      // Let the emulator finish its own scroll and rendering animation.
      await current().waitForTimeout(300);
      await current().screenshot({ path: artifact(name) });
    },
    /** Runs one step; on failure saves a screenshot, and later steps stop at once. */
    async step(name: string, body: () => Promise<void>) {
      if (failedStep) throw new Error(`not run: the step "${failedStep}" failed`);
      try {
        await body();
      } catch (err) {
        failedStep = name;
        await page
          ?.screenshot({
            path: artifact(`${options.prefix}failure-${name.replace(/\W+/g, '-')}.png`),
          })
          .catch(() => undefined);
        throw err;
      }
    },

    async start() {
      if (!fs.existsSync(CHROMIUM)) {
        throw new Error(
          `no Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`,
        );
      }
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await options.prepare?.(sqliteFile);
      bot = startMain(
        {
          PORT: '0',
          HOST: '127.0.0.1',
          MICROSOFT_APP_ID: '',
          SQLITE_FILE: sqliteFile,
          LOG_LEVEL: 'info',
          ESCALATION_CRON: '0 0 1 1 *',
          HEARTBEAT_CRON: '0 0 1 1 *',
          DAILY_SUMMARY: 'false',
          ...options.env,
        },
        workDir,
        { readyTimeoutMs: 60_000 },
      );
      const botUrl = await bot.ready;
      playground = await startPlayground({
        botEndpoint: `${botUrl}/api/messages`,
        cwd: workDir,
        logFile: artifact(`${options.prefix}playground.log`),
      });
      const profile = fs.mkdtempSync(path.join(workDir, 'chromium-'));
      browser = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
        viewport: { width: 1280, height: options.viewportHeight },
        locale: 'nb-NO',
        timezoneId: 'Europe/Oslo',
      });
      // Offline by design: the emulator's web fonts come from a CDN; nothing leaves the machine.
      await browser.route(
        (url) => !['localhost', '127.0.0.1'].includes(url.hostname),
        (route) => route.abort(),
      );
      page = browser.pages()[0] ?? (await browser.newPage());
      page.setDefaultTimeout(15_000);
      events.attach(page);
      // Loaded once: reloading the emulator clears its chats and re-installs the bot.
      await page.goto(playground.url);
      await page.locator('button[title="Hide log panel"]').click();
      await page.locator('button[aria-label="Personal Chat"]').waitFor();
    },

    /** Stops everything and keeps the logs and the emulator's events as artifacts. */
    async stop() {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      fs.writeFileSync(artifact(`${options.prefix}playground-events.jsonl`), events.toJsonLines());
      await withTimeout(browser?.close(), 10_000).catch(() => undefined);
      await stopProcess(playground?.child);
      await stopProcess(bot?.child);
      if (playground) {
        const { stdout, stderr } = playground.output();
        fs.writeFileSync(artifact(`${options.prefix}playground-stdout.log`), `${stdout}${stderr}`);
      }
      if (bot) {
        const { stdout, stderr } = bot.output();
        fs.writeFileSync(artifact(`${options.prefix}bot.log`), `${stdout}${stderr}`);
      }
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}
