import type { IncomingHttpHeaders } from 'node:http';
import type { StaffMember } from '../domain/roster';
import {
  createEntraTokenVerifier,
  type EntraRefusal,
  type EntraTokenVerifier,
  looksLikeJwt,
} from './entra-token';

/** The delegated scope the tab's page asks Teams for (Expose an API → Add a scope). */
export const TAB_SCOPE = 'access_as_user';

export interface TabSsoSettings {
  TAB_SSO_TENANT_ID?: string;
  TAB_SSO_AUDIENCE: readonly string[];
  TAB_SSO_JWKS_URL?: string;
}

/** Fixed words for the log and the answer: nothing taken from the token. */
export type TabRefusal =
  | 'not_configured'
  | 'no_token'
  | EntraRefusal
  | 'insufficient_scope'
  | 'no_user'
  | 'not_in_roster';

export type TabAuthOutcome =
  | { ok: true; member: StaffMember }
  | {
      ok: false;
      status: 401 | 403 | 503;
      reason: TabRefusal;
      /** For 503: the settings that are not set. */
      missing?: string[];
    };

export interface TabAuthOptions {
  settings: TabSsoSettings;
  /** The active roster entry for an Entra object id (a removed person is nobody). */
  identify(oid: string): Promise<StaffMember | undefined>;
  now: () => Date;
}

/** Which of the settings tab SSO needs are not set; empty means it is on. */
export function missingTabSsoSettings(settings: TabSsoSettings): string[] {
  return [
    ...(settings.TAB_SSO_TENANT_ID ? [] : ['TAB_SSO_TENANT_ID']),
    ...(settings.TAB_SSO_AUDIENCE.length > 0 ? [] : ['TAB_SSO_AUDIENCE']),
  ];
}

/** `scp` is one space-separated string in Entra's delegated tokens. */
const hasScope = (scp: unknown, scope: string) =>
  typeof scp === 'string' && scp.split(' ').includes(scope);

/**
 * Authenticates the tab's page: the Teams SSO token (`authentication.getAuthToken()`) as
 * `Authorization: Bearer`, an Entra ID access token of the tenant for this API (signature by the
 * tenant's keys, issuer, audience, `tid`, expiry; entra-token.ts), with the delegated scope
 * `access_as_user`, for a person (`oid`) who is an active member of the roster. Who then sees
 * which figures is the use case's business (reportScope).
 */
export function createTabAuth(options: TabAuthOptions) {
  const { settings, identify, now } = options;
  const missing = missingTabSsoSettings(settings);
  const verify: EntraTokenVerifier | undefined =
    missing.length === 0 && settings.TAB_SSO_TENANT_ID
      ? createEntraTokenVerifier({
          tenantId: settings.TAB_SSO_TENANT_ID,
          audiences: settings.TAB_SSO_AUDIENCE,
          jwksUrl: settings.TAB_SSO_JWKS_URL,
          now,
        })
      : undefined;

  return async (headers: IncomingHttpHeaders): Promise<TabAuthOutcome> => {
    if (!verify) return { ok: false, status: 503, reason: 'not_configured', missing };
    const token = headers.authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    if (!token || !looksLikeJwt(token)) return { ok: false, status: 401, reason: 'no_token' };
    const verified = await verify(token);
    if (!verified.ok) return { ok: false, status: 401, reason: verified.reason };
    const { claims } = verified;
    // An app-only token (client credentials) has roles, not scp: no person signed in.
    if (!hasScope(claims.scp, TAB_SCOPE)) {
      return { ok: false, status: 403, reason: 'insufficient_scope' };
    }
    if (typeof claims.oid !== 'string' || claims.oid === '') {
      return { ok: false, status: 403, reason: 'no_user' };
    }
    // Roster ids are Entra object ids as Teams sends them (lower-case, like the token's); an id
    // typed in by hand may differ in case only.
    const oid = claims.oid;
    const member =
      (await identify(oid)) ??
      (oid !== oid.toLowerCase() ? await identify(oid.toLowerCase()) : undefined);
    if (!member) return { ok: false, status: 403, reason: 'not_in_roster' };
    return { ok: true, member };
  };
}
export type TabAuth = ReturnType<typeof createTabAuth>;
