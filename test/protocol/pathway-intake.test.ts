import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { nationalId } from '../support/domain-fixtures';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';
import { linkedZone } from '../support/zones';

const KEY_A = 'a'.repeat(40);
const KEY_B = 'b'.repeat(40);
const NORD_CHANNEL = '19:nord@thread.tacv2';

interface Created {
  id: string;
  code: string;
  points: { point: number; opensAt: string; closesAt: string; performer: string }[];
}

describe('POST /api/pakkeforlop (the record system registers a pathway)', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  let store: Store;
  /** The next pathway create throws, as a store that lost its connection would. */
  let failNextCreate = false;
  // Monday 9 March 2026 10:00 Oslo.
  const clock = fixedClock('2026-03-09T09:00:00.000Z');

  beforeAll(async () => {
    connector = await startFakeConnector();
    const real = openSqliteStore(':memory:');
    store = {
      ...real,
      pathways: {
        ...real.pathways,
        create: async (p, record) => {
          if (failNextCreate) {
            failNextCreate = false;
            throw new Error('store unavailable');
          }
          return real.pathways.create(p, record);
        },
      },
    };
    bot = await startTestApp({
      clock,
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
  /** A pathway for a new patient each call, so tests do not see each other's. */
  const pathway = (overrides: object = {}) => ({
    zoneId: 'nord',
    patientRef: `DIPS-PF-${++patientNo}`,
    diagnosisDate: '2026-01-05',
    hasServices: false,
    ...overrides,
  });
  const post = (body: object | string, headers: Record<string, string> = {}, apiKey = KEY_A) =>
    fetch(`${bot.url}/api/pakkeforlop`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(apiKey && { 'x-api-key': apiKey }),
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const pathwaysFor = async (patientRef: string, zone = 'nord') =>
    (await store.pathways.byZone(zone)).filter((p) => p.patientRef === patientRef);

  it('answers 401 without a key, with a wrong one, and stores nothing', async () => {
    const body = pathway();
    expect((await post(body, {}, '')).status).toBe(401);
    const wrong = await post(body, {}, 'x'.repeat(40));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'unauthorized' });
    expect(await pathwaysFor(body.patientRef)).toEqual([]);
  });

  it('answers 201 with the id, the code and both points: window and performer from the config', async () => {
    const body = pathway({ gpAgreement: true, caseCode: 'k7qxr' });
    const response = await post(body);
    expect(response.status).toBe(201);
    const created = (await response.json()) as Created;
    expect(created.code).toMatch(/^[A-Z0-9]{5}$/);
    expect(created).toEqual({
      id: expect.any(String),
      code: created.code,
      points: [
        {
          point: 2,
          // 5 April 00:00 Oslo (summer time) to Tuesday 5 May 15:30.
          opensAt: '2026-04-04T22:00:00.000Z',
          closesAt: '2026-05-05T13:30:00.000Z',
          performer: 'cancerCoordinator',
        },
        {
          point: 3,
          opensAt: '2027-01-04T23:00:00.000Z',
          // 5 July 2027 is a Monday.
          closesAt: '2027-07-05T13:30:00.000Z',
          performer: 'gp',
        },
      ],
    });
    const [stored] = await pathwaysFor(body.patientRef);
    expect(stored).toMatchObject({
      id: created.id,
      code: created.code,
      caseCode: 'K7QXR',
      gpAgreement: true,
      hasServices: false,
      state: 'open',
    });
    expect(stored.history.map((h) => [h.action, h.actorId])).toEqual([
      ['registerPathway', 'system:record-system'],
    ]);
    expect((await store.accessLog.byCase(created.id)).map((e) => [e.action, e.via])).toEqual([
      ['registerPathway', 'rest'],
    ]);
    // The card comes when the window approaches, not now.
    expect(connector.calls.filter((c) => c.kind === 'createConversation')).toHaveLength(0);
  });

  it('accepts an Entra-style Bearer key the same way as /api/referrals', async () => {
    const response = await post(pathway(), { authorization: `Bearer ${KEY_B}` }, '');
    expect(response.status).toBe(201);
  });

  it('answers 400 naming every bad field, never a value, and for JSON that does not parse', async () => {
    const response = await post({
      zoneId: 'nord',
      patientRef: 'Kari Nordmann',
      diagnosisDate: '05.01.2026',
      hasServices: 'ja',
      caseCode: 'not-a-code',
      surprise: 1,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: string;
      fields: { field: string; message: string }[];
    };
    expect(body.error).toBe('invalid_pathway');
    expect([...new Set(body.fields.map((f) => f.field))].sort()).toEqual(
      ['caseCode', 'diagnosisDate', 'hasServices', 'patientRef', 'surprise'].sort(),
    );
    expect(JSON.stringify(body)).not.toContain('Kari');
    expect((await post('{"zoneId": ')).status).toBe(400);
    expect((await post({})).status).toBe(400);
  });

  it('answers 409 for a zone without a linked channel and 422 for an unknown zone or a diagnosis in the future, storing nothing', async () => {
    const notLinked = pathway({ zoneId: 'sor' });
    const answer = await post(notLinked);
    expect(answer.status).toBe(409);
    expect(((await answer.json()) as { message: string }).message).toMatch(
      /^Sonen Sone Sør har ingen kanal/,
    );
    expect(await pathwaysFor(notLinked.patientRef, 'sor')).toEqual([]);

    const unknown = await post(pathway({ zoneId: 'vest' }));
    expect(unknown.status).toBe(422);
    const unknownBody = (await unknown.json()) as { error: string; message: string };
    expect(unknownBody.error).toBe('unknown_zone');
    expect(unknownBody.message).not.toContain('vest');

    const future = pathway({ diagnosisDate: '2026-03-10' });
    const tomorrow = await post(future);
    expect(tomorrow.status).toBe(422);
    expect(await tomorrow.json()).toEqual({
      error: 'diagnosis_date_out_of_range',
      message: 'Diagnosedatoen må være mellom 2000-01-01 og 2026-03-09.',
    });
    expect(await pathwaysFor(future.patientRef)).toEqual([]);
  });

  it('refuses a fødselsnummer in any field with 422, naming the field and never the number', async () => {
    const fnr = nationalId('150385');
    for (const body of [pathway({ patientRef: fnr }), { ...pathway(), [`x${fnr}`]: true }]) {
      const response = await post(body);
      expect(response.status).toBe(422);
      const text = await response.text();
      expect(JSON.parse(text).error).toBe('contains_national_id');
      expect(text).not.toContain(fnr);
    }
  });

  describe('with an Idempotency-Key', () => {
    it('answers a retry with the first answer and registers one pathway', async () => {
      const body = pathway();
      const first = await post(body, { 'Idempotency-Key': 'dips-pf-0001' });
      expect(first.status).toBe(201);
      const created = (await first.json()) as Created;
      const again = await post(body, { 'Idempotency-Key': 'dips-pf-0001' });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toEqual(created);
      // An omitted default and the same default spelt out are the same request.
      const explicit = await post(
        { ...body, gpAgreement: false },
        { 'Idempotency-Key': 'dips-pf-0001' },
      );
      expect(explicit.status).toBe(201);
      expect((await pathwaysFor(body.patientRef)).map((p) => p.id)).toEqual([created.id]);
    });

    it('refuses the same key with another body (422), and keeps keys of two callers apart', async () => {
      const body = pathway();
      await post(body, { 'Idempotency-Key': 'dips-pf-0002' });
      const reused = await post(
        { ...body, hasServices: true },
        { 'Idempotency-Key': 'dips-pf-0002' },
      );
      expect(reused.status).toBe(422);
      expect(await reused.json()).toMatchObject({ error: 'idempotency_key_reused' });
      const otherCaller = await post(
        { ...body, patientRef: `${body.patientRef}-B` },
        { 'Idempotency-Key': 'dips-pf-0002' },
        KEY_B,
      );
      expect(otherCaller.status).toBe(201);
    });

    it('does not share keys with /api/referrals', async () => {
      const referral = await fetch(`${bot.url}/api/referrals`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': KEY_A,
          'Idempotency-Key': 'dips-pf-shared',
        },
        body: JSON.stringify({
          zoneId: 'nord',
          seriouslyIll: false,
          hospitalContactAt: '2026-03-09T08:00:00+01:00',
          patientRef: 'DIPS-REF-1',
        }),
      });
      expect(referral.status).toBe(201);
      expect((await post(pathway(), { 'Idempotency-Key': 'dips-pf-shared' })).status).toBe(201);
    });

    it('forgets the key after a refusal or a failure, so a corrected retry runs', async () => {
      const body = pathway({ zoneId: 'vest' });
      expect((await post(body, { 'Idempotency-Key': 'dips-pf-0003' })).status).toBe(422);
      const corrected = await post(
        { ...body, zoneId: 'nord' },
        { 'Idempotency-Key': 'dips-pf-0003' },
      );
      expect(corrected.status).toBe(201);

      const failing = pathway();
      failNextCreate = true;
      expect((await post(failing, { 'Idempotency-Key': 'dips-pf-0004' })).status).toBe(500);
      const retried = await post(failing, { 'Idempotency-Key': 'dips-pf-0004' });
      expect(retried.status).toBe(201);
      expect(retried.headers.get('idempotent-replayed')).toBeNull();
      expect(await pathwaysFor(failing.patientRef)).toHaveLength(1);
    });

    it('makes exactly one pathway of 20 identical requests at once: the others hear 409, retry shortly', async () => {
      const body = pathway();
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => post(body, { 'Idempotency-Key': 'dips-pf-burst' })),
      );
      const bodies = await Promise.all(
        answers.map(async (r) => ({
          status: r.status,
          retryAfter: r.headers.get('retry-after'),
          body: (await r.json()) as Created & { error?: string },
        })),
      );
      const created = bodies.filter((a) => a.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created.map((a) => a.body.code)).size).toBe(1);
      for (const other of bodies.filter((a) => a.status !== 201)) {
        expect(other).toMatchObject({
          status: 409,
          retryAfter: '1',
          body: { error: 'request_in_progress' },
        });
      }
      expect(await pathwaysFor(body.patientRef)).toHaveLength(1);
      const later = await post(body, { 'Idempotency-Key': 'dips-pf-burst' });
      expect(later.status).toBe(201);
      expect(((await later.json()) as Created).code).toBe(created[0].body.code);
    });

    it('answers 400 for a key that is not 1-200 printable ASCII characters', async () => {
      const response = await post(pathway(), { 'Idempotency-Key': 'x'.repeat(201) });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    });
  });
});
