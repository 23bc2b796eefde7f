import { stringify } from 'csv-stringify/sync';
import { normaliseCaseCode } from '../domain/case-code';
import { hasRole, type StaffMember } from '../domain/roster';
import type { AccessLogEntry, Store } from '../store/port';
import { RECORD_SYSTEM_ACTOR } from './record-system';

export const ACCESS_LOG_COLUMNS = ['at', 'actorId', 'actorName', 'caseCode', 'action', 'via'];

export interface AccessLogRow extends AccessLogEntry {
  /** The staff member's name from the roster at export time (staff data, not patient data). */
  actorName: string;
}

/** One row per entry, oldest first, with the columns an auditor reads. */
export function accessLogCsv(rows: readonly AccessLogRow[]): string {
  return stringify(
    rows.map((r) => [r.at, r.actorId, r.actorName, r.caseCode, r.action, r.via]),
    { header: true, columns: ACCESS_LOG_COLUMNS },
  );
}

export type CaseLogRead =
  | { ok: true; caseCode: string; rows: AccessLogRow[] }
  | { ok: false; reason: 'not_admin' | 'unknown_case'; code?: string };

/**
 * The access log for review (Normen: "innsyn i logg"): one case's entries for an admin in chat,
 * and every entry in a period for the CLI export. Reading it is the admin's alone.
 */
export function createAccessLogExport(store: Store) {
  async function named(entries: AccessLogEntry[]): Promise<AccessLogRow[]> {
    const names = new Map(
      [...(await store.roster.list()), RECORD_SYSTEM_ACTOR].map((m) => [m.id, m.name]),
    );
    return entries.map((e) => ({ ...e, actorName: names.get(e.actorId) ?? '' }));
  }

  return {
    async forCase(member: StaffMember | undefined, typed: string): Promise<CaseLogRead> {
      if (!member || !hasRole(member, 'admin')) return { ok: false, reason: 'not_admin' };
      const code = normaliseCaseCode(typed);
      // A case, or else a Pakkeforløp hjem pathway: both log under their own id and code.
      const found = code
        ? ((await store.cases.getByCode(code)) ?? (await store.pathways.getByCode(code)))
        : undefined;
      if (!found) return { ok: false, reason: 'unknown_case', code };
      return {
        ok: true,
        caseCode: found.code,
        rows: await named(await store.accessLog.byCase(found.id)),
      };
    },
    async between(from: string, to: string): Promise<AccessLogRow[]> {
      return named(await store.accessLog.between(from, to));
    },
  };
}

export type AccessLogExport = ReturnType<typeof createAccessLogExport>;
