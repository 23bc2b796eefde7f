import type { Case } from '../domain/case';
import { ESCALATION_MARKER_PREFIX, escalationSent } from '../domain/reports/escalations-sent';
import {
  caseKeeper,
  factsDoc,
  factsServe,
  type KeptCase,
  keptFromDoc,
  type ReportFactsDoc,
} from '../domain/reports/kept-case';
import type { EscalationSent } from '../domain/reports/report-index';
import { zoneCode } from '../domain/reports/zone-codes';
import type { Store } from '../store/port';

/** Cases per page of the version scan: a page is read and worked through between turns. */
const PAGE_SIZE = 1_000;
/** Case documents read and worked out between turns, where their facts must be made anew. */
const DOCUMENTS_PER_TURN = 100;

/** Gives the other work of the process (chat, requests) its turn. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ReportCases {
  /** Cases read whole: no facts serve them at `asOf` (an entry after it, or no history). */
  docs: Case[];
  kept: KeptCase[];
  escalations: EscalationSent[];
  /** Cases whose stored facts were read (not kept in memory from the last read). */
  loaded: number;
  /** Cases whose facts were missing or out of date, worked out from their documents now. */
  refreshed: number;
}

/**
 * Reads what the figures need, for one time zone, keeping the facts of the last read in
 * memory: a read scans only the cases' ids and versions and reads facts for the cases that
 * changed since. A case is read from its kept facts when they are of its current version,
 * else from its document, whose facts are then stored (the first read of a store fills them
 * all). Page by page, with turns between, so the bot answers chat while a large store is read.
 */
export function createReportReader(store: Store, timeZone: string) {
  // Changed in place (a hundred thousand entries): `read` tells this read's from older ones.
  const known = new Map<string, { version: number; kept: KeptCase; read: number }>();
  let reads = 0;

  return async function read(options: {
    asOf: Date;
    zoneIds: ReadonlySet<string>;
  }): Promise<ReportCases> {
    const { zoneIds } = options;
    const asOf = options.asOf.getTime();
    const keep = caseKeeper(timeZone, asOf);
    const out: ReportCases = { docs: [], kept: [], escalations: [], loaded: 0, refreshed: 0 };
    const thisRead = ++reads;
    const inZones = new Set([...zoneIds].map(zoneCode));
    let seen = 0;
    const count = (kept: KeptCase) => {
      seen++;
      if (inZones.has(kept.record.zone)) out.kept.push(kept);
    };
    const take = (kept: KeptCase, version: number) => {
      known.set(kept.id, { version, kept, read: thisRead });
      count(kept);
    };

    for await (const page of store.reportFacts.versions(PAGE_SIZE)) {
      const unknown = new Map<string, number>();
      for (const row of page) {
        const hit = known.get(row.caseId);
        if (hit && hit.version === row.version && hit.kept.record.last <= asOf) {
          hit.read = thisRead;
          count(hit.kept);
        } else {
          unknown.set(row.caseId, row.version);
        }
      }
      for (const doc of await store.reportFacts.get([...unknown.keys()])) {
        const version = unknown.get(doc.id);
        if (version === undefined || !factsServe(doc, version, timeZone, asOf)) continue;
        take(keptFromDoc(doc), version);
        unknown.delete(doc.id);
        out.loaded++;
      }
      await nextTurn();

      const fresh: ReportFactsDoc[] = [];
      let i = 0;
      for (const id of unknown.keys()) {
        // Set aside (does not parse) or gone since the scan: not counted, as in every read.
        const c = await store.cases.get(id);
        const kept = c && keep(c);
        if (kept) {
          fresh.push(factsDoc(kept, c.version, timeZone));
          take(kept, c.version);
        } else if (c && zoneIds.has(c.zoneId)) {
          out.docs.push(c);
        }
        if (++i % DOCUMENTS_PER_TURN === 0) await nextTurn();
      }
      if (fresh.length > 0) {
        await store.reportFacts.put(fresh);
        out.refreshed += fresh.length;
      }
    }
    // Gone from the store (or read from their documents this time): forgotten.
    if (known.size > seen) {
      for (const [id, entry] of known) if (entry.read !== thisRead) known.delete(id);
    }

    // Only the cases read: other kinds of item (pathway points) escalate under the same prefix.
    // Looked up per marker, not by a set of every case id (a hundred thousand of them).
    const docIds = new Set(out.docs.map((c) => c.id));
    const wasRead = (caseId: string) => {
      const entry = known.get(caseId);
      if (entry) return entry.read === thisRead && inZones.has(entry.kept.record.zone);
      return docIds.has(caseId);
    };
    for (const marker of await store.markers.list(ESCALATION_MARKER_PREFIX, 'sent')) {
      const sent = escalationSent(marker);
      if (sent && wasRead(sent.caseId)) out.escalations.push(sent);
    }
    return out;
  };
}
