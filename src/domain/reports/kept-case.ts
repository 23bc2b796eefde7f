import { z } from 'zod/v4';
import { boundedMemo } from '../bounded-memo';
import type { Case } from '../case';
import { caseRecord } from './case-facts';
import { caseTimeline, type ReportCase } from './case-timeline';
import {
  DEADLINE_FIGURES,
  DEADLINE_KEYS,
  DURATION_FIGURES,
  fromPackedBytes,
  isPackedRecord,
  type PackedRecord,
  packedBytes,
  packedLast,
  packRecord,
  withZones,
} from './packed-record';
import { policyResolver } from './policy-context';
import { zoneCode, zoneName } from './zone-codes';

/*
 * A case's report facts kept beside it: what the figures read of one case, worked out once
 * from its document, so a report over a hundred thousand cases reads small rows instead of
 * parsing every history and routine snapshot again. Nothing in them names a patient: times,
 * zone ids, the routine's step and level ids, and the staff ids of the nurses who had the case.
 */

/**
 * Bumped whenever caseRecord's rules, the stored form below or its layout (the header of
 * packed-record.ts, REPORT_FACTS_LAYOUT) change: facts of another format are worked out again
 * from the case document, as facts of another case version are.
 */
export const REPORT_FACTS_FORMAT = 2;

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
const levelLists = boundedMemo<string, readonly string[]>(1_000);

const sharedLevels = (levels: readonly string[]): readonly string[] =>
  levelLists(levels.join('\u0000'), () => Object.freeze([...levels]));

/* ----------------------------------------------------------------------------------------------
 * The stored form: the packed record's numbers as they lie in memory (base64 of its bytes), with
 * the zones they name as places in a list of zone ids (this process's zone codes mean nothing
 * to another). A hundred thousand of them are read after a restart: a string each is parsed
 * much faster than the record's nested lists were.
 * -------------------------------------------------------------------------------------------- */

/**
 * The meaning of the numbers: the lists their indices point into. A change to any of them (a
 * deadline key added to the routine's schema, say) is a new stored layout, so a new format
 * (a test holds the lists of this one).
 */
export const REPORT_FACTS_LAYOUT = JSON.stringify([
  DEADLINE_FIGURES,
  DURATION_FIGURES,
  DEADLINE_KEYS,
]);

export const reportFactsDocSchema = z.object({
  /** The case's id and the version the facts were worked out from. */
  id: z.string().min(1),
  version: z.number().int(),
  format: z.number().int(),
  timeZone: z.string(),
  /** The case's last entry (epoch ms): the facts serve reports of that time or later. */
  last: z.number(),
  /** The zone ids the numbers name, by their place here. */
  zones: z.array(z.string()),
  /** The packed record (packed-record.ts), base64 of its little-endian doubles. */
  numbers: z.string(),
  levels: z.array(z.string()),
  hadBy: z.array(z.string()),
});
export type ReportFactsDoc = z.infer<typeof reportFactsDocSchema>;

/** The stored form of a kept case of case version `version`. */
export function factsDoc(k: KeptCase, version: number, timeZone: string): ReportFactsDoc {
  const zones: string[] = [];
  const places = new Map<number, number>();
  const numbers = withZones(
    k.facts,
    (code) => {
      let place = places.get(code);
      if (place === undefined) {
        place = zones.length;
        zones.push(zoneName(code));
        places.set(code, place);
      }
      return place;
    },
    'standalone',
  );
  return {
    id: k.id,
    version,
    format: REPORT_FACTS_FORMAT,
    timeZone,
    last: packedLast(k.facts),
    zones,
    numbers: packedBytes(numbers).toString('base64'),
    levels: [...k.levels],
    hadBy: [...k.hadBy],
  };
}

/**
 * The kept case a stored form holds (its format, time zone and version checked by the caller), or
 * undefined when its numbers are not a packed record of its zones.
 */
export function keptFromDoc(doc: ReportFactsDoc): KeptCase | undefined {
  const numbers = fromPackedBytes(Buffer.from(doc.numbers, 'base64'));
  if (!numbers || !isPackedRecord(numbers, doc.zones.length) || packedLast(numbers) !== doc.last) {
    return undefined;
  }
  const codes = doc.zones.map(zoneCode);
  return {
    id: doc.id,
    facts: withZones(numbers, (place) => codes[place], 'shared'),
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
