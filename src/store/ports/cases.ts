import type { Case } from '../../domain/case';
import type { AccessLogEntry } from './access-log';

export type SaveResult = { ok: true; case: Case } | { ok: false; reason: 'conflict' };
export type CreateResult = { ok: true; case: Case } | { ok: false; reason: 'duplicate' };

export interface CaseQuery {
  /** Only cases not closed. */
  openOnly?: boolean;
  limit?: number;
}

/** What byZone returns when the query names no limit. */
export const DEFAULT_QUERY_LIMIT = 500;

/**
 * Cases, each stored with its history inside it, so a change and its record are one write.
 * A stored case that does not parse is left out of every read and counted in the store's
 * health().
 */
export interface CaseRepository {
  /**
   * Stores a new case at version 1; a second case with the same id or code is refused.
   * `record` is the access-log entry of the change, stored only when the case is (see save).
   */
  create(c: Case, record?: AccessLogEntry): Promise<CreateResult>;
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
   * `record`, the access-log entry of this change, is stored only when the save succeeds: in
   * the same transaction where the store has one across areas (SQLite), else right after it
   * (Cosmos DB has no transaction across containers). One durable commit per change instead
   * of two is most of what a claim costs above its I/O floor.
   */
  save(c: Case, record?: AccessLogEntry): Promise<SaveResult>;
  /** Open cases whose nextDueAt is at or before `t`, earliest first. */
  dueBefore(t: string, limit: number): Promise<Case[]>;
  /** A zone's cases, most urgent first (by nextDueAt, cases without one last, then code). */
  byZone(zoneId: string, query?: CaseQuery): Promise<Case[]>;
  /**
   * Cases awaiting a claim whose channel card was never posted (a crash or a Teams failure
   * between storing and posting), oldest first: the card-post outbox.
   */
  withoutCard(limit: number): Promise<Case[]>;
}
