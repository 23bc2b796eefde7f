import pino, { type DestinationStream, type Logger } from 'pino';
import { maskNationalIds } from '../domain/privacy';

export type { Logger };

function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskNationalIds(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === 'object' && !(value instanceof Error)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  }
  if (value instanceof Error) {
    return {
      type: value.name,
      message: maskNationalIds(value.message),
      stack: maskNationalIds(value.stack ?? ''),
    };
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
