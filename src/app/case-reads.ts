import type { Case } from '../domain/case';
import { canSeeCase } from '../domain/case-access';
import { normaliseCaseCode } from '../domain/case-code';
import type { StaffMember } from '../domain/roster';
import type { Store } from '../store/port';
import { type AccessLog, VIEW_ACTION } from './access-log';

/**
 * What a lookup tells the asker. An unknown code and a case the asker may not see give the
 * same answer, so nobody learns that a code exists; a code typed wrongly is just unknown.
 */
export type CaseRead =
  | { ok: true; case: Case; member: StaffMember }
  | { ok: false; reason: 'not_in_roster' }
  | { ok: false; reason: 'unknown_case'; code?: string };

/** Where the case is shown: only the personal card holds the record reference. */
export type CaseView = 'personal' | 'channel';

export function createCaseReads(store: Store, accessLog: AccessLog) {
  async function judge(
    member: StaffMember | undefined,
    found: Case | undefined,
    view: CaseView,
    code?: string,
  ): Promise<CaseRead> {
    if (!member) return { ok: false, reason: 'not_in_roster' };
    if (!found || !canSeeCase(member, found)) return { ok: false, reason: 'unknown_case', code };
    // Logged before it is shown: a showing that cannot be logged is not shown.
    if (view === 'personal') await accessLog.record(member.id, found, VIEW_ACTION, view);
    return { ok: true, case: found, member };
  }

  return {
    /** `sak <kode>`: the code as typed; only a well-formed code is ever repeated back. */
    async byCode(member: StaffMember | undefined, typed: string, view: CaseView) {
      if (!member) return judge(member, undefined, view);
      const code = normaliseCaseCode(typed);
      return judge(member, code ? await store.cases.getByCode(code) : undefined, view, code);
    },
    /** A card button: the case id from the button's data. */
    async byId(member: StaffMember | undefined, caseId: string, view: CaseView) {
      if (!member) return judge(member, undefined, view);
      // No code in the answer: a stranger's button must not turn an id into a code.
      return judge(member, await store.cases.get(caseId), view);
    },
  };
}

export type CaseReads = ReturnType<typeof createCaseReads>;
