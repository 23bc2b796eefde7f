import pino, { type DestinationStream, type Logger } from 'pino';
import { maskNationalIds } from '../domain/privacy';

export type { Logger };

function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskNationalIds(value);
  if (value instanceof Error) {
    // A copy, so the caller's error is untouched; pino's err serializer still sees an Error.
    const masked = new Error(maskNationalIds(value.message));
    masked.name = value.name;
    masked.stack = maskNationalIds(value.stack ?? '');
    return masked;
  }
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  }
  return value;
}

/**
 * Structured JSON logs. Nothing patient-identifying is logged on purpose; as a second line of
 * defence every argument is scanned and any valid national id is masked before it is written.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'hsyre-boten' },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map(maskDeep) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
