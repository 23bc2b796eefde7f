import { createHash } from 'node:crypto';
import { z } from 'zod/v4';
import { boundedMemo } from '../domain/bounded-memo';
import { type Case, caseSchema } from '../domain/case';
import { type Policy, policySchema } from '../domain/routine';
import { parseChanged } from './changed-body';
import { deepFreeze, parsedTexts } from './parsed-texts';
import type { RoutineSnapshot, RoutineSnapshotRepository } from './ports/routines';
import type { SetAside } from './set-aside';

/**
 * A case's policy snapshot is most of its document (1.6 of 2.5 KB) and the same for every case
 * registered under one routine version. So both adapters store each snapshot once, as an
 * immutable document keyed by its content, and a case document names it by `policyRef`;
 * in memory a Case still carries `policy`, as the domain expects. Documents written before
 * this (with the policy embedded, no ref) are read as they are and take the reference form
 * on their next save.
 */

/** JSON with every object's keys sorted, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

// A version kept in the ref must be a valid Cosmos DB id part; the hash alone keeps refs apart.
const REF_VERSION = /^[A-Za-z0-9_.@=+,;-]{1,64}$/;
/** 64 bits of SHA-256: a collision among a municipality's few routine versions is out of reach. */
const HASH_CHARS = 16;

/**
 * `<version>:<hash>` (`~:<hash>` for a version that cannot be part of an id), the hash over
 * the canonical JSON of version and policy: a stored snapshot can never be changed under its
 * ref, only another ref written beside it.
 */
export function routineRef(version: string, policy: unknown): string {
  const hash = createHash('sha256')
    .update(canonicalJson({ version, policy }))
    .digest('hex')
    .slice(0, HASH_CHARS);
  return `${REF_VERSION.test(version) ? version : '~'}:${hash}`;
}

/** The routine snapshot document as both stores keep it. */
export const routineDocSchema = z
  .object({ id: z.string().min(1), version: z.string(), policy: policySchema })
  .strict();
export type RoutineDoc = z.infer<typeof routineDocSchema>;

const caseBodySchema = caseSchema.omit({ policy: true });
/** A case document in the reference form. */
export const storedCaseSchema = caseBodySchema.extend({ policyRef: z.string().min(1) });
export type StoredCase = z.infer<typeof storedCaseSchema>;
type CaseBody = z.infer<typeof caseBodySchema>;

// The domain's field order, so a case read back looks like the case written.
const CASE_KEYS = Object.keys(caseSchema.shape) as (keyof Case)[];

function storedForm(body: CaseBody, policyRef: string): StoredCase {
  const out: Record<string, unknown> = {};
  for (const key of CASE_KEYS) {
    if (key === 'policy') out.policyRef = policyRef;
    else out[key] = body[key];
  }
  return out as StoredCase;
}

function withPolicy(body: CaseBody, policy: Policy): Case {
  const out: Record<string, unknown> = {};
  for (const key of CASE_KEYS) out[key] = key === 'policy' ? policy : body[key];
  return out as Case;
}

/** A few routine versions are in use at a time; the bound only guards against a runaway. */
const TEXTS_KEPT = 64;
/**
 * Case documents kept by their JSON text: more than the open cases of a municipality (a few
 * hundred), at a few KB each.
 */
const CASE_TEXTS_KEPT = 5000;

/** What an adapter gives the codec: its routines table or container. */
export interface RoutineBackend {
  /** The stored document (JSON text or object), undefined when there is none. */
  read(ref: string): Promise<unknown>;
  /** Creates it unless a document with its id exists; true when this call created it. */
  create(doc: RoutineDoc): Promise<boolean>;
  /** Every stored document, ordered by id. */
  list(): Promise<{ id: string; stored: unknown }[]>;
}

export interface CaseCodec {
  /**
   * Validates `c` and stores its routine snapshot when this process has not yet: the snapshot
   * is written before any case names it. Returns the case document to store and the case as
   * a read would give it back.
   */
  toStored(c: Case): Promise<{ doc: StoredCase; case: Case }>;
  /**
   * The same with the document as JSON text, for a store that keeps text: a read of that very
   * text then gives the document back without parsing it again.
   */
  toStoredText(c: Case): Promise<{ text: string; case: Case }>;
  /** A stored case (either form) as the domain sees it; undefined when set aside. */
  fromStored(id: string, stored: unknown): Promise<Case | undefined>;
  /** The same for a list: the ones set aside are left out. */
  fromStoredList(rows: { id: string; stored: unknown }[]): Promise<Case[]>;
  readonly routines: RoutineSnapshotRepository;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

export function createCaseCodec(backend: RoutineBackend, setAside: SetAside): CaseCodec {
  // Snapshots known to be stored as they are here. They are immutable, so caching by ref never
  // goes stale; the policies are frozen because every case of a routine version shares one.
  const byRef = new Map<string, RoutineSnapshot>();
  // A case read from here and saved again carries the cached object: no hashing for it.
  const byPolicy = new WeakMap<Policy, RoutineSnapshot>();
  // Snapshots computed for writing, not yet known to be stored.
  const byText = boundedMemo<string, RoutineSnapshot>(TEXTS_KEPT);
  const stored = new Map<string, Promise<void>>();
  const loading = new Map<string, Promise<RoutineSnapshot | undefined>>();
  // A read of a text this process wrote or read gets the document without parsing it again:
  // that was a third of a millisecond of every claim.
  const caseTexts = parsedTexts<Case | StoredCase>(CASE_TEXTS_KEPT);

  const remember = (snapshot: RoutineSnapshot): RoutineSnapshot => {
    const known = byRef.get(snapshot.ref);
    if (known) return known;
    const frozen = deepFreeze(snapshot);
    byRef.set(frozen.ref, frozen);
    byPolicy.set(frozen.policy, frozen);
    return frozen;
  };

  /** The snapshot of a stored document, if it parses and its content is what its id says. */
  const fromDoc = (id: string, stored: unknown): RoutineSnapshot | undefined => {
    const raw = setAside.json('routines', id, stored);
    const doc =
      raw === undefined ? undefined : setAside.parse('routines', id, routineDocSchema, raw);
    if (doc === undefined) return undefined;
    // Hashed as stored, not as parsed: a default added to the schema later must not make
    // every older snapshot look tampered with.
    const { version, policy } = raw as { version: string; policy: unknown };
    if (doc.id !== id || routineRef(version, policy) !== id) {
      setAside.report({ collection: 'routines', id, reason: 'schema', fields: ['id'] });
      return undefined;
    }
    return remember({ ref: id, version: doc.version, policy: doc.policy });
  };

  const load = (ref: string): Promise<RoutineSnapshot | undefined> => {
    const known = byRef.get(ref);
    if (known) return Promise.resolve(known);
    let pending = loading.get(ref);
    if (!pending) {
      // Not cached when missing: a later read may find it.
      pending = backend
        .read(ref)
        .then((raw) => (raw === undefined ? undefined : fromDoc(ref, raw)))
        .finally(() => loading.delete(ref));
      loading.set(ref, pending);
    }
    return pending;
  };

  const put = async (snapshot: RoutineSnapshot): Promise<void> => {
    const doc: RoutineDoc = {
      id: snapshot.ref,
      version: snapshot.version,
      policy: snapshot.policy,
    };
    if (await backend.create(doc)) return;
    // Written before, by this process or another: it must be this very content.
    const existing = await backend.read(snapshot.ref);
    let same = false;
    try {
      const raw = typeof existing === 'string' ? JSON.parse(existing) : existing;
      same = canonicalJson(raw) === canonicalJson(doc);
    } catch {
      // Not JSON: not the same.
    }
    if (!same) {
      throw new Error(`routine snapshot '${snapshot.ref}' is stored with other content`);
    }
  };

  const ensureStored = (snapshot: RoutineSnapshot): Promise<void> => {
    // Read back from the store and found to match its ref: nothing to write.
    if (byRef.has(snapshot.ref)) return Promise.resolve();
    let done = stored.get(snapshot.ref);
    if (!done) {
      done = put(snapshot).catch((err: unknown) => {
        stored.delete(snapshot.ref);
        throw err;
      });
      stored.set(snapshot.ref, done);
    }
    return done;
  };

  const snapshotOf = (version: string, policy: unknown): RoutineSnapshot => {
    const known = byPolicy.get(policy as Policy);
    if (known && known.version === version) return known;
    // A new case carries a fresh copy of the routine's policy: the same text as the last one
    // needs neither the schema (80 µs) nor the hash again.
    return byText(`${version}\n${JSON.stringify(policy)}`, () => {
      const parsed = policySchema.parse(policy);
      // Frozen already: whichever case gets it shares it.
      return deepFreeze({ ref: routineRef(version, parsed), version, policy: parsed });
    });
  };

  /** A parsed document in either form; undefined when set aside. */
  const parse = (id: string, raw: unknown): Case | StoredCase | undefined => {
    const obj = setAside.json('cases', id, raw);
    if (obj === undefined) return undefined;
    if (isObject(obj) && 'policyRef' in obj)
      return setAside.parse('cases', id, storedCaseSchema, obj);
    return setAside.parse('cases', id, caseSchema, obj);
  };
  const decode = (id: string, raw: unknown): Case | StoredCase | undefined =>
    typeof raw === 'string' ? caseTexts.read(id, raw, () => parse(id, raw)) : parse(id, raw);

  const hydrate = (id: string, doc: Case | StoredCase): Case | undefined => {
    if (!('policyRef' in doc)) return doc;
    const snapshot = byRef.get(doc.policyRef);
    if (!snapshot) {
      setAside.report({ collection: 'cases', id, reason: 'routine', fields: ['policyRef'] });
      return undefined;
    }
    // withPolicy takes the case's own fields only, so policyRef stays behind.
    return withPolicy(doc, snapshot.policy);
  };

  const fromStoredList = async (rows: { id: string; stored: unknown }[]): Promise<Case[]> => {
    const docs = rows.map((r) => ({ id: r.id, doc: decode(r.id, r.stored) }));
    const missing = new Set<string>();
    for (const { doc } of docs) {
      if (doc && 'policyRef' in doc && !byRef.has(doc.policyRef)) missing.add(doc.policyRef);
    }
    await Promise.all([...missing].map(load));
    return docs.flatMap(({ id, doc }) => {
      const c = doc && hydrate(id, doc);
      return c ? [c] : [];
    });
  };

  const toStored = async (c: Case): Promise<{ doc: StoredCase; case: Case }> => {
    const { policy, ...rest } = c;
    // Changed from the document read (or written) last: only what changed is parsed again.
    const body = parseChanged(caseBodySchema, rest, caseTexts.latest(c.id));
    const candidate = snapshotOf(body.routineVersion, policy);
    await ensureStored(candidate);
    // Cached only now: a snapshot that failed to store (or is stored with other content)
    // must never hydrate a case that names its ref.
    const snapshot = remember(candidate);
    return { doc: storedForm(body, snapshot.ref), case: withPolicy(body, snapshot.policy) };
  };

  return {
    toStored,
    async toStoredText(c) {
      const { doc, case: valid } = await toStored(c);
      const text = JSON.stringify(doc);
      caseTexts.keep(valid.id, text, doc);
      return { text, case: valid };
    },
    async fromStored(id, raw) {
      return (await fromStoredList([{ id, stored: raw }]))[0];
    },
    fromStoredList,
    routines: {
      get: load,
      async list() {
        const rows = await backend.list();
        return rows.flatMap((r) => {
          const snapshot = byRef.get(r.id) ?? fromDoc(r.id, r.stored);
          return snapshot ? [snapshot] : [];
        });
      },
    },
  };
}
