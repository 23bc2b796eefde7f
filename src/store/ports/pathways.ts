import { type Pathway, pointIsOpen } from '../../domain/pathway/pathway';
import type { AccessLogEntry } from './access-log';

export type PathwaySaveResult = { ok: true; pathway: Pathway } | { ok: false; reason: 'conflict' };
export type PathwayCreateResult =
  | { ok: true; pathway: Pathway }
  | { ok: false; reason: 'duplicate' };

export interface PathwayQuery {
  /** Only pathways not closed. */
  openOnly?: boolean;
  limit?: number;
}

/** What byZone returns when the query names no limit. */
export const DEFAULT_PATHWAY_LIMIT = 500;

/**
 * When the pathway next has a point card to post: the earliest notice time of its open points
 * without a card, or null (closed, or every card posted). Not part of the domain document: both
 * stores keep it beside the document (a column, a field of the stored item) so `noticeDue` is
 * an indexed query.
 */
export function nextNoticeAt(p: Pathway): string | null {
  if (p.state !== 'open') return null;
  const times = p.points
    .filter((pt) => pointIsOpen(pt) && pt.card === null)
    .map((pt) => pt.noticeAt)
    .sort();
  return times[0] ?? null;
}

/**
 * Pakkeforløp hjem pathways, each stored whole with its two points and its history, so a change
 * and its record are one write. Never deleted: a pathway is closed with a reason. A stored
 * pathway that does not parse is left out of every read and counted in the store's health().
 */
export interface PathwayRepository {
  /**
   * Stores a new pathway at version 1; a second one with the same id or code is refused.
   * `record`: the change's access-log entry, stored with it as CaseRepository.save says.
   */
  create(p: Pathway, record?: AccessLogEntry): Promise<PathwayCreateResult>;
  get(id: string): Promise<Pathway | undefined>;
  getByCode(code: string): Promise<Pathway | undefined>;
  /**
   * Conditional save: succeeds only while the stored version is still `p.version`, then stores
   * it as version + 1. Exactly one of several concurrent saves of one version wins.
   * `record`: the change's access-log entry, stored with it as CaseRepository.save says.
   */
  save(p: Pathway, record?: AccessLogEntry): Promise<PathwaySaveResult>;
  /** Open pathways whose nextDueAt is at or before `t`, earliest first (ties by code). */
  dueBefore(t: string, limit: number): Promise<Pathway[]>;
  /** A zone's pathways, by nextDueAt (those without one last), then code. */
  byZone(zoneId: string, query?: PathwayQuery): Promise<Pathway[]>;
  /**
   * Open pathways with a point card due at or before `t` and not yet posted (see nextNoticeAt),
   * earliest first (ties by code): the point-card job's queue.
   */
  noticeDue(t: string, limit: number): Promise<Pathway[]>;
}
