import { z } from 'zod/v4';
import type { PathwayButton } from '../app/pathway-actions';
import { pointNumberSchema } from '../domain/pathway/config';
import { type PathwayCommandType, pathwayCommandSchema } from '../domain/pathway/pathway';
import { PATHWAY_REFRESH_VERB, PATHWAY_VERB_PREFIX } from './pathway-card';

/** A point from a button's data: a number, or the digit Teams may hand back as text. */
const pointSchema = z.preprocess(
  (v) => (typeof v === 'string' && /^[23]$/.test(v) ? Number(v) : v),
  pointNumberSchema,
);
const baseSchema = z.looseObject({
  pathwayId: z.string().min(1).max(100),
  v: z.int().min(1),
  point: pointSchema.optional(),
});
const refreshSchema = z.looseObject({
  pathwayId: z.string().min(1).max(100),
  point: pointSchema.optional(),
});

/** A toggle input's 'true'/'false', or a button's own boolean. */
const bool = (v: unknown) => (v === 'true' ? true : v === 'false' ? false : v);

/**
 * Which command field each button data key or card input fills in, with its conversion. Only
 * these are read; anything else in the data is ignored, never trusted. Empty inputs count as
 * not given.
 */
const COMMAND_FIELDS: Readonly<
  Record<
    PathwayCommandType,
    Readonly<Record<string, { field: string; as?: (v: unknown) => unknown }>>
  >
> = {
  claimPoint: {},
  releasePoint: {},
  recordInvitation: {},
  recordHeld: {
    heldOn: { field: 'date' },
    nextOfKinPresent: { field: 'nextOfKinPresent', as: bool },
  },
  recordDeclined: { askAgainOn: { field: 'askAgainOn' } },
  setTopic: {
    topic: { field: 'topic' },
    topicStatus: { field: 'status', as: (v) => (v === 'none' ? null : v) },
  },
  setChecklist: {
    distressThermometerOffered: { field: 'distressThermometerOffered', as: bool },
    documentedInRecord: { field: 'documentedInRecord', as: bool },
    copySentToGp: { field: 'copySentToGp', as: bool },
  },
  recordGpAsked: {},
  recordGpConfirmed: {},
  close: { reason: { field: 'reason' }, note: { field: 'note' } },
};

const isCommandType = (type: string): type is PathwayCommandType =>
  Object.hasOwn(COMMAND_FIELDS, type);

export type PathwayAction =
  | PathwayButton
  /** The button's own data is wrong: tampered with, or from another version of the bot. */
  | { kind: 'invalid' }
  /** The user's inputs are missing or wrong (no date chosen): the fields to name. */
  | { kind: 'invalid-input'; fields: string[] };

/** Turns an Action.Execute verb and its data (with the inputs Teams merged in) into a button. */
export function parsePathwayAction(verb: string, data: unknown): PathwayAction {
  if (verb === PATHWAY_REFRESH_VERB) {
    const parsed = refreshSchema.safeParse(data);
    return parsed.success
      ? { kind: 'refresh', pathwayId: parsed.data.pathwayId, point: parsed.data.point ?? null }
      : { kind: 'invalid' };
  }
  const type = verb.slice(PATHWAY_VERB_PREFIX.length);
  const base = baseSchema.safeParse(data);
  if (!verb.startsWith(PATHWAY_VERB_PREFIX) || !isCommandType(type) || !base.success) {
    return { kind: 'invalid' };
  }
  const fields = Object.entries(COMMAND_FIELDS[type]).flatMap(([key, { field, as }]) => {
    const value = base.data[key];
    return value === undefined || value === '' ? [] : [[field, as ? as(value) : value]];
  });
  const command = pathwayCommandSchema.safeParse({
    type,
    ...(type !== 'close' && { point: base.data.point }),
    ...Object.fromEntries(fields),
  });
  if (!command.success) {
    const byField = new Map(
      Object.entries(COMMAND_FIELDS[type]).map(([key, { field }]) => [field, key]),
    );
    return {
      kind: 'invalid-input',
      fields: [
        ...new Set(
          command.error.issues.map((i) => {
            const field = String(i.path[0] ?? '');
            return byField.get(field) ?? (field || type);
          }),
        ),
      ],
    };
  }
  return {
    kind: 'command',
    pathwayId: base.data.pathwayId,
    version: base.data.v,
    command: command.data,
  };
}
