import fc from 'fast-check';
import type { CaseRecord } from '../../src/domain/reports/case-facts';
import { yearMonthOf } from '../../src/domain/reports/month';
import {
  DEADLINE_FIGURES,
  DEADLINE_KEYS,
  DURATION_FIGURES,
  packedRunningAt,
  packedZoneAt,
  packRecord,
  unpackRecord,
} from '../../src/domain/reports/packed-record';
import type { RunningDeadline } from '../../src/domain/reports/policy-context';

/*
 * A packed record must answer every question the figures ask exactly as the record it was
 * packed from: its fields, the zone at any instant and the deadline running at any instant.
 */

const T0 = Date.parse('2025-01-01T00:00:00.000Z');
const instant = fc.integer({ min: 0, max: 400 * 24 * 60 }).map((m) => T0 + m * 60_000);
const maybe = (arb: fc.Arbitrary<number>) => fc.oneof(arb, fc.constant(Number.NaN));
const month = fc.integer({ min: 2025 * 12, max: 2027 * 12 }).map(yearMonthOf);
const zone = fc.integer({ min: 0, max: 40 });
const deadline: fc.Arbitrary<RunningDeadline | null> = fc.option(
  fc.record({ key: fc.constantFrom(...DEADLINE_KEYS), dueAt: instant }),
  { nil: null },
);

const record: fc.Arbitrary<CaseRecord> = fc
  .record({
    complete: fc.boolean(),
    zone,
    moves: fc
      .array(fc.record({ at: instant, from: zone }), { maxLength: 3 })
      .map((ms) => [...ms].sort((a, b) => a.at - b.at)),
    earliest: instant,
    registered: instant,
    last: instant,
    closed: fc.boolean(),
    maxRuleDays: fc.integer({ min: 0, max: 365 }),
    referral: fc.option(fc.record({ month, zone }), { nil: null }),
    deadlines: fc.array(
      fc.record({
        figure: fc.constantFrom(...DEADLINE_FIGURES),
        seriouslyIll: fc.boolean(),
        dueAt: instant,
        month,
        eventAt: maybe(instant),
        exitAt: maybe(instant),
      }),
      { maxLength: 5 },
    ),
    durations: fc.array(
      fc.record({
        figure: fc.constantFrom(...DURATION_FIGURES),
        month,
        zone,
        hours: fc.double({ min: 0, max: 2000, noNaN: true }),
      }),
      { maxLength: 3 },
    ),
    sameDay: fc.option(
      fc.record({
        month,
        zone,
        closedAt: maybe(instant),
        closedSameDay: fc.boolean(),
        dayEnd: instant,
      }),
      { nil: null },
    ),
    entries: fc
      .array(fc.tuple(instant, deadline), { maxLength: 8 })
      .map((es) => [...es].sort((a, b) => a[0] - b[0])),
  })
  .map(({ entries, ...r }) => ({
    ...r,
    times: entries.map(([t]) => t),
    running: entries.map(([, d]) => d),
  }));

/** What the record itself says: the zone the next move came from, else its zone. */
const zoneAt = (r: CaseRecord, ms: number) => r.moves.find((m) => m.at > ms)?.from ?? r.zone;

/** The deadline after the last entry at or before `ms`. */
function runningAt(r: CaseRecord, ms: number): RunningDeadline | null {
  let k = r.times.length - 1;
  while (k >= 0 && r.times[k] > ms) k--;
  return k < 0 ? null : r.running[k];
}

describe('packed report records', () => {
  it('unpack to the record they were packed from', () => {
    fc.assert(
      fc.property(record, (r) => {
        const back = unpackRecord(packRecord(r));
        const { times, running, ...rest } = back;
        const { times: _t, running: _r, ...expected } = r;
        expect(rest).toEqual(expected);
        // The running deadline as its changes: the same deadline at every entry's time.
        for (const t of r.times) expect(runningAt(back, t)).toEqual(runningAt(r, t));
        expect(times.length).toBeLessThanOrEqual(r.times.length);
        expect(
          running.every((d, i) => i === 0 || JSON.stringify(d) !== JSON.stringify(running[i - 1])),
        ).toBe(true);
      }),
    );
  });

  it('tell the zone and the running deadline at any instant as the record does', () => {
    fc.assert(
      fc.property(record, fc.array(instant, { minLength: 1, maxLength: 10 }), (r, instants) => {
        const f = packRecord(r);
        for (const ms of [...instants, ...r.times, ...r.moves.map((m) => m.at)]) {
          expect(packedZoneAt(f, ms)).toBe(zoneAt(r, ms));
          const slot = packedRunningAt(f, ms);
          const d = runningAt(r, ms);
          if (slot < 0 || f[slot + 1] < 0) expect(d).toBeNull();
          else expect({ key: DEADLINE_KEYS[f[slot + 1]], dueAt: f[slot + 2] }).toEqual(d);
        }
      }),
    );
  });
});
