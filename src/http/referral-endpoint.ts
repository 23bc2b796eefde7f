import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { ServiceError } from '../app/case-service';
import type { CaseWorkflow } from '../app/case-workflow';
import { RECORD_SYSTEM_ACTOR } from '../app/record-system';
import { referralInputSchema } from '../domain/referral';
import type { Translate } from '../i18n/i18n';
import type { Logger } from '../logging/logger';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison against every configured key (hashing first evens out lengths). */
function keyAccepted(presented: string | undefined, keys: readonly string[]): boolean {
  if (!presented) return false;
  const given = digest(presented);
  return keys.reduce((found, key) => timingSafeEqual(given, digest(key)) || found, false);
}

function presentedKey(req: Request): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string') return header;
  const auth = req.headers.authorization;
  return auth?.match(/^(?:Bearer|ApiKey)\s+(.+)$/i)?.[1];
}

const STATUS_FOR: Partial<Record<ServiceError['code'], number>> = {
  zone_not_linked: 409,
  forbidden_role: 403,
};

export interface ReferralEndpointDeps {
  apiKeys: readonly string[];
  workflow: CaseWorkflow;
  /** Messages in the municipality's default language, for the record system's operators. */
  t: Translate;
  logger: Logger;
}

/**
 * POST /api/referrals: the municipality's record system registers a referral. 401 without a
 * valid key, 400 naming each bad field, 409 when the zone has no channel yet, 422 for a domain
 * refusal, 201 with the case code. Nothing is stored on any refusal.
 */
export function referralEndpoint({ apiKeys, workflow, t, logger }: ReferralEndpointDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!keyAccepted(presentedKey(req), apiKeys)) {
      res.send(401, {
        error: 'unauthorized',
        message: 'A valid API key is required (header x-api-key).',
      });
      return;
    }
    const parsed = referralInputSchema.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, {
        error: 'invalid_referral',
        fields: parsed.error.issues.map((i) => ({
          field: i.path.join('.') || '(body)',
          message: i.message,
        })),
      });
      return;
    }
    const result = await workflow.register(parsed.data, RECORD_SYSTEM_ACTOR);
    if (!result.ok) {
      logger.info({ code: result.error.code }, 'referral refused');
      res.send(STATUS_FOR[result.error.code] ?? 422, {
        error: result.error.code,
        message: t(`errors.${result.error.code}`, result.error.params),
      });
      return;
    }
    const c = result.case;
    logger.info(
      { caseCode: c.code, zone: c.zoneId, cardPosted: result.cardPosted },
      'referral registered',
    );
    res.send(201, {
      id: c.id,
      code: c.code,
      zoneId: c.zoneId,
      state: c.state,
      deadline: c.deadline,
      cardPosted: result.cardPosted,
    });
  };
}
