/**
 * Work an area wants done on a schedule. The scheduler adapter runs it with real cron timing
 * and hands it "now" from the injected clock; the area only says what and when.
 */
export interface ScheduledJob {
  name: string;
  /** A cron expression (5 fields, or 6 with seconds), read in the routine's time zone. */
  schedule: string;
  run(now: Date): Promise<void>;
}

/** "HH:MM" as the daily cron expression at that wall-clock time. */
export function dailyAt(hhmm: string): string {
  const [hour, minute] = hhmm.split(':').map(Number);
  return `${minute} ${hour} * * *`;
}
