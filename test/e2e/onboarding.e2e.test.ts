/**
 * Setting up a municipality in Microsoft's local Teams emulator (Agents Playground), driven in
 * headless Chromium from an empty store: the admin adds a zone from `soner`, links the team
 * channel with `koble sone`, appoints a resource nurse from `ansatte`, and anybody finds her in
 * the directory (`ressurssykepleiere`, or the question in words). Runs with `npm run test:e2e`.
 *
 * The emulator has no people picker (its typeahead is not supported), so the nurse's Entra
 * object id goes through the card's fallback text input, with her name typed, as the README
 * says. Screenshots go to test-artifacts/e2e/onboarding-*.png; the directory card also to
 * docs/playground-directory.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import nbCases from '../../locales/nb.cases.json';
import nbStaff from '../../locales/nb.staff.json';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { startMain } from '../support/main-process';
import {
  type Playground,
  PlaygroundEvents,
  REPO_ROOT,
  startPlayground,
  stopProcess,
} from './support/playground';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'e2e');
const artifact = (name: string) => path.join(ARTIFACTS, name);

/**
 * The emulator's current user (.m365agentsplayground.yml). Her aadObjectId is not a GUID, so
 * BOOTSTRAP_ADMINS (which takes Entra object ids only) cannot name her: the store is given its
 * first admin directly, as the bootstrap would have stored her.
 */
const ALEX = { id: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
const ZONE = { id: 'vest', name: 'Sone Vest' };
const NURSE = {
  id: '6b1c2d3e-0000-4000-8000-0000000000e2',
  name: 'Nora Ny',
  email: 'nora.ny@kommune.no',
};

const fill = (template: string, vars: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => vars[key] ?? '');

async function withTimeout(promise: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('setting up a municipality in the Teams emulator (Agents Playground)', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-e2e-onboarding-'));
  const events = new PlaygroundEvents();
  let bot: ReturnType<typeof startMain> | undefined;
  let playground: Playground | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;

  let failedStep: string | undefined;
  async function step(name: string, body: () => Promise<void>) {
    if (failedStep) throw new Error(`not run: the step "${failedStep}" failed`);
    try {
      await body();
    } catch (err) {
      failedStep = name;
      await page
        ?.screenshot({ path: artifact(`onboarding-failure-${name.replace(/\W+/g, '-')}.png`) })
        .catch(() => undefined);
      throw err;
    }
  }

  const composer = () =>
    page.locator('[contenteditable="true"][data-lexical-editor="true"]').first();
  /** The newest card that shows all the texts. */
  const card = (...texts: string[]): Locator =>
    texts.reduce((l, text) => l.filter({ hasText: text }), page.locator('.ac-adaptiveCard')).last();
  async function openChat(name: 'Personal Chat' | 'My Team - General') {
    await page.locator(`button[aria-label="${name}"]`).click();
    await composer().waitFor();
  }
  async function send(text: string) {
    await composer().click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }
  async function screenshot(name: string, focus?: Locator) {
    await focus?.scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifact(name) });
  }

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const db = path.join(workDir, 'hsyre.db');
    const store = openSqliteStore(db);
    // The emulator sends en-US as everybody's locale; the roster sets Bokmål, as the demo does.
    await store.roster.put({ ...ALEX, roles: ['admin'], zoneIds: [], locale: 'nb' });
    await store.close();

    bot = startMain(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        MICROSOFT_APP_ID: '',
        DEMO_DATA: 'false',
        SQLITE_FILE: db,
        LOG_LEVEL: 'info',
        ESCALATION_CRON: '0 0 1 1 *',
        HEARTBEAT_CRON: '0 0 1 1 *',
        DAILY_SUMMARY: 'false',
      },
      workDir,
      { readyTimeoutMs: 60_000 },
    );
    const botUrl = await bot.ready;
    playground = await startPlayground({
      botEndpoint: `${botUrl}/api/messages`,
      cwd: workDir,
      logFile: artifact('onboarding-playground.log'),
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
      viewport: { width: 1280, height: 1000 },
      locale: 'nb-NO',
      timezoneId: 'Europe/Oslo',
    });
    await browser.route(
      (url) => !['localhost', '127.0.0.1'].includes(url.hostname),
      (route) => route.abort(),
    );
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(15_000);
    events.attach(page);
    await page.goto(playground.url);
    await page.locator('button[title="Hide log panel"]').click();
    await page.locator('button[aria-label="Personal Chat"]').waitFor();
  }, 120_000);

  afterAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(artifact('onboarding-playground-events.jsonl'), events.toJsonLines());
    await withTimeout(browser?.close(), 10_000).catch(() => undefined);
    await stopProcess(playground?.child);
    await stopProcess(bot?.child);
    if (bot) {
      const { stdout, stderr } = bot.output();
      fs.writeFileSync(artifact('onboarding-bot.log'), `${stdout}${stderr}`);
    }
    fs.rmSync(workDir, { recursive: true, force: true });
  }, 30_000);

  it('the admin adds the first zone from `soner`', () =>
    step('add zone', async () => {
      await openChat('Personal Chat');
      await send('soner');
      const zones = card(nbStaff.zonesCard.emptyAdmin);
      await zones.waitFor();
      await zones.getByRole('button', { name: nbStaff.zonesCard.add }).click();
      await zones.getByRole('textbox', { name: nbStaff.zonesCard.newZoneId }).fill(ZONE.id);
      await zones.getByRole('textbox', { name: nbStaff.zonesCard.newZoneName }).fill(ZONE.name);
      await zones.getByRole('button', { name: nbStaff.zonesCard.create }).click();
      const added = card(fill(nbStaff.zones.added, { zone: ZONE.name, id: ZONE.id }));
      await added.waitFor();
      await added.getByText(`${ZONE.name} (${ZONE.id})`).first().waitFor();
      await screenshot('onboarding-01-zone-added.png', added);
    }));

  it('links the team channel with `koble sone`', () =>
    step('link channel', async () => {
      await openChat('My Team - General');
      await composer().click();
      await page.keyboard.type('@');
      await page.getByRole('menuitem').filter({ hasText: 'HSYRE-boten' }).click();
      await page.keyboard.type(` koble sone ${ZONE.id}`);
      await page.keyboard.press('Enter');
      await page
        .getByText(fill(nbCases.messages.zoneLinked, { zone: ZONE.name }))
        .first()
        .waitFor();
    }));

  it('appoints a resource nurse from `ansatte`, her id through the fallback input', () =>
    step('appoint nurse', async () => {
      await openChat('Personal Chat');
      await send(`ansatte ${ZONE.id}`);
      const staff = card(fill(nbStaff.staffCard.titleZone, { zone: ZONE.name }));
      await staff.waitFor();
      await staff.getByRole('button', { name: nbStaff.staffCard.add }).click();
      await staff.getByRole('textbox', { name: nbStaff.staffCard.peopleIds }).fill(NURSE.id);
      await staff.getByRole('textbox', { name: nbStaff.staffCard.name }).fill(NURSE.name);
      await staff.getByRole('textbox', { name: nbStaff.labels.email }).fill(NURSE.email);
      await screenshot('onboarding-02-add-people.png', staff);
      await staff.getByRole('button', { name: nbStaff.staffCard.addButton, exact: true }).click();
      const added = card(fill(nbStaff.messages.added, { names: NURSE.name }));
      await added.waitFor();
      await added.getByText(`${NURSE.name} · ${NURSE.email}`).first().waitFor();
      await screenshot('onboarding-03-nurse-added.png', added);
    }));

  it('shows anybody the directory card, also for the question in words', () =>
    step('directory', async () => {
      const title = fill(nbStaff.directory.title, { zone: ZONE.name });
      await send('hvem er ressurssykepleier i sone vest?');
      const directory = card(title, NURSE.name);
      await directory.waitFor();
      await directory.getByText(nbStaff.directory.chat, { exact: true }).first().waitFor();
      // The button opens a Teams chat with her, by e-mail (what the emulator was sent).
      const sent = JSON.stringify(events.all.map((e) => e.message?.attachments ?? []));
      expect(sent).toContain(
        `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(NURSE.email)}`,
      );
      await screenshot('onboarding-04-directory.png', directory);
      // The README's picture is only rewritten on request: a test run leaves the checkout clean.
      if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
        fs.copyFileSync(
          artifact('onboarding-04-directory.png'),
          path.join(REPO_ROOT, 'docs', 'playground-directory.png'),
        );
      }
    }));
});
