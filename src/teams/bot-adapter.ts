import { TeamsAdapter } from '@microsoft/teams-ai';
import {
  type Activity,
  CallerIdConstants,
  ConfigurationServiceClientCredentialFactory,
  type InvokeResponse,
  type Request,
  type Response,
  StatusCodes,
  type TurnContext,
} from 'botbuilder';
// Not exported from the package root; botbuilder's own `process` runs every activity through it.
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  AuthenticationError,
} from 'botframework-connector';
import { z } from 'zod/v4';
import { summarizeConsoleArgs, withConsoleRedirect } from '../logging/console-scope';
import type { Logger } from '../logging/logger';
import { rateLimitedLog } from '../logging/rate-limited-log';

export interface BotCredentials {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /**
   * Where the Bot Connector's signing keys are published; tests point it at a local document.
   * Unset: the public Bot Framework one.
   */
  openIdMetadataUrl?: string;
}

type Logic = (context: TurnContext) => Promise<void>;
// The last overload of `process` is the WebSocket one (Direct Line streaming, not Teams).
type UpgradeArgs = Parameters<TeamsAdapter['process']>;

export interface FieldProblem {
  field: string;
  message: string;
}

// Teams ids and addresses are printable ASCII; anything else cannot go into a reply's URL.
const teamsId = z
  .string()
  .regex(/^[\x21-\x7e]{1,1000}$/, 'must be 1-1000 printable ASCII characters');
const account = z.looseObject({
  id: teamsId,
  aadObjectId: z.string().max(100).optional(),
  name: z.string().max(500).optional(),
});

/** Only a mention carries what botbuilder reads to strip it from the text. */
const entity = z.union([
  z.looseObject({
    type: z.literal('mention'),
    text: z.string(),
    mentioned: z.looseObject({ id: z.string() }),
  }),
  z.looseObject({ type: z.string().refine((t) => t !== 'mention') }),
]);

/**
 * What the bot relies on in every activity Teams sends, including what every turn reads (the
 * locale, the caller's Entra id, the tenant). Loose: Teams adds fields freely, and only these
 * are checked before a turn (or even authentication) may start.
 */
const activityShape = z.looseObject({
  type: z.string().min(1),
  id: z.string().max(1000).optional(),
  channelId: z.string().min(1),
  // Replies, with the bot's token, go to this address.
  serviceUrl: z.url({ protocol: /^https?$/ }),
  from: account,
  recipient: account,
  conversation: z.looseObject({
    id: teamsId,
    tenantId: z.string().max(100).optional(),
    isGroup: z.boolean().optional(),
    conversationType: z.string().max(50).optional(),
  }),
  replyToId: teamsId.optional(),
  locale: z.string().max(50).optional(),
  text: z.string().optional(),
  entities: z.array(entity).optional(),
});

const isPlainObject = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every field of `body` that is not a usable activity; empty when it is one. */
export function activityProblems(body: unknown): FieldProblem[] {
  if (!isPlainObject(body)) return [{ field: '(body)', message: 'must be an activity object' }];
  const parsed = activityShape.safeParse(body);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        field: i.path.map(String).join('.') || '(body)',
        message: i.message,
      }));
  const { type, value } = body as { type?: unknown; value?: unknown };
  // A card's Action.Submit arrives as a message whose value holds the inputs by name.
  if (type === 'message' && value !== undefined && !isPlainObject(value)) {
    problems.push({ field: 'value', message: 'must be an object in a message' });
  }
  return problems;
}

/**
 * botbuilder takes either none of its cloud settings or all of them: the public cloud's values,
 * with the signing keys taken from `url`.
 */
function publicCloudWithKeysFrom(url: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: url,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** A token refused, with a reason that names the kind of failure and never repeats the token. */
class TokenRefused extends AuthenticationError {
  constructor(readonly reason: { errorName: string; code?: string }) {
    super('Unauthorized: token not accepted', StatusCodes.UNAUTHORIZED);
  }
}

function refusalCause(err: unknown): TokenRefused['reason'] {
  const { name, code } = (err ?? {}) as { name?: unknown; code?: unknown };
  return {
    errorName:
      err instanceof Error ? err.constructor.name : typeof name === 'string' ? name : typeof err,
    // A network error's code (ENOTFOUND, ECONNRESET) says the signing keys were unreachable.
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/**
 * The Teams adapter, with the HTTP side of `process` owned here:
 * - an activity missing what the bot relies on is a 400 naming the fields, before
 *   authentication and without a turn;
 * - a token that cannot be verified is a 401, never a 500 (botbuilder makes only an
 *   AuthenticationError a 401; a forged token whose keys cannot be fetched would be a 500);
 * - failures are logged as JSON lines, rate-limited, where botbuilder's `process` would
 *   print a stack trace on the console for every refused request.
 */
export class HsyreTeamsAdapter extends TeamsAdapter {
  private readonly tokenRefused: (fields: Record<string, unknown>) => void;
  private readonly activityRefused: (fields: Record<string, unknown>) => void;
  private readonly requestFailed: (fields: Record<string, unknown>) => void;
  private readonly libraryConsole: (fields: Record<string, unknown>) => void;

  constructor(credentials: BotCredentials, logger: Logger) {
    // Without an app id botbuilder accepts every request: anonymous, for local use only.
    const config = {
      MicrosoftAppId: credentials.appId ?? '',
      MicrosoftAppPassword: credentials.appPassword ?? '',
      MicrosoftAppTenantId: credentials.tenantId ?? '',
      // botbuilder insists on an app id for the single-tenant and MSI types, even anonymously.
      MicrosoftAppType: credentials.appId ? credentials.appType : 'MultiTenant',
      ...(credentials.openIdMetadataUrl
        ? publicCloudWithKeysFrom(credentials.openIdMetadataUrl)
        : {}),
    };
    super(config, new ConfigurationServiceClientCredentialFactory(config));
    this.tokenRefused = rateLimitedLog(logger, 'warn', 'bot request refused: token not accepted');
    this.activityRefused = rateLimitedLog(logger, 'warn', 'bot request refused: invalid activity');
    this.requestFailed = rateLimitedLog(logger, 'error', 'bot request failed');
    this.libraryConsole = rateLimitedLog(logger, 'warn', 'bot library wrote to the console');
  }

  override process(req: Request, res: Response, logic: Logic): Promise<void>;
  override process(
    req: Request,
    socket: UpgradeArgs[1],
    head: UpgradeArgs[2],
    logic: Logic,
  ): Promise<void>;
  override async process(
    req: Request,
    resOrSocket: Response | UpgradeArgs[1],
    logicOrHead: Logic | UpgradeArgs[2],
    maybeLogic?: Logic,
  ): Promise<void> {
    if (maybeLogic) {
      return super.process(
        req,
        resOrSocket as UpgradeArgs[1],
        logicOrHead as UpgradeArgs[2],
        maybeLogic,
      );
    }
    const res = resOrSocket as Response;
    const logic = logicOrHead as Logic;
    // As botbuilder answers, so the invoke responses (cards) reach Teams unchanged.
    const end = (status: number, body?: unknown) => {
      res.status(status);
      if (body) res.send(body);
      res.end();
    };

    if (req.method !== 'POST') return end(StatusCodes.METHOD_NOT_ALLOWED);
    const problems = activityProblems(req.body);
    if (problems.length > 0) {
      this.activityRefused({ fields: problems.map((p) => p.field) });
      return end(StatusCodes.BAD_REQUEST, { error: 'invalid_activity', fields: problems });
    }
    const activity = validateAndFixActivity(req.body as unknown as Activity);
    const header = req.headers.authorization ?? req.headers.Authorization;
    const authHeader = typeof header === 'string' ? header : '';
    try {
      const invokeResponse = await this.processActivity(authHeader, activity, logic);
      return end(invokeResponse?.status ?? StatusCodes.OK, invokeResponse?.body);
    } catch (err) {
      if (err instanceof AuthenticationError) {
        this.tokenRefused(err instanceof TokenRefused ? err.reason : refusalCause(err));
        return end(StatusCodes.UNAUTHORIZED, { error: 'unauthorized' });
      }
      // Where, not what: the message of an error in a turn may quote the activity.
      const { name, stack = '' } = err as Error;
      this.requestFailed({ errorName: name, at: stack.split('\n').slice(1, 6).join('\n') });
      return end(StatusCodes.INTERNAL_SERVER_ERROR, { error: 'internal_error' });
    }
  }

  protected override processActivity(
    authHeader: string,
    activity: Activity,
    logic: Logic,
  ): Promise<InvokeResponse | undefined>;
  protected override processActivity(
    authResult: AuthenticateRequestResult,
    activity: Activity,
    logic: Logic,
  ): Promise<InvokeResponse | undefined>;
  protected override async processActivity(
    auth: string | AuthenticateRequestResult,
    activity: Activity,
    logic: Logic,
  ): Promise<InvokeResponse | undefined> {
    if (typeof auth !== 'string') return super.processActivity(auth, activity, logic);
    let verified: AuthenticateRequestResult;
    try {
      // botframework-connector prints the refused token's error (or the whole signing key)
      // with console.error while it verifies; those lines go to the JSON log instead.
      verified = await withConsoleRedirect(
        (method, args) => this.libraryConsole({ method, text: summarizeConsoleArgs(args) }),
        () => this.botFrameworkAuthentication.authenticateRequest(activity, auth),
      );
    } catch (err) {
      throw new TokenRefused(refusalCause(err));
    }
    return super.processActivity(verified, activity, logic);
  }
}
