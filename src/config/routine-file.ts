import fs from 'node:fs';
import { type Routine, routineSchema } from '../domain/routine';
import { ConfigError, describeIssues } from './settings';

/** Reads and validates the routine; a bad file stops start-up with the path of the bad field. */
export function loadRoutine(file: string): Routine {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`Cannot read routine file ${file}: ${(err as Error).message}`);
  }
  const parsed = routineSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`Invalid routine file ${file}:\n${describeIssues(parsed.error)}`);
  }
  return parsed.data;
}
