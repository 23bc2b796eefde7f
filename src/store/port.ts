import type { AccessLogRepository } from './ports/access-log';
import type { CaseRepository } from './ports/cases';
import type { CompetenceRepository } from './ports/competence';
import type { IdempotencyRepository } from './ports/idempotency';
import type { MarkerRepository } from './ports/markers';
import type { PathwayRepository } from './ports/pathways';
import type { ReportFactsRepository } from './ports/report-facts';
import type { RoutineSnapshotRepository } from './ports/routines';
import type { StaffRepository } from './ports/staff';
import type { ZoneRepository } from './ports/zones';

// Each area's port lives in ./ports; re-exported so callers keep importing from here alone.
export type { AccessLogEntry, AccessLogRepository } from './ports/access-log';
export {
  type CaseQuery,
  type CaseRepository,
  type CreateResult,
  DEFAULT_QUERY_LIMIT,
  type SaveResult,
} from './ports/cases';
export type {
  CompetenceCreateResult,
  CompetenceRepository,
  CompetenceSaveResult,
} from './ports/competence';
export type { IdempotencyRecord, IdempotencyRepository } from './ports/idempotency';
export type { Marker, MarkerRepository } from './ports/markers';
export type {
  PathwayCreateResult,
  PathwayQuery,
  PathwayRepository,
  PathwaySaveResult,
} from './ports/pathways';
export type { CaseVersionRow, ReportFactsRepository } from './ports/report-facts';
export type { RoutineSnapshot, RoutineSnapshotRepository } from './ports/routines';
export type { StaffRepository } from './ports/staff';
export type { ZoneRepository } from './ports/zones';

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
 * The one repository the domain needs, composed of one repository per area (see ./ports). Two
 * adapters (SQLite, Cosmos DB) implement it and one contract suite per area (test/contract)
 * holds them to the same behaviour; nothing outside src/store knows which one runs.
 *
 * Reads of cases, routines, staff, zones and the access log leave out a stored document that
 * does not parse (lists skip it, so they may come back shorter than their limit; a point read
 * answers undefined) and count it in health(). Markers and idempotency records are read
 * strictly (a broken one throws): reading one as absent would send twice or answer a replay
 * anew.
 */
export interface Store {
  readonly cases: CaseRepository;
  readonly routines: RoutineSnapshotRepository;
  readonly roster: StaffRepository;
  readonly zones: ZoneRepository;
  readonly markers: MarkerRepository;
  readonly accessLog: AccessLogRepository;
  readonly idempotency: IdempotencyRepository;
  readonly pathways: PathwayRepository;
  /** The compliance report's facts per case, derived from the cases (kept-case.ts). */
  readonly reportFacts: ReportFactsRepository;
  readonly competence: CompetenceRepository;
  /** Fails when the store cannot be reached; used by /healthz. */
  ping(): Promise<void>;
  /** The documents set aside so far (in this process); /healthz shows the count. */
  health(): StoreHealth;
  close(): Promise<void>;
}
