import type { z } from 'zod/v4';
import type { StoreHealth } from './port';

/** The collections whose documents a read sets aside instead of failing on. */
export type DocumentCollection =
  | 'cases'
  | 'staff'
  | 'zones'
  | 'accessLog'
  | 'routines'
  | 'pathways'
  | 'competence'
  | 'networkEvents';

/**
 * What is reported of a document that does not parse: where it is and which of its top-level
 * fields failed. Never a value: a case document holds patient-adjacent data, and the field
 * names of a strict schema are the schema's own.
 */
export interface BadDocument {
  collection: DocumentCollection;
  id: string;
  /** 'json': not JSON at all; 'schema': JSON the schema refuses; 'routine': its routine is unreadable. */
  reason: 'json' | 'schema' | 'routine';
  fields: string[];
}

export type OnBadDocument = (bad: BadDocument) => void;

/** What both adapters take at open time beside their connection. */
export interface StoreOpenOptions {
  /** Told once per document set aside; for the log. Without it the count is all there is. */
  onBadDocument?: OnBadDocument;
}

/** Shown by health(): enough for an operator to find them, few enough for a health answer. */
export const SET_ASIDE_IDS_SHOWN = 20;
/**
 * Distinct documents remembered, so the pass that meets the same bad case every minute reports
 * it once; past this many, each new one is counted (and reported) at every meeting.
 */
const TRACKED = 10_000;

export interface SetAside {
  /**
   * The document as JSON parses it (SQLite keeps text), or undefined after reporting it.
   * Anything but a string is taken as already parsed (Cosmos DB hands out objects).
   */
  json(collection: DocumentCollection, id: string, stored: unknown): unknown;
  /**
   * The parsed document, or undefined after reporting it: one bad document must not make a
   * whole list, and with it every escalation pass, fail.
   */
  parse<T>(
    collection: DocumentCollection,
    id: string,
    schema: z.ZodType<T>,
    stored: unknown,
  ): T | undefined;
  report(bad: BadDocument): void;
  health(): StoreHealth;
}

/** Top-level field names of the failing issues; `unrecognized_keys` has none to name. */
const failingFields = (error: z.ZodError): string[] => [
  ...new Set(error.issues.flatMap((i) => (typeof i.path[0] === 'string' ? [i.path[0]] : []))),
];

export function createSetAside(onBadDocument: OnBadDocument = () => {}): SetAside {
  const seen = new Set<string>();
  let count = 0;
  const ids: string[] = [];

  const report = (bad: BadDocument) => {
    const key = `${bad.collection}/${bad.id}`;
    if (seen.has(key)) return;
    if (seen.size < TRACKED) seen.add(key);
    count += 1;
    if (ids.length < SET_ASIDE_IDS_SHOWN) ids.push(key);
    // A callback that throws must not turn the set-aside back into a failed read.
    try {
      onBadDocument(bad);
    } catch {
      // Nothing better to do: the count above still shows it.
    }
  };

  const json = (collection: DocumentCollection, id: string, stored: unknown): unknown => {
    if (typeof stored !== 'string') return stored;
    try {
      return JSON.parse(stored);
    } catch {
      report({ collection, id, reason: 'json', fields: [] });
      return undefined;
    }
  };

  return {
    json,
    parse(collection, id, schema, stored) {
      const raw = json(collection, id, stored);
      if (raw === undefined) return undefined;
      const result = schema.safeParse(raw);
      if (result.success) return result.data;
      report({ collection, id, reason: 'schema', fields: failingFields(result.error) });
      return undefined;
    },
    report,
    health: () => ({ setAside: count, ids: [...ids] }),
  };
}
