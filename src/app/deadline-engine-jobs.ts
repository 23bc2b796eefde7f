import type { PassResult } from './escalation-pass';
import { dailyAt, type ScheduledJob } from './scheduled-job';

/** The deadline engine's own jobs, serving every kind: the escalation pass and the daily summary. */
export function deadlineEngineJobs(options: {
  escalate: (now: Date) => Promise<PassResult>;
  escalationCron: string;
  dailySummary?: { run: (now: Date) => Promise<unknown>; at: string };
}): ScheduledJob[] {
  const { escalate, escalationCron, dailySummary } = options;
  return [
    { name: 'escalation', schedule: escalationCron, run: (now) => escalate(now).then(() => {}) },
    ...(dailySummary
      ? [
          {
            name: 'daily-summary',
            schedule: dailyAt(dailySummary.at),
            run: (now: Date) => dailySummary.run(now).then(() => {}),
          },
        ]
      : []),
  ];
}
