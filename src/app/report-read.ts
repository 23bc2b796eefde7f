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
import { packedLast, packedZone } from '../domain/reports/packed-record';
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
 * memory: a read scans only the ids and versions of the cases written since the last one (of
 * every case, the first time or where the store keeps no mark) and reads facts for those. A
 * case is read from its kept facts when they are of its current version, else from its
 * document, whose facts are then stored (the first read of a store fills them all); a case
 * that has none at the report's time (an entry after it) is read from its document again
 * next time. Page by page, with turns between, so the bot answers chat while a large store is
 * read.
 */
export function createReportReader(store: Store, timeZone: string) {
  // Changed in place (a hundred thousand entries). Cases are never deleted, so an entry goes
  // only when its case is read from its document instead.
  const known = new Map<string, { version: number; kept: KeptCase }>();
  // Cases read from their documents last time: the scan since then need not name them again.
  let fromDocuments = new Set<string>();
  let since: number | null = null;

  /*
   * A read that fails part way (the store gone) leaves this reader's memory half updated:
   * forgotten, so the next read scans every case again.
   */
  const read = async (options: { asOf: Date; zoneIds: ReadonlySet<string> }) => {
    try {
      return await readSince(options);
    } catch (err) {
      known.clear();
      fromDocuments = new Set();
      since = null;
      throw err;
    }
  };

  async function readSince(options: {
    asOf: Date;
    zoneIds: ReadonlySet<string>;
  }): Promise<ReportCases> {
    const { zoneIds } = options;
    const asOf = options.asOf.getTime();
    const keep = caseKeeper(timeZone, asOf);
    const out: ReportCases = { docs: [], kept: [], escalations: [], loaded: 0, refreshed: 0 };
    const inZones = new Set([...zoneIds].map(zoneCode));
    // By id: a case written during the scan may be read twice.
    const documents = new Map<string, Case>();
    const readNow = fromDocuments;
    fromDocuments = new Set();
    // Taken before the scan: a case written during it is scanned again next time.
    const mark = await store.reportFacts.writeMark();

    /** Reads the documents of these cases (none of their stored facts serve), a few per turn. */
    const readDocuments = async (ids: Iterable<string>) => {
      const fresh: ReportFactsDoc[] = [];
      let i = 0;
      for (const id of ids) {
        // Set aside (does not parse) or gone: not counted, as in every read.
        const c = await store.cases.get(id);
        const kept = c && keep(c);
        if (kept) {
          fresh.push(factsDoc(kept, c.version, timeZone));
          known.set(id, { version: c.version, kept });
          documents.delete(id);
        } else {
          known.delete(id);
          fromDocuments.add(id);
          if (c && zoneIds.has(c.zoneId)) documents.set(id, c);
          else documents.delete(id);
        }
        if (++i % DOCUMENTS_PER_TURN === 0) await nextTurn();
      }
      if (fresh.length > 0) {
        await store.reportFacts.put(fresh);
        out.refreshed += fresh.length;
      }
    };

    for await (const page of store.reportFacts.versions(PAGE_SIZE, since)) {
      const unknown = new Map<string, number>();
      for (const row of page) {
        if (known.get(row.caseId)?.version !== row.version) unknown.set(row.caseId, row.version);
        readNow.delete(row.caseId);
      }
      for (const doc of await store.reportFacts.get([...unknown.keys()])) {
        const version = unknown.get(doc.id);
        if (version === undefined || !factsServe(doc, version, timeZone, asOf)) continue;
        const kept = keptFromDoc(doc);
        if (!kept) continue;
        known.set(doc.id, { version, kept });
        unknown.delete(doc.id);
        out.loaded++;
      }
      await nextTurn();
      await readDocuments(unknown.keys());
    }
    await readDocuments(readNow);
    since = mark;

    // Kept facts hold for any time after their last entry; a report of an earlier time (a
    // clock set back) reads those cases from their documents.
    const earlier: string[] = [];
    for (const [id, { kept }] of known) {
      if (packedLast(kept.facts) > asOf) earlier.push(id);
      else if (inZones.has(packedZone(kept.facts))) out.kept.push(kept);
    }
    await readDocuments(earlier);
    out.docs = [...documents.values()];

    // Only the cases read: other kinds of item (pathway points) escalate under the same prefix.
    // Looked up per marker, not by a set of every case id (a hundred thousand of them).
    const wasRead = (caseId: string) => {
      const kept = known.get(caseId)?.kept;
      if (kept) return packedLast(kept.facts) <= asOf && inZones.has(packedZone(kept.facts));
      return documents.has(caseId);
    };
    for (const marker of await store.markers.list(ESCALATION_MARKER_PREFIX, 'sent')) {
      const sent = escalationSent(marker);
      if (sent && wasRead(sent.caseId)) out.escalations.push(sent);
    }
    return out;
  }

  return read;
}
