import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Settings } from '../config/settings';
import type { Clock } from '../domain/clock';
import {
  createEntraTokenVerifier,
  type EntraClaims,
  type EntraRefusal,
  looksLikeJwt,
} from './entra-token';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison against every configured key (hashing first evens out lengths). */
function keyAccepted(presented: string, keys: readonly string[]): boolean {
  const given = digest(presented);
  return keys.reduce((found, key) => timingSafeEqual(given, digest(key)) || found, false);
}

export interface RecordSystemCaller {
  via: 'api-key' | 'entra';
  /**
   * Stable and distinct per caller (a hash of the API key, or tenant and client app id), so
   * two callers' idempotency keys cannot collide. Not for display: it names no person.
   */
  identity: string;
}

/** Fixed words for the log: nothing from the request. */
export type AuthRefusal =
  | 'no_credentials'
  | 'wrong_key'
  | EntraRefusal
  | 'role'
  | 'not_app_token'
  | 'client';

export type AuthOutcome =
  | { ok: true; caller: RecordSystemCaller }
  | { ok: false; reason: AuthRefusal };

export interface RecordSystemAuthOptions {
  apiKeys: readonly string[];
  /** Entra ID access tokens (client credentials) as well as API keys; absent = keys only. */
  entra?: {
    tenantId: string;
    audiences: readonly string[];
    jwksUrl?: string;
    /** App role the record system's app registration must have been granted. */
    role: string;
    /** When not empty, only these client app ids (`azp` in v2, `appid` in v1 tokens). */
    clientIds: readonly string[];
  };
  now: () => Date;
}

/** What a verified token must also carry to register referrals. */
function authorize(claims: EntraClaims, role: string, clientIds: readonly string[]): AuthOutcome {
  // Delegated (user) tokens carry scp; the record system signs in as itself, never as a person.
  if (claims.scp !== undefined) return { ok: false, reason: 'not_app_token' };
  if (!Array.isArray(claims.roles) || !claims.roles.includes(role)) {
    return { ok: false, reason: 'role' };
  }
  const clientId = typeof claims.azp === 'string' ? claims.azp : claims.appid;
  if (typeof clientId !== 'string' || clientId === '') return { ok: false, reason: 'client' };
  if (clientIds.length > 0 && !clientIds.includes(clientId)) {
    return { ok: false, reason: 'client' };
  }
  return { ok: true, caller: { via: 'entra', identity: `entra:${claims.tid}:${clientId}` } };
}

/**
 * Authenticates the record system: an API key (header x-api-key, or Authorization with
 * Bearer/ApiKey), or, when configured, an Entra ID access token as Bearer. A Bearer value is
 * tried as a key first, so today's `Bearer <key>` callers keep working and a key never costs a
 * JWKS round trip.
 */
export function createRecordSystemAuth(options: RecordSystemAuthOptions) {
  const { apiKeys, entra } = options;
  const verify = entra ? createEntraTokenVerifier({ ...entra, now: options.now }) : undefined;

  const asKey = (presented: string): AuthOutcome =>
    keyAccepted(presented, apiKeys)
      ? {
          ok: true,
          caller: { via: 'api-key', identity: `api-key:${digest(presented).toString('hex')}` },
        }
      : { ok: false, reason: 'wrong_key' };

  return async (headers: IncomingHttpHeaders): Promise<AuthOutcome> => {
    const apiKeyHeader = headers['x-api-key'];
    if (typeof apiKeyHeader === 'string' && apiKeyHeader !== '') return asKey(apiKeyHeader);
    const match = headers.authorization?.match(/^(Bearer|ApiKey)\s+(.+)$/i);
    if (!match) return { ok: false, reason: 'no_credentials' };
    const [, scheme, value] = match;
    const byKey = asKey(value);
    if (
      byKey.ok ||
      !entra ||
      !verify ||
      scheme.toLowerCase() !== 'bearer' ||
      !looksLikeJwt(value)
    ) {
      return byKey;
    }
    const verified = await verify(value);
    if (!verified.ok) return verified;
    return authorize(verified.claims, entra.role, entra.clientIds);
  };
}
export type RecordSystemAuth = ReturnType<typeof createRecordSystemAuth>;

/** Tokens are on only when both tenant and audience are set (the settings refuse one alone). */
export function recordSystemAuthFromSettings(settings: Settings, clock: Clock): RecordSystemAuth {
  const tenantId = settings.RECORD_SYSTEM_TENANT_ID;
  const audiences = settings.RECORD_SYSTEM_AUDIENCE;
  return createRecordSystemAuth({
    apiKeys: settings.REFERRAL_API_KEYS,
    entra:
      tenantId && audiences.length > 0
        ? {
            tenantId,
            audiences,
            jwksUrl: settings.RECORD_SYSTEM_JWKS_URL,
            role: settings.RECORD_SYSTEM_ROLE,
            clientIds: settings.RECORD_SYSTEM_CLIENT_IDS,
          }
        : undefined,
    now: () => clock.now(),
  });
}
