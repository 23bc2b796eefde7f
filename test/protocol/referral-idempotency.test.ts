import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';
import { linkedZone } from '../support/zones';

const KEY_A = 'a'.repeat(40);
const KEY_B = 'b'.repeat(40);
const NORD_CHANNEL = '19:nord@thread.tacv2';

interface Created {
  id: string;
  code: string;
  zoneId: string;
  state: string;
  cardPosted: boolean;
}

describe('POST /api/referrals with an Idempotency-Key', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  let store: Store;
  /** The next case create throws, as a store that lost its connection would. */
  let failNextCreate = false;

  beforeAll(async () => {
    connector = await startFakeConnector();
    const real = openSqliteStore(':memory:');
    store = {
      ...real,
      cases: {
        ...real.cases,
        create: async (c, record) => {
          if (failNextCreate) {
            failNextCreate = false;
            throw new Error('store unavailable');
          }
          return real.cases.create(c, record);
        },
      },
    };
    bot = await startTestApp({
      clock: fixedClock('2026-03-02T09:00:00.000Z'),
      env: { REFERRAL_API_KEYS: `${KEY_A},${KEY_B}`, LOG_LEVEL: 'silent' },
      store,
    });
    await store.zones.put(linkedZone('nord', 'Sone Nord', connector.serviceUrl, NORD_CHANNEL));
    await store.zones.put({ id: 'sor', name: 'Sone Sør', channel: null });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  let patientNo = 0;
  /** A referral for a new patient each call, so tests do not see each other's cases. */
  const referral = (overrides: object = {}) => ({
    zoneId: 'nord',
    seriouslyIll: true,
    hospitalContactAt: '2026-03-02T08:30:00+01:00',
    patientRef: `DIPS-${++patientNo}`,
    ...overrides,
  });
  const post = (body: object | string, headers: Record<string, string>, apiKey = KEY_A) =>
    fetch(`${bot.url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const casesFor = async (patientRef: string, zone = 'nord') =>
    (await store.cases.byZone(zone)).filter((c) => c.patientRef === patientRef);
  const cardPosts = () =>
    connector.calls.filter(
      (c) => c.kind === 'createConversation' && c.conversationId === NORD_CHANNEL,
    ).length;

  it('answers a retry with the first answer and makes one case', async () => {
    const body = referral();
    const posts = cardPosts();
    const first = await post(body, { 'Idempotency-Key': 'dips-msg-0001' });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const created = (await first.json()) as Created;

    // The retry spells the body differently (key order, a default given): the same referral.
    const retryBody = JSON.stringify({ registerHsyre: true, ...body });
    const again = await post(retryBody, { 'Idempotency-Key': 'dips-msg-0001' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(created);

    expect(await casesFor(body.patientRef)).toHaveLength(1);
    expect(cardPosts()).toBe(posts + 1);
  });

  it('makes exactly one case of 20 identical requests at once', async () => {
    const body = referral();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(body, { 'Idempotency-Key': 'dips-msg-burst' })),
    );
    const bodies = await Promise.all(
      answers.map(async (r) => ({
        status: r.status,
        body: (await r.json()) as Created & { error?: string },
      })),
    );
    const created = bodies.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body.code)).size).toBe(1);
    for (const other of bodies.filter((a) => a.status !== 201)) {
      expect(other).toMatchObject({ status: 409, body: { error: 'request_in_progress' } });
    }
    expect(await casesFor(body.patientRef)).toHaveLength(1);

    // Once the first has answered, every retry gets its 201.
    const later = await post(body, { 'Idempotency-Key': 'dips-msg-burst' });
    expect(later.status).toBe(201);
    expect(((await later.json()) as Created).code).toBe(created[0].body.code);
  });

  it('refuses the same key with another referral (422), creating nothing', async () => {
    const body = referral();
    expect((await post(body, { 'Idempotency-Key': 'dips-msg-0002' })).status).toBe(201);
    const other = referral();
    const reused = await post(other, { 'Idempotency-Key': 'dips-msg-0002' });
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { error: string }).error).toBe('idempotency_key_reused');
    expect(await casesFor(other.patientRef)).toHaveLength(0);
    const changed = await post(
      { ...body, seriouslyIll: false },
      { 'Idempotency-Key': 'dips-msg-0002' },
    );
    expect(changed.status).toBe(422);
  });

  it('lets a corrected retry run after a refusal', async () => {
    const wrong = referral({ hospitalContactAt: '2026-03-02T12:00:00+01:00' });
    const refused = await post(wrong, { 'Idempotency-Key': 'dips-msg-0003' });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: string }).error).toBe('hospital_contact_in_future');

    const corrected = { ...wrong, hospitalContactAt: '2026-03-02T08:00:00+01:00' };
    const retried = await post(corrected, { 'Idempotency-Key': 'dips-msg-0003' });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await casesFor(wrong.patientRef)).toHaveLength(1);
  });

  it('runs the same referral again once the refusal is fixed elsewhere (a zone linked)', async () => {
    const body = referral({ zoneId: 'sor' });
    expect((await post(body, { 'Idempotency-Key': 'dips-msg-0004' })).status).toBe(409);
    await store.zones.put(linkedZone('sor', 'Sone Sør', connector.serviceUrl, '19:sor@thread'));
    expect((await post(body, { 'Idempotency-Key': 'dips-msg-0004' })).status).toBe(201);
    expect(await casesFor(body.patientRef, 'sor')).toHaveLength(1);
  });

  it('forgets the key when the registration fails, so the retry runs', async () => {
    const body = referral();
    failNextCreate = true;
    const failed = await post(body, { 'Idempotency-Key': 'dips-msg-0005' });
    expect(failed.status).toBe(500);
    // How a 500 is worded is the HTTP server's business (src/http/server.ts), not tested here.
    await failed.arrayBuffer();
    const retried = await post(body, { 'Idempotency-Key': 'dips-msg-0005' });
    expect(retried.status).toBe(201);
    expect(await casesFor(body.patientRef)).toHaveLength(1);
  });

  it('keeps two callers with the same key apart', async () => {
    const a = referral();
    const b = referral();
    expect((await post(a, { 'Idempotency-Key': 'shared-key' }, KEY_A)).status).toBe(201);
    const fromB = await post(b, { 'Idempotency-Key': 'shared-key' }, KEY_B);
    expect(fromB.status).toBe(201);
    expect(fromB.headers.get('idempotent-replayed')).toBeNull();
    expect(await casesFor(b.patientRef)).toHaveLength(1);
  });

  it('makes a case per request without a key, as before', async () => {
    const body = referral();
    expect((await post(body, {})).status).toBe(201);
    expect((await post(body, {})).status).toBe(201);
    expect(await casesFor(body.patientRef)).toHaveLength(2);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(201)],
    ['not ASCII', 'nøkkel-12345678901'],
    ['with a control character', 'key\twith-tab-12345678901'],
  ])('refuses a key that is %s with 400 naming Idempotency-Key, not the key', async (_n, key) => {
    const body = referral();
    const response = await post(body, { 'Idempotency-Key': key });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ fields: [{ field: 'Idempotency-Key' }] });
    expect(text).not.toMatch(/\d{11}/);
    expect(text).not.toContain('kkkkkkkkkk');
    expect(await casesFor(body.patientRef)).toHaveLength(0);
  });

  it('accepts a key of 200 printable characters', async () => {
    const key = `${' !~'.repeat(66)}ab`;
    expect(key).toHaveLength(200);
    expect((await post(referral(), { 'Idempotency-Key': key })).status).toBe(201);
  });
});

describe('POST /api/referrals refusals never repeat the input', () => {
  let bot: TestApp;
  beforeAll(async () => {
    bot = await startTestApp({ env: { REFERRAL_API_KEYS: KEY_A, LOG_LEVEL: 'silent' } });
  });
  afterAll(() => bot.stop());

  it('400: not even an unknown key that looks like a fødselsnummer', async () => {
    const response = await fetch(`${bot.url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY_A },
      body: JSON.stringify({
        zoneId: 'nord',
        seriouslyIll: true,
        hospitalContactAt: '2026-03-02T08:30:00+01:00',
        patientRef: 'DIPS-1',
        '15038512345': 'x',
      }),
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toMatch(/\d{11}/);
    expect(JSON.parse(text)).toEqual({
      error: 'invalid_referral',
      fields: [{ field: '(unknown field)', message: 'unknown field' }],
    });
  });

  it('422: not an unknown zone id', async () => {
    const response = await fetch(`${bot.url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY_A },
      body: JSON.stringify({
        zoneId: 'sone-som-ikke-finnes',
        seriouslyIll: true,
        hospitalContactAt: '2026-03-02T08:30:00+01:00',
        patientRef: 'DIPS-1',
      }),
    });
    expect(response.status).toBe(422);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'unknown_zone' });
    expect(text).not.toContain('sone-som-ikke-finnes');
  });
});
