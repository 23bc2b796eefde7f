import fs from 'node:fs';
import { type PathwayConfig, pathwayConfigSchema } from '../domain/pathway/config';
import type { Locale } from '../domain/roster';
import { type LocaleStrings, missingKeys } from '../i18n/locale-check';
import { ConfigError, describeIssues } from './settings';

/** Where config/pathways.json names a locale key, by the field's path (as describeIssues prints it). */
export function pathwayMessageKeys(config: PathwayConfig): { path: string; key: string }[] {
  return config.policy.escalation.map((level, i) => ({
    path: `policy.escalation.${i}.messageKey`,
    key: level.messageKey,
  }));
}

export interface LoadPathwaysOptions {
  /** The locale strings the keys must be in; the shipped locale files by default. */
  locales?: ReadonlyMap<Locale, LocaleStrings>;
}

/**
 * Reads and validates the Pakkeforløp hjem config; a bad file stops start-up with the path of
 * the bad field, and so does a message key some locale lacks (it would only show once a
 * window closes, months after the edit).
 */
export function loadPathways(file: string, options: LoadPathwaysOptions = {}): PathwayConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`Cannot read pathway file ${file}: ${(err as Error).message}`);
  }
  const parsed = pathwayConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`Invalid pathway file ${file}:\n${describeIssues(parsed.error)}`);
  }
  const fields = pathwayMessageKeys(parsed.data);
  const missing = missingKeys(
    fields.map((f) => f.key),
    options.locales,
  ).flatMap(({ key, locales }) =>
    fields
      .filter((f) => f.key === key)
      .map((f) => `  ${f.path}: "${key}" is not in the locale files (${locales.join(', ')})`),
  );
  if (missing.length > 0) {
    throw new ConfigError(`Invalid pathway file ${file}:\n${missing.join('\n')}`);
  }
  return parsed.data;
}
