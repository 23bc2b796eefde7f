/**
 * The compliance tab "Frister" in headless Chromium against the real server: the page, its
 * scripts and the API as the bot serves them, with a Teams SSO token signed by a local JWKS.
 * Chromium is no Teams client (and the Agents Playground has no tabs), so the test page gets
 * its token from `window.hsyreGetToken`, the page's only hook; without it the page asks
 * teams-js, which outside Teams never answers. Runs with `npm run test:e2e`, not `npm test`.
 * Screenshots go to test-artifacts/browser/; the leader's view also to docs/ with UPDATE_DOCS_SCREENSHOTS=1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { ComplianceReport } from '../../src/app/reports';
import type { StaffMember } from '../../src/domain/roster';
import { projectRoot } from '../../src/project-root';
import { defaultRoutine } from '../support/domain-fixtures';
import { type LocalJwks, startLocalJwks, TENANT_ID } from '../support/local-jwks';
import { reportCases } from '../support/report-cases';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(projectRoot, 'test-artifacts', 'browser');
// The README's picture is only rewritten on request (UPDATE_DOCS_SCREENSHOTS=1): a test run
// must leave the checkout as it found it.
const DOCS_SHOT = path.join(
  process.env.UPDATE_DOCS_SCREENSHOTS === '1' ? path.join(projectRoot, 'docs') : ARTIFACTS,
  'tab-frister.png',
);
const TAB_APP_ID = '7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const NOW = '2026-03-20T11:00:00.000Z';

const person = (n: number, name: string, roles: StaffMember['roles'], zoneIds: string[]) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name,
  roles,
  zoneIds,
});
const nurses = {
  nord: [person(11, 'Nora', ['nurse'], ['nord']), person(12, 'Nils', ['nurse'], ['nord'])],
  sor: [person(13, 'Siri', ['nurse'], ['sor'])],
  sentrum: [person(14, 'Sara', ['nurse'], ['sentrum']), person(15, 'Sven', ['nurse'], ['sentrum'])],
};
const staff = {
  fve: person(1, 'Frida FVE', ['fve'], []),
  leader: person(2, 'Lise Leder', ['leader'], ['nord', 'sor']),
  leaderSentrum: person(3, 'Tor Leder', ['leader'], ['sentrum']),
  coordinator: person(4, 'Kari Koordinator', ['cancerCoordinator'], ['nord']),
};
/*
 * The callbacks below run in the page; the project compiles without the DOM's types, so they
 * name the little they read.
 */
type PageNode = {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  parentElement: PageNode | null;
  value?: string;
  checked?: boolean;
};
type PageGlobal = {
  hsyreGetToken?: () => Promise<string>;
  document: {
    documentElement: { scrollWidth: number };
    querySelector(s: string): { getBoundingClientRect(): { width: number } } | null;
  };
};

const ZONES = [
  { id: 'nord', name: 'Sone Nord' },
  { id: 'sor', name: 'Sone Sør' },
  { id: 'sentrum', name: 'Sone Sentrum' },
];

describe('the compliance tab in a browser', () => {
  let jwks: LocalJwks;
  let bot: TestApp;
  let context: BrowserContext;
  let profile: string;
  const clock = fixedClock(NOW);

  const token = (who: StaffMember) =>
    jwks.sign(clock.now(), {
      claims: { aud: TAB_APP_ID, scp: 'access_as_user', oid: who.id, roles: undefined },
    });
  const api = async (who: StaffMember, query = ''): Promise<ComplianceReport> => {
    const res = await fetch(`${bot.url}/api/reports/compliance${query}`, {
      headers: { authorization: `Bearer ${await token(who)}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as ComplianceReport;
  };

  /** A fresh page; with `who`, signed in as Teams would sign them in. */
  async function open(
    url: string,
    who?: StaffMember,
    viewport = { width: 1200, height: 900 },
  ): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    page.on('pageerror', (err) => {
      throw err;
    });
    if (who) {
      const value = await token(who);
      await page.addInitScript((t) => {
        (globalThis as unknown as PageGlobal).hsyreGetToken = async () => t;
      }, value);
    }
    await page.goto(`${bot.url}${url}`);
    return page;
  }
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
  const ready = (page: Page, state = 'ready') =>
    page.waitForSelector(`body[data-state="${state}"]`, { timeout: 15_000 });

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    jwks = await startLocalJwks();
    bot = await startTestApp({
      clock,
      env: {
        LOG_LEVEL: 'silent',
        // The generated cases are overdue by months: the real escalation pass would message
        // everybody while the test asks. Once a year, at midnight on 1 January.
        ESCALATION_CRON: '0 0 1 1 *',
        DAILY_SUMMARY: 'false',
        TAB_SSO_TENANT_ID: TENANT_ID,
        TAB_SSO_AUDIENCE: TAB_APP_ID,
        TAB_SSO_JWKS_URL: jwks.url,
      },
    });
    for (const z of ZONES) await bot.store.zones.put({ ...z, channel: null });
    for (const m of [...Object.values(staff), ...Object.values(nurses).flat()]) {
      await bot.store.roster.put(m);
    }
    const cases = reportCases({
      count: 1500,
      routine: defaultRoutine(),
      nurses,
      leaders: { nord: staff.leader, sor: staff.leader, sentrum: staff.leaderSentrum },
      fve: staff.fve,
      from: new Date('2025-03-01T00:00:00.000Z'),
      to: new Date(NOW),
      seed: 2026,
    });
    for (const c of cases) {
      const created = await bot.store.cases.create(c);
      if (!created.ok) throw new Error(created.reason);
    }
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-tab-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      locale: 'nb-NO',
      timezoneId: 'Europe/Oslo',
      acceptDownloads: true,
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
    });
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await bot?.stop();
    await jwks?.stop();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  /** The cells of a table as the page wrote them: text and the numbers in data attributes. */
  const cells = (page: Page, table: string) =>
    page.$$eval(`${table} td`, (tds) =>
      (tds as unknown as PageNode[]).map((td) => {
        const row = td.parentElement?.dataset ?? {};
        return {
          row: row.month ?? row.step ?? row.figure,
          series: td.dataset.series,
          within: td.dataset.within,
          total: td.dataset.total,
          count: td.dataset.count,
          text: td.textContent,
        };
      }),
    );

  it("draws a leader's two zones: the share per month with the target, overdue by step, and tables with the API's numbers", async () => {
    const page = await open('/tab/?locale=nb', staff.leader);
    await ready(page);
    const report = await api(staff.leader);
    expect(report.series.map((s) => s.id)).toEqual(['nord', 'sor']);

    // The line chart: one line per zone and the dashed target line, described for screen readers.
    const share = await page.$eval('#share-chart', (el) => ({
      label: el.getAttribute('aria-label') ?? '',
      svg: el.querySelector('svg') !== null,
      dashed: el.querySelectorAll('path[stroke-dasharray]').length,
      text: el.textContent ?? '',
    }));
    expect(share.svg).toBe(true);
    expect(share.label).toContain('Sone Nord, Sone Sør');
    expect(share.label).toContain('målet 90');
    expect(share.dashed).toBeGreaterThanOrEqual(1);
    expect(share.text).toContain('Mål 90');

    // Its table: every month and zone, the same within and total as the API's.
    const figure = report.figures.find((f) => f.id === 'firstContactInTimeSeriouslyIll');
    if (!figure) throw new Error('no first-contact figure');
    const shareCells = await cells(page, '#share-table');
    expect(shareCells).toHaveLength(report.months.length * 2);
    for (const cell of shareCells) {
      const value = figure.values[String(cell.series)][report.months.indexOf(String(cell.row))];
      if (value.kind !== 'share') throw new Error('not a share');
      if (value.share === null) {
        expect(cell.text?.startsWith('–')).toBe(true);
        continue;
      }
      expect([cell.within, cell.total]).toEqual([String(value.within), String(value.total)]);
      const percent = `${Math.round(value.share * 100)}\u00a0%`;
      expect(cell.text).toContain(`${percent} (${value.within} av ${value.total})`);
    }

    // The bars and their table: overdue cases at the end of the month, by step.
    const bars = await page.$$eval('#overdue-chart svg path', (paths) => paths.length);
    expect(bars).toBeGreaterThan(0);
    const overdue = report.figures.find((f) => f.id === 'overdueAtMonthEnd');
    if (!overdue) throw new Error('no overdue figure');
    const last = report.months.length - 1;
    for (const cell of await cells(page, '#overdue-table')) {
      const value = overdue.values[String(cell.series)][last];
      if (value.kind !== 'countsByKey') throw new Error('not counts');
      const expected =
        cell.row === 'total' ? value.total : value.counts.find((c) => c.key === cell.row)?.count;
      expect([cell.row, cell.series, cell.count]).toEqual([
        cell.row,
        cell.series,
        String(expected),
      ]);
    }

    // Every figure of the month, and its definition.
    const figureCells = await cells(page, '#figures-table');
    expect(figureCells).toHaveLength(report.figures.length * 2);
    const referrals = report.figures[0].values.nord[last];
    expect(figureCells[0]).toMatchObject({ row: 'referralsRegistered', series: 'nord' });
    if (referrals.kind === 'count') expect(figureCells[0].count).toBe(String(referrals.count));
    expect(await page.$$eval('#definitions dt', (d) => d.length)).toBe(report.figures.length);
    expect(await page.textContent('#provisional')).toContain('mars 2026 er ikke over');

    await shot(page, 'tab-leader-nb.png');
    // The README's picture: the two charts and the first table, as a leader sees them first.
    const charts = await page.locator('#overdue-section').boundingBox();
    if (!charts) throw new Error('the overdue chart has no box');
    await page.screenshot({
      path: DOCS_SHOT,
      fullPage: true,
      clip: { x: 0, y: 0, width: 1200, height: Math.ceil(charts.y + charts.height + 16) },
    });
    await page.close();
  });

  it('shows one zone when chosen, other figures and months on request, and FVE every zone', async () => {
    const page = await open('/tab/', staff.fve);
    await ready(page);
    expect(await page.$$eval('#share-table thead th', (th) => th.length)).toBe(4);
    await page.selectOption('#zone', 'sentrum');
    expect(
      await page.$$eval('#share-table thead th', (th) => th.map((h) => h.textContent)),
    ).toEqual(['Måned', 'Sone Sentrum']);
    await page.selectOption('#figure', 'fveAssessmentInTimeNormal');
    expect(await page.textContent('#share-table caption')).toBe(
      'FVEs vurdering innen 14 dager (ordinære)',
    );
    await page.selectOption('#month', '2026-01');
    await ready(page);
    const january = await api(staff.fve, '?month=2026-01');
    expect(
      await page.$$eval('#share-table tbody tr', (r) =>
        (r as unknown as PageNode[]).map((x) => x.dataset.month),
      ),
    ).toEqual(january.months);
    expect(await page.isHidden('#provisional')).toBe(true);
    await shot(page, 'tab-fve-sentrum-nb.png');
    await page.close();
  });

  it('exports the same table as CSV', async () => {
    const page = await open('/tab/?zone=nord', staff.leader);
    await ready(page);
    // The channel tab's zone is fixed: no zone to choose.
    expect(await page.isHidden('#zone-field')).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    expect(download.suggestedFilename()).toBe('frister-nord-2026-03.csv');
    const file = await download.path();
    const rows: Record<string, string>[] = parse(fs.readFileSync(String(file), 'utf8').slice(1), {
      columns: true,
    });
    const report = await api(staff.leader, '?zone=nord');
    const figure = report.figures.find((f) => f.id === 'firstContactInTimeSeriouslyIll');
    const row = rows.find((r) => r.month === '2026-02' && r.figure === figure?.id);
    const value = figure?.values.nord[report.months.indexOf('2026-02')];
    if (value?.kind !== 'share') throw new Error('not a share');
    expect([row?.within, row?.total]).toEqual([String(value.within), String(value.total)]);
    await page.close();
  });

  it('fits a phone, in English, and in the dark theme', async () => {
    const phone = { width: 390, height: 844 };
    const page = await open('/tab/?locale=en&theme=dark', staff.leaderSentrum, phone);
    await ready(page);
    expect(await page.textContent('h1')).toBe('Deadlines');
    expect(await page.textContent('#share-title')).toBe('Share within the deadline per month');
    const widths = await page.evaluate(() => {
      const { document } = globalThis as unknown as PageGlobal;
      return {
        page: document.documentElement.scrollWidth,
        chart: document.querySelector('#share-chart svg')?.getBoundingClientRect().width ?? 0,
      };
    });
    expect(widths.page).toBeLessThanOrEqual(phone.width);
    expect(widths.chart).toBeLessThanOrEqual(phone.width);
    expect(widths.chart).toBeGreaterThan(300);
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await shot(page, 'tab-leader-en-phone-dark.png');
    await page.close();
  });

  it('a nurse sees her own figures', async () => {
    const page = await open('/tab/', nurses.nord[0]);
    await ready(page);
    expect(await page.textContent('#subtitle')).toBe(
      'Dine saker: de du har tatt eller fått tildelt.',
    );
    expect(
      await page.$$eval('#share-table thead th', (th) => th.map((h) => h.textContent)),
    ).toEqual(['Måned', 'Dine saker']);
    await shot(page, 'tab-nurse-nb.png');
    await page.close();
  });

  it('tells someone without access so, in their language', async () => {
    const page = await open('/tab/', staff.coordinator);
    await ready(page, 'refused');
    expect(await page.textContent('#notice')).toContain('Du har ikke tilgang til disse tallene.');
    await page.close();
  });

  it('in a plain browser, without Teams, says to open it in Teams', async () => {
    const page = await open('/tab/');
    await ready(page, 'outside');
    expect(await page.textContent('#notice h2')).toBe('Denne siden er en fane i Microsoft Teams.');
    expect(await page.isHidden('#share-section')).toBe(true);
    await shot(page, 'tab-outside-teams-nb.png');
    await page.close();
  });

  it("the channel tab's configuration page offers the zones, the channel's own chosen", async () => {
    await bot.store.zones.put({
      id: 'sor',
      name: 'Sone Sør',
      channel: {
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        channelId: 'msteams',
        conversationId: '19:sor@thread.tacv2',
        linkedBy: staff.leader.id,
        linkedAt: '2026-01-01T00:00:00.000Z',
      },
    });
    const page = await open(
      `/tab/config.html?channelId=${encodeURIComponent('19:sor@thread.tacv2')}`,
      staff.leader,
    );
    await ready(page);
    const zones = await page.$$eval('input[name=zone]', (inputs) =>
      (inputs as unknown as PageNode[]).map((i) => [i.value, i.checked]),
    );
    expect(zones).toEqual([
      ['nord', false],
      ['sor', true],
    ]);
    await shot(page, 'tab-config-nb.png');
    await page.close();
  });
});
