import type { Policy } from '../../domain/routine';

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
 * The routine snapshots cases point to. Written only by the cases repository (put-if-absent
 * on create and save); read here by operators and tests. A snapshot that does not parse, or
 * whose content is not what its ref says, is left out and counted in the store's health().
 */
export interface RoutineSnapshotRepository {
  get(ref: string): Promise<RoutineSnapshot | undefined>;
  /** Ordered by ref. */
  list(): Promise<RoutineSnapshot[]>;
}
