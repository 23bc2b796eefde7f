import type { MonthlyReportResult } from './reports';
import type { ScheduledJob } from './scheduled-job';

/**
 * The compliance area's job: the leaders' monthly card. It runs every hour from `at` to the end
 * of working time, every day; the run itself decides that only the first working day of a month
 * sends, and the send markers that each leader gets the card once. The later runs are what
 * deliver after a restart at the hour, or to a leader who could not be reached at first.
 */
export function reportJobs(options: {
  monthly?: {
    run: (now: Date) => Promise<MonthlyReportResult>;
    /** HH:MM, Oslo time: the first attempt. */
    at: string;
    /** HH:MM: the end of working time; no attempt after its hour. */
    until: string;
  };
}): ScheduledJob[] {
  const { monthly } = options;
  if (!monthly) return [];
  const [hour, minute] = monthly.at.split(':').map(Number);
  const lastHour = Math.max(hour, Number(monthly.until.split(':')[0]));
  return [
    {
      name: 'monthly-report',
      schedule: `${minute} ${hour === lastHour ? hour : `${hour}-${lastHour}`} * * *`,
      run: (now) => monthly.run(now).then(() => {}),
    },
  ];
}
