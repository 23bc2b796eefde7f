import { randomUUID } from 'node:crypto';
import { createNetworkEvent, type NetworkEvent } from '../../src/domain/competence/event';
import {
  addActivity,
  type CompetenceRecord,
  newCompetenceRecord,
  withdrawFromRecord,
} from '../../src/domain/competence/record';
import type { BadDocument } from '../../src/store/set-aside';
import { currentStore, freshStore, type StoreHarness } from './store-contract';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const nurseActor = (id: string) => ({ id, roles: ['nurse' as const], zoneIds: ['nord'] });
const networkLeader = { id: 'network-1', roles: ['networkLeader' as const], zoneIds: [] };

/** A record with one gathering in it, recorded by the nurse herself. */
function recordWithGathering(nurseId = `nurse-${randomUUID()}`): CompetenceRecord {
  const actor = nurseActor(nurseId);
  const result = addActivity(
    newCompetenceRecord(nurseId, NOW),
    { kind: 'gathering', nurseId, date: '2026-02-20', hours: 6 },
    { actor, nurse: actor, now: NOW, timeZone: 'Europe/Oslo', id: randomUUID() },
  );
  if (!result.ok) throw new Error('fixture refused');
  return result.record;
}

function event(date = '2026-04-10'): NetworkEvent {
  const result = createNetworkEvent(
    { kind: 'gathering', date, hours: 6, place: 'Kulturhuset' },
    networkLeader,
    NOW,
    randomUUID(),
  );
  if (!result.ok) throw new Error('fixture refused');
  return result.event;
}

/** Competence records and network events: create, conditional save, the engine's queue. */
export function describeCompetenceContract(label: string, harness: StoreHarness): void {
  describe(`Store contract: ${label}`, () => {
    const store = freshStore(harness);

    describe('competence records', () => {
      it('creates a record at version 1 and reads it back unchanged', async () => {
        const r = recordWithGathering();
        expect(await store.competence.createRecord(r)).toEqual({ ok: true, value: r });
        expect(await store.competence.getRecord(r.id)).toEqual(r);
        expect(await store.competence.getRecord('nobody')).toBeUndefined();
      });

      it('refuses a second record for the same nurse, keeping the first', async () => {
        const r = recordWithGathering();
        await store.competence.createRecord(r);
        const other = newCompetenceRecord(r.id, NOW);
        expect(await store.competence.createRecord(other)).toEqual({
          ok: false,
          reason: 'duplicate',
        });
        expect(await store.competence.getRecord(r.id)).toEqual(r);
      });

      it('saves conditionally, keeps the withdrawn activity and the history, refuses a stale version', async () => {
        const r = recordWithGathering();
        await store.competence.createRecord(r);
        const actor = nurseActor(r.id);
        const withdrawn = withdrawFromRecord(r, r.activities[0].id, actor, actor, NOW);
        if (!withdrawn.ok) throw new Error('refused');
        const saved = await store.competence.saveRecord(withdrawn.record);
        expect(saved.ok && saved.value.version).toBe(2);
        expect(await store.competence.saveRecord({ ...r, level: 'B' })).toEqual({
          ok: false,
          reason: 'conflict',
        });
        const stored = await store.competence.getRecord(r.id);
        expect(stored?.activities).toHaveLength(1);
        expect(stored?.activities[0]).toMatchObject({ status: 'withdrawn', withdrawnBy: r.id });
        expect(stored?.history.map((h) => h.action)).toEqual(['recorded', 'withdrawn']);
        expect(stored?.level).toBeUndefined();
      });

      it('lets exactly one of 20 concurrent saves of one version win', async () => {
        const r = recordWithGathering();
        await store.competence.createRecord(r);
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.competence.saveRecord({ ...r, level: i % 2 === 0 ? 'B' : 'C' }),
          ),
        );
        expect(results.filter((x) => x.ok)).toHaveLength(1);
        expect((await store.competence.getRecord(r.id))?.version).toBe(2);
      });

      it('refuses to save a record never created', async () => {
        expect(await store.competence.saveRecord(recordWithGathering())).toEqual({
          ok: false,
          reason: 'conflict',
        });
      });

      it('reads the records of many nurses at once, leaving out those without one', async () => {
        const a = recordWithGathering();
        const b = recordWithGathering();
        await store.competence.createRecord(a);
        await store.competence.createRecord(b);
        const found = await store.competence.records([a.id, 'nobody', b.id, a.id]);
        expect(found.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
      });

      it('queues records by nextDueAt, earliest first, and never one without', async () => {
        const late = { ...recordWithGathering(), nextDueAt: '2026-03-05T07:00:00.000Z' };
        const early = { ...recordWithGathering(), nextDueAt: '2026-03-03T07:00:00.000Z' };
        const never = { ...recordWithGathering(), nextDueAt: null };
        for (const r of [late, early, never]) await store.competence.createRecord(r);
        const ids = async (t: string, limit = 10) =>
          (await store.competence.recordsDueBefore(t, limit)).map((r) => r.id);
        expect(await ids('2026-03-04T00:00:00.000Z')).toEqual([early.id]);
        expect(await ids('2100-01-01T00:00:00.000Z')).toEqual([early.id, late.id]);
        expect(await ids('2100-01-01T00:00:00.000Z', 1)).toEqual([early.id]);
        expect(await ids('2100-01-01T00:00:00.000Z', 0)).toEqual([]);
        const saved = await store.competence.saveRecord({ ...early, version: 1, nextDueAt: null });
        expect(saved.ok).toBe(true);
        expect(await ids('2100-01-01T00:00:00.000Z')).toEqual([late.id]);
      });
    });

    describe('network events', () => {
      it('creates, reads and conditionally saves an event', async () => {
        const e = event();
        expect(await store.competence.createEvent(e)).toEqual({ ok: true, value: e });
        expect(await store.competence.createEvent(e)).toEqual({ ok: false, reason: 'duplicate' });
        expect(await store.competence.getEvent(e.id)).toEqual(e);
        const attended = {
          ...e,
          attendees: [{ nurseId: 'n-1', by: networkLeader.id, at: NOW.toISOString() }],
        };
        const saved = await store.competence.saveEvent(attended);
        expect(saved).toEqual({ ok: true, value: { ...attended, version: 2 } });
        expect(await store.competence.saveEvent({ ...e, status: 'cancelled' })).toEqual({
          ok: false,
          reason: 'conflict',
        });
        expect((await store.competence.getEvent(e.id))?.attendees).toHaveLength(1);
      });

      it('lists the events from a date on, by date', async () => {
        const later = event('2026-05-01');
        const sooner = event('2026-04-01');
        const past = event('2026-01-15');
        for (const e of [later, sooner, past]) await store.competence.createEvent(e);
        const ids = (await store.competence.events('2026-03-01')).map((e) => e.id);
        expect(ids).toEqual([sooner.id, later.id]);
        expect((await store.competence.events('2026-03-01', 1)).map((e) => e.id)).toEqual([
          sooner.id,
        ]);
      });

      it('stores the network channel, replacing an earlier one', async () => {
        expect(await store.competence.networkChannel()).toBeUndefined();
        const link = {
          serviceUrl: 'https://smba.trafficmanager.net/emea/',
          channelId: 'msteams',
          conversationId: '19:network@thread.tacv2',
          tenantId: 'tenant-1',
          linkedBy: networkLeader.id,
          linkedAt: NOW.toISOString(),
        };
        await store.competence.setNetworkChannel(link);
        await store.competence.setNetworkChannel({ ...link, conversationId: '19:other@thread' });
        expect(await store.competence.networkChannel()).toEqual({
          ...link,
          conversationId: '19:other@thread',
        });
        expect(await store.competence.events('2000-01-01')).toEqual([]);
      });
    });

    if (harness.raw) {
      const rawOf = harness.raw;
      describe('competence documents stored before a field existed', () => {
        it('reads an event stored without `registered` back with nobody registered', async () => {
          const { registered: _, ...old } = event();
          await rawOf(currentStore(store)).put('networkEvents', old);
          expect((await store.competence.getEvent(old.id))?.registered).toEqual([]);
        });
      });
      describe('competence documents that do not parse', () => {
        it('leaves a bad record out of every read and reports it once by id, never by value', async () => {
          const reports: BadDocument[] = [];
          const own = await harness.open({ onBadDocument: (bad) => reports.push(bad) });
          try {
            const good = { ...recordWithGathering(), nextDueAt: '2026-03-03T07:00:00.000Z' };
            await own.competence.createRecord(good);
            const broken = { ...good, id: `bad-${randomUUID()}`, level: 'SECRET-LEVEL-4711' };
            await rawOf(own).put('competence', broken);
            const badEvent = { ...event(), date: 'next spring', place: 'SECRET-PLACE-4711' };
            await rawOf(own).put('networkEvents', badEvent);
            const far = '2100-01-01T00:00:00.000Z';
            expect((await own.competence.recordsDueBefore(far, 10)).map((r) => r.id)).toEqual([
              good.id,
            ]);
            expect((await own.competence.records([good.id, broken.id])).map((r) => r.id)).toEqual([
              good.id,
            ]);
            expect(await own.competence.getRecord(broken.id)).toBeUndefined();
            expect(await own.competence.getEvent(badEvent.id)).toBeUndefined();
            expect(reports.map((r) => `${r.collection}/${r.id}`).sort()).toEqual(
              [`competence/${broken.id}`, `networkEvents/${badEvent.id}`].sort(),
            );
            expect(JSON.stringify(reports)).not.toContain('SECRET');
          } finally {
            await own.close();
          }
        });
      });
    }
  });
}
