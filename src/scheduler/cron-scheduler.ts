import cron, { type ScheduledTask } from 'node-cron';
import type { ScheduledJob } from '../app/scheduled-job';
import type { Clock } from '../domain/clock';
import type { Logger } from '../logging/logger';

/** The areas' jobs, as this adapter runs them. */
export type Job = ScheduledJob;

export interface Scheduler {
  /** Stops firing and waits for runs in progress, so a pass is never cut in half. */
  stop(): Promise<void>;
}

/**
 * Real cron timing (node-cron) around jobs that take "now" from the injected clock. A run
 * that is still going when the next tick comes is skipped, not stacked.
 */
export function startScheduler(
  jobs: readonly Job[],
  timeZone: string,
  clock: Clock,
  logger: Logger,
): Scheduler {
  const running = new Set<Promise<void>>();
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      () => {
        const run = job
          .run(clock.now())
          .catch((err: Error) => logger.error({ err, job: job.name }, 'scheduled job failed'))
          .finally(() => running.delete(run));
        running.add(run);
        return run;
      },
      { name: job.name, timezone: timeZone, noOverlap: true },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.destroy()));
      await Promise.all([...running]);
    },
  };
}
