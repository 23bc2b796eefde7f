import fs from 'node:fs';
import { type CompetenceConfig, competenceConfigSchema } from '../domain/competence/requirements';
import { ConfigError, describeIssues } from './settings';

/**
 * Reads and validates the competence plan (config/competence.json); a bad file stops start-up
 * with the path of each bad field, as the routine file does.
 */
export function loadCompetence(file: string): CompetenceConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`Cannot read competence file ${file}: ${(err as Error).message}`);
  }
  return parseCompetence(raw, file);
}

/** Validates an already parsed competence file; `source` names it in the error. */
export function parseCompetence(raw: unknown, source: string): CompetenceConfig {
  const parsed = competenceConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`Invalid competence file ${source}:\n${describeIssues(parsed.error)}`);
  }
  return parsed.data;
}
