import { createCompetenceActivities } from './competence-activities';
import { createCompetenceEvents, type NetworkAnnouncer } from './competence-events';
import { createCompetenceExport } from './competence-export';
import { type CompetenceDeps, createCompetencePlans } from './competence-plan';

/** The competence plan's use cases, composed once for the composition root. */
export function createCompetenceArea(
  deps: CompetenceDeps & {
    announcer: NetworkAnnouncer;
    logger?: { warn(o: object, m: string): void };
  },
) {
  const plans = createCompetencePlans(deps);
  return {
    plans,
    activities: createCompetenceActivities(deps, plans),
    events: createCompetenceEvents(deps),
    exports: createCompetenceExport(deps, plans),
  };
}

export type CompetenceArea = ReturnType<typeof createCompetenceArea>;
