import type { Job } from './cron-scheduler';

/**
 * Proves the scheduler is alive: /healthz reports the last beat, so monitoring notices when
 * scheduled work (the escalation pass runs beside it) has silently stopped.
 */
export function heartbeatJob(schedule: string) {
  let lastBeatAt: Date | undefined;
  const job: Job = {
    name: 'heartbeat',
    schedule,
    async run(now) {
      lastBeatAt = now;
    },
  };
  return { job, lastBeat: () => lastBeatAt };
}
