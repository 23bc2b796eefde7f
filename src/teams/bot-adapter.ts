import { TeamsAdapter } from '@microsoft/teams-ai';
import {
  type Activity,
  ConfigurationServiceClientCredentialFactory,
  type InvokeResponse,
  StatusCodes,
  type TurnContext,
} from 'botbuilder';
import { type AuthenticateRequestResult, AuthenticationError } from 'botframework-connector';
import type { Logger } from '../logging/logger';

export interface BotCredentials {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
}

/**
 * The Teams adapter with one change: a token that cannot be verified is a 401, never a 500.
 * botbuilder turns only an AuthenticationError into 401; a forged token whose signing keys
 * cannot be fetched (or any other verification failure) would otherwise surface as a 500.
 */
export class HsyreTeamsAdapter extends TeamsAdapter {
  constructor(
    credentials: BotCredentials,
    private readonly logger: Logger,
  ) {
    // Without an app id botbuilder accepts every request: anonymous, for local use only.
    const config = {
      MicrosoftAppId: credentials.appId ?? '',
      MicrosoftAppPassword: credentials.appPassword ?? '',
      MicrosoftAppTenantId: credentials.tenantId ?? '',
      // botbuilder insists on an app id for the single-tenant and MSI types, even anonymously.
      MicrosoftAppType: credentials.appId ? credentials.appType : 'MultiTenant',
    };
    super(config, new ConfigurationServiceClientCredentialFactory(config));
  }

  protected override processActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined>;
  protected override processActivity(
    authResult: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined>;
  protected override async processActivity(
    auth: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    if (typeof auth !== 'string') return super.processActivity(auth, activity, logic);
    let verified: AuthenticateRequestResult;
    try {
      verified = await this.botFrameworkAuthentication.authenticateRequest(activity, auth);
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      this.logger.warn({ reason: (err as Error).message }, 'bot token could not be verified');
      throw new AuthenticationError(
        'Unauthorized: token could not be verified',
        StatusCodes.UNAUTHORIZED,
      );
    }
    return super.processActivity(verified, activity, logic);
  }
}
