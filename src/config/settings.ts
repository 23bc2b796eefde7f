import cron from 'node-cron';
import { z } from 'zod/v4';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const blankAsUndefined = (v: unknown) => (v === '' ? undefined : v);
const optionalText = z.preprocess(blankAsUndefined, z.string().min(1).optional());

/** Every setting the process reads from the environment; .env.example documents each one. */
export const settingsSchema = z
  .object({
    // 0 lets the OS choose a free port (tests, benchmarks).
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().min(1).default('0.0.0.0'),
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TENANT_ID: optionalText,
    MICROSOFT_APP_TYPE: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
      .default('SingleTenant'),
    STORE: z.enum(['sqlite', 'cosmos']).default('sqlite'),
    SQLITE_FILE: z.string().min(1).default('./data/hsyre.db'),
    COSMOS_ENDPOINT: z.preprocess(blankAsUndefined, z.url().optional()),
    COSMOS_KEY: optionalText,
    COSMOS_DATABASE: z.string().min(1).default('hsyre'),
    ROUTINE_FILE: z.string().min(1).default('./config/routine.json'),
    DEMO_DATA: bool.default(false),
    /** Comma-separated API keys accepted by POST /api/referrals; none set means none accepted. */
    REFERRAL_API_KEYS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      )
      .refine(
        (keys) => keys.every((k) => k.length >= 32),
        'each key must be at least 32 characters',
      ),
    DEFAULT_LOCALE: z.enum(['nb', 'en']).default('nb'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    ESCALATION_CRON: z
      .string()
      .refine((expr) => cron.validate(expr), 'not a valid cron expression')
      .default('* * * * *'),
    ESCALATION_BATCH: z.coerce.number().int().min(1).max(100_000).default(1000),
    /** Teams requests a second the escalation pass makes at most (Teams allows about 50). */
    ESCALATION_SEND_RATE: z.coerce.number().min(1).max(50).default(25),
    DAILY_SUMMARY: bool.default(true),
    /** Oslo wall-clock time of the leaders' daily summary (working days only). */
    DAILY_SUMMARY_TIME: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, e.g. 07:45')
      .default('07:45'),
    HEARTBEAT_CRON: z
      .string()
      .refine((expr) => cron.validate(expr), 'not a valid cron expression')
      .default('* * * * *'),
  })
  .superRefine((s, ctx) => {
    if (s.STORE === 'cosmos' && !s.COSMOS_ENDPOINT) {
      ctx.addIssue({
        code: 'custom',
        path: ['COSMOS_ENDPOINT'],
        message: 'required when STORE=cosmos',
      });
    }
    if (
      s.MICROSOFT_APP_ID &&
      s.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' &&
      !s.MICROSOFT_APP_PASSWORD
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['MICROSOFT_APP_PASSWORD'],
        message:
          'required when MICROSOFT_APP_ID is set (unless MICROSOFT_APP_TYPE=UserAssignedMSI)',
      });
    }
    if (
      s.MICROSOFT_APP_TYPE !== 'MultiTenant' &&
      s.MICROSOFT_APP_ID &&
      !s.MICROSOFT_APP_TENANT_ID
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['MICROSOFT_APP_TENANT_ID'],
        message: `required when MICROSOFT_APP_TYPE=${s.MICROSOFT_APP_TYPE}`,
      });
    }
  });
export type Settings = z.infer<typeof settingsSchema>;

export class ConfigError extends Error {}

/** Formats zod issues so each line names the setting or the field that is wrong. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((issue) => `  ${prefix}${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('\n');
}

export function loadSettings(env: NodeJS.ProcessEnv): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid settings:\n${describeIssues(parsed.error)}`);
  }
  return parsed.data;
}
