import { z } from 'zod/v4';
import { type Case, EMPTY_CHECKLIST, noteSchema, patientRefSchema } from './case';
import { withSchedule } from './case-schedule';
import { type DomainError, domainError } from './errors';
import { findNationalIdField } from './privacy';
import { hasRole, type StaffMember } from './roster';
import type { Routine } from './routine';

/** No referral the bot handles can be older than this; earlier years are typing mistakes. */
const EARLIEST_HOSPITAL_CONTACT = Date.parse('2000-01-01T00:00:00Z');

/** A referral as FVE registers it, from the Teams form or the record system's REST call. */
export const referralInputSchema = z
  .object({
    zoneId: z.string().min(1),
    seriouslyIll: z.boolean(),
    /** When the hospital contacted FVE (step 2): the clock starts here. */
    hospitalContactAt: z.iso
      .datetime({ offset: true })
      // The format alone lets through offsets such as +99:99, which no clock can read.
      .refine((v) => Number.isFinite(Date.parse(v)), 'not a valid time')
      .refine((v) => Date.parse(v) >= EARLIEST_HOSPITAL_CONTACT, 'before the year 2000'),
    patientRef: patientRefSchema,
    note: noteSchema.optional(),
    /** Register service HSYRE at once (step 4) rather than only the hospital's contact. */
    registerHsyre: z.boolean().default(true),
  })
  .strict();
export type ReferralInput = z.infer<typeof referralInputSchema>;

export interface NewCaseIds {
  id: string;
  code: string;
}

/**
 * Opens a case from a referral (steps 2 and 4). Pure: the caller supplies the time, the
 * routine in force, the known zones and fresh ids; the store creates the document.
 */
export function registerReferral(
  input: ReferralInput,
  actor: StaffMember,
  now: Date,
  routine: Routine,
  knownZoneIds: ReadonlySet<string>,
  ids: NewCaseIds,
): { ok: true; case: Case } | { ok: false; error: DomainError } {
  const idField = findNationalIdField(input);
  if (idField) return { ok: false, error: domainError('contains_national_id', { field: idField }) };
  if (!hasRole(actor, 'fve')) {
    return { ok: false, error: domainError('forbidden_role', { action: 'registerReferral' }) };
  }
  if (!knownZoneIds.has(input.zoneId)) {
    return { ok: false, error: domainError('unknown_zone', { zone: input.zoneId }) };
  }
  const hospitalContact = new Date(input.hospitalContactAt);
  if (hospitalContact.getTime() > now.getTime()) {
    return { ok: false, error: domainError('hospital_contact_in_future') };
  }

  const at = now.toISOString();
  const state = input.registerHsyre ? 'awaiting_claim' : 'referred';
  const draft: Case = {
    id: ids.id,
    code: ids.code,
    zoneId: input.zoneId,
    seriouslyIll: input.seriouslyIll,
    patientRef: input.patientRef,
    note: input.note ?? null,
    state,
    routineVersion: routine.version,
    // A copy: an in-place edit of the routine object must not move this case's deadlines.
    policy: structuredClone(routine.policy),
    anchors: {
      hospitalContact: hospitalContact.toISOString(),
      ...(input.registerHsyre && { hsyreRegistered: at }),
    },
    claimedBy: null,
    claimedAt: null,
    snoozedUntil: null,
    admitted: false,
    checklist: { ...EMPTY_CHECKLIST },
    deadline: null,
    nextDueAt: null,
    firstContactMet: null,
    lastContact: null,
    closedReason: null,
    card: null,
    history: [
      {
        at,
        actorId: actor.id,
        actorRole: 'fve',
        action: 'registerReferral',
        from: null,
        to: state,
        details: { seriouslyIll: input.seriouslyIll, note: input.note ?? null },
        version: 1,
      },
    ],
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  return { ok: true, case: withSchedule(draft) };
}
