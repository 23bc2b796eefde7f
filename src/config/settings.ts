import cron from 'node-cron';
import { z } from 'zod/v4';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const blankAsUndefined = (v: unknown) => (v === '' ? undefined : v);
const optionalText = z.preprocess(blankAsUndefined, z.string().min(1).optional());
/** A comma-separated list; blank entries are dropped, so an empty value is an empty list. */
const commaList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `id` or `id:Name` entries of BOOTSTRAP_ADMINS; the id is an Entra object id. */
const bootstrapAdmins = commaList.pipe(
  z.array(
    z
      .string()
      .transform((entry) => {
        const at = entry.indexOf(':');
        const id = (at < 0 ? entry : entry.slice(0, at)).trim().toLowerCase();
        const name = at < 0 ? '' : entry.slice(at + 1).trim();
        return name ? { id, name } : { id };
      })
      .refine(
        (admin) => GUID.test(admin.id),
        'each entry must be an Entra object id (a GUID), optionally id:Name',
      ),
  ),
);
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** A key set's address: keys are only as good as their transport, so plain http only locally. */
const jwksUrl = z.preprocess(
  blankAsUndefined,
  z
    .url()
    .refine((u) => {
      const url = new URL(u);
      return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
    }, 'must be https (http only for localhost)')
    .optional(),
);
const guidSetting = (what: string) =>
  z.preprocess(blankAsUndefined, z.string().regex(GUID, `must be ${what} (a GUID)`).optional());
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, e.g. 07:45');

/** Azure OpenAI is on with all three of these, off with none; any other mix is refused. */
const AZURE_OPENAI_REQUIRED = [
  'AZURE_OPENAI_ENDPOINT',
  'AZURE_OPENAI_API_KEY',
  'AZURE_OPENAI_DEPLOYMENT',
] as const;

/** Every setting the process reads from the environment; .env.example documents each one. */
export const settingsSchema = z
  .object({
    // 0 lets the OS choose a free port (tests, benchmarks).
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Unset: 0.0.0.0 with an app id, 127.0.0.1 without one (see listenHost). */
    HOST: optionalText,
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
    /** Pakkeforløp hjem as data: the points' windows, who holds them, their escalation. */
    PATHWAYS_FILE: z.string().min(1).default('./config/pathways.json'),
    DEMO_DATA: bool.default(false),
    /** Made admins at start while the roster has no admin; changes nothing once one exists. */
    BOOTSTRAP_ADMINS: bootstrapAdmins,
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
    /** Entra tenant of the record system's app registration; with the audience, turns tokens on. */
    RECORD_SYSTEM_TENANT_ID: z.preprocess(
      blankAsUndefined,
      z.string().regex(GUID, 'must be the tenant id (a GUID)').optional(),
    ),
    /** Accepted token audiences: the bot API's app id and/or its api:// URI. */
    RECORD_SYSTEM_AUDIENCE: commaList,
    // Tokens are only as good as the keys: plain http only to this machine (tests).
    RECORD_SYSTEM_JWKS_URL: z.preprocess(
      blankAsUndefined,
      z
        .url()
        .refine((u) => {
          const url = new URL(u);
          return (
            url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))
          );
        }, 'must be https (http only for localhost)')
        .optional(),
    ),
    RECORD_SYSTEM_ROLE: z.preprocess(
      blankAsUndefined,
      z.string().min(1).default('Referrals.Write'),
    ),
    RECORD_SYSTEM_CLIENT_IDS: commaList,
    /**
     * The compliance tab's SSO (Teams `getAuthToken`): the tenant, and the token audiences (the
     * app id and/or api://<host>/<app id>). Its API answers 503 until both are set.
     */
    TAB_SSO_TENANT_ID: guidSetting('the tenant id'),
    TAB_SSO_AUDIENCE: commaList,
    TAB_SSO_JWKS_URL: jwksUrl,
    /** The Teams app's id (the manifest's), for links to the tab; unset: as npm run package derives it. */
    TEAMS_APP_ID: guidSetting('the Teams app id'),
    /** The share of cases within the deadline the municipality aims at, drawn on the tab's chart. */
    REPORT_TARGET_PERCENT: z.coerce.number().min(1).max(100).default(90),
    /** How old the tab's figures may get before the cases are read again (0: on every request). */
    REPORT_REFRESH_SECONDS: z.coerce.number().int().min(0).max(86_400).default(900),
    /** Each zone leader gets last month's figures on the first working day of a month. */
    MONTHLY_REPORT: bool.default(true),
    MONTHLY_REPORT_TIME: hhmm.default('08:00'),
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
    /**
     * How long the access log is kept. Ten years by default, as long as the record entries it
     * documents; the municipality's own retention decision goes here.
     */
    ACCESS_LOG_RETENTION_DAYS: z.coerce.number().int().min(30).max(36_500).default(3650),
    HEARTBEAT_CRON: z
      .string()
      .refine((expr) => cron.validate(expr), 'not a valid cron expression')
      .default('* * * * *'),
    /** Azure OpenAI before the offline answerer: on only with the endpoint, key and deployment. */
    AZURE_OPENAI_ENDPOINT: z.preprocess(
      blankAsUndefined,
      z
        .url()
        .refine((u) => new URL(u).protocol === 'https:', 'must be https')
        .optional(),
    ),
    AZURE_OPENAI_API_KEY: optionalText,
    AZURE_OPENAI_DEPLOYMENT: optionalText,
    AZURE_OPENAI_API_VERSION: z.preprocess(
      blankAsUndefined,
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, 'must be an API version, e.g. 2024-10-21')
        .default('2024-10-21'),
    ),
    /** How long a question waits for the model before the offline answer is given instead. */
    AZURE_OPENAI_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(8000),
  })
  .superRefine((s, ctx) => {
    // Part of the set is a half-done setup that would silently leave the model off.
    const azureSet = AZURE_OPENAI_REQUIRED.filter((name) => s[name]);
    const azureIsSet = `${azureSet.join(' and ')} ${azureSet.length > 1 ? 'are' : 'is'} set`;
    if (azureSet.length > 0) {
      for (const name of AZURE_OPENAI_REQUIRED.filter((n) => !s[n])) {
        ctx.addIssue({ code: 'custom', path: [name], message: `required when ${azureIsSet}` });
      }
    }
    // One without the other is a half-done setup that would silently leave tokens off.
    if (s.RECORD_SYSTEM_TENANT_ID && s.RECORD_SYSTEM_AUDIENCE.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['RECORD_SYSTEM_AUDIENCE'],
        message: 'required when RECORD_SYSTEM_TENANT_ID is set',
      });
    }
    if (!s.RECORD_SYSTEM_TENANT_ID && s.RECORD_SYSTEM_AUDIENCE.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['RECORD_SYSTEM_TENANT_ID'],
        message: 'required when RECORD_SYSTEM_AUDIENCE is set',
      });
    }
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

/**
 * The interface to listen on. Without an app id the bot accepts every request unauthenticated,
 * so unless HOST says otherwise it is reachable from this machine only.
 */
export function listenHost(settings: Pick<Settings, 'HOST' | 'MICROSOFT_APP_ID'>): string {
  return settings.HOST ?? (settings.MICROSOFT_APP_ID ? '0.0.0.0' : '127.0.0.1');
}

/** The Azure OpenAI answerer's connection, or undefined when it is off (the default). */
export function azureOpenAiConnection(settings: Settings) {
  const { AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY, AZURE_OPENAI_DEPLOYMENT } = settings;
  if (!AZURE_OPENAI_ENDPOINT || !AZURE_OPENAI_API_KEY || !AZURE_OPENAI_DEPLOYMENT) return undefined;
  return {
    endpoint: AZURE_OPENAI_ENDPOINT,
    apiKey: AZURE_OPENAI_API_KEY,
    deployment: AZURE_OPENAI_DEPLOYMENT,
    apiVersion: settings.AZURE_OPENAI_API_VERSION,
    timeoutMs: settings.AZURE_OPENAI_TIMEOUT_MS,
  };
}

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
