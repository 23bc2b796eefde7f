import { freshStore, type StoreHarness } from './store-contract';

/** The REST intake's idempotency records. */
export function describeIdempotencyContract(label: string, harness: StoreHarness): void {
  describe(`Store contract: ${label}`, () => {
    const store = freshStore(harness);

    describe('idempotency records', () => {
      const t0 = '2026-03-02T09:00:00.000Z';
      const t1 = '2026-03-02T09:00:01.000Z';

      it('begins a key once; a second begin, even with another body, learns it exists', async () => {
        const key = 'referrals:3f2a9c';
        expect(await store.idempotency.begin(key, 'sha256:body-1', t0)).toBe(true);
        expect(await store.idempotency.begin(key, 'sha256:body-2', t1)).toBe(false);
        expect(await store.idempotency.get(key)).toEqual({
          key,
          fingerprint: 'sha256:body-1',
          status: 'pending',
          createdAt: t0,
          updatedAt: t0,
        });
        expect(await store.idempotency.get('referrals:unknown')).toBeUndefined();
      });

      it('stores the answer, any JSON body, keeping when it began', async () => {
        const key = 'referrals:answered';
        await store.idempotency.begin(key, 'fp', t0);
        const body = {
          caseId: 'c-1',
          code: 'ACDEF',
          nested: { list: [1, 2.5, -3, 'tekst med æøå', null, true], empty: {} },
        };
        await store.idempotency.complete(key, { status: 201, body }, t1);
        expect(await store.idempotency.get(key)).toEqual({
          key,
          fingerprint: 'fp',
          status: 'done',
          response: { status: 201, body },
          createdAt: t0,
          updatedAt: t1,
        });
        await store.idempotency.begin('referrals:plain', 'fp', t0);
        await store.idempotency.complete('referrals:plain', { status: 409, body: 'taken' }, t1);
        expect((await store.idempotency.get('referrals:plain'))?.response).toEqual({
          status: 409,
          body: 'taken',
        });
      });

      it('keeps the body as its JSON carries it, and only the status and body', async () => {
        const key = 'referrals:loose';
        await store.idempotency.begin(key, 'fp', t0);
        const response = {
          status: 201,
          body: { id: 'c-1', note: undefined, at: new Date(t0) },
          headers: { 'x-extra': '1' },
        };
        await store.idempotency.complete(key, response, t1);
        expect((await store.idempotency.get(key))?.response).toStrictEqual({
          status: 201,
          body: { id: 'c-1', at: t0 },
        });
      });

      it('refuses to complete a key nobody began', async () => {
        await expect(
          store.idempotency.complete('referrals:never', { status: 201, body: {} }, t1),
        ).rejects.toThrow(/never begun/);
        expect(await store.idempotency.get('referrals:never')).toBeUndefined();
      });

      it('forgets an abandoned key, so a retry can begin it again', async () => {
        const key = 'referrals:failed';
        await store.idempotency.begin(key, 'fp', t0);
        await store.idempotency.abandon(key);
        expect(await store.idempotency.get(key)).toBeUndefined();
        expect(await store.idempotency.begin(key, 'fp', t1)).toBe(true);
        expect((await store.idempotency.get(key))?.createdAt).toBe(t1);
        await expect(store.idempotency.abandon('referrals:unknown')).resolves.toBeUndefined();
      });

      it('keeps keys with any characters apart', async () => {
        const keys = [
          'referrals:a/b',
          'referrals:a?b#c',
          'referrals:100%',
          `referrals:${'x'.repeat(300)}`,
        ];
        for (const key of keys) expect(await store.idempotency.begin(key, key, t0)).toBe(true);
        for (const key of keys) expect((await store.idempotency.get(key))?.fingerprint).toBe(key);
      });

      it('lets exactly one of 20 concurrent begins of one key win', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.idempotency.begin('referrals:race', `fp-${i}`, t0),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = results.indexOf(true);
        expect((await store.idempotency.get('referrals:race'))?.fingerprint).toBe(`fp-${winner}`);
      });
    });
  });
}
