import type { AccessLog } from './access-log';
import type { CaseWorkflow } from './case-workflow';
import type { ScheduledJob } from './scheduled-job';

/**
 * The HSYRE cases area's jobs: the card-post outbox (with the escalation pass's cadence, so a
 * card that could not be posted is posted within a minute or two) and the access log's
 * retention purge (nightly, outside working hours).
 */
export function caseJobs(options: {
  workflow: CaseWorkflow;
  accessLog: AccessLog;
  cron: string;
  batch: number;
  retentionDays: number;
}): ScheduledJob[] {
  const { workflow, accessLog, cron, batch, retentionDays } = options;
  return [
    {
      name: 'card-outbox',
      schedule: cron,
      run: () => workflow.postMissingCards(batch).then(() => {}),
    },
    {
      name: 'access-log-purge',
      schedule: '30 3 * * *',
      run: () => accessLog.purge(retentionDays).then(() => {}),
    },
  ];
}
