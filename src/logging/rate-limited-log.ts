import type { Logger } from './logger';

type Level = 'info' | 'warn' | 'error';

export interface RateLimitedLogOptions {
  /** One line per window; the rest of the window is counted. */
  windowMs?: number;
  now?: () => number;
}

/**
 * A log line that anyone can trigger from outside (a refused token, a refused body) must not
 * let them flood the log: the first one of each window is written, the others are counted and
 * the count is written as one line when the window closes.
 */
export function rateLimitedLog(
  logger: Logger,
  level: Level,
  msg: string,
  options: RateLimitedLogOptions = {},
): (fields?: Record<string, unknown>) => void {
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  let windowEnd = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  let flushTimer: NodeJS.Timeout | undefined;

  const flush = () => {
    flushTimer = undefined;
    if (suppressed > 0) {
      logger[level]({ suppressed, windowSeconds: windowMs / 1000 }, `${msg} (more, not logged)`);
    }
    suppressed = 0;
    windowEnd = Number.NEGATIVE_INFINITY;
  };

  return (fields = {}) => {
    if (now() < windowEnd) {
      suppressed++;
      // unref: a pending count must not keep a stopping process alive.
      flushTimer ??= setTimeout(flush, Math.max(0, windowEnd - now())).unref();
      return;
    }
    if (flushTimer) {
      clearTimeout(flushTimer);
      flush();
    }
    windowEnd = now() + windowMs;
    logger[level](fields, msg);
  };
}
