import type { Case } from '../domain/case';
import { type CaseCommand, recordCardPosted } from '../domain/case-commands';
import type { Clock } from '../domain/clock';
import { domainError } from '../domain/errors';
import { findNationalIdField } from '../domain/privacy';
import type { ReferralInput } from '../domain/referral';
import type { StaffMember } from '../domain/roster';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/port';
import type { AccessVia } from './access-log';
import type { CasePublisher } from './case-publisher';
import type { CaseService, ExecuteOptions, ServiceResult } from './case-service';
import { RECORD_SYSTEM_ACTOR } from './record-system';
import { sendMarkers } from './send-markers';
import { updateCase } from './update-case';

export type WorkflowResult =
  | { ok: true; case: Case; changed: boolean; cardPosted: boolean }
  | Extract<ServiceResult, { ok: false }>;

export interface CaseWorkflowDeps {
  store: Store;
  cases: CaseService;
  publisher: CasePublisher;
  clock: Clock;
  logger: Logger;
}

/** A case younger than this without a card is still being posted by its own request. */
export const OUTBOX_GRACE_MS = 60_000;

/** Whoever registered the case posts its card in the history, also when the outbox does it. */
const registrant = (c: Case): StaffMember => ({
  id: c.history[0]?.actorId ?? RECORD_SYSTEM_ACTOR.id,
  name: RECORD_SYSTEM_ACTOR.name,
  roles: ['fve'],
  zoneIds: [],
});

/** The per-case key that makes posting the card happen once, whoever posts it. */
export const cardPostKey = (caseId: string) => `card-post:${caseId}`;

/**
 * The HSYRE flow as use cases shared by every intake (Teams card, REST): register and post the
 * "HSYRE ny pas." card, act on a case and keep the channel card true.
 */
export function createCaseWorkflow({ store, cases, publisher, clock, logger }: CaseWorkflowDeps) {
  const markers = sendMarkers(store);

  /** A zone without a linked channel is refused before anything is stored: no silent loss. */
  async function linkedZone(zoneId: string) {
    const zone = await store.zones.get(zoneId);
    if (!zone) return { error: domainError('unknown_zone', { zone: zoneId }) };
    if (!zone.channel) return { error: domainError('zone_not_linked', { zone: zone.name }) };
    return { zone };
  }

  /**
   * Posts the card and records where it lives, once per case across requests, passes and
   * instances (the outbox's send-once key). A failed post is logged and reported, not lost: the
   * outbox posts it later.
   */
  async function publish(c: Case, actor: StaffMember): Promise<{ case: Case; posted: boolean }> {
    const found = await linkedZone(c.zoneId);
    if (!found.zone) return { case: c, posted: false };
    const zone = found.zone;
    let stored: Case | undefined;
    const sent = await markers.sendOnce(cardPostKey(c.id), clock.now(), async () => {
      const location = await publisher.post(zone, c);
      stored = await updateCase(store, c, (current) =>
        current.card ? undefined : recordCardPosted(current, location, actor, clock.now()),
      );
      if (!stored)
        logger.error({ caseCode: c.code }, 'card posted, but its location could not be stored');
    });
    if (sent.outcome === 'failed') {
      logger.error(
        { err: sent.error, caseCode: c.code, zone: c.zoneId },
        'posting the case card failed',
      );
      return { case: c, posted: false };
    }
    // 'taken': another request or the outbox posts it (or has); either way it is not lost.
    return { case: stored ?? c, posted: true };
  }

  /**
   * The outbox: cases stored without their card (a crash or a Teams failure between storing
   * and posting) get it now. Run by every pass and at start; the send-once key keeps it to one
   * card per case.
   */
  async function postMissingCards(limit: number): Promise<number> {
    const cutoff = clock.now().getTime() - OUTBOX_GRACE_MS;
    const waiting = (await store.cases.withoutCard(limit)).filter(
      (c) => Date.parse(c.createdAt) <= cutoff,
    );
    let posted = 0;
    for (const c of waiting) {
      if ((await publish(c, registrant(c))).posted) posted += 1;
    }
    return posted;
  }

  async function register(
    input: ReferralInput,
    actor: StaffMember,
    via: AccessVia = 'system',
  ): Promise<WorkflowResult> {
    // The national-id refusal comes first, whatever else is wrong with the referral.
    const idField = findNationalIdField(input);
    if (idField)
      return { ok: false, error: domainError('contains_national_id', { field: idField }) };
    if (input.registerHsyre) {
      const found = await linkedZone(input.zoneId);
      if (found.error) return { ok: false, error: found.error };
    }
    const registered = await cases.register(input, actor, via);
    if (!registered.ok) return registered;
    if (registered.case.state !== 'awaiting_claim') {
      return { ...registered, cardPosted: false };
    }
    const published = await publish(registered.case, actor);
    return { ok: true, case: published.case, changed: true, cardPosted: published.posted };
  }

  /**
   * Runs a command; the channel card is then updated in place (or first posted, when FVE has
   * just registered HSYRE for a referred case).
   */
  async function act(
    caseId: string,
    command: CaseCommand,
    actor: StaffMember,
    options: ExecuteOptions = {},
  ): Promise<WorkflowResult> {
    if (command.type === 'registerHsyre') {
      const current = options.current ?? (await store.cases.get(caseId));
      const found = current && (await linkedZone(current.zoneId));
      if (found?.error) return { ok: false, error: found.error };
    }
    const result = await cases.execute(caseId, command, actor, {
      ...options,
      via: options.via ?? 'system',
    });
    if (!result.ok || !result.changed) return { ...result, cardPosted: false } as WorkflowResult;
    if (!result.case.card) {
      if (result.case.state !== 'awaiting_claim') return { ...result, cardPosted: false };
      const published = await publish(result.case, actor);
      return { ok: true, case: published.case, changed: true, cardPosted: published.posted };
    }
    await refreshCard(result.case);
    return { ...result, cardPosted: true };
  }

  async function refreshCard(c: Case): Promise<void> {
    const zone = await store.zones.get(c.zoneId);
    if (!zone?.channel || !c.card) return;
    try {
      await publisher.update(zone, c);
    } catch (err) {
      logger.error({ err, caseCode: c.code }, 'updating the case card failed');
    }
  }

  return { register, act, refreshCard, postMissingCards };
}

export type CaseWorkflow = ReturnType<typeof createCaseWorkflow>;
