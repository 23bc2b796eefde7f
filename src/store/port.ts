import type { Case } from '../domain/case';
import type { StaffMember } from '../domain/roster';
import type { Policy } from '../domain/routine';
import type { Zone } from '../domain/zone';

export type SaveResult = { ok: true; case: Case } | { ok: false; reason: 'conflict' };
export type CreateResult = { ok: true; case: Case } | { ok: false; reason: 'duplicate' };

export interface CaseQuery {
  /** Only cases not closed. */
  openOnly?: boolean;
  limit?: number;
}

/**
 * "Exactly once" markers: a key that can be created once, ever, across restarts and bot
 * instances. The first creator wins; everybody else learns that it exists.
 */
export interface Marker {
  key: string;
  /** e.g. 'intent' then 'sent' for a notification; free for the caller. */
  status: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * One line of the access log (Normen faktaark 15, pasientjournalloven § 22): who saw or changed
 * which case, when. Never patient data: the case is named by its id and code only.
 */
export interface AccessLogEntry {
  /** Unique per entry (a UUID); entries are never updated. */
  id: string;
  at: string;
  /** Entra object id of the person, or the record system's actor id. */
  actorId: string;
  caseId: string;
  caseCode: string;
  /** 'view' for a showing of the personal card, else the command or intake that changed it. */
  action: string;
  /** Where it happened: a Teams personal chat, a channel, the REST intake, the bot itself. */
  via: 'personal' | 'channel' | 'rest' | 'system';
}

/** A request the REST intake has answered, kept so a retry with the same key gets the same answer. */
export interface IdempotencyRecord {
  /** The caller's scope and key (e.g. `referrals:<hash of the key>`). */
  key: string;
  /** A hash of the request body: the same key with another body is refused, not replayed. */
  fingerprint: string;
  /** 'pending' while the first request runs, then 'done' with the answer. */
  status: 'pending' | 'done';
  response?: { status: number; body: unknown };
  createdAt: string;
  updatedAt: string;
}

/**
 * A routine's policy as cases reference it: stored once per routine version and content, and
 * never changed (a case keeps the deadlines of the routine it was registered under).
 */
export interface RoutineSnapshot {
  /** `<version>:<hash>`, see routineRef in src/store/routine-snapshots.ts. */
  ref: string;
  version: string;
  policy: Policy;
}

/**
 * Stored documents that did not parse since the store was opened. Reads leave them out (a list
 * skips them, a point read answers undefined) so one bad document cannot stop every pass; each
 * is logged once, by id only.
 */
export interface StoreHealth {
  /** How many distinct documents were set aside. */
  setAside: number;
  /** The first few of them as `<collection>/<id>` (at most SET_ASIDE_IDS_SHOWN). */
  ids: string[];
}

/**
 * The one repository the domain needs. Two adapters (SQLite, Cosmos DB) implement it and one
 * contract suite (test/contract) holds them to the same behaviour; nothing outside
 * src/store knows which one runs.
 *
 * Reads of cases, routines, staff, zones and the access log leave out a stored document that
 * does not parse (lists skip it, so they may come back shorter than their limit; a point read
 * answers undefined) and count it in health(). Markers and idempotency records are read
 * strictly (a broken one throws): reading one as absent would send twice or answer a replay
 * anew.
 */
export interface Store {
  readonly cases: {
    /** Stores a new case at version 1; a second case with the same id or code is refused. */
    create(c: Case): Promise<CreateResult>;
    /**
     * Undefined also for a stored case that does not parse (or whose routine snapshot cannot
     * be read): it is set aside, as in every read (see health()), rather than thrown, so a
     * caller treats it as the unknown case it is to the bot until someone repairs it.
     */
    get(id: string): Promise<Case | undefined>;
    getByCode(code: string): Promise<Case | undefined>;
    /**
     * Conditional save: succeeds only while the stored version is still `c.version`, then
     * stores it as version + 1. Exactly one of several concurrent saves of one version wins.
     */
    save(c: Case): Promise<SaveResult>;
    /** Open cases whose nextDueAt is at or before `t`, earliest first. */
    dueBefore(t: string, limit: number): Promise<Case[]>;
    /** A zone's cases, most urgent first (by nextDueAt, cases without one last, then code). */
    byZone(zoneId: string, query?: CaseQuery): Promise<Case[]>;
    /**
     * Cases awaiting a claim whose channel card was never posted (a crash or a Teams failure
     * between storing and posting), oldest first: the card-post outbox.
     */
    withoutCard(limit: number): Promise<Case[]>;
  };
  /**
   * The routine snapshots cases point to. Written only by the cases repository (put-if-absent
   * on create and save); read here by operators and tests.
   */
  readonly routines: {
    get(ref: string): Promise<RoutineSnapshot | undefined>;
    /** Ordered by ref. */
    list(): Promise<RoutineSnapshot[]>;
  };
  readonly roster: {
    get(id: string): Promise<StaffMember | undefined>;
    put(member: StaffMember): Promise<void>;
    list(): Promise<StaffMember[]>;
  };
  readonly zones: {
    get(id: string): Promise<Zone | undefined>;
    put(zone: Zone): Promise<void>;
    list(): Promise<Zone[]>;
  };
  readonly markers: {
    /** True when this call created the marker, false when it already existed. */
    create(key: string, status: string, at: string): Promise<boolean>;
    get(key: string): Promise<Marker | undefined>;
    setStatus(key: string, status: string, at: string): Promise<void>;
  };
  /** Append-only: there is no update or single delete, only the retention purge. */
  readonly accessLog: {
    append(entry: AccessLogEntry): Promise<void>;
    /** One case's entries, oldest first. */
    byCase(caseId: string): Promise<AccessLogEntry[]>;
    /** Entries with from <= at < to, oldest first (ties by id), for the export. */
    between(from: string, to: string): Promise<AccessLogEntry[]>;
    /** Removes entries older than the retention period; returns how many. */
    purgeBefore(at: string): Promise<number>;
  };
  readonly idempotency: {
    /**
     * Creates the record as 'pending' when the key is new (true); false when it exists, for
     * every caller but one of several concurrent ones.
     */
    begin(key: string, fingerprint: string, at: string): Promise<boolean>;
    get(key: string): Promise<IdempotencyRecord | undefined>;
    /** Stores the answer of the request that began the key. */
    complete(key: string, response: { status: number; body: unknown }, at: string): Promise<void>;
    /** Forgets a key whose first request failed before answering, so a retry may run. */
    abandon(key: string): Promise<void>;
  };
  /** Fails when the store cannot be reached; used by /healthz. */
  ping(): Promise<void>;
  /** The documents set aside so far (in this process); /healthz shows the count. */
  health(): StoreHealth;
  close(): Promise<void>;
}

export const DEFAULT_QUERY_LIMIT = 500;
