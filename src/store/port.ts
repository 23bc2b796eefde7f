import type { Case } from '../domain/case';
import type { StaffMember } from '../domain/roster';
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
 * The one repository the domain needs. Two adapters (SQLite, Cosmos DB) implement it and one
 * contract suite (test/contract) holds them to the same behaviour; nothing outside
 * src/store knows which one runs.
 */
export interface Store {
  readonly cases: {
    /** Stores a new case at version 1; a second case with the same id or code is refused. */
    create(c: Case): Promise<CreateResult>;
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
  /** Fails when the store cannot be reached; used by /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_QUERY_LIMIT = 500;
