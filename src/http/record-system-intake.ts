import { createHash } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { z } from 'zod/v4';
import type { Clock } from '../domain/clock';
import { describeInputIssues } from '../domain/input-issues';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/port';
import type { RecordSystemAuth, RecordSystemCaller } from './record-system-auth';

/**
 * What every REST intake of the record system shares (POST /api/referrals, /api/pakkeforlop):
 * the API key or Entra ID token (401), the Idempotency-Key header (a retry gets the first
 * answer, another body with the same key 422, a key still running 409), and the 400 that names
 * every bad field and never a value. Each intake brings its schema and what it does.
 */

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,200}$/;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** JSON with object keys sorted at every depth: equal bodies give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface IntakeAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** An intake's outcome; `created` tells a stored record (kept for replays) from a refusal. */
export type IntakeOutcome = IntakeAnswer & { created: boolean };

export interface RecordSystemIntakeOptions<I> {
  /** Scopes the idempotency keys ('referrals'): the same key at two intakes is two requests. */
  scope: string;
  /** What one request registers, for the answers ('referral'). */
  noun: string;
  /** The body's schema; its output (defaults filled in) is what the fingerprint hashes. */
  schema: z.ZodType<I, unknown>;
  /** The error of a 400 for a body the schema refuses ('invalid_referral'). */
  invalidError: string;
  /** A refusal from the raw body before it is parsed (a national id anywhere: 422). */
  precheck?(body: unknown): IntakeAnswer | undefined;
  handle(input: I): Promise<IntakeOutcome>;
  authenticate: RecordSystemAuth;
  idempotency: Store['idempotency'];
  clock: Clock;
  logger: Logger;
}

export function recordSystemIntake<I>(options: RecordSystemIntakeOptions<I>) {
  const { scope, noun, schema, invalidError, handle, authenticate, idempotency, clock, logger } =
    options;
  /** The parsed input, defaults filled in, so an omitted default and an explicit one agree. */
  const fingerprintOf = (input: I) => sha256(canonicalJson(input));
  /** Scoped by caller: the same key from two callers is two unrelated requests. */
  const storeKeyOf = (caller: RecordSystemCaller, key: string) =>
    `${scope}:${sha256(JSON.stringify([caller.identity, key]))}`;

  /**
   * A failure to forget leaves the key pending: its retries get 409, never a second record. The
   * answer in hand is still worth sending, so this does not throw.
   */
  const forget = (storeKey: string) =>
    idempotency.abandon(storeKey).catch((err: unknown) => {
      logger.error({ err }, 'abandoning an idempotency key failed');
    });

  /**
   * The first request with a key runs and its 201 is kept; refusals and failures forget the key
   * so a corrected retry can run. A key whose record vanishes between our begin and get (its
   * first request was just refused) is begun again, a few times at most.
   */
  async function handleOnce(storeKey: string, input: I): Promise<IntakeAnswer> {
    const fingerprint = fingerprintOf(input);
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = clock.now().toISOString();
      if (await idempotency.begin(storeKey, fingerprint, now)) {
        let answer: IntakeOutcome;
        try {
          answer = await handle(input);
        } catch (err) {
          await forget(storeKey);
          throw err;
        }
        const { created, ...kept } = answer;
        if (!created) {
          await forget(storeKey);
          return kept;
        }
        // The record exists: answer 201 even if the answer cannot be kept. The key then stays
        // pending, so a retry gets 409 rather than a second record.
        await idempotency.complete(storeKey, kept, clock.now().toISOString()).catch((err) => {
          logger.error({ err }, 'keeping the idempotent answer failed');
        });
        return kept;
      }
      const record = await idempotency.get(storeKey);
      if (!record) continue;
      if (record.fingerprint !== fingerprint) {
        return {
          status: 422,
          body: {
            error: 'idempotency_key_reused',
            message: `This ${IDEMPOTENCY_HEADER} was used for a different ${noun}.`,
          },
        };
      }
      if (record.status === 'done' && record.response) {
        const { status, body } = record.response;
        return { status, body, headers: { 'Idempotent-Replayed': 'true' } };
      }
      break;
    }
    return {
      status: 409,
      headers: { 'Retry-After': '1' },
      body: {
        error: 'request_in_progress',
        message: `A request with this ${IDEMPOTENCY_HEADER} is still being processed; retry shortly.`,
      },
    };
  }

  return async (req: Request, res: Response): Promise<void> => {
    const auth = await authenticate(req.headers);
    if (!auth.ok) {
      logger.info({ reason: auth.reason }, `${noun} request not authenticated`);
      res.send(401, {
        error: 'unauthorized',
        message:
          'A valid API key (header x-api-key) or Entra ID access token (Authorization: Bearer) is required.',
      });
      return;
    }
    const rawKey = req.headers[IDEMPOTENCY_HEADER.toLowerCase()];
    if (rawKey !== undefined && (typeof rawKey !== 'string' || !IDEMPOTENCY_KEY.test(rawKey))) {
      res.send(400, {
        error: 'invalid_request',
        fields: [
          { field: IDEMPOTENCY_HEADER, message: 'must be 1-200 printable ASCII characters' },
        ],
      });
      return;
    }
    const refused = options.precheck?.(req.body);
    if (refused) {
      res.send(refused.status, refused.body);
      return;
    }
    const parsed = schema.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: invalidError, fields: describeInputIssues(parsed.error) });
      return;
    }
    if (rawKey === undefined) {
      const { status, body } = await handle(parsed.data);
      res.send(status, body);
      return;
    }
    const answer = await handleOnce(storeKeyOf(auth.caller, rawKey), parsed.data);
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.header(name, value);
    res.send(answer.status, answer.body);
  };
}
