/** The only source of "now" for the core; tests and benchmarks inject their own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
