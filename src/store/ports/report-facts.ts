import type { ReportFactsDoc } from '../../domain/reports/kept-case';

/** A case as the report's scan sees it: its id and current version. */
export interface CaseVersionRow {
  caseId: string;
  version: number;
}

/**
 * The compliance report's facts per case (domain/reports/kept-case.ts), beside the cases.
 * Derived data, worked out again from the case whenever they do not serve: a stored document
 * that does not parse reads as none, and nothing ties a write here to the case's own save.
 */
export interface ReportFactsRepository {
  /**
   * Where the cases' writes stand now, for a later `versions` to start from; null when this
   * store cannot tell (then every scan is of every case).
   */
  writeMark(): Promise<number | null>;
  /**
   * The ids and versions of the cases written after `since` (a mark from `writeMark`), of
   * every stored case when it is null (a store without marks may always give every case), in
   * pages of at most `pageSize`, in no particular order: small rows, one page at a time, so a
   * hundred thousand cases never hold up the process. A case written during the scan may be
   * given twice, once with each version.
   */
  versions(pageSize: number, since: number | null): AsyncIterable<CaseVersionRow[]>;
  /** The stored facts of these cases, of whatever case version (none for a case without). */
  get(caseIds: readonly string[]): Promise<ReportFactsDoc[]>;
  /** Stores facts, replacing any of the same case. */
  put(docs: readonly ReportFactsDoc[]): Promise<void>;
}
