import { normaliseCaseCode } from '../domain/case-code';
import { canSeePathway } from '../domain/pathway/access';
import type { PointNumber } from '../domain/pathway/config';
import { type Pathway, parsePathwayPointCode } from '../domain/pathway/pathway';
import type { StaffMember } from '../domain/roster';
import type { Store } from '../store/port';
import { type AccessLog, VIEW_ACTION } from './access-log';
import type { CaseView } from './case-reads';

/**
 * What a pathway lookup tells the asker. As for cases, an unknown code and a pathway the asker
 * may not see give the same answer.
 */
export type PathwayRead =
  | { ok: true; pathway: Pathway; member: StaffMember; point: PointNumber | null }
  | { ok: false; reason: 'not_in_roster' }
  | { ok: false; reason: 'unknown_case'; code?: string };

/** What people type for a pathway (`K7QXR`) or one of its points (`K7QXR-2`). */
export function parsePathwayCode(
  typed: string,
): { code: string; point: PointNumber | null } | undefined {
  const point = parsePathwayPointCode(typed);
  if (point) return point;
  const code = normaliseCaseCode(typed);
  return code === undefined ? undefined : { code, point: null };
}

export function createPathwayReads(store: Store, accessLog: AccessLog) {
  async function judge(
    member: StaffMember | undefined,
    found: Pathway | undefined,
    view: CaseView,
    point: PointNumber | null,
    code?: string,
  ): Promise<PathwayRead> {
    if (!member) return { ok: false, reason: 'not_in_roster' };
    if (!found || !canSeePathway(member, found)) return { ok: false, reason: 'unknown_case', code };
    // Logged before it is shown: a showing that cannot be logged is not shown.
    if (view === 'personal') await accessLog.record(member.id, found, VIEW_ACTION, view);
    return { ok: true, pathway: found, member, point };
  }

  return {
    /** `sak <kode>` / `sak <kode>-2`: only a well-formed code is ever repeated back. */
    async byCode(member: StaffMember | undefined, typed: string, view: CaseView) {
      if (!member) return judge(member, undefined, view, null);
      const parsed = parsePathwayCode(typed);
      const found = parsed ? await store.pathways.getByCode(parsed.code) : undefined;
      const shown = parsed && (parsed.point ? `${parsed.code}-${parsed.point}` : parsed.code);
      return judge(member, found, view, parsed?.point ?? null, shown);
    },
    /** A card button: the pathway id from the button's data. */
    async byId(
      member: StaffMember | undefined,
      pathwayId: string,
      view: CaseView,
      point: PointNumber | null,
    ) {
      if (!member) return judge(member, undefined, view, point);
      return judge(member, await store.pathways.get(pathwayId), view, point);
    },
  };
}

export type PathwayReads = ReturnType<typeof createPathwayReads>;
