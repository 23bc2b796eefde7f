import type { CompetenceSubject } from '../domain/competence/access';
import {
  type CompetenceRecord,
  newCompetenceRecord,
  type RecordChange,
  withSchedule,
} from '../domain/competence/record';
import type { CompetenceConfig } from '../domain/competence/requirements';
import { hasRole, type StaffMember } from '../domain/roster';
import type { Store } from '../store/port';
import { MAX_SAVE_ATTEMPTS } from './update-case';

/** A nurse as the access rule and the cards need her, from the roster (removed ones too). */
export interface NurseSubject extends CompetenceSubject {
  name: string;
  active: boolean;
  member: StaffMember;
}

/**
 * The person a record is about, from the roster, whether or not she is still a nurse: a nurse
 * who stepped down keeps her record. Undefined for somebody the roster never knew, or who
 * never was a nurse and has no record.
 */
export async function nurseSubject(
  store: Store,
  nurseId: string,
): Promise<NurseSubject | undefined> {
  const member = await store.roster.get(nurseId);
  if (!member) return undefined;
  const active = hasRole(member, 'nurse');
  if (!active && !(await store.competence.getRecord(nurseId))) return undefined;
  return { id: member.id, zoneIds: member.zoneIds, name: member.name, active, member };
}

export type RecordUpdate =
  | {
      ok: true;
      record: CompetenceRecord;
      changed: boolean;
      /** Whether the record is in the store (an unchanged record may never have been). */
      stored: boolean;
      activityId?: string;
    }
  | { ok: false; refusal: Extract<RecordChange, { ok: false }>['refusal'] }
  | { ok: false; refusal: { code: 'conflict' } }
  | { ok: false; refusal: { code: 'stale' } };

/**
 * Applies a pure change to the nurse's record (made on first use) and saves it conditionally
 * with its schedule brought up to date, re-reading and re-applying on a lost race: of two
 * people changing one record at once, both changes land, each once. With `basedOn` (the
 * version the card showed, 0 for a record not stored yet) a change made on an older record is
 * refused instead: a button pressed twice, or on a stale card, changes nothing.
 */
export async function updateRecord(
  deps: { store: Store; config: CompetenceConfig; timeZone: string; now: Date },
  nurseId: string,
  change: (current: CompetenceRecord) => RecordChange,
  basedOn?: number,
): Promise<RecordUpdate> {
  const { store, config, timeZone, now } = deps;
  for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
    const stored = await store.competence.getRecord(nurseId);
    if (basedOn !== undefined && (stored?.version ?? 0) !== basedOn) {
      return { ok: false, refusal: { code: 'stale' } };
    }
    const current = stored ?? newCompetenceRecord(nurseId, now);
    const result = change(current);
    if (!result.ok) return result;
    const activityId = result.activity?.id;
    if (!result.changed) {
      return {
        ok: true,
        record: current,
        changed: false,
        stored: stored !== undefined,
        activityId,
      };
    }
    const next = withSchedule(result.record, config, now, timeZone);
    const saved = stored
      ? await store.competence.saveRecord(next)
      : await store.competence.createRecord(next);
    if (saved.ok) return { ok: true, record: saved.value, changed: true, stored: true, activityId };
  }
  return { ok: false, refusal: { code: 'conflict' } };
}
