import { createHash } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { ServiceError } from '../app/case-service';
import type { CaseWorkflow } from '../app/case-workflow';
import { RECORD_SYSTEM_ACTOR } from '../app/record-system';
import type { Clock } from '../domain/clock';
import { describeInputIssues } from '../domain/input-issues';
import { type ReferralInput, referralInputSchema } from '../domain/referral';
import type { Translate } from '../i18n/i18n';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/port';
import type { RecordSystemAuth, RecordSystemCaller } from './record-system-auth';

const STATUS_FOR: Partial<Record<ServiceError['code'], number>> = {
  zone_not_linked: 409,
  forbidden_role: 403,
};

/**
 * Message parameters that would repeat what the caller sent: an answer never echoes input
 * (the caller has it; a proxy log of our answers should not).
 */
const ECHOED_PARAMS: Partial<Record<ServiceError['code'], readonly string[]>> = {
  unknown_zone: ['zone'],
};

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

/** The parsed referral, defaults filled in, so an omitted default and an explicit one agree. */
const fingerprintOf = (input: ReferralInput) => sha256(canonicalJson(input));

/** Scoped by caller: the same key from two callers is two unrelated requests. */
const storeKeyOf = (caller: RecordSystemCaller, key: string) =>
  `referrals:${sha256(JSON.stringify([caller.identity, key]))}`;

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ReferralEndpointDeps {
  authenticate: RecordSystemAuth;
  idempotency: Store['idempotency'];
  workflow: CaseWorkflow;
  clock: Clock;
  /** Messages in the municipality's default language, for the record system's operators. */
  t: Translate;
  logger: Logger;
}

/**
 * POST /api/referrals: the municipality's record system registers a referral. 401 without a
 * valid API key or Entra ID token, 400 naming each bad field, 409 when the zone has no channel
 * yet, 422 for a domain refusal, 201 with the case code. Nothing is stored on any refusal.
 * With an Idempotency-Key header a retry gets the first answer again instead of a second case.
 */
export function referralEndpoint({
  authenticate,
  idempotency,
  workflow,
  clock,
  t,
  logger,
}: ReferralEndpointDeps) {
  /** Registers and turns the outcome into the answer; `created` tells a case from a refusal. */
  async function register(input: ReferralInput): Promise<Answer & { created: boolean }> {
    const result = await workflow.register(input, RECORD_SYSTEM_ACTOR, 'rest');
    if (!result.ok) {
      const { code, params } = result.error;
      logger.info({ code }, 'referral refused');
      const echoed = ECHOED_PARAMS[code] ?? [];
      const shown = Object.fromEntries(
        Object.entries(params).map(([k, v]) => [k, echoed.includes(k) ? '…' : v]),
      );
      return {
        created: false,
        status: STATUS_FOR[code] ?? 422,
        body: { error: code, message: t(`errors.${code}`, shown) },
      };
    }
    const c = result.case;
    logger.info(
      { caseCode: c.code, zone: c.zoneId, cardPosted: result.cardPosted },
      'referral registered',
    );
    return {
      created: true,
      status: 201,
      body: {
        id: c.id,
        code: c.code,
        zoneId: c.zoneId,
        state: c.state,
        deadline: c.deadline,
        cardPosted: result.cardPosted,
      },
    };
  }

  /**
   * A failure to forget leaves the key pending: its retries get 409, never a second case. The
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
  async function registerOnce(storeKey: string, input: ReferralInput): Promise<Answer> {
    const fingerprint = fingerprintOf(input);
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = clock.now().toISOString();
      if (await idempotency.begin(storeKey, fingerprint, now)) {
        let answer: Awaited<ReturnType<typeof register>>;
        try {
          answer = await register(input);
        } catch (err) {
          await forget(storeKey);
          throw err;
        }
        const { created, ...kept } = answer;
        if (!created) {
          await forget(storeKey);
          return kept;
        }
        // The case exists: answer 201 even if the answer cannot be kept. The key then stays
        // pending, so a retry gets 409 rather than a second case.
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
            message: `This ${IDEMPOTENCY_HEADER} was used for a different referral.`,
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
      logger.info({ reason: auth.reason }, 'referral request not authenticated');
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
    const parsed = referralInputSchema.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: 'invalid_referral', fields: describeInputIssues(parsed.error) });
      return;
    }
    if (rawKey === undefined) {
      const { status, body } = await register(parsed.data);
      res.send(status, body);
      return;
    }
    const answer = await registerOnce(storeKeyOf(auth.caller, rawKey), parsed.data);
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.header(name, value);
    res.send(answer.status, answer.body);
  };
}
