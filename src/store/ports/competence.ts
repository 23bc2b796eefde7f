import type { NetworkEvent } from '../../domain/competence/event';
import type { CompetenceRecord } from '../../domain/competence/record';
import type { ChannelLink } from '../../domain/zone';

export type CompetenceSaveResult<T> = { ok: true; value: T } | { ok: false; reason: 'conflict' };
export type CompetenceCreateResult<T> = { ok: true; value: T } | { ok: false; reason: 'duplicate' };

/** What events returns when the query names no limit. */
export const DEFAULT_EVENT_LIMIT = 200;

/**
 * The competence plan's documents: one record per resource nurse (her activities, attendance
 * and yearly meetings with their history, see domain/competence/record.ts) and the network's
 * events. Each is stored whole and saved conditionally, so a change and its history entry are
 * one write and of several concurrent saves of one version exactly one wins. Nothing is
 * deleted. A stored document that does not parse is left out of every read and counted in the
 * store's health().
 */
export interface CompetenceRepository {
  /** Stores a new record at version 1; a second one for the same nurse is refused. */
  createRecord(r: CompetenceRecord): Promise<CompetenceCreateResult<CompetenceRecord>>;
  getRecord(nurseId: string): Promise<CompetenceRecord | undefined>;
  /** The records of these nurses that exist, in no particular order. */
  records(nurseIds: readonly string[]): Promise<CompetenceRecord[]>;
  /** Succeeds only while the stored version is `r.version`; stores it as version + 1. */
  saveRecord(r: CompetenceRecord): Promise<CompetenceSaveResult<CompetenceRecord>>;
  /** Records whose nextDueAt is at or before `t`, earliest first (ties by id): the engine's queue. */
  recordsDueBefore(t: string, limit: number): Promise<CompetenceRecord[]>;

  createEvent(e: NetworkEvent): Promise<CompetenceCreateResult<NetworkEvent>>;
  getEvent(id: string): Promise<NetworkEvent | undefined>;
  saveEvent(e: NetworkEvent): Promise<CompetenceSaveResult<NetworkEvent>>;
  /** Events on or after `fromDate` (ISO date), by date then id. */
  events(fromDate: string, limit?: number): Promise<NetworkEvent[]>;

  /** The network's channel (`koble nettverk`), where events are announced; undefined: none. */
  networkChannel(): Promise<ChannelLink | undefined>;
  setNetworkChannel(link: ChannelLink): Promise<void>;
}
