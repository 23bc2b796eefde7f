import type { HealthReport } from '../../src/http/server';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { messageActivity, postActivity } from '../support/activities';
import { nationalId } from '../support/domain-fixtures';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { startTestApp, type TestApp } from '../support/test-app';

describe('POST /api/messages over HTTP with a fake Bot Connector', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  const logLines: string[] = [];

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ logLines });
    await bot.store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
    await bot.store.roster.put({
      id: 'aad-nurse-1',
      name: 'Kari Nordmann',
      roles: ['nurse'],
      zoneIds: ['nord'],
    });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });
  beforeEach(() => {
    connector.calls.length = 0;
  });

  const say = async (text: string, extra: Partial<Parameters<typeof messageActivity>[0]> = {}) => {
    const response = await postActivity(
      bot.url,
      messageActivity({ serviceUrl: connector.serviceUrl, text, ...extra }),
    );
    expect(response.status).toBe(200);
    const [call] = await connector.waitForCalls(1);
    return call;
  };

  it('answers "hjelp" with the command list in Norwegian, as a reply in the same conversation', async () => {
    const call = await say('hjelp', { conversationId: 'a:chat-42' });
    expect(call.kind).toBe('reply');
    expect(call.conversationId).toBe('a:chat-42');
    const card = call.body.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const facts = card.content.body.find((b: { type: string }) => b.type === 'FactSet').facts;
    expect(facts).toEqual([
      { title: 'hjelp', value: 'Viser denne oversikten.' },
      { title: 'ny', value: 'FVE: registrer en ny HSYRE-pasient (skjema).' },
      {
        title: 'ny pakkeforløp',
        value:
          'FVE: registrer et pakkeforløp hjem (skjema). Samtale 2 og 3 åpnes med «sak K7M2Q-2».',
      },
      { title: 'sak ‹kode›', value: 'Vis en sak med historikk: «sak K7M2Q».' },
      {
        title: 'forfalte [sone]',
        value:
          'Leder/FVE: forfalte saker og frister i dag, mest forsinket først («forfalte nord» for én sone).',
      },
      { title: 'uke [sone]', value: 'Leder/FVE: frister denne uken.' },
      {
        title: 'koble sone ‹sone›',
        value: 'Leder/admin, i sonens kanal: «koble sone nord» gjør kanalen til sonens.',
      },
      { title: 'meg', value: 'Viser hvem du er for boten: rolle og soner.' },
      {
        title: 'ressurssykepleiere [sone]',
        value:
          'Alle: hvem er ressurssykepleier, soneleder og nettverksleder i hver sone, med chat-knapp («ressurssykepleiere nord»).',
      },
      {
        title: 'ansatte [sone]',
        value:
          'Admin, og ledere for egne soner: ansatte med roller, soner og endringer; legg til, endre, fjern.',
      },
      {
        title: 'soner',
        value:
          'Admin: sonene, med kanal, ressurssykepleiere og leder; legg til, gi nytt navn, avvikle.',
      },
      { title: 'fratre', value: 'Ressurssykepleier: fratre (aktive saker går tilbake til køen).' },
      {
        title: 'kompetanse [sone]',
        value:
          'Ressurssykepleier: din kompetanseplan med krav, hva som er gjort og hva som mangler; registrer aktiviteter. Soneleder, nettverksleder: sonens oversikt («kompetanse nord»).',
      },
      {
        title: 'nettverk',
        value:
          'Alle: nettverkets arrangementer. Nettverksleder: opprett arrangementer og registrer oppmøte.',
      },
      {
        title: 'koble nettverk',
        value: 'Nettverksleder: i en kanal, gjør den til nettverkets kanal for kunngjøringer.',
      },
    ]);
    expect(JSON.stringify(card.content)).toContain('fødselsnummer');
    expect(JSON.stringify(card.content)).toContain('«Hva er ESAS?»');
  });

  it('answers in English when the user writes from an English Teams client', async () => {
    const call = await say('help', { locale: 'en-US' });
    const facts = call.body.attachments[0].content.body.find(
      (b: { type: string }) => b.type === 'FactSet',
    ).facts;
    expect(facts[0]).toEqual({ title: 'help', value: 'Shows this overview.' });
  });

  it('tells a rostered user their role and zones, and an unknown user how to get access', async () => {
    const known = await say('meg', { from: { id: '29:n1', aadObjectId: 'aad-nurse-1' } });
    expect(known.body.text).toBe(
      'Du er registrert som Kari Nordmann: ressurssykepleier. Soner: nord.',
    );
    connector.calls.length = 0;
    const unknown = await say('meg', { from: { id: '29:x', aadObjectId: 'aad-stranger' } });
    expect(unknown.body.text).toMatch(/står ikke i bottens liste/);
  });

  it('answers a question from the routine with the quote and its source', async () => {
    const call = await say('Hva er ESAS?');
    const card = JSON.stringify(call.body.attachments[0].content);
    expect(card).toContain('Kilde:');
    expect(card).toContain('ESAS');
    expect(card).toContain('Vis hele avsnittet');
  });

  it('remembers where Teams reaches a rostered member, for later personal reminders', async () => {
    await say('meg', { from: { id: '29:n1', aadObjectId: 'aad-nurse-1' } });
    expect((await bot.store.roster.get('aad-nurse-1'))?.contact).toEqual({
      userId: '29:n1',
      tenantId: 'tenant-1',
      serviceUrl: connector.serviceUrl,
    });
  });

  it('says it does not know rather than guessing, for a question off the topic', async () => {
    const call = await say('lag kaffe');
    expect(JSON.stringify(call.body.attachments[0].content)).toContain('Det vet jeg ikke');
  });

  it('refuses a message containing a fødselsnummer, and neither logs nor stores it', async () => {
    const fnr = nationalId('150385');
    const written = `${fnr.slice(0, 6)} ${fnr.slice(6)}`;
    const casesBefore = await bot.store.cases.byZone('nord');
    const call = await say(`hjelp ${written}`);
    expect(call.body.text).toMatch(/inneholder et fødselsnummer eller D-nummer/);
    expect(call.body.attachments ?? []).toHaveLength(0);
    const log = logLines.join('\n');
    expect(log).toContain('input refused');
    expect(log).not.toContain(fnr.slice(6));
    expect(log).not.toContain(fnr);
    expect(await bot.store.cases.byZone('nord')).toEqual(casesBefore);
  });

  it('answers a HEAD probe of the endpoint (the emulator sends one) without logging a refusal', async () => {
    const before = logLines.length;
    const response = await fetch(`${bot.url}/api/messages`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(logLines.slice(before).join('')).not.toContain('http error');
  });

  it('answers 400, not 500, to a body that is not an activity', async () => {
    const response = await postActivity(bot.url, { hello: 'world' });
    expect(response.status).toBe(400);
    expect(connector.calls).toHaveLength(0);
  });
});

describe('GET /healthz', () => {
  it('is 200 while the store answers and 503 when it does not', async () => {
    const store = openSqliteStore(':memory:');
    const bot = await startTestApp({ store });
    const ok = await fetch(`${bot.url}/healthz`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as HealthReport).checks.store.ok).toBe(true);

    await store.close();
    const down = await fetch(`${bot.url}/healthz`);
    expect(down.status).toBe(503);
    expect(((await down.json()) as HealthReport).checks.store.ok).toBe(false);
    await bot.stop();
  });
});

describe('GET /readyz', () => {
  it('is 200 once started, with the liveness checks, and 503 when the store is down', async () => {
    const store = openSqliteStore(':memory:');
    const bot = await startTestApp({ store });
    const ready = await fetch(`${bot.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as HealthReport).checks).toMatchObject({
      store: { ok: true },
      lifecycle: { ok: true, detail: 'ready' },
    });
    await store.close();
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(503);
    await bot.stop();
  });
});
