import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { entraIssuers, type JwtPayload, jose, type SigningKey } from '../../src/http/entra-token';

export const TENANT_ID = '3f1c6a52-8d0e-4b7a-9c21-5e4d7f0a1b2c';
export const OTHER_TENANT_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const API_APP_ID = '6b2f0e1d-3c4a-4e5f-8a9b-0c1d2e3f4a5b';
export const RECORD_SYSTEM_APP_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** What a client-credentials access token from Entra carries (v2 form). */
export interface TokenOptions {
  claims?: JwtPayload & Record<string, unknown>;
  /** Seconds since the epoch; defaults around `now`. */
  iat?: number;
  nbf?: number;
  exp?: number;
  /** Sign with another key than the published one (with its own kid unless `kid` is given). */
  key?: SigningKey;
  kid?: string;
}

export interface LocalJwks {
  /** The JWKS URL, as RECORD_SYSTEM_JWKS_URL. */
  readonly url: string;
  readonly kid: string;
  /** How often the key set was fetched (the verifier should cache it). */
  readonly fetches: number;
  /** A signed RS256 token; `now` is the app's fake time. */
  sign(now: Date, options?: TokenOptions): Promise<string>;
  /** A token with `alg: none` and no signature, as an attacker would hand-build it. */
  unsigned(now: Date, claims?: Record<string, unknown>): string;
  /** A token MACed with HS256 under `secret` (e.g. the public key's text, the classic attack). */
  hs256(now: Date, secret: string, claims?: Record<string, unknown>): string;
  /** A second RS256 key pair that the JWKS does not publish. */
  foreignKey(): Promise<SigningKey>;
  stop(): Promise<void>;
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** The claims a valid token for the record system has; tests override one at a time. */
export function validClaims(now: Date): Record<string, unknown> {
  return {
    iss: entraIssuers(TENANT_ID)[0],
    aud: API_APP_ID,
    tid: TENANT_ID,
    azp: RECORD_SYSTEM_APP_ID,
    oid: '0d9e8f7a-6b5c-4d3e-9f2a-1b0c9d8e7f6a',
    sub: '0d9e8f7a-6b5c-4d3e-9f2a-1b0c9d8e7f6a',
    roles: ['Referrals.Write'],
    iat: seconds(now),
    nbf: seconds(now),
    exp: seconds(now) + 3600,
  };
}

/**
 * A tenant's key endpoint on loopback: one RS256 key, published as Entra publishes its keys.
 * restify patches writeHead process-wide, so writeHead and end are called separately.
 */
export async function startLocalJwks(): Promise<LocalJwks> {
  const { publicKey, privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const kid = 'local-test-key-1';
  const jwk = { ...(await jose.exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
  let fetches = 0;

  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/keys') {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const compact = (header: object, claims: object, sign: (input: string) => string) => {
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    return `${input}.${sign(input)}`;
  };

  return {
    url: `http://127.0.0.1:${port}/keys`,
    kid,
    get fetches() {
      return fetches;
    },
    async sign(now, options = {}) {
      const claims: Record<string, unknown> = { ...validClaims(now), ...options.claims };
      if (options.iat !== undefined) claims.iat = options.iat;
      if (options.nbf !== undefined) claims.nbf = options.nbf;
      if (options.exp !== undefined) claims.exp = options.exp;
      return new jose.SignJWT(claims)
        .setProtectedHeader({
          alg: 'RS256',
          typ: 'JWT',
          kid: options.kid ?? (options.key ? 'unpublished-key' : kid),
        })
        .sign(options.key ?? privateKey);
    },
    unsigned(now, claims = {}) {
      return compact({ alg: 'none', typ: 'JWT' }, { ...validClaims(now), ...claims }, () => '');
    },
    hs256(now, secret, claims = {}) {
      return compact({ alg: 'HS256', typ: 'JWT', kid }, { ...validClaims(now), ...claims }, (i) =>
        createHmac('sha256', secret).update(i).digest('base64url'),
      );
    },
    async foreignKey() {
      return (await jose.generateKeyPair('RS256')).privateKey;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // The verifier's fetch keeps its connection alive; close would wait for it.
        server.closeAllConnections();
      }),
  };
}

/** A loopback URL where nothing listens: a key endpoint that is down. */
export async function deadUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/keys`;
}
