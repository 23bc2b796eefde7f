import { z } from 'zod/v4';
import type { Case } from '../case';
import { deadlineKeySchema } from '../routine';
import { type CaseRecord, caseRecord } from './case-facts';
import { caseTimeline, type ReportCase } from './case-timeline';
import { type PackedRecord, packRecord, unpackRecord } from './packed-record';
import { policyResolver, type RunningDeadline } from './policy-context';
import { zoneCode, zoneName } from './zone-codes';

/*
 * A case's report facts kept beside it: what the figures read of one case, worked out once
 * from its document, so a report over a hundred thousand cases reads small rows instead of
 * parsing every history and routine snapshot again. Nothing in them names a patient: times,
 * zone ids, the routine's step and level ids, and the staff ids of the nurses who had the case.
 */

/**
 * Bumped whenever caseRecord's rules or the stored form below change: facts of another format
 * are worked out again from the case document, as facts of another case version are.
 */
export const REPORT_FACTS_FORMAT = 1;

/** One case as the figures read it without its document. */
export interface KeptCase {
  readonly id: string;
  /**
   * The record of the whole history (complete), packed: it holds for any report time after its
   * last entry.
   */
  readonly facts: PackedRecord;
  /** The escalation levels of the case's policy snapshot, in its order. */
  readonly levels: readonly string[];
  /** The nurses who had the case (a nurse's own figures). */
  readonly hadBy: readonly string[];
}

/** Whether the nurse ever had the case: took it, or a leader gave it to them. */
export const hadCase = (c: Pick<Case, 'history'>, nurseId: string): boolean =>
  c.history.some(
    (h) =>
      (h.action === 'claim' && h.actorId === nurseId) ||
      (h.action === 'reassign' && h.details.to === nurseId),
  );

function nursesWhoHad(c: Pick<Case, 'history'>): string[] {
  const ids = new Set<string>();
  for (const h of c.history) {
    if (h.action === 'claim') ids.add(h.actorId);
    else if (h.action === 'reassign' && typeof h.details.to === 'string') ids.add(h.details.to);
  }
  return [...ids];
}

/**
 * Works out kept cases at `asOf` in `timeZone`. A case with an entry after `asOf` (written
 * while a report reads) or without history gets none: it is read from its document.
 */
export function caseKeeper(timeZone: string, asOf: number) {
  const resolve = policyResolver();
  return (c: ReportCase): KeptCase | undefined => {
    if (c.history.length === 0) return undefined;
    const ctx = resolve(c.policy);
    const record = caseRecord(caseTimeline(c, ctx, asOf), timeZone, ctx.maxRuleDays);
    if (!record.complete) return undefined;
    return {
      id: c.id,
      facts: packRecord(record),
      levels: sharedLevels(c.policy.escalation.map((l) => l.id)),
      hadBy: nursesWhoHad(c),
    };
  };
}

/*
 * Every case of a routine version names the same levels: one frozen list per distinct list,
 * instead of a hundred thousand copies between reads.
 */
const levelLists = new Map<string, readonly string[]>();
const MAX_LEVEL_LISTS = 1_000;

function sharedLevels(levels: readonly string[]): readonly string[] {
  const key = levels.join('\u0000');
  let shared = levelLists.get(key);
  if (!shared) {
    shared = Object.freeze([...levels]);
    if (levelLists.size >= MAX_LEVEL_LISTS) levelLists.clear();
    levelLists.set(key, shared);
  }
  return shared;
}

/* ----------------------------------------------------------------------------------------------
 * The stored form: tuples for the repeated parts (a hundred thousand of them are read at once),
 * zone ids rather than this process's zone codes, NaN as null.
 * -------------------------------------------------------------------------------------------- */

const ms = z.number();
const orNone = ms.nullable();
const deadlineFigure = z.enum(['firstContact', 'firstCall', 'fveAssessment', 'serviceDecision']);
const durationFigure = z.enum(['cardToClaim', 'cardToFirstContact']);

export const reportFactsDocSchema = z.object({
  /** The case's id and the version the facts were worked out from. */
  id: z.string().min(1),
  version: z.number().int(),
  format: z.number().int(),
  timeZone: z.string(),
  zone: z.string(),
  seriouslyIll: z.boolean(),
  /** [at, the zone it came from] */
  moves: z.array(z.tuple([ms, z.string()])),
  earliest: ms,
  registered: ms,
  last: ms,
  closed: z.boolean(),
  maxRuleDays: z.number().int(),
  /** [month, zone] */
  referral: z.tuple([z.string(), z.string()]).nullable(),
  /** [figure, month, dueAt, eventAt, exitAt] */
  deadlines: z.array(z.tuple([deadlineFigure, z.string(), ms, orNone, orNone])),
  /** [figure, month, zone, working hours] */
  durations: z.array(z.tuple([durationFigure, z.string(), z.string(), ms])),
  /** [month, zone, closedAt, closed the same day, end of the grant's day] */
  sameDay: z.tuple([z.string(), z.string(), orNone, z.boolean(), ms]).nullable(),
  /** Where the running deadline changed: [at, key, dueAt], key and dueAt null for none. */
  running: z.array(z.tuple([ms, deadlineKeySchema.nullable(), orNone])),
  levels: z.array(z.string()),
  hadBy: z.array(z.string()),
});
export type ReportFactsDoc = z.infer<typeof reportFactsDocSchema>;

const nullIfNaN = (v: number): number | null => (Number.isNaN(v) ? null : v);
const nanIfNull = (v: number | null): number => (v === null ? Number.NaN : v);

/** The stored form of a kept case of case version `version`. */
export function factsDoc(k: KeptCase, version: number, timeZone: string): ReportFactsDoc {
  // Unpacked, the running deadline is its changes only: the stored form keeps just those.
  const r = unpackRecord(k.facts);
  const running = r.times.map((at, i): ReportFactsDoc['running'][number] => {
    const d = r.running[i];
    return [at, d ? d.key : null, d ? d.dueAt : null];
  });
  return {
    id: k.id,
    version,
    format: REPORT_FACTS_FORMAT,
    timeZone,
    zone: zoneName(r.zone),
    // Every deadline of a case has the case's urgency; without one it is never read.
    seriouslyIll: r.deadlines[0]?.seriouslyIll ?? false,
    moves: r.moves.map((m) => [m.at, zoneName(m.from)]),
    earliest: r.earliest,
    registered: r.registered,
    last: r.last,
    closed: r.closed,
    maxRuleDays: r.maxRuleDays,
    referral: r.referral && [r.referral.month, zoneName(r.referral.zone)],
    deadlines: r.deadlines.map((d) => [
      d.figure,
      d.month,
      d.dueAt,
      nullIfNaN(d.eventAt),
      nullIfNaN(d.exitAt),
    ]),
    durations: r.durations.map((d) => [d.figure, d.month, zoneName(d.zone), d.hours]),
    sameDay:
      r.sameDay &&
      ([
        r.sameDay.month,
        zoneName(r.sameDay.zone),
        nullIfNaN(r.sameDay.closedAt),
        r.sameDay.closedSameDay,
        r.sameDay.dayEnd,
      ] as const),
    running,
    levels: [...k.levels],
    hadBy: [...k.hadBy],
  };
}

/** The kept case a stored form holds (its format, zone and version checked by the caller). */
export function keptFromDoc(doc: ReportFactsDoc): KeptCase {
  const times: number[] = [];
  const running: (RunningDeadline | null)[] = [];
  for (const [at, key, dueAt] of doc.running) {
    times.push(at);
    running.push(key === null || dueAt === null ? null : { key, dueAt });
  }
  const record: CaseRecord = {
    complete: true,
    zone: zoneCode(doc.zone),
    moves: doc.moves.map(([at, from]) => ({ at, from: zoneCode(from) })),
    earliest: doc.earliest,
    registered: doc.registered,
    last: doc.last,
    closed: doc.closed,
    maxRuleDays: doc.maxRuleDays,
    referral: doc.referral && { month: doc.referral[0], zone: zoneCode(doc.referral[1]) },
    deadlines: doc.deadlines.map(([figure, month, dueAt, eventAt, exitAt]) => ({
      figure,
      seriouslyIll: doc.seriouslyIll,
      dueAt,
      month,
      eventAt: nanIfNull(eventAt),
      exitAt: nanIfNull(exitAt),
    })),
    durations: doc.durations.map(([figure, month, zone, hours]) => ({
      figure,
      month,
      zone: zoneCode(zone),
      hours,
    })),
    sameDay: doc.sameDay && {
      month: doc.sameDay[0],
      zone: zoneCode(doc.sameDay[1]),
      closedAt: nanIfNull(doc.sameDay[2]),
      closedSameDay: doc.sameDay[3],
      dayEnd: doc.sameDay[4],
    },
    times,
    running,
  };
  return {
    id: doc.id,
    facts: packRecord(record),
    levels: sharedLevels(doc.levels),
    hadBy: doc.hadBy,
  };
}

/** Whether stored facts serve a report in `timeZone` at `asOf` for the case at `version`. */
export const factsServe = (
  doc: Pick<ReportFactsDoc, 'format' | 'timeZone' | 'version' | 'last'>,
  version: number,
  timeZone: string,
  asOf: number,
): boolean =>
  doc.format === REPORT_FACTS_FORMAT &&
  doc.timeZone === timeZone &&
  doc.version === version &&
  doc.last <= asOf;
