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
   * Every stored case's id and version, in pages of at most `pageSize`, in no particular
   * order: small rows, one page at a time, so a hundred thousand cases never hold up the
   * process.
   */
  versions(pageSize: number): AsyncIterable<CaseVersionRow[]>;
  /** The stored facts of these cases, of whatever case version (none for a case without). */
  get(caseIds: readonly string[]): Promise<ReportFactsDoc[]>;
  /** Stores facts, replacing any of the same case. */
  put(docs: readonly ReportFactsDoc[]): Promise<void>;
}
