import type { Request, Response, Server } from 'restify';
import { pathwayRefusal } from '../app/pathway-reply';
import type { PathwayWorkflow } from '../app/pathway-workflow';
import { RECORD_SYSTEM_ACTOR } from '../app/record-system';
import type { Clock } from '../domain/clock';
import { type PathwayInput, pathwayInputSchema } from '../domain/pathway/pathway';
import { findNationalIdField } from '../domain/privacy';
import type { Translate } from '../i18n/i18n';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/port';
import type { RecordSystemAuth } from './record-system-auth';
import { type IntakeOutcome, recordSystemIntake } from './record-system-intake';
import { refusalAnswer } from './referral-endpoint';

export const PATHWAY_PATH = '/api/pakkeforlop';

export interface PathwayEndpointDeps {
  authenticate: RecordSystemAuth;
  idempotency: Store['idempotency'];
  workflow: PathwayWorkflow;
  clock: Clock;
  /** Messages in the municipality's default language, for the record system's operators. */
  t: Translate;
  logger: Logger;
}

/**
 * POST /api/pakkeforlop: the record system registers a Pakkeforløp hjem pathway with the same
 * keys, tokens, idempotency and answers as /api/referrals: 401, 400 naming each bad field, 409
 * when the zone has no channel yet, 422 for a domain refusal (unknown zone, a diagnosis date in
 * the future, a national id in any field), 201 with `{id, code, points}`. Nothing is stored on
 * any refusal.
 */
export function pathwayEndpoint({
  authenticate,
  idempotency,
  workflow,
  clock,
  t,
  logger,
}: PathwayEndpointDeps): (req: Request, res: Response) => Promise<void> {
  async function register(input: PathwayInput): Promise<IntakeOutcome> {
    const result = await workflow.register(input, RECORD_SYSTEM_ACTOR, 'rest');
    if (!result.ok) {
      const { code, params } = result.error;
      logger.info({ code }, 'pathway refused');
      return refusalAnswer(code, params, (shown) => {
        const reply = pathwayRefusal({ ...result.error, params: shown }, new Map());
        const localised = Object.fromEntries(
          Object.entries(reply.localised ?? {}).map(([k, key]) => [k, t(key)]),
        );
        return t(reply.key, { ...reply.params, ...localised });
      });
    }
    const p = result.pathway;
    logger.info({ pathwayCode: p.code, zone: p.zoneId }, 'pathway registered');
    return {
      created: true,
      status: 201,
      body: {
        id: p.id,
        code: p.code,
        points: p.points.map((pt) => ({
          point: pt.point,
          opensAt: pt.opensAt,
          closesAt: pt.closesAt,
          performer: pt.performer,
        })),
      },
    };
  }

  return recordSystemIntake({
    scope: 'pathways',
    noun: 'pathway',
    schema: pathwayInputSchema,
    invalidError: 'invalid_pathway',
    // A national id is refused wherever it is, also in a field the schema does not know.
    precheck(body) {
      const field = findNationalIdField(body);
      if (!field) return undefined;
      logger.info({ code: 'contains_national_id' }, 'pathway refused');
      return refusalAnswer('contains_national_id', { field }, (shown) =>
        t('errors.contains_national_id', shown),
      );
    },
    handle: register,
    authenticate,
    idempotency,
    clock,
    logger,
  });
}

/** Mounts POST /api/pakkeforlop on the HTTP server (see HttpRoutes.mount). */
export const pathwayRoutes =
  (deps: PathwayEndpointDeps) =>
  (server: Server): void => {
    const intake = pathwayEndpoint(deps);
    server.post(PATHWAY_PATH, async (req: Request, res: Response) => intake(req, res));
  };
