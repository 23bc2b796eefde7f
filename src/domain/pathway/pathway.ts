import { z } from 'zod/v4';
import {
  type CardLocation,
  type CurrentDeadline,
  cardLocationSchema,
  noteSchema,
  patientRefSchema,
} from '../case';
import { caseCodeFrom, normaliseCaseCode } from '../case-code';
import { commandDigest, isReplay } from '../command-digest';
import type { DomainErrorCode } from '../errors';
import { levelAt } from '../escalation';
import { findNationalIdField } from '../privacy';
import { hasRole, type Role, roleSchema, type StaffMember, ZONE_ROLES } from '../roster';
import type { DeadlineKey, WorkingTime } from '../routine';
import type { TrackedItem } from '../tracked-item';
import { workingCalendar } from '../working-calendar';
import {
  type PathwayConfig,
  type PathwayPolicySnapshot,
  POINT_NUMBERS,
  type PointNumber,
  pathwayPolicySnapshotSchema,
  performerKindSchema,
  pointNumberSchema,
} from './config';
import { choosePerformer, performerRole } from './performer';
import { pathwayWindows } from './windows';

/*
 * Pakkeforløp hjem for pasienter med kreft: one pathway per patient with a cancer diagnosis,
 * registered by FVE (the municipality's contact point) with the diagnosis date. It tracks the
 * municipality's two needs-assessment conversations, collaboration points 2 and 3, and records
 * only that things were done, never what was said.
 */

/* ----------------------------------------------------------------------------------------------
 * The 13 topic areas of the needs assessment (source: the municipality's procedure,
 * "Temaområder for behovskartleggingen"). The Norwegian labels, for the locale file:
 * -------------------------------------------------------------------------------------------- */

export const PATHWAY_TOPICS = [
  'familyAndNetwork', // Familiesituasjon og nettverk
  'workSchoolEducation', // Jobb/skole/utdanning
  'financesAndHousing', // Økonomi og boforhold
  'helpAndAdaptationAtHome', // Hjelp og tilrettelegging i hjemmet
  'rehabilitation', // Rehabilitering
  'physicalActivityAndFunction', // Fysisk aktivitet og fysisk funksjon
  'nutrition', // Ernæring/mat/måltider
  'lookingAfterOwnHealth', // Ivaretakelse av egen helse
  'ownResourcesLearningAndCoping', // Egne ressurser / læring og mestring
  'leisureAndSocialActivities', // Fritid/sosiale aktiviteter
  'mentalHealth', // Psykisk helse
  'sexualHealth', // Seksuell helse
  'oralHealth', // Oral helse
] as const;
export const pathwayTopicSchema = z.enum(PATHWAY_TOPICS);
export type PathwayTopic = z.infer<typeof pathwayTopicSchema>;

/** A topic was talked about, or talked about and needs follow-up; null: not (yet) recorded. */
export const topicStatusSchema = z.enum(['discussed', 'followUpNeeded']);
export type TopicStatus = z.infer<typeof topicStatusSchema>;

/** All 13 topics, each recorded or null (the record's keys are exhaustive). */
export const topicsSchema = z.record(pathwayTopicSchema, topicStatusSchema.nullable());
export type Topics = z.infer<typeof topicsSchema>;

export const EMPTY_TOPICS: Readonly<Topics> = Object.fromEntries(
  PATHWAY_TOPICS.map((t) => [t, null]),
) as Topics;

/* ----------------------------------------------------------------------------------------------
 * States
 * -------------------------------------------------------------------------------------------- */

/** A pathway is open until FVE or the cancer coordinator closes it with a reason; never deleted. */
export const pathwayStateSchema = z.enum(['open', 'closed']);
export type PathwayState = z.infer<typeof pathwayStateSchema>;

export const pathwayCloseReasonSchema = z.enum(['died', 'moved', 'declined', 'other']);
export type PathwayCloseReason = z.infer<typeof pathwayCloseReasonSchema>;

/**
 * One collaboration point:
 * - `pending`: nobody has it yet (for a GP's point: the GP has not been asked);
 * - `claimed`: the performer has it; `invited`: the invitation went out;
 * - `held`: the conversation was held (the point is done; topics and checklist follow);
 * - `declined`: the patient said no; done, unless a date to ask again was agreed (then the
 *   window still runs);
 * - `gpAsked`, `gpConfirmed`: the GP holds it; FVE or the cancer coordinator recorded that the GP
 *   was asked, and that the GP confirmed (done; the bot tracks no more of the GP's work).
 */
export const pointStateSchema = z.enum([
  'pending',
  'claimed',
  'invited',
  'held',
  'declined',
  'gpAsked',
  'gpConfirmed',
]);
export type PointState = z.infer<typeof pointStateSchema>;

const historyStateSchema = z.enum([...pathwayStateSchema.options, ...pointStateSchema.options]);

/* ----------------------------------------------------------------------------------------------
 * The document
 * -------------------------------------------------------------------------------------------- */

/** Like the case's HistoryEntry, with the point the change was about (null: the whole pathway). */
export const pathwayHistoryEntrySchema = z
  .object({
    at: z.iso.datetime(),
    actorId: z.string(),
    actorRole: roleSchema,
    action: z.string(),
    point: pointNumberSchema.nullable(),
    /** The point's state before and after (the pathway's for registration and closing). */
    from: historyStateSchema.nullable(),
    to: historyStateSchema,
    details: z.record(z.string(), z.union([z.string(), z.boolean(), z.number(), z.null()])),
    /** The pathway version this change produced (the store's version after the save). */
    version: z.int().min(1),
    /** A digest of the command with its payload, so a replay is told apart from a new action. */
    commandDigest: z.string().optional(),
  })
  .strict();
export type PathwayHistoryEntry = z.infer<typeof pathwayHistoryEntrySchema>;

export const pathwayPointSchema = z
  .object({
    point: pointNumberSchema,
    /** Frozen at registration from the pathway's policy snapshot (windows.ts). */
    opensAt: z.iso.datetime(),
    closesAt: z.iso.datetime(),
    noticeAt: z.iso.datetime(),
    /** Chosen at registration by the local procedure (performer.ts). */
    performer: performerKindSchema,
    state: pointStateSchema,
    claimedBy: z.string().nullable(),
    invitationSentAt: z.iso.datetime().nullable(),
    /** The day the conversation was held, and whether next of kin took part. */
    heldOn: z.iso.date().nullable(),
    nextOfKinPresent: z.boolean().nullable(),
    declinedAt: z.iso.datetime().nullable(),
    askAgainOn: z.iso.date().nullable(),
    topics: topicsSchema,
    /** The NCCN distress thermometer (termometer for grad av påkjenning) was offered. */
    distressThermometerOffered: z.boolean(),
    /** Result and measures documented in the patient record (the record, not the bot). */
    documentedInRecord: z.boolean(),
    copySentToGp: z.boolean(),
    gpAsked: z.boolean(),
    gpConfirmed: z.boolean(),
    /** The point's card in the zone channel, posted at noticeAt. */
    card: cardLocationSchema.nullable(),
    /** When the scheduler must next look at the point (first escalation level), or null. */
    nextDueAt: z.iso.datetime().nullable(),
  })
  .strict();
export type PathwayPoint = z.infer<typeof pathwayPointSchema>;

export const pathwaySchema = z
  .object({
    id: z.string().min(1),
    /** Five symbols from the case-code alphabet (case-code.ts); points read `<code>-2`, `<code>-3`. */
    code: z.string().refine((c) => normaliseCaseCode(c) === c, 'not a code'),
    zoneId: z.string().min(1),
    patientRef: patientRefSchema,
    diagnosisDate: z.iso.date(),
    hasServices: z.boolean(),
    gpAgreement: z.boolean(),
    /** The HSYRE case the patient has, if any. */
    caseCode: z.string().nullable(),
    configVersion: z.string().min(1),
    /** Snapshot of config/pathways.json's policy and the routine's working time at registration. */
    policy: pathwayPolicySnapshotSchema,
    /** Points 2 and 3, in that order. */
    points: z
      .array(pathwayPointSchema)
      .refine(
        (ps) =>
          ps.length === POINT_NUMBERS.length && ps.every((p, i) => p.point === POINT_NUMBERS[i]),
        'points 2 and 3, in that order',
      ),
    state: pathwayStateSchema,
    closedReason: pathwayCloseReasonSchema.nullable(),
    /** Every change, oldest first. */
    history: z.array(pathwayHistoryEntrySchema),
    /** The earliest nextDueAt of the points: what the store indexes. */
    nextDueAt: z.iso.datetime().nullable(),
    version: z.int().min(1),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .strict()
  .refine((p) => (p.state === 'closed') === (p.closedReason !== null), {
    message: 'a closed pathway has a reason, an open one none',
    path: ['closedReason'],
  });
export type Pathway = z.infer<typeof pathwaySchema>;

/* ----------------------------------------------------------------------------------------------
 * Refusals
 * -------------------------------------------------------------------------------------------- */

/** The case's codes and the pathway's own; each is also a locale key (errors.<code>). */
export type PathwayErrorCode =
  | DomainErrorCode
  | 'diagnosis_date_out_of_range'
  | 'held_date_out_of_range'
  | 'ask_again_out_of_range'
  | 'not_the_performer'
  | 'note_required';

/** Shaped like DomainError (isDomainError recognises it), with the pathway's codes. */
export interface PathwayError {
  readonly kind: 'domain-error';
  readonly code: PathwayErrorCode;
  readonly params: Readonly<Record<string, string>>;
}

const pathwayError = (
  code: PathwayErrorCode,
  params: Record<string, string> = {},
): PathwayError => ({
  kind: 'domain-error',
  code,
  params,
});

const isPathwayError = (value: unknown): value is PathwayError =>
  typeof value === 'object' && value !== null && (value as PathwayError).kind === 'domain-error';

/* ----------------------------------------------------------------------------------------------
 * Registration
 * -------------------------------------------------------------------------------------------- */

/** No diagnosis the bot handles is older than this; earlier years are typing mistakes. */
export const EARLIEST_DIAGNOSIS_DATE = '2000-01-01';

/** A pathway as FVE registers it, from a form or the record system. */
export const pathwayInputSchema = z
  .object({
    zoneId: z.string().min(1),
    patientRef: patientRefSchema,
    diagnosisDate: z.iso.date().refine((d) => d >= EARLIEST_DIAGNOSIS_DATE, 'before the year 2000'),
    hasServices: z.boolean(),
    gpAgreement: z.boolean().default(false),
    /** The patient's HSYRE case, as a user types its code. */
    caseCode: z
      .string()
      .transform((v, ctx) => {
        const code = normaliseCaseCode(v);
        if (code === undefined) {
          ctx.addIssue({ code: 'custom', message: 'not a case code' });
          return z.NEVER;
        }
        return code;
      })
      .optional(),
  })
  .strict();
export type PathwayInput = z.infer<typeof pathwayInputSchema>;

export type PathwayResult = { ok: true; pathway: Pathway } | { ok: false; error: PathwayError };

const todayIn = (workingTime: WorkingTime, now: Date): string =>
  workingCalendar(workingTime).dayOf(now).toISODate() as string;

/** The local calendar day of an instant, in the pathway's working time zone. */
const localDay = (workingTime: WorkingTime, iso: string): string =>
  workingCalendar(workingTime).dayOf(new Date(iso)).toISODate() as string;

/**
 * Opens a pathway (FVE, or the record system acting as FVE). Pure: the caller supplies the time,
 * the pathway config and the routine's working time in force, the known zones, a fresh id and
 * five random bytes for the code (drawn again by the caller when the store finds it taken).
 */
export function registerPathway(
  input: PathwayInput,
  actor: StaffMember,
  now: Date,
  config: PathwayConfig,
  workingTime: WorkingTime,
  knownZoneIds: ReadonlySet<string>,
  ids: { id: string; codeBytes: Uint8Array },
): PathwayResult {
  const idField = findNationalIdField(input);
  if (idField)
    return { ok: false, error: pathwayError('contains_national_id', { field: idField }) };
  if (!hasRole(actor, 'fve')) {
    return { ok: false, error: pathwayError('forbidden_role', { action: 'registerPathway' }) };
  }
  if (!knownZoneIds.has(input.zoneId)) {
    return { ok: false, error: pathwayError('unknown_zone', { zone: input.zoneId }) };
  }
  const today = todayIn(workingTime, now);
  if (input.diagnosisDate < EARLIEST_DIAGNOSIS_DATE || input.diagnosisDate > today) {
    return {
      ok: false,
      error: pathwayError('diagnosis_date_out_of_range', {
        from: EARLIEST_DIAGNOSIS_DATE,
        to: today,
      }),
    };
  }

  const at = now.toISOString();
  // A copy: an in-place edit of the loaded config must not move this pathway's windows.
  const policy: PathwayPolicySnapshot = structuredClone({ ...config.policy, workingTime });
  const facts = { hasServices: input.hasServices, gpAgreement: input.gpAgreement };
  const points: PathwayPoint[] = pathwayWindows(input.diagnosisDate, policy, workingTime).map(
    (w) => ({
      point: w.point,
      opensAt: w.opensAt,
      closesAt: w.closesAt,
      noticeAt: w.noticeAt,
      performer: choosePerformer(policy, w.point, facts),
      state: 'pending',
      claimedBy: null,
      invitationSentAt: null,
      heldOn: null,
      nextOfKinPresent: null,
      declinedAt: null,
      askAgainOn: null,
      topics: { ...EMPTY_TOPICS },
      distressThermometerOffered: false,
      documentedInRecord: false,
      copySentToGp: false,
      gpAsked: false,
      gpConfirmed: false,
      card: null,
      nextDueAt: null,
    }),
  );
  const draft: Pathway = {
    id: ids.id,
    code: caseCodeFrom(ids.codeBytes),
    zoneId: input.zoneId,
    patientRef: input.patientRef,
    diagnosisDate: input.diagnosisDate,
    hasServices: input.hasServices,
    gpAgreement: input.gpAgreement,
    caseCode: input.caseCode ?? null,
    configVersion: config.version,
    policy,
    points,
    state: 'open',
    closedReason: null,
    history: [
      {
        at,
        actorId: actor.id,
        actorRole: 'fve',
        action: 'registerPathway',
        point: null,
        from: null,
        to: 'open',
        details: {
          hasServices: input.hasServices,
          gpAgreement: input.gpAgreement,
          performer2: points[0].performer,
          performer3: points[1].performer,
          caseCode: input.caseCode ?? null,
        },
        version: 1,
      },
    ],
    nextDueAt: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  return { ok: true, pathway: withPathwaySchedule(draft) };
}

/* ----------------------------------------------------------------------------------------------
 * Commands
 * -------------------------------------------------------------------------------------------- */

const onPoint = { point: pointNumberSchema };

/** Everything a user can do to an existing pathway; card payloads and API bodies parse into this. */
export const pathwayCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('claimPoint'), ...onPoint }).strict(),
  z.object({ type: z.literal('releasePoint'), ...onPoint }).strict(),
  z.object({ type: z.literal('recordInvitation'), ...onPoint }).strict(),
  z
    .object({
      type: z.literal('recordHeld'),
      ...onPoint,
      date: z.iso.date(),
      nextOfKinPresent: z.boolean(),
    })
    .strict(),
  z
    .object({
      type: z.literal('recordDeclined'),
      ...onPoint,
      /** Agreed with the patient: ask again that day (within the window). */
      askAgainOn: z.iso.date().nullable().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('setTopic'),
      ...onPoint,
      topic: pathwayTopicSchema,
      status: topicStatusSchema.nullable(),
    })
    .strict(),
  z
    .object({
      type: z.literal('setChecklist'),
      ...onPoint,
      distressThermometerOffered: z.boolean().optional(),
      documentedInRecord: z.boolean().optional(),
      copySentToGp: z.boolean().optional(),
    })
    .strict()
    .refine(
      (c) =>
        c.distressThermometerOffered !== undefined ||
        c.documentedInRecord !== undefined ||
        c.copySentToGp !== undefined,
      'nothing to set',
    ),
  z.object({ type: z.literal('recordGpAsked'), ...onPoint }).strict(),
  z.object({ type: z.literal('recordGpConfirmed'), ...onPoint }).strict(),
  z
    .object({
      type: z.literal('close'),
      reason: pathwayCloseReasonSchema,
      note: noteSchema.optional(),
    })
    .strict()
    .refine((c) => c.reason !== 'other' || c.note !== undefined, {
      message: 'closing for another reason needs a note',
      path: ['note'],
    }),
]);
export type PathwayCommand = z.infer<typeof pathwayCommandSchema>;
export type PathwayCommandType = PathwayCommand['type'];

/** Roles that act as the municipality's contact point for the pathway. */
export const CONTACT_POINT_ROLES: readonly Role[] = ['fve', 'cancerCoordinator'];

/**
 * Who may do what. `by`:
 * - `performer`: holds the role of the point's performer (a nurse of the pathway's zone for the
 *   zone's resource nurse, the cancer coordinator, FVE);
 * - `responsible`: that, and is the one who claimed the point;
 * - `contactPoint`: FVE or the cancer coordinator.
 * `also`: roles that may act for the responsible person (the zone's leader; FVE). `from`: the
 * point's states it applies in (null: the pathway as a whole). `performers`: the municipality's
 * own points or the GP's. Nurses and leaders act only in their zones; FVE and the cancer
 * coordinator in every zone. Nothing works on a closed pathway.
 */
export interface PathwayGuard {
  by: 'performer' | 'responsible' | 'contactPoint';
  also?: readonly Role[];
  from: readonly PointState[] | null;
  performers: 'municipal' | 'gp' | 'any';
}

const WORKING: readonly PointState[] = ['claimed', 'invited', 'declined'];

export const PATHWAY_GUARDS: Readonly<Record<PathwayCommandType, PathwayGuard>> = {
  // From the working states too, so that a second claimer hears who has it.
  claimPoint: { by: 'performer', from: ['pending', ...WORKING], performers: 'municipal' },
  // The leader or FVE takes a point back from someone who cannot do it.
  releasePoint: {
    by: 'responsible',
    also: ['leader', 'fve'],
    from: WORKING,
    performers: 'municipal',
  },
  recordInvitation: { by: 'responsible', from: WORKING, performers: 'municipal' },
  // From held too: a correction of the date or of who took part.
  recordHeld: { by: 'responsible', from: [...WORKING, 'held'], performers: 'municipal' },
  recordDeclined: { by: 'responsible', from: WORKING, performers: 'municipal' },
  setTopic: { by: 'responsible', also: ['leader'], from: ['held'], performers: 'municipal' },
  setChecklist: { by: 'responsible', also: ['leader'], from: ['held'], performers: 'municipal' },
  recordGpAsked: { by: 'contactPoint', from: ['pending', 'gpAsked'], performers: 'gp' },
  recordGpConfirmed: { by: 'contactPoint', from: ['gpAsked', 'gpConfirmed'], performers: 'gp' },
  close: { by: 'contactPoint', from: null, performers: 'any' },
};

export type PathwayCommandResult =
  | { ok: true; pathway: Pathway; changed: boolean }
  | { ok: false; error: PathwayError };

const commandPoint = (command: PathwayCommand): PointNumber | null =>
  'point' in command ? command.point : null;

const pointOf = (p: Pathway, point: PointNumber): PathwayPoint => {
  const found = p.points.find((pt) => pt.point === point);
  if (!found) throw new Error(`pathway ${p.id} has no point ${point}`);
  return found;
};

const actsInZone = (actor: StaffMember, role: Role, zoneId: string): boolean =>
  !ZONE_ROLES.includes(role) || actor.zoneIds.includes(zoneId);

/** The role the actor acts in, or the refusal. */
function authorise(p: Pathway, command: PathwayCommand, actor: StaffMember): Role | PathwayError {
  const guard = PATHWAY_GUARDS[command.type];
  if (p.state === 'closed') {
    return pathwayError('wrong_state', { action: command.type, state: p.state });
  }
  const number = commandPoint(command);
  const pt = number === null ? null : pointOf(p, number);
  if (pt && guard.performers === 'municipal' && pt.performer === 'gp') {
    return pathwayError('not_the_performer', { performer: pt.performer });
  }
  if (pt && guard.performers === 'gp' && pt.performer !== 'gp') {
    return pathwayError('not_the_performer', { performer: pt.performer });
  }

  const performing = pt ? performerRole(pt.performer) : null;
  const primary: readonly Role[] =
    guard.by === 'contactPoint' ? CONTACT_POINT_ROLES : performing ? [performing] : [];
  const allowed = [...primary, ...(guard.also ?? [])];
  const held = allowed.filter((r) => hasRole(actor, r));
  if (held.length === 0) {
    return guard.by === 'performer' && pt
      ? pathwayError('not_the_performer', { performer: pt.performer })
      : pathwayError('forbidden_role', { action: command.type });
  }
  const usable = held.filter((r) => actsInZone(actor, r, p.zoneId));
  if (usable.length === 0) return pathwayError('not_in_zone', { zone: p.zoneId });

  if (pt && guard.from && !guard.from.includes(pt.state)) {
    return pathwayError('wrong_state', { action: command.type, state: pt.state });
  }
  if (guard.by === 'performer') {
    if (pt?.claimedBy && pt.claimedBy !== actor.id) {
      return pathwayError('already_claimed', { claimedBy: pt.claimedBy });
    }
    return usable[0];
  }
  if (guard.by === 'responsible') {
    const own = usable.find((r) => primary.includes(r));
    if (own && pt?.claimedBy === actor.id) return own;
    const standIn = usable.find((r) => guard.also?.includes(r));
    if (standIn) return standIn;
    return pathwayError('not_responsible', { claimedBy: pt?.claimedBy ?? '' });
  }
  return usable[0];
}

type PointChange = Partial<Omit<PathwayPoint, 'point'>>;
type Change =
  | { point: PointNumber; fields: PointChange; details?: PathwayHistoryEntry['details'] }
  | {
      point: null;
      fields: Pick<Pathway, 'state' | 'closedReason'>;
      details: PathwayHistoryEntry['details'];
    };

/** The pure effect of an authorised command; `null` means it would change nothing. */
function effect(
  p: Pathway,
  command: PathwayCommand,
  actor: StaffMember,
  now: Date,
): Change | PathwayError | null {
  const at = now.toISOString();
  const today = todayIn(p.policy.workingTime, now);
  if (command.type === 'close') {
    if (command.reason === 'other' && command.note === undefined) {
      return pathwayError('note_required', { reason: command.reason });
    }
    return {
      point: null,
      fields: { state: 'closed', closedReason: command.reason },
      details: { reason: command.reason, note: command.note ?? null },
    };
  }
  const pt = pointOf(p, command.point);
  const on = (fields: PointChange, details?: PathwayHistoryEntry['details']): Change => ({
    point: command.point,
    fields,
    details,
  });
  switch (command.type) {
    case 'claimPoint':
      return pt.claimedBy === actor.id ? null : on({ state: 'claimed', claimedBy: actor.id });
    case 'releasePoint':
      return on({ state: 'pending', claimedBy: null }, { previous: pt.claimedBy });
    case 'recordInvitation':
      return on({ state: 'invited', invitationSentAt: at });
    case 'recordHeld': {
      if (command.date < p.diagnosisDate || command.date > today) {
        return pathwayError('held_date_out_of_range', { from: p.diagnosisDate, to: today });
      }
      const same =
        pt.state === 'held' &&
        pt.heldOn === command.date &&
        pt.nextOfKinPresent === command.nextOfKinPresent;
      return same
        ? null
        : on(
            { state: 'held', heldOn: command.date, nextOfKinPresent: command.nextOfKinPresent },
            { date: command.date, nextOfKinPresent: command.nextOfKinPresent },
          );
    }
    case 'recordDeclined': {
      const askAgainOn = command.askAgainOn ?? null;
      if (askAgainOn !== null) {
        const lastDay = localDay(p.policy.workingTime, pt.closesAt);
        if (askAgainOn <= today || askAgainOn > lastDay) {
          return pathwayError('ask_again_out_of_range', { after: today, to: lastDay });
        }
      }
      if (pt.state === 'declined' && pt.askAgainOn === askAgainOn) return null;
      return on({ state: 'declined', declinedAt: at, askAgainOn }, { askAgainOn });
    }
    case 'setTopic':
      return pt.topics[command.topic] === command.status
        ? null
        : on(
            { topics: { ...pt.topics, [command.topic]: command.status } },
            { topic: command.topic, status: command.status },
          );
    case 'setChecklist': {
      const patch = {
        ...(command.distressThermometerOffered !== undefined && {
          distressThermometerOffered: command.distressThermometerOffered,
        }),
        ...(command.documentedInRecord !== undefined && {
          documentedInRecord: command.documentedInRecord,
        }),
        ...(command.copySentToGp !== undefined && { copySentToGp: command.copySentToGp }),
      };
      const same = (Object.keys(patch) as (keyof typeof patch)[]).every((k) => pt[k] === patch[k]);
      return same ? null : on(patch, { ...patch });
    }
    case 'recordGpAsked':
      return pt.state === 'gpAsked' ? null : on({ state: 'gpAsked', gpAsked: true });
    case 'recordGpConfirmed':
      return pt.state === 'gpConfirmed' ? null : on({ state: 'gpConfirmed', gpConfirmed: true });
  }
}

export const pathwayCommandDigest = (command: PathwayCommand): string => commandDigest(command);

/**
 * Applies one command to a pathway: guard, effect, history entry, recomputed schedule. Pure:
 * the caller supplies the time; the store persists the result conditionally on the version, so
 * of two claims from the same version one is saved and the other, applied again to the saved
 * pathway, is refused with who has the point.
 */
export function applyPathwayCommand(
  p: Pathway,
  command: PathwayCommand,
  actor: StaffMember,
  now: Date,
  basedOnVersion?: number,
): PathwayCommandResult {
  const idField = findNationalIdField(command);
  if (idField)
    return { ok: false, error: pathwayError('contains_national_id', { field: idField }) };
  if (basedOnVersion !== undefined && isReplay(p.history, command, actor.id, basedOnVersion)) {
    return { ok: true, pathway: p, changed: false };
  }
  const role = authorise(p, command, actor);
  if (isPathwayError(role)) return { ok: false, error: role };
  const change = effect(p, command, actor, now);
  if (change === null) return { ok: true, pathway: p, changed: false };
  if (isPathwayError(change)) return { ok: false, error: change };

  const at = now.toISOString();
  const entry = (from: PathwayHistoryEntry['from'], to: PathwayHistoryEntry['to']) => ({
    at,
    actorId: actor.id,
    actorRole: role,
    action: command.type,
    point: change.point,
    from,
    to,
    details: change.details ?? {},
    version: p.version + 1,
    commandDigest: pathwayCommandDigest(command),
  });
  let next: Pathway;
  if (change.point === null) {
    next = {
      ...p,
      ...change.fields,
      history: [...p.history, entry(p.state, change.fields.state)],
    };
  } else {
    const before = pointOf(p, change.point);
    const after = { ...before, ...change.fields };
    next = {
      ...p,
      points: p.points.map((pt) => (pt.point === change.point ? after : pt)),
      history: [...p.history, entry(before.state, after.state)],
    };
  }
  return { ok: true, pathway: withPathwaySchedule({ ...next, updatedAt: at }), changed: true };
}

/** Records where a point's card lives in the zone channel, as a history entry of its own. */
export function recordPointCardPosted(
  p: Pathway,
  point: PointNumber,
  card: CardLocation,
  actor: StaffMember,
  now: Date,
): Pathway {
  const at = now.toISOString();
  const pt = pointOf(p, point);
  const entry: PathwayHistoryEntry = {
    at,
    actorId: actor.id,
    actorRole: actor.roles[0],
    action: 'postCard',
    point,
    from: pt.state,
    to: pt.state,
    details: {},
    version: p.version + 1,
  };
  return {
    ...p,
    points: p.points.map((x) => (x.point === point ? { ...x, card } : x)),
    updatedAt: at,
    history: [...p.history, entry],
  };
}

/** The open pathway's points whose card is due at `now` and not yet posted. */
export const pointsDueForNotice = (p: Pathway, now: Date): PointNumber[] =>
  p.state === 'open'
    ? p.points
        .filter(
          (pt) => pointIsOpen(pt) && pt.card === null && Date.parse(pt.noticeAt) <= now.getTime(),
        )
        .map((pt) => pt.point)
    : [];

/* ----------------------------------------------------------------------------------------------
 * Tracking: the points as the deadline engine sees them
 * -------------------------------------------------------------------------------------------- */

export const PATHWAY_KIND = 'pathway';

/**
 * Whether a point still waits for its conversation: not held, not confirmed by the GP, and not
 * declined (unless a date to ask again was agreed, when the window still runs).
 */
export const pointIsOpen = (pt: PathwayPoint): boolean =>
  pt.state === 'pending' ||
  pt.state === 'claimed' ||
  pt.state === 'invited' ||
  pt.state === 'gpAsked' ||
  (pt.state === 'declined' && pt.askAgainOn !== null);

/** The tracked item's id: unique across kinds, as the pathway id is a UUID. */
export const pathwayPointId = (pathwayId: string, point: PointNumber): string =>
  `${pathwayId}:${point}`;

/**
 * What people read for one point: the pathway's code and the point, `K7QXR-2`. The hyphen keeps
 * it from ever reading as a case code (`sak K7QXR`).
 */
export const pathwayPointCode = (code: string, point: PointNumber): string => `${code}-${point}`;

/** Accepts what a user types for a point: `k7qxr-2`, `#K7QXR 3`, `K7QXR3`. */
export function parsePathwayPointCode(
  input: string,
): { code: string; point: PointNumber } | undefined {
  const match = /^#?\s*([A-Za-z0-9]{5})[\s-]*([23])$/.exec(input.trim());
  if (!match) return undefined;
  const code = normaliseCaseCode(match[1]);
  return code === undefined ? undefined : { code, point: Number(match[2]) as PointNumber };
}

/** The locale key naming a point's step, e.g. `pathways.points.2`. */
export const pathwayStepKey = (point: PointNumber): string => `pathways.points.${point}`;

/**
 * The engine's deadline type names the routine's deadline keys. A point's key is its own
 * (`pathwayPoint2`); only the exactly-once key (escalation.ts) reads it, next to the point's id,
 * which no case shares, so it cannot meet an HSYRE key. The cast goes once CurrentDeadline's key
 * is widened to a string for every kind.
 */
const pointDeadlineKey = (point: PointNumber): DeadlineKey =>
  `pathwayPoint${point}` as string as DeadlineKey;

/** The point's running deadline: the end of its window while it is open, else none. */
export function pointDeadline(p: Pathway, point: PointNumber): CurrentDeadline | null {
  const pt = pointOf(p, point);
  if (p.state !== 'open' || !pointIsOpen(pt)) return null;
  return { key: pointDeadlineKey(point), dueAt: pt.closesAt };
}

/** Recomputes each point's first wake-up (the first escalation level) and the pathway's. */
export function withPathwaySchedule(p: Pathway): Pathway {
  const points = p.points.map((pt) => {
    const deadline = pointDeadline(p, pt.point);
    return {
      ...pt,
      nextDueAt: deadline ? levelAt(deadline, p.policy.escalation[0], p.policy) : null,
    };
  });
  return { ...p, points, nextDueAt: earliest(points.map((pt) => pt.nextDueAt)) };
}

const earliest = (times: (string | null)[]): string | null =>
  times.filter((t): t is string => t !== null).sort()[0] ?? null;

/** Stores the engine's next wake-up for one point (after a pass); no history entry. */
export function reschedulePathwayPoint(
  p: Pathway,
  point: PointNumber,
  nextDueAt: string | null,
): Pathway {
  const points = p.points.map((pt) => (pt.point === point ? { ...pt, nextDueAt } : pt));
  return { ...p, points, nextDueAt: earliest(points.map((pt) => pt.nextDueAt)) };
}

/** One point as the deadline engine sees it. */
export function trackPathwayPoint(p: Pathway, point: PointNumber): TrackedItem {
  const pt = pointOf(p, point);
  const deadline = pointDeadline(p, point);
  return {
    kind: PATHWAY_KIND,
    id: pathwayPointId(p.id, point),
    code: pathwayPointCode(p.code, point),
    zoneId: p.zoneId,
    open: deadline !== null,
    deadline,
    stepKey: deadline ? pathwayStepKey(point) : null,
    ownerId: pt.claimedBy,
    policy: { escalation: p.policy.escalation, workingTime: p.policy.workingTime },
    nextDueAt: deadline ? pt.nextDueAt : null,
    thread: pt.card ? { conversationId: pt.card.conversationId } : null,
    version: p.version,
  };
}

/** The pathway's open points as tracked items (none once it is closed or both are done). */
export const trackPathwayPoints = (p: Pathway): TrackedItem[] =>
  p.points
    .filter((pt) => pointDeadline(p, pt.point) !== null)
    .map((pt) => trackPathwayPoint(p, pt.point));
