import fc from 'fast-check';
import type { CaseRecord } from '../../src/domain/reports/case-facts';
import {
  factsDoc,
  keptFromDoc,
  REPORT_FACTS_FORMAT,
  REPORT_FACTS_LAYOUT,
  reportFactsDocSchema,
} from '../../src/domain/reports/kept-case';
import { yearMonthOf } from '../../src/domain/reports/month';
import {
  DEADLINE_FIGURES,
  DEADLINE_KEYS,
  DEADLINE_SIZE,
  DURATION_FIGURES,
  DURATION_SIZE,
  deadlinesAt,
  durationsAt,
  type PackedRecord,
  packedClosed,
  packedLast,
  packedMaxRuleDays,
  packedRegistered,
  packedRunningAt,
  packedZone,
  packedZoneAt,
  packRecord,
  referralMonth,
  referralZone,
  runningAt,
  sameDayClosedAt,
  sameDayClosedSameDay,
  sameDayEnd,
  sameDayMonth,
  sameDayZone,
} from '../../src/domain/reports/packed-record';
import type { RunningDeadline } from '../../src/domain/reports/policy-context';
import { zoneCode } from '../../src/domain/reports/zone-codes';

/*
 * A packed record must answer every question the figures ask exactly as the record it was
 * packed from: its fields, the zone at any instant and the deadline running at any instant.
 */

const T0 = Date.parse('2025-01-01T00:00:00.000Z');
const instant = fc.integer({ min: 0, max: 400 * 24 * 60 }).map((m) => T0 + m * 60_000);
const maybe = (arb: fc.Arbitrary<number>) => fc.oneof(arb, fc.constant(Number.NaN));
const month = fc.integer({ min: 2025 * 12, max: 2027 * 12 }).map(yearMonthOf);
// Codes of zones this process knows (a stored form names them by id).
const zone = fc.integer({ min: 0, max: 40 }).map((i) => zoneCode(`zone-${i}`));
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
function recordRunningAt(r: CaseRecord, ms: number): RunningDeadline | null {
  let k = r.times.length - 1;
  while (k >= 0 && r.times[k] > ms) k--;
  return k < 0 ? null : r.running[k];
}

/** What the figures read of a packed record, as the record's own fields. */
function readBack(f: PackedRecord) {
  const deadlines = [];
  for (let o = deadlinesAt(f); o < durationsAt(f); o += DEADLINE_SIZE) {
    deadlines.push({
      figure: DEADLINE_FIGURES[f[o]],
      seriouslyIll: f[o + 1] === 1,
      dueAt: f[o + 2],
      month: yearMonthOf(f[o + 3]),
      eventAt: f[o + 4],
      exitAt: f[o + 5],
    });
  }
  const durations = [];
  for (let o = durationsAt(f); o < runningAt(f); o += DURATION_SIZE) {
    durations.push({
      figure: DURATION_FIGURES[f[o]],
      month: yearMonthOf(f[o + 1]),
      zone: f[o + 2],
      hours: f[o + 3],
    });
  }
  return {
    zone: packedZone(f),
    registered: packedRegistered(f),
    last: packedLast(f),
    closed: packedClosed(f),
    maxRuleDays: packedMaxRuleDays(f),
    referral: Number.isNaN(referralMonth(f))
      ? null
      : { month: yearMonthOf(referralMonth(f)), zone: referralZone(f) },
    sameDay: Number.isNaN(sameDayMonth(f))
      ? null
      : {
          month: yearMonthOf(sameDayMonth(f)),
          zone: sameDayZone(f),
          closedAt: sameDayClosedAt(f),
          closedSameDay: sameDayClosedSameDay(f),
          dayEnd: sameDayEnd(f),
        },
    deadlines,
    durations,
  };
}

const expected = (r: CaseRecord) => ({
  zone: r.zone,
  registered: r.registered,
  last: r.last,
  closed: r.closed,
  maxRuleDays: r.maxRuleDays,
  referral: r.referral,
  sameDay: r.sameDay,
  deadlines: r.deadlines,
  durations: r.durations,
});

/** Asks a packed record everything, at these instants. */
function answers(f: PackedRecord, instants: number[]) {
  return {
    fields: readBack(f),
    at: instants.map((ms) => {
      const slot = packedRunningAt(f, ms);
      return {
        zone: packedZoneAt(f, ms),
        running:
          slot < 0 || f[slot + 1] < 0
            ? null
            : { key: DEADLINE_KEYS[f[slot + 1]], dueAt: f[slot + 2] },
      };
    }),
  };
}

const keptOf = (r: CaseRecord) => ({
  id: 'case-1',
  facts: packRecord(r),
  levels: ['reminder'],
  hadBy: ['n-1'],
});
const TIME_ZONE = 'Europe/Oslo';

describe('packed report records', () => {
  it('keep every field of the record they were packed from', () => {
    fc.assert(
      fc.property(record, (r) => {
        expect(readBack(packRecord(r))).toEqual(expected(r));
      }),
    );
  });

  it('tell the zone and the running deadline at any instant as the record does', () => {
    fc.assert(
      fc.property(record, fc.array(instant, { minLength: 1, maxLength: 10 }), (r, instants) => {
        const all = [...instants, ...r.times, ...r.moves.map((m) => m.at)];
        expect(answers(packRecord(r), all).at).toEqual(
          all.map((ms) => ({ zone: zoneAt(r, ms), running: recordRunningAt(r, ms) })),
        );
      }),
    );
  });

  it('are stored and read back (JSON and the schema) with the same answers, the zones by id', () => {
    fc.assert(
      fc.property(record, fc.array(instant, { maxLength: 5 }), (r, instants) => {
        const kept = keptOf(r);
        const doc = reportFactsDocSchema.parse(
          JSON.parse(JSON.stringify(factsDoc(kept, 3, TIME_ZONE))),
        );
        expect(doc.zones.every((z) => z.startsWith('zone-'))).toBe(true);
        const back = keptFromDoc(doc);
        if (!back) throw new Error('not read back');
        const all = [...instants, ...r.times];
        expect(answers(back.facts, all)).toEqual(answers(kept.facts, all));
        expect([back.id, back.levels, back.hadBy]).toEqual([kept.id, kept.levels, kept.hadBy]);
      }),
    );
  });

  it('read back as none when the stored numbers are not a record of their zones', () => {
    const r = fc.sample(record, { numRuns: 1, seed: 7 })[0];
    const doc = factsDoc(
      keptOf({ ...r, referral: { month: '2026-03', zone: zoneCode('nord') } }),
      1,
      TIME_ZONE,
    );
    const numbers = Buffer.from(doc.numbers, 'base64');
    const withNumber = (at: number, value: number) => {
      const copy = Buffer.from(numbers);
      copy.writeDoubleLE(value, at * 8);
      return { ...doc, numbers: copy.toString('base64') };
    };
    expect(keptFromDoc(doc)).toBeDefined();
    // Not whole doubles; a part cut off; a zone beyond the list; a count that does not add up.
    expect(
      keptFromDoc({ ...doc, numbers: numbers.subarray(1).toString('base64') }),
    ).toBeUndefined();
    expect(
      keptFromDoc({ ...doc, numbers: numbers.subarray(8).toString('base64') }),
    ).toBeUndefined();
    expect(keptFromDoc({ ...doc, zones: [] })).toBeUndefined();
    expect(keptFromDoc(withNumber(0, 99))).toBeUndefined();
    expect(keptFromDoc(withNumber(13, 1e6))).toBeUndefined();
    // A referral month without its zone; a referral zone that is no place in the list.
    expect(keptFromDoc(withNumber(6, Number.NaN))).toBeUndefined();
    expect(keptFromDoc(withNumber(6, 0.5))).toBeUndefined();
    // The last entry the document states must be the record's.
    expect(keptFromDoc({ ...doc, last: doc.last + 1 })).toBeUndefined();
  });

  it('hold the layout of their format: a changed list needs a new format number', () => {
    // Stored facts of format 2 index these lists; facts stored under them must not be read
    // with other lists.
    expect([REPORT_FACTS_FORMAT, REPORT_FACTS_LAYOUT]).toEqual([
      2,
      JSON.stringify([
        ['firstContact', 'firstCall', 'fveAssessment', 'serviceDecision'],
        ['cardToClaim', 'cardToFirstContact'],
        ['fveAssessment', 'firstContact', 'followUpReview', 'serviceDecision', 'handover'],
      ]),
    ]);
  });
});
