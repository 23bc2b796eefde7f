import type { Request, Response } from 'restify';
import type { ServiceError } from '../app/case-service';
import type { CaseWorkflow } from '../app/case-workflow';
import { RECORD_SYSTEM_ACTOR } from '../app/record-system';
import type { Clock } from '../domain/clock';
import { type ReferralInput, referralInputSchema } from '../domain/referral';
import type { Translate } from '../i18n/i18n';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/port';
import type { RecordSystemAuth } from './record-system-auth';
import { type IntakeOutcome, recordSystemIntake } from './record-system-intake';

export { IDEMPOTENCY_HEADER } from './record-system-intake';

const STATUS_FOR: Partial<Record<string, number>> = {
  zone_not_linked: 409,
  forbidden_role: 403,
};

/**
 * Message parameters that would repeat what the caller sent: an answer never echoes input
 * (the caller has it; a proxy log of our answers should not).
 */
const ECHOED_PARAMS: Partial<Record<string, readonly string[]>> = {
  unknown_zone: ['zone'],
};

/**
 * A domain refusal as the record system's answer: 409 when the zone has no channel yet, 403
 * for a missing role, else 422; the message in the municipality's language, never echoing
 * what the caller sent.
 */
export function refusalAnswer(
  code: string,
  params: Readonly<Record<string, string>>,
  message: (shown: Record<string, string>) => string,
): IntakeOutcome {
  const echoed = ECHOED_PARAMS[code] ?? [];
  const shown = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, echoed.includes(k) ? '…' : v]),
  );
  return {
    created: false,
    status: STATUS_FOR[code] ?? 422,
    body: { error: code, message: message(shown) },
  };
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
}: ReferralEndpointDeps): (req: Request, res: Response) => Promise<void> {
  async function register(input: ReferralInput): Promise<IntakeOutcome> {
    const result = await workflow.register(input, RECORD_SYSTEM_ACTOR, 'rest');
    if (!result.ok) {
      const { code, params } = result.error as ServiceError;
      logger.info({ code }, 'referral refused');
      return refusalAnswer(code, params, (shown) => t(`errors.${code}`, shown));
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

  return recordSystemIntake({
    scope: 'referrals',
    noun: 'referral',
    schema: referralInputSchema,
    invalidError: 'invalid_referral',
    handle: register,
    authenticate,
    idempotency,
    clock,
    logger,
  });
}
