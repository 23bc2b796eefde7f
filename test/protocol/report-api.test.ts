import { parse } from 'csv-parse/sync';
import { COMPLIANCE_CSV_COLUMNS, hadCase, REPORT_FIGURES } from '../../src/app/reports';
import type { Case } from '../../src/domain/case';
import { FIGURE_DEFINITIONS, HSYRE_FIGURES } from '../../src/domain/reports/figures';
import type { ReportInput } from '../../src/domain/reports/report-index';
import type { StaffMember } from '../../src/domain/roster';
import { entraIssuers } from '../../src/http/entra-token';
import { readLocale } from '../../src/i18n/i18n';
import { messageActivity, postActivity } from '../support/activities';
import { defaultRoutine } from '../support/domain-fixtures';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { type LocalJwks, OTHER_TENANT_ID, startLocalJwks, TENANT_ID } from '../support/local-jwks';
import { reportCases } from '../support/report-cases';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';

/*
 * The compliance tab's API over real HTTP: Teams SSO tokens signed by a local JWKS, the
 * roster's roles deciding what each person sees, and the figures equal to the domain's.
 */

const TAB_APP_ID = '7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const AUDIENCES = `${TAB_APP_ID},api://localhost/${TAB_APP_ID}`;
/** Teams' desktop client: the app that asks Entra for the tab's token. */
const TEAMS_CLIENT = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
const NOW = '2026-03-20T11:00:00.000Z';
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

const person = (n: number, name: string, roles: StaffMember['roles'], zoneIds: string[]) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name,
  roles,
  zoneIds,
});
const staff = {
  fve: person(1, 'Frida FVE', ['fve'], []),
  leaderNord: person(2, 'Lise Leder', ['leader'], ['nord']),
  leaderVest: person(3, 'Vera Leder', ['leader'], ['vest']),
  networkLeader: person(4, 'Nils Nettverk', ['networkLeader'], []),
  admin: person(5, 'Ada Admin', ['admin'], []),
  nurseVest: person(6, 'Vilde Sykepleier', ['nurse'], ['vest']),
  nurseNord: person(7, 'Nora Sykepleier', ['nurse'], ['nord']),
  nurseNord2: person(8, 'Nina Sykepleier', ['nurse'], ['nord']),
  nurseSor: person(9, 'Siri Sykepleier', ['nurse'], ['sor']),
  leaderSor: person(10, 'Sondre Leder', ['leader'], ['sor']),
  coordinator: person(11, 'Kari Koordinator', ['cancerCoordinator'], ['nord']),
  removed: {
    ...person(12, 'Rune Fjernet', ['leader'], ['nord']),
    removedAt: '2026-01-01T00:00:00.000Z',
    removedBy: 'admin',
  },
} satisfies Record<string, StaffMember>;
const ZONES = [
  { id: 'nord', name: 'Sone Nord' },
  { id: 'sor', name: 'Sone Sør' },
  { id: 'vest', name: 'Sone Vest' },
];

describe('the compliance tab API', () => {
  let jwks: LocalJwks;
  let bot: TestApp;
  let connector: FakeConnector;
  const clock = fixedClock(NOW);

  const token = (
    who: { id: string } | string,
    claims: Record<string, unknown> = {},
    options: { exp?: number; iat?: number; nbf?: number } = {},
  ) => {
    const oid = typeof who === 'string' ? who : who.id;
    return jwks.sign(clock.now(), {
      claims: {
        aud: TAB_APP_ID,
        azp: TEAMS_CLIENT,
        scp: 'access_as_user',
        oid,
        sub: `sub-${oid}`,
        roles: undefined,
        ...claims,
      },
      ...options,
    });
  };
  const get = async (path: string, bearer?: string) =>
    fetch(`${bot.url}${path}`, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON, inspected field by field
  const getJson = async (path: string, bearer?: string): Promise<{ status: number; body: any }> => {
    const res = await get(path, bearer);
    return { status: res.status, body: await res.json() };
  };
  const report = async (who: StaffMember, query = '') =>
    getJson(`/api/reports/compliance${query}`, await token(who));

  /** The store's cases, as the report reads them: the reference the API must agree with. */
  async function storedCases(): Promise<Case[]> {
    const lists = await Promise.all(ZONES.map((z) => bot.store.cases.byZone(z.id, { limit: 1e6 })));
    return lists.flat();
  }

  beforeAll(async () => {
    jwks = await startLocalJwks();
    connector = await startFakeConnector();
    bot = await startTestApp({
      clock,
      env: {
        LOG_LEVEL: 'silent',
        // The generated cases are overdue by months: the real escalation pass would message
        // everybody while the test asks. Once a year, at midnight on 1 January.
        ESCALATION_CRON: '0 0 1 1 *',
        DAILY_SUMMARY: 'false',
        TAB_SSO_TENANT_ID: TENANT_ID,
        TAB_SSO_AUDIENCE: AUDIENCES,
        TAB_SSO_JWKS_URL: jwks.url,
        REPORT_REFRESH_SECONDS: '0',
      },
    });
    for (const z of ZONES) await bot.store.zones.put({ ...z, channel: null });
    for (const m of Object.values(staff)) {
      await bot.store.roster.put({
        ...m,
        contact: { userId: `29:${m.id}`, tenantId: 'tenant-1', serviceUrl: connector.serviceUrl },
      });
    }
    // A year of generated histories in nord and sor.
    const generated = reportCases({
      count: 400,
      routine: defaultRoutine(),
      nurses: { nord: [staff.nurseNord, staff.nurseNord2], sor: [staff.nurseSor] },
      leaders: { nord: staff.leaderNord, sor: staff.leaderSor },
      fve: staff.fve,
      from: new Date('2025-03-01T00:00:00.000Z'),
      to: new Date(NOW),
      seed: 7,
    });
    for (const c of generated) {
      const created = await bot.store.cases.create(c);
      if (!created.ok) throw new Error(`fixture case not stored: ${created.reason}`);
    }
    // And three cases in vest whose February figures are worked out by hand below.
    const service = bot.app.caseService;
    const at = async (iso: string, step: () => Promise<unknown>) => {
      clock.set(iso);
      await step();
    };
    const register = async (hospitalContactAt: string, seriouslyIll: boolean) => {
      const result = await service.register(
        {
          zoneId: 'vest',
          seriouslyIll,
          hospitalContactAt,
          patientRef: 'DIPS-77',
          registerHsyre: true,
        },
        staff.fve,
      );
      if (!result.ok) throw new Error(result.error.code);
      return result.case.id;
    };
    let a = '';
    let b = '';
    // A: seriously ill, registered Monday 2 February 10:00, phoned at 11:00: within.
    await at('2026-02-02T09:00:00.000Z', async () => {
      a = await register('2026-02-02T07:00:00.000Z', true);
    });
    await at('2026-02-02T09:30:00.000Z', () =>
      service.execute(a, { type: 'claim' }, staff.nurseVest),
    );
    await at('2026-02-02T10:00:00.000Z', () =>
      service.execute(a, { type: 'logContact', outcome: 'reached' }, staff.nurseVest),
    );
    // B: seriously ill, registered Tuesday 3 February, phoned on Wednesday: late.
    await at('2026-02-03T09:00:00.000Z', async () => {
      b = await register('2026-02-03T07:00:00.000Z', true);
    });
    await at('2026-02-03T09:30:00.000Z', () =>
      service.execute(b, { type: 'claim' }, staff.nurseVest),
    );
    await at('2026-02-04T09:00:00.000Z', () =>
      service.execute(b, { type: 'logContact', outcome: 'reached' }, staff.nurseVest),
    );
    // C: normal, registered Wednesday 4 February, never claimed: late, and overdue at month end.
    await at('2026-02-04T09:00:00.000Z', () => register('2026-02-04T07:00:00.000Z', false));
    clock.set(NOW);
  });
  afterAll(async () => {
    await bot.stop();
    await jwks.stop();
    await connector.stop();
  });

  describe('signing in with the Teams SSO token', () => {
    it('answers a valid token of a rostered leader', async () => {
      const { status, body } = await report(staff.leaderVest);
      expect(status).toBe(200);
      expect(body.scope).toBe('zones');
      expect(body.series).toEqual([{ id: 'vest', name: 'Sone Vest' }]);
    });

    it('accepts the api:// audience and a v1 token (sts.windows.net) as well', async () => {
      const uri = await token(staff.leaderVest, { aud: `api://localhost/${TAB_APP_ID}` });
      expect((await get('/api/reports/compliance', uri)).status).toBe(200);
      const v1 = await token(staff.leaderVest, { iss: entraIssuers(TENANT_ID)[1] });
      expect((await get('/api/reports/compliance', v1)).status).toBe(200);
    });

    const refusals: [string, () => Promise<string | undefined>, number, string][] = [
      ['no Authorization header', async () => undefined, 401, 'no_token'],
      ['a token that is not a JWT', async () => 'not-a-token', 401, 'no_token'],
      [
        'an expired token (beyond the minute of clock skew)',
        () => token(staff.leaderVest, {}, { iat: seconds(NOW) - 7200, exp: seconds(NOW) - 120 }),
        401,
        'expired',
      ],
      [
        'another audience',
        () => token(staff.leaderVest, { aud: 'api://other-app' }),
        401,
        'audience',
      ],
      [
        'another tenant (its issuer and tid)',
        () =>
          token(staff.leaderVest, { iss: entraIssuers(OTHER_TENANT_ID)[0], tid: OTHER_TENANT_ID }),
        401,
        'issuer',
      ],
      [
        'our issuer with another tid',
        () => token(staff.leaderVest, { tid: OTHER_TENANT_ID }),
        401,
        'tenant',
      ],
      [
        'alg none',
        async () =>
          jwks.unsigned(clock.now(), {
            aud: TAB_APP_ID,
            scp: 'access_as_user',
            oid: staff.leaderVest.id,
          }),
        401,
        'algorithm',
      ],
      [
        'HS256 keyed with the public key (algorithm confusion)',
        async () =>
          jwks.hs256(clock.now(), 'public-key-text', {
            aud: TAB_APP_ID,
            scp: 'access_as_user',
            oid: staff.leaderVest.id,
          }),
        401,
        'algorithm',
      ],
      [
        'a key the tenant does not publish',
        async () =>
          jwks.sign(clock.now(), {
            key: await jwks.foreignKey(),
            claims: { aud: TAB_APP_ID, scp: 'access_as_user', oid: staff.leaderVest.id },
          }),
        401,
        'unknown_key',
      ],
      [
        'no scp (an app-only token with roles)',
        () => token(staff.leaderVest, { scp: undefined, roles: ['Reports.Read'] }),
        403,
        'insufficient_scope',
      ],
      [
        'a scp without access_as_user',
        () => token(staff.leaderVest, { scp: 'User.Read' }),
        403,
        'insufficient_scope',
      ],
      ['no oid', () => token(staff.leaderVest, { oid: undefined }), 403, 'no_user'],
      [
        'a person not in the roster',
        () => token('99999999-0000-4000-8000-000000000099'),
        403,
        'not_in_roster',
      ],
      ['a person removed from the roster', () => token(staff.removed), 403, 'not_in_roster'],
    ];

    it.each(refusals)('refuses %s', async (_name, make, status, reason) => {
      const res = await get('/api/reports/compliance', await make());
      expect(res.status).toBe(status);
      const body = (await res.json()) as { reason?: string };
      expect(body.reason).toBe(reason);
      if (status === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      // The same for the CSV and the zone list: every route is behind the same check.
      expect((await get('/api/reports/compliance.csv', await make())).status).toBe(status);
      expect((await get('/api/reports/zones', await make())).status).toBe(status);
    });

    it('fetches the key set once and keeps it', () => {
      expect(jwks.fetches).toBe(1);
    });
  });

  describe('who sees what', () => {
    const seriesOf = async (who: StaffMember, query = '') => {
      const { status, body } = await report(who, query);
      return status === 200 ? body.series.map((s: { id: string }) => s.id) : status;
    };

    it('a zone leader sees the zones they lead, and is refused another zone', async () => {
      expect(await seriesOf(staff.leaderNord)).toEqual(['nord']);
      expect(await seriesOf(staff.leaderNord, '?zone=nord')).toEqual(['nord']);
      const other = await report(staff.leaderNord, '?zone=sor');
      expect(other).toEqual({ status: 403, body: { error: 'zone_not_allowed' } });
      // An unknown zone gets the same answer: nobody learns which zones exist.
      expect((await report(staff.leaderNord, '?zone=ost')).body).toEqual({
        error: 'zone_not_allowed',
      });
    });

    it.each([
      ['FVE', staff.fve],
      ['the network leader', staff.networkLeader],
      ['an admin', staff.admin],
    ])('%s sees every zone', async (_name, who) => {
      expect(await seriesOf(who)).toEqual(['nord', 'sor', 'vest']);
      expect(await seriesOf(who, '?zone=sor')).toEqual(['sor']);
    });

    it('a nurse sees the figures of the cases she has had, not a zone', async () => {
      const { status, body } = await report(staff.nurseVest, '?month=2026-02');
      expect(status).toBe(200);
      expect(body.scope).toBe('own');
      expect(body.series).toEqual([{ id: 'own', name: null }]);
      const fc = body.figures.find(
        (f: { id: string }) => f.id === 'firstContactInTimeSeriouslyIll',
      );
      expect(fc.values.own.at(-1)).toMatchObject({ within: 1, total: 2, share: 0.5 });
      // Case C was never hers.
      const normal = body.figures.find((f: { id: string }) => f.id === 'firstContactInTimeNormal');
      expect(normal.values.own.at(-1)).toMatchObject({ within: 0, total: 0 });
    });

    it("a nurse's own figures are the domain's over the cases she claimed or was given", async () => {
      const cases = (await storedCases()).filter((c) => hadCase(c, staff.nurseNord.id));
      expect(cases.length).toBeGreaterThan(20);
      const input: ReportInput = { cases, asOf: new Date(NOW), timeZone: 'Europe/Oslo' };
      const { body } = await report(staff.nurseNord, '?month=2026-01&months=3');
      for (const [i, month] of ['2025-11', '2025-12', '2026-01'].entries()) {
        const expected = REPORT_FIGURES.compute(input, month, null);
        expect(body.figures.map((f: { values: { own: unknown[] } }) => f.values.own[i])).toEqual(
          expected.map((r) => r.value),
        );
      }
    });

    it('anybody else in the roster gets 403', async () => {
      expect(await report(staff.coordinator)).toEqual({
        status: 403,
        body: { error: 'forbidden' },
      });
      expect((await getJson('/api/reports/zones', await token(staff.coordinator))).status).toBe(
        403,
      );
    });

    it('lists the zones one may pick, with the linked channel, for the channel tab', async () => {
      const { body } = await getJson('/api/reports/zones', await token(staff.leaderSor));
      expect(body).toEqual({
        viewer: { name: 'Sondre Leder' },
        scope: 'zones',
        zones: [{ id: 'sor', name: 'Sone Sør', channelId: null }],
      });
      expect((await getJson('/api/reports/zones', await token(staff.nurseSor))).body).toMatchObject(
        {
          scope: 'own',
          zones: [],
        },
      );
    });
  });

  describe('the figures', () => {
    it('counts the hand-made February in vest as the routine says', async () => {
      const { body } = await report(staff.leaderVest, '?month=2026-02&months=2');
      expect(body.months).toEqual(['2026-01', '2026-02']);
      expect(body.month).toBe('2026-02');
      expect(body.provisional).toEqual([false, false]);
      expect(body.target).toBe(0.9);
      const value = (id: string) =>
        body.figures.find((f: { id: string }) => f.id === id).values.vest[1];
      expect(value('referralsRegistered')).toEqual({ kind: 'count', count: 3 });
      expect(value('firstContactInTimeSeriouslyIll')).toEqual({
        kind: 'share',
        within: 1,
        total: 2,
        share: 0.5,
        pending: 0,
        excluded: 0,
      });
      expect(value('firstContactInTimeNormal')).toMatchObject({ within: 0, total: 1, share: 0 });
      // A and B wait for the leader's review (7 days for the seriously ill), C for a nurse.
      expect(value('overdueAtMonthEnd')).toEqual({
        kind: 'countsByKey',
        total: 3,
        counts: [
          { key: 'fveAssessment', count: 0 },
          { key: 'firstContact', count: 1 },
          { key: 'followUpReview', count: 2 },
          { key: 'serviceDecision', count: 0 },
          { key: 'handover', count: 0 },
        ],
      });
    });

    it('gives every zone the domain figures over all stored cases, month by month', async () => {
      const input: ReportInput = {
        cases: await storedCases(),
        asOf: new Date(NOW),
        timeZone: 'Europe/Oslo',
      };
      const { body } = await report(staff.fve);
      expect(body.months).toHaveLength(12);
      expect(body.months.at(-1)).toBe('2026-03');
      expect(body.provisional.at(-1)).toBe(true);
      expect(body.figures.map((f: { id: string }) => f.id)).toEqual(
        REPORT_FIGURES.definitions.map((d) => d.id),
      );
      for (const zone of ZONES.map((z) => z.id)) {
        for (const [i, month] of body.months.entries()) {
          const expected = REPORT_FIGURES.compute(input, month, zone).map((r) => r.value);
          const got = body.figures.map(
            (f: { values: Record<string, unknown[]> }) => f.values[zone][i],
          );
          expect({ zone, month, got }).toEqual({ zone, month, got: expected });
        }
      }
      // Something to see: the generated year is not empty.
      const referrals = body.figures[0].values.nord.reduce(
        (sum: number, v: { count: number }) => sum + v.count,
        0,
      );
      expect(referrals).toBeGreaterThan(100);
    });

    it('shows every HSYRE figure, the escalations sent (from the send markers) too', () => {
      expect(REPORT_FIGURES.definitions.map((d) => d.id)).toEqual(
        HSYRE_FIGURES.definitions.map((d) => d.id),
      );
    });

    it('never carries patient data: counts only, no record reference, case id or code', async () => {
      const cases = await storedCases();
      for (const who of [staff.fve, staff.nurseNord, staff.leaderVest]) {
        const res = await get('/api/reports/compliance?months=24', await token(who));
        const text = await res.text();
        expect(text).not.toMatch(/DIPS-/);
        for (const c of cases.slice(0, 50)) {
          expect(text).not.toContain(c.id);
          expect(text).not.toContain(`"${c.code}"`);
        }
        const csv = await (await get('/api/reports/compliance.csv', await token(who))).text();
        expect(csv).not.toMatch(/DIPS-/);
      }
    });
  });

  describe('the query', () => {
    it.each([
      ['?month=2026-13', 'month'],
      ['?month=march', 'month'],
      ['?months=0', 'months'],
      ['?months=25', 'months'],
      ['?zone=NORD!', 'zone'],
      ['?zone=a&zone=b', 'zone'],
      ['?sone=nord', 'sone'],
    ])('refuses %s naming the field, not the value', async (query, field) => {
      const { status, body } = await report(staff.fve, query);
      expect(status).toBe(400);
      expect(body.error).toBe('invalid_query');
      expect(body.fields.map((f: { field: string }) => f.field)).toEqual([field]);
      expect(JSON.stringify(body)).not.toContain('NORD!');
    });

    it('refuses a month that has not begun', async () => {
      expect(await report(staff.fve, '?month=2026-04')).toEqual({
        status: 400,
        body: { error: 'future_month' },
      });
    });
  });

  describe('CSV for internkontroll', () => {
    it('has the table of the JSON answer: a row per month, zone and figure (and step)', async () => {
      const who = await token(staff.leaderVest);
      const res = await get('/api/reports/compliance.csv?month=2026-02&months=2&locale=nb', who);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        'attachment; filename="frister-soner-2026-02.csv"',
      );
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows: Record<string, string>[] = parse(bytes.subarray(3).toString('utf8'), {
        columns: true,
      });
      expect(Object.keys(rows[0])).toEqual([...COMPLIANCE_CSV_COLUMNS]);
      const { body } = await report(staff.leaderVest, '?month=2026-02&months=2');
      const stepRows = body.figures.filter((f: { kind: string }) => f.kind === 'countsByKey');
      expect(rows).toHaveLength(
        2 *
          (body.figures.length +
            stepRows.reduce(
              (n: number, f: { values: { vest: { counts: unknown[] }[] } }) =>
                n + f.values.vest[0].counts.length,
              0,
            )),
      );
      const row = rows.find(
        (r) => r.month === '2026-02' && r.figure === 'firstContactInTimeSeriouslyIll',
      );
      expect(row).toMatchObject({
        provisional: 'false',
        zone: 'vest',
        zoneName: 'Sone Vest',
        label: 'Første telefonkontakt innen fristen (alvorlig syke)',
        within: '1',
        total: '2',
        sharePercent: '50',
        pending: '0',
      });
      const overdue = rows.filter((r) => r.month === '2026-02' && r.figure === 'overdueAtMonthEnd');
      expect(overdue.map((r) => [r.step, r.count])).toEqual([
        ['fveAssessment', '0'],
        ['firstContact', '1'],
        ['followUpReview', '2'],
        ['serviceDecision', '0'],
        ['handover', '0'],
        ['', '3'],
      ]);
      const english = await (
        await get('/api/reports/compliance.csv?month=2026-02&months=1&locale=en', who)
      ).text();
      expect(english).toContain('First phone contact within the deadline (seriously ill)');
    });

    it('writes a zone name that a spreadsheet would run as a formula as text', async () => {
      await bot.store.zones.put({ id: 'vest', name: '=HYPERLINK("http://x")', channel: null });
      try {
        const text = await (
          await get('/api/reports/compliance.csv?months=1', await token(staff.leaderVest))
        ).text();
        expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
        expect(text).not.toMatch(/,=HYPERLINK/);
      } finally {
        await bot.store.zones.put({ id: 'vest', name: 'Sone Vest', channel: null });
      }
    });
  });

  describe('strings and pages', () => {
    it('gives the page its strings without a token, Norwegian unless English', async () => {
      const nb = await getJson('/api/reports/strings?locale=nb-NO');
      expect(nb.status).toBe(200);
      expect(nb.body.locale).toBe('nb');
      expect(nb.body.strings.page.outsideTeams).toBe('Denne siden er en fane i Microsoft Teams.');
      expect(nb.body.strings.steps.firstContact).toBe('første telefonkontakt');
      const en = await getJson('/api/reports/strings?locale=en-US');
      expect(en.body.strings.page.title).toBe('Deadlines');
    });

    it('has a label and a definition for every figure in both languages, English as defined', () => {
      const nb = readLocale('nb').reports as {
        figures: Record<string, { label: string; definition: string }>;
      };
      const en = readLocale('en').reports as typeof nb;
      for (const d of FIGURE_DEFINITIONS) {
        expect(en.figures[d.id]).toEqual(d.en);
        expect(nb.figures[d.id].label).toEqual(expect.any(String));
        expect(nb.figures[d.id].definition.length).toBeGreaterThan(50);
      }
      expect(Object.keys(nb.figures).sort()).toEqual(FIGURE_DEFINITIONS.map((d) => d.id).sort());
    });

    it('serves the tab from the bot, framable by Teams only, scripts from itself', async () => {
      const res = await get('/tab/');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = String(res.headers.get('content-security-policy'));
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain('frame-ancestors teams.microsoft.com');
      const html = await res.text();
      expect(html).toContain('src="vendor/teams-js.min.js"');
      expect(html).not.toMatch(/https?:\/\//);
      for (const path of [
        '/tab/vendor/teams-js.min.js',
        '/tab/vendor/echarts.min.js',
        '/tab/tab.js',
        '/tab/config.html',
      ]) {
        const file = await get(path);
        expect([path, file.status]).toEqual([path, 200]);
      }
      const zipped = await fetch(`${bot.url}/tab/vendor/echarts.min.js`, {
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      const etag = String(res.headers.get('etag'));
      expect((await fetch(`${bot.url}/tab/`, { headers: { 'if-none-match': etag } })).status).toBe(
        304,
      );
      expect((await get('/tab/../package.json')).status).toBe(404);
      expect((await get('/tab/secret.json')).status).toBe(404);
    });
  });

  describe('in chat', () => {
    const ask = async (text: string, who: StaffMember, locale = 'nb-NO') => {
      const before = connector.calls.length;
      await postActivity(
        bot.url,
        messageActivity({
          serviceUrl: connector.serviceUrl,
          text,
          locale,
          from: { id: `29:${who.id}`, aadObjectId: who.id },
        }),
      );
      return (await connector.waitForCalls(before + 1))[before].body;
    };
    type Node = {
      type: string;
      text?: string;
      facts?: { title: string; value: string }[];
      items?: Node[];
    };
    const facts = (nodes: Node[]): Record<string, string> =>
      Object.fromEntries(
        nodes.flatMap((n) => [
          ...(n.facts ?? []).map((f) => [f.title, f.value]),
          ...Object.entries(facts(n.items ?? [])),
        ]),
      );

    it('`rapport vest 2026-02` answers with the headline figures and a link to the tab', async () => {
      const card = (await ask('rapport vest 2026-02', staff.leaderVest)).attachments[0].content;
      expect(card.body[0].text).toBe('Frister februar 2026');
      expect(facts(card.body)).toMatchObject({
        'Henvisninger registrert': '3',
        'Første telefonkontakt innen fristen (alvorlig syke)': '50\u00a0% (1 av 2) · under målet',
        'Forfalte saker ved månedsslutt, per steg':
          '3 (1 første telefonkontakt, 2 vurdere videre oppfølging med leder)',
      });
      // No Teams app id in a local run: no button to a tab that cannot be opened.
      expect(card.actions).toEqual([]);
    });

    it('takes the month by name, in either order, and refuses what it may not show', async () => {
      const card = (await ask('report february vest', staff.leaderVest, 'en-US')).attachments[0]
        .content;
      expect(card.body[0].text).toBe('Deadlines February 2026');
      expect((await ask('rapport nord', staff.leaderVest)).text).toBe(
        'Du har ikke tilgang til tallene for sonen «nord», eller den finnes ikke.',
      );
      expect((await ask('rapport', staff.coordinator)).text).toMatch(
        /^Rapporten er for soneledere/,
      );
      expect((await ask('rapport 2026-13', staff.leaderVest)).text).toMatch(/^Skriv «rapport»/);
    });
  });

  describe("the leaders' monthly card", () => {
    it('goes to each zone leader once, on the first working day of the month only', async () => {
      clock.set('2026-03-02T07:00:00.000Z'); // Monday 2 March, 08:00 in Oslo
      try {
        const before = connector.calls.length;
        const first = await bot.app.monthlyReport(clock.now());
        expect(first).toEqual({ month: '2026-02', sent: 3, taken: 0, failed: 0 });
        const sent = (await connector.waitForCalls(before + 6)).slice(before);
        const cards = sent
          .filter((c) => c.kind === 'send' || c.kind === 'reply')
          .map((c) => c.body);
        expect(cards).toHaveLength(3);
        const vest = cards.find((c) => JSON.stringify(c).includes('Sone Vest'));
        expect(vest.attachments[0].content.body[0].text).toBe('Frister februar 2026');
        // Later runs that day find the markers: nobody gets it twice.
        expect(await bot.app.monthlyReport(clock.now())).toEqual({
          month: '2026-02',
          sent: 0,
          taken: 3,
          failed: 0,
        });
        clock.set('2026-03-03T07:00:00.000Z');
        expect(await bot.app.monthlyReport(clock.now())).toEqual({
          month: null,
          sent: 0,
          taken: 0,
          failed: 0,
        });
      } finally {
        clock.set(NOW);
      }
    });
  });
});

describe('the compliance tab API without SSO settings', () => {
  let bot: TestApp;
  beforeAll(async () => {
    bot = await startTestApp({ env: { LOG_LEVEL: 'silent', TAB_SSO_AUDIENCE: TAB_APP_ID } });
  });
  afterAll(() => bot.stop());

  it('answers 503 naming what is missing, and still serves the page and its strings', async () => {
    const res = await fetch(`${bot.url}/api/reports/compliance`, {
      headers: { authorization: 'Bearer a.b.c' },
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: 'tab_sso_not_configured',
      missing: ['TAB_SSO_TENANT_ID'],
    });
    expect((await fetch(`${bot.url}/tab/`)).status).toBe(200);
    expect((await fetch(`${bot.url}/api/reports/strings`)).status).toBe(200);
  });
});
