import fs from 'node:fs';
import { type Routine, routineSchema } from '../domain/routine';
import { missingKeys } from '../i18n/locale-check';
import { ConfigError, describeIssues } from './settings';

/** Where the routine names a locale key, by the field's path (as describeIssues prints it). */
export function routineMessageKeys(routine: Routine): { path: string; key: string }[] {
  const { escalation, claimReminder } = routine.policy;
  return [
    ...escalation.map((level, i) => ({
      path: `policy.escalation.${i}.messageKey`,
      key: level.messageKey,
    })),
    { path: 'policy.claimReminder.messageKey', key: claimReminder.messageKey },
  ];
}

/**
 * The routine's message keys that some locale lacks, one line per field. The schema cannot see
 * the locale files, and an unknown key would only show once an escalation fires: the reader
 * would get the bare key instead of the reminder, weeks after the edit.
 */
function describeMissingMessageKeys(routine: Routine): string[] {
  const fields = routineMessageKeys(routine);
  return missingKeys(fields.map((f) => f.key)).flatMap(({ key, locales }) =>
    fields
      .filter((f) => f.key === key)
      .map((f) => `  ${f.path}: "${key}" is not in the locale files (${locales.join(', ')})`),
  );
}

/**
 * Reads and validates the routine; a bad file stops start-up with the path of the bad field,
 * and so does a message key the locale files do not have.
 */
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
  const missing = describeMissingMessageKeys(parsed.data);
  if (missing.length > 0) {
    throw new ConfigError(`Invalid routine file ${file}:\n${missing.join('\n')}`);
  }
  return parsed.data;
}
