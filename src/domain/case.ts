import { z } from 'zod/v4';
import { type CaseState, caseStateSchema } from './case-state';
import { containsNationalId, maskNationalIds, NATIONAL_ID_ISSUE } from './privacy';
import { roleSchema } from './roster';
import { anchorSchema, deadlineKeySchema, policySchema } from './routine';

export { type CaseState, caseStateSchema };

export const contactOutcomeSchema = z.enum(['reached', 'not_reached', 'visit_agreed']);
export type ContactOutcome = z.infer<typeof contactOutcomeSchema>;

export const closeReasonSchema = z.enum(['handed_over', 'declined', 'not_needed', 'moved', 'died']);
export type CloseReason = z.infer<typeof closeReasonSchema>;

export const assessmentToolSchema = z.enum(['ESAS-r', 'MOBID-2']);

export const checklistSchema = z
  .object({
    assessmentOffered: assessmentToolSchema.nullable(),
    ipNeeded: z.boolean().nullable(),
    ipMade: z.boolean(),
    informedAboutServices: z.boolean(),
  })
  .strict();
export type Checklist = z.infer<typeof checklistSchema>;

/** A new case's checklist: nothing offered or decided yet. */
export const EMPTY_CHECKLIST: Readonly<Checklist> = {
  assessmentOffered: null,
  ipNeeded: null,
  ipMade: false,
  informedAboutServices: false,
};

/** Short free text from staff; always passed through the national-id guard before it gets here. */
export const noteSchema = z.string().trim().min(1).max(500);

/** The patient's id in the municipality's record system: opaque, never a name or a national id. */
export const patientRefSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'letters, digits and . _ : - only')
  // The characters above can still spell one ("150385.12345"), and a stored ref is never rewritten.
  .refine((ref) => !containsNationalId(ref), {
    message: 'must not contain a national id',
    params: { reason: NATIONAL_ID_ISSUE },
  });

/**
 * A record reference as stored. Earlier versions let a few written forms of a national id
 * through; such a document is still read (nothing stored is lost), with the id masked, and
 * the next save writes the masked form.
 */
const storedPatientRefSchema = z
  .string()
  .min(1)
  .transform((ref) => (containsNationalId(ref) ? maskNationalIds(ref) : ref));

export const historyEntrySchema = z
  .object({
    at: z.iso.datetime(),
    actorId: z.string(),
    actorRole: roleSchema,
    action: z.string(),
    from: caseStateSchema.nullable(),
    to: caseStateSchema,
    details: z.record(z.string(), z.union([z.string(), z.boolean(), z.number(), z.null()])),
    /** The case version this change produced (the store's version after the save). */
    version: z.int().min(1),
    /**
     * A digest of the command with its payload, so a replay is told apart from a different
     * action of the same kind (older entries have none).
     */
    commandDigest: z.string().optional(),
  })
  .strict();
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const cardLocationSchema = z
  .object({ conversationId: z.string().min(1), activityId: z.string().min(1) })
  .strict();
export type CardLocation = z.infer<typeof cardLocationSchema>;

export const deadlineSnapshotSchema = z
  .object({ key: deadlineKeySchema, dueAt: z.iso.datetime() })
  .strict();
export type CurrentDeadline = z.infer<typeof deadlineSnapshotSchema>;

/**
 * The stored case document. History is embedded so a transition and its record are one
 * conditional write: they can never disagree, and nothing is ever deleted.
 */
export const caseSchema = z
  .object({
    id: z.string().min(1),
    code: z.string().min(1),
    zoneId: z.string().min(1),
    seriouslyIll: z.boolean(),
    patientRef: storedPatientRefSchema,
    note: noteSchema.nullable(),
    state: caseStateSchema,
    routineVersion: z.string(),
    /** Snapshot of the routine's policy at registration; a case keeps its deadlines. */
    policy: policySchema,
    anchors: z.partialRecord(anchorSchema, z.iso.datetime()),
    claimedBy: z.string().nullable(),
    /** When the responsible nurse got the case (claim or reassignment); starts the reminders. */
    claimedAt: z.iso.datetime().nullable().default(null),
    /** Reminders of a silent claim wait until then; cleared when the case changes hands. */
    snoozedUntil: z.iso.datetime().nullable().default(null),
    admitted: z.boolean(),
    checklist: checklistSchema,
    deadline: deadlineSnapshotSchema.nullable(),
    /** When the scheduler must next look at the case (first escalation level of the deadline). */
    nextDueAt: z.iso.datetime().nullable(),
    firstContactMet: z.boolean().nullable(),
    lastContact: z
      .object({ at: z.iso.datetime(), outcome: contactOutcomeSchema, by: z.string() })
      .strict()
      .nullable(),
    closedReason: closeReasonSchema.nullable(),
    /** Where the case's card was posted in the zone channel, so it can be updated in place. */
    card: cardLocationSchema.nullable().default(null),
    /** Every change, oldest first; saves that only move the schedule add no entry. */
    history: z.array(historyEntrySchema),
    /** Optimistic concurrency: the store bumps it on every save and refuses a stale one. */
    version: z.int().min(1),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .strict();
export type Case = z.infer<typeof caseSchema>;

export const OPEN_STATES: readonly CaseState[] = caseStateSchema.options.filter(
  (s) => s !== 'closed',
);
