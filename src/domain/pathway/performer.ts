import type { Role } from '../roster';
import type {
  PathwayPolicy,
  PerformerCondition,
  PerformerKind,
  PerformerRule,
  PointNumber,
} from './config';

/** What the local procedure knows about the patient when it chooses who holds a conversation. */
export interface PerformerFacts {
  hasServices: boolean;
  gpAgreement: boolean;
}

const holds = (when: PerformerCondition | undefined, facts: PerformerFacts): boolean =>
  when === undefined ||
  (Object.keys(when) as (keyof PerformerCondition)[]).every(
    (key) => when[key] === undefined || when[key] === facts[key],
  );

/** The first rule of the point whose conditions all hold (the schema guarantees a fallback). */
export function choosePerformerRule(
  config: Pick<PathwayPolicy, 'performers'>,
  point: PointNumber,
  facts: PerformerFacts,
): { rule: PerformerRule; index: number } {
  const index = config.performers.findIndex((r) => r.point === point && holds(r.when, facts));
  if (index < 0) throw new Error(`no performer rule applies to point ${point}`);
  return { rule: config.performers[index], index };
}

/** Who holds the point's conversation for this patient, by the local procedure. */
export const choosePerformer = (
  config: Pick<PathwayPolicy, 'performers'>,
  point: PointNumber,
  facts: PerformerFacts,
): PerformerKind => choosePerformerRule(config, point, facts).rule.performer;

/**
 * The roster role that holds a performer's conversations in the bot, or null for the GP: the GP
 * is not in the roster, and FVE or the cancer coordinator records that the GP was asked and
 * confirmed.
 */
export function performerRole(performer: PerformerKind): Role | null {
  switch (performer) {
    case 'zoneResourceNurse':
      return 'nurse';
    case 'cancerCoordinator':
      return 'cancerCoordinator';
    case 'fve':
      return 'fve';
    case 'gp':
      return null;
  }
}
