import { randomUUID } from 'node:crypto';
import {
  type Pathway,
  pathwaySchema,
  recordPointCardPosted,
} from '../../src/domain/pathway/pathway';
import { nextNoticeAt } from '../../src/store/ports/pathways';
import type { BadDocument } from '../../src/store/set-aside';
import { staff } from '../support/domain-fixtures';
import { newPathway } from '../support/pathways';
import { accessEntry, freshStore, type StoreHarness, uniqueCode } from './store-contract';

/** A pathway with a fresh id and code, due (and noticed) when the overrides say. */
function storedPathway(overrides: Partial<Pathway> = {}): Pathway {
  return { ...newPathway(), code: uniqueCode(), ...overrides };
}

const CARD = { conversationId: '19:nord@thread.tacv2;messageid=1', activityId: '1' };
const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T08:00:00.000Z`;

/** Pakkeforløp hjem: create, conditional save, the due and zone queries, the point-card queue. */
export function describePathwaysContract(label: string, harness: StoreHarness): void {
  describe(`Store contract: ${label}`, () => {
    const store = freshStore(harness);

    describe('pathways', () => {
      it('creates a pathway and reads it back by id and by code, unchanged', async () => {
        const p = storedPathway();
        expect(await store.pathways.create(p)).toEqual({ ok: true, pathway: p });
        expect(await store.pathways.get(p.id)).toEqual(p);
        expect(await store.pathways.getByCode(p.code)).toEqual(p);
        expect(pathwaySchema.parse(await store.pathways.get(p.id))).toEqual(p);
      });

      it('answers undefined for an unknown id or code', async () => {
        expect(await store.pathways.get('no-such-id')).toBeUndefined();
        expect(await store.pathways.getByCode('QQQQQ')).toBeUndefined();
      });

      it('refuses a second pathway with the same id or the same code, keeping the first', async () => {
        const p = storedPathway();
        await store.pathways.create(p);
        expect(await store.pathways.create({ ...p, code: uniqueCode() })).toEqual({
          ok: false,
          reason: 'duplicate',
        });
        expect(await store.pathways.create(storedPathway({ code: p.code }))).toEqual({
          ok: false,
          reason: 'duplicate',
        });
        expect(await store.pathways.get(p.id)).toEqual(p);
      });

      it("stores a change's access-log entry with it, and none for a refused save", async () => {
        const p = storedPathway();
        const registered = accessEntry(p, 'registerPathway');
        expect((await store.pathways.create(p, registered)).ok).toBe(true);
        const claim = accessEntry(p, 'claimPoint', 6);
        expect((await store.pathways.save({ ...p, zoneId: 'sor' }, claim)).ok).toBe(true);
        expect(await store.pathways.save(p, accessEntry(p, 'closePathway'))).toEqual({
          ok: false,
          reason: 'conflict',
        });
        expect(await store.pathways.create(p, accessEntry(p, 'registerPathway'))).toEqual({
          ok: false,
          reason: 'duplicate',
        });
        expect(await store.accessLog.byCase(p.id)).toEqual([registered, claim]);
      });

      it('saves conditionally: bumps the version, and refuses a stale version', async () => {
        const p = storedPathway();
        await store.pathways.create(p);
        const first = await store.pathways.save({ ...p, hasServices: false });
        expect(first.ok && first.pathway.version).toBe(2);
        const stale = await store.pathways.save({ ...p, state: 'closed', closedReason: 'moved' });
        expect(stale).toEqual({ ok: false, reason: 'conflict' });
        const stored = await store.pathways.get(p.id);
        expect(stored).toMatchObject({ version: 2, state: 'open', hasServices: false });
      });

      it('lets exactly one of 20 concurrent saves of one version win', async () => {
        const p = storedPathway();
        await store.pathways.create(p);
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.pathways.save({
              ...p,
              points: p.points.map((pt) =>
                pt.point === 2 ? { ...pt, state: 'claimed', claimedBy: `nurse-${i}` } : pt,
              ),
            }),
          ),
        );
        const winners = results.filter((r) => r.ok);
        expect(winners).toHaveLength(1);
        expect(results.filter((r) => !r.ok && r.reason === 'conflict')).toHaveLength(19);
        const stored = await store.pathways.get(p.id);
        expect(stored?.version).toBe(2);
        expect(stored?.points[0].claimedBy).toBe(
          winners[0].ok ? winners[0].pathway.points[0].claimedBy : 'none',
        );
      });

      it('refuses to save a pathway that was never created, and never deletes one', async () => {
        expect(await store.pathways.save(storedPathway())).toEqual({
          ok: false,
          reason: 'conflict',
        });
        expect(Object.keys(store.pathways)).not.toContain('delete');
      });

      it('finds open pathways due at or before T, earliest first, up to the limit', async () => {
        const late = storedPathway({ nextDueAt: '2026-03-02T12:00:00.000Z' });
        const early = storedPathway({ nextDueAt: '2026-03-02T08:00:00.000Z', zoneId: 'sor' });
        const exact = storedPathway({ nextDueAt: '2026-03-02T13:00:00.000Z' });
        const future = storedPathway({ nextDueAt: '2026-03-02T13:00:00.001Z' });
        const closed = storedPathway({
          nextDueAt: '2026-03-02T07:00:00.000Z',
          state: 'closed',
          closedReason: 'moved',
        });
        const never = storedPathway({ nextDueAt: null });
        for (const p of [late, early, exact, future, closed, never]) await store.pathways.create(p);

        const found = await store.pathways.dueBefore('2026-03-02T13:00:00.000Z', 10);
        expect(found.map((p) => p.id)).toEqual([early.id, late.id, exact.id]);
        expect(
          (await store.pathways.dueBefore('2026-03-02T13:00:00.000Z', 2)).map((p) => p.id),
        ).toEqual([early.id, late.id]);
        expect(await store.pathways.dueBefore('2026-03-02T13:00:00.000Z', 0)).toEqual([]);
      });

      it("lists a zone's pathways by urgency, those without a due time last, closed ones on request", async () => {
        const a = storedPathway({ nextDueAt: '2026-03-05T10:00:00.000Z' });
        const b = storedPathway({ nextDueAt: '2026-03-03T10:00:00.000Z' });
        const none = storedPathway({ nextDueAt: null });
        const closed = storedPathway({ nextDueAt: null, state: 'closed', closedReason: 'died' });
        const other = storedPathway({ zoneId: 'sor' });
        for (const p of [a, b, none, closed, other]) await store.pathways.create(p);

        const open = await store.pathways.byZone('nord', { openOnly: true });
        expect(open.map((p) => p.id)).toEqual([b.id, a.id, none.id]);
        const all = await store.pathways.byZone('nord');
        expect(all.map((p) => p.id).sort()).toEqual([a.id, b.id, none.id, closed.id].sort());
        expect(await store.pathways.byZone('nord', { limit: 1 })).toHaveLength(1);
      });

      it('keeps the whole history across saves', async () => {
        const p = storedPathway();
        await store.pathways.create(p);
        const posted = recordPointCardPosted(p, 2, CARD, staff.fve, new Date(at(9)));
        const saved = await store.pathways.save(posted);
        expect(saved.ok).toBe(true);
        const stored = await store.pathways.get(p.id);
        expect(stored?.history.map((h) => h.action)).toEqual(['registerPathway', 'postCard']);
        expect(stored?.points[0].card).toEqual(CARD);
      });
    });

    describe('the point-card queue', () => {
      /** A pathway whose point 2 card is due at `day` (and point 3's a year later). */
      const noticedOn = (day: number, overrides: Partial<Pathway> = {}) => {
        const p = storedPathway(overrides);
        return {
          ...p,
          points: p.points.map((pt) => (pt.point === 2 ? { ...pt, noticeAt: at(day) } : pt)),
        };
      };

      it('lists open pathways with a card due at or before T, earliest first (ties by code)', async () => {
        const later = noticedOn(20);
        const first = noticedOn(3);
        const tieB = noticedOn(10, { code: 'YYYYY' });
        const tieA = noticedOn(10, { code: 'AAAAA' });
        const future = noticedOn(25);
        const closed = noticedOn(1, { state: 'closed', closedReason: 'moved' });
        for (const p of [later, first, tieB, tieA, future, closed]) await store.pathways.create(p);

        const found = await store.pathways.noticeDue(at(20), 10);
        expect(found.map((p) => p.id)).toEqual([first.id, tieA.id, tieB.id, later.id]);
        expect((await store.pathways.noticeDue(at(20), 2)).map((p) => p.id)).toEqual([
          first.id,
          tieA.id,
        ]);
        expect(await store.pathways.noticeDue(at(20), 0)).toEqual([]);
      });

      it("moves a pathway on to its next point's notice once a card is posted, and off the queue when none is left", async () => {
        const p = noticedOn(3);
        await store.pathways.create(p);
        expect(nextNoticeAt(p)).toBe(at(3));
        const saved = await store.pathways.save(
          recordPointCardPosted(p, 2, CARD, staff.fve, new Date(at(3))),
        );
        if (!saved.ok) throw new Error('not saved');
        expect(await store.pathways.noticeDue(at(20), 10)).toEqual([]);
        const point3 = saved.pathway.points[1].noticeAt;
        expect((await store.pathways.noticeDue(point3, 10)).map((x) => x.id)).toEqual([p.id]);

        const both = await store.pathways.save(
          recordPointCardPosted(saved.pathway, 3, CARD, staff.fve, new Date(point3)),
        );
        expect(both.ok).toBe(true);
        expect(await store.pathways.noticeDue('2100-01-01T00:00:00.000Z', 10)).toEqual([]);
      });

      it('drops a closed pathway from the queue', async () => {
        const p = noticedOn(3);
        await store.pathways.create(p);
        await store.pathways.save({ ...p, state: 'closed', closedReason: 'declined' });
        expect(await store.pathways.noticeDue(at(20), 10)).toEqual([]);
      });
    });

    if (harness.raw) {
      const rawOf = harness.raw;
      describe('pathway documents that do not parse', () => {
        it('leaves a bad pathway out of every read, counts and reports it once by id, never by value', async () => {
          const reports: BadDocument[] = [];
          const own = await harness.open({ onBadDocument: (bad) => reports.push(bad) });
          try {
            const good = storedPathway({ nextDueAt: '2026-03-02T08:00:00.000Z' });
            await own.pathways.create(good);
            const broken = {
              ...storedPathway({ nextDueAt: good.nextDueAt, patientRef: 'DIPS-SECRET-4711' }),
              id: `bad-${randomUUID()}`,
            };
            await rawOf(own).put('pathways', { ...broken, diagnosisDate: 'last spring' });
            const far = '2100-01-01T00:00:00.000Z';
            expect((await own.pathways.dueBefore(far, 10)).map((p) => p.id)).toEqual([good.id]);
            expect((await own.pathways.byZone('nord')).map((p) => p.id)).toEqual([good.id]);
            expect(await own.pathways.get(broken.id)).toBeUndefined();
            expect(reports).toHaveLength(1);
            expect(reports[0]).toMatchObject({ collection: 'pathways', id: broken.id });
            expect(JSON.stringify(reports)).not.toContain('DIPS-SECRET-4711');
            expect(own.health().ids).toEqual([`pathways/${broken.id}`]);
          } finally {
            await own.close();
          }
        });
      });
    }
  });
}
