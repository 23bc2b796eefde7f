import { createLogger } from '../../src/logging/logger';
import { startScheduler } from '../../src/scheduler/cron-scheduler';
import { fixedClock } from '../support/test-app';

const silent = createLogger('silent');

describe('startScheduler (real node-cron timing, injected clock)', () => {
  it('fires a job on its cron schedule with the injected time, and waits for a run in progress on stop', async () => {
    const clock = fixedClock('2027-05-17T06:00:00.000Z');
    const seen: string[] = [];
    let finished = false;
    let release: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      release = resolve;
    });

    const scheduler = startScheduler(
      [
        {
          name: 'probe',
          schedule: '* * * * * *', // every second
          async run(now) {
            seen.push(now.toISOString());
            release();
            await new Promise((r) => setTimeout(r, 300));
            finished = true;
          },
        },
      ],
      'Europe/Oslo',
      clock,
      silent,
    );
    await started;
    await scheduler.stop();
    expect(finished).toBe(true);
    expect(seen[0]).toBe('2027-05-17T06:00:00.000Z');
    const count = seen.length;
    await new Promise((r) => setTimeout(r, 1200));
    expect(seen).toHaveLength(count);
  });

  it('keeps running after a job fails', async () => {
    const lines: string[] = [];
    const logger = createLogger('error', { write: (l: string) => lines.push(l) });
    let runs = 0;
    let second: () => void = () => undefined;
    const twice = new Promise<void>((resolve) => {
      second = resolve;
    });
    const scheduler = startScheduler(
      [
        {
          name: 'flaky',
          schedule: '* * * * * *',
          async run() {
            runs += 1;
            if (runs === 2) second();
            throw new Error('boom');
          },
        },
      ],
      'Europe/Oslo',
      fixedClock('2026-01-01T00:00:00.000Z'),
      logger,
    );
    await twice;
    await scheduler.stop();
    expect(lines.some((l) => l.includes('scheduled job failed') && l.includes('flaky'))).toBe(true);
  });
});
