import type { PathwayWorkflow } from './pathway-workflow';
import type { ScheduledJob } from './scheduled-job';

/**
 * The Pakkeforløp hjem area's job: post each point's card in the zone channel when its notice
 * time comes (with the escalation pass's cadence), exactly once per point.
 */
export function pathwayJobs(options: {
  workflow: PathwayWorkflow;
  cron: string;
  batch: number;
}): ScheduledJob[] {
  const { workflow, cron, batch } = options;
  return [
    {
      name: 'pathway-cards',
      schedule: cron,
      run: () => workflow.postDueCards(batch).then(() => {}),
    },
  ];
}
