type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' }});

/**
 * jose 6 ships only ESM. Node >= 20.19 loads it with require(); TypeScript's node16 module mode
 * will not emit that for an import statement, so it is required by hand (Jest compiles jose to
 * CommonJS, see jest.config.js). Tests sign their tokens with this same instance.
 */
export const jose: Jose = require('jose');
export type JwtPayload = Awaited<ReturnType<Jose['jwtVerify']>>['payload'];
export type SigningKey = Awaited<ReturnType<Jose['generateKeyPair']>>['privateKey'];

/** Microsoft's tenant-specific signing keys; the same keys sign v1 and v2 tokens. */
export const entraJwksUrl = (tenantId: string) =>
  `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`;

/** v2 tokens name the tenant one way, v1 tokens (what many app registrations still get) another. */
export const entraIssuers = (tenantId: string) => [
  `https://login.microsoftonline.com/${tenantId}/v2.0`,
  `https://sts.windows.net/${tenantId}/`,
];

export interface EntraTokenOptions {
  tenantId: string;
  /** Accepted `aud` values: the API's app id and/or its `api://` URI (v1 and v2 tokens differ). */
  audiences: readonly string[];
  /** Defaults to the tenant's Microsoft JWKS; tests point it at a local server. */
  jwksUrl?: string;
  /** Verification time; the app's clock, so tests decide what "expired" means. */
  now: () => Date;
  /** Seconds of clock skew between Entra and this host that still pass exp/nbf. */
  clockToleranceSeconds?: number;
}

export type EntraClaims = JwtPayload & {
  tid: string;
  roles?: unknown;
  scp?: unknown;
  azp?: unknown;
  appid?: unknown;
  oid?: unknown;
};

/**
 * Why a token was refused: fixed words for the log, never anything taken from the token, so a
 * forged token cannot write into the log.
 */
export type EntraRefusal =
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'unknown_key'
  | 'expired'
  | 'not_yet_valid'
  | 'issuer'
  | 'audience'
  | 'tenant'
  | 'jwks_unavailable'
  | 'invalid';

export type EntraVerification =
  | { ok: true; claims: EntraClaims }
  | { ok: false; reason: EntraRefusal };

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Three base64url parts: worth verifying as a token rather than comparing as an API key. */
export const looksLikeJwt = (value: string) => JWT_SHAPE.test(value);

/** jose's error codes (stable, documented) mapped to our refusal words. */
function refusalFor(err: unknown): EntraRefusal {
  const code = (err as { code?: unknown }).code;
  const claim = (err as { claim?: unknown }).claim;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'nbf') return 'not_yet_valid';
      if (claim === 'iss') return 'issuer';
      if (claim === 'aud') return 'audience';
      if (claim === 'tid') return 'tenant';
      return 'invalid';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'algorithm';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'signature';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'unknown_key';
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
    // What the resolver throws for a non-200 or non-JSON answer from the key endpoint.
    case 'ERR_JOSE_GENERIC':
      return 'jwks_unavailable';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'malformed';
    default:
      // fetch() failing (connection refused, DNS) surfaces as a plain TypeError from the resolver.
      return err instanceof Error && err.name === 'TypeError' ? 'jwks_unavailable' : 'invalid';
  }
}

/**
 * Verifies an Entra ID access token: RS256 signature by the tenant's published keys, issuer
 * (v1 or v2), audience, `tid`, exp/nbf. Authorization (roles, scopes, callers) is the
 * caller's business: the record system and tab SSO want different things from the same token.
 * Never throws: an unreachable JWKS is a refusal, not a server error.
 */
export function createEntraTokenVerifier(options: EntraTokenOptions) {
  const keys = jose.createRemoteJWKSet(new URL(options.jwksUrl ?? entraJwksUrl(options.tenantId)), {
    timeoutDuration: 5000,
  });
  const issuers = entraIssuers(options.tenantId);
  return async (token: string): Promise<EntraVerification> => {
    try {
      const { payload } = await jose.jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer: issuers,
        audience: [...options.audiences],
        currentDate: options.now(),
        clockTolerance: options.clockToleranceSeconds ?? 60,
        requiredClaims: ['exp', 'tid'],
      });
      // The issuer already names the tenant; tid is checked too so one claim cannot disagree.
      if (payload.tid !== options.tenantId) return { ok: false, reason: 'tenant' };
      return { ok: true, claims: payload as EntraClaims };
    } catch (err) {
      return { ok: false, reason: refusalFor(err) };
    }
  };
}
export type EntraTokenVerifier = ReturnType<typeof createEntraTokenVerifier>;
