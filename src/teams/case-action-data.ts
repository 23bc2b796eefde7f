import { z } from 'zod/v4';
import { type CaseCommand, type CaseCommandType, caseCommandSchema } from '../domain/case-commands';
import { CASE_VERB_PREFIX, COMMAND_FIELDS, REFRESH_VERB } from './case-card';

const baseSchema = z.looseObject({ caseId: z.string().min(1).max(100), v: z.int().min(1) });
const refreshSchema = z.looseObject({ caseId: z.string().min(1).max(100) });

export type CaseAction =
  | { kind: 'refresh'; caseId: string }
  | { kind: 'command'; caseId: string; version: number; command: CaseCommand }
  /** The button's own data is wrong: tampered with, or from a card of another version of the bot. */
  | { kind: 'invalid' }
  /** The user's inputs are missing or wrong (e.g. no nurse chosen): the fields to name. */
  | { kind: 'invalid-input'; fields: string[] };

const isCommandType = (type: string): type is CaseCommandType =>
  Object.hasOwn(COMMAND_FIELDS, type);

/**
 * Turns an Action.Execute verb and its data (with any inputs Teams merged in) into a command.
 * Only the fields the command takes are read; empty inputs count as not given.
 */
export function parseCaseAction(verb: string, data: unknown): CaseAction {
  if (verb === REFRESH_VERB) {
    const parsed = refreshSchema.safeParse(data);
    return parsed.success ? { kind: 'refresh', caseId: parsed.data.caseId } : { kind: 'invalid' };
  }
  const type = verb.slice(CASE_VERB_PREFIX.length);
  const base = baseSchema.safeParse(data);
  if (!verb.startsWith(CASE_VERB_PREFIX) || !isCommandType(type) || !base.success) {
    return { kind: 'invalid' };
  }
  const given = COMMAND_FIELDS[type].filter(
    (k) => base.data[k] !== undefined && base.data[k] !== '',
  );
  const command = caseCommandSchema.safeParse({
    type,
    ...Object.fromEntries(given.map((k) => [k, base.data[k]])),
  });
  if (!command.success) {
    return {
      kind: 'invalid-input',
      fields: command.error.issues.map((i) => i.path.join('.') || type),
    };
  }
  return { kind: 'command', caseId: base.data.caseId, version: base.data.v, command: command.data };
}
