import type { Case } from '../domain/case';
import { type CaseCommand, recordCardPosted } from '../domain/case-commands';
import type { Clock } from '../domain/clock';
import { domainError } from '../domain/errors';
import { findNationalIdField } from '../domain/privacy';
import type { ReferralInput } from '../domain/referral';
import type { StaffMember } from '../domain/roster';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/port';
import type { CasePublisher } from './case-publisher';
import type { CaseService, ServiceResult } from './case-service';
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

/**
 * The HSYRE flow as use cases shared by every intake (Teams card, REST): register and post the
 * "HSYRE ny pas." card, act on a case and keep the channel card true.
 */
export function createCaseWorkflow({ store, cases, publisher, clock, logger }: CaseWorkflowDeps) {
  /** A zone without a linked channel is refused before anything is stored: no silent loss. */
  async function linkedZone(zoneId: string) {
    const zone = await store.zones.get(zoneId);
    if (!zone) return { error: domainError('unknown_zone', { zone: zoneId }) };
    if (!zone.channel) return { error: domainError('zone_not_linked', { zone: zone.name }) };
    return { zone };
  }

  /** Posts the card and records where it lives; a failed post is logged and reported, not lost. */
  async function publish(c: Case, actor: StaffMember): Promise<{ case: Case; posted: boolean }> {
    const found = await linkedZone(c.zoneId);
    if (!found.zone) return { case: c, posted: false };
    let location: Awaited<ReturnType<CasePublisher['post']>>;
    try {
      location = await publisher.post(found.zone, c);
    } catch (err) {
      logger.error({ err, caseCode: c.code, zone: c.zoneId }, 'posting the case card failed');
      return { case: c, posted: false };
    }
    const saved = await updateCase(store, c, (current) =>
      recordCardPosted(current, location, actor, clock.now()),
    );
    if (!saved)
      logger.error({ caseCode: c.code }, 'card posted, but its location could not be stored');
    return { case: saved ?? c, posted: true };
  }

  async function register(input: ReferralInput, actor: StaffMember): Promise<WorkflowResult> {
    // The national-id refusal comes first, whatever else is wrong with the referral.
    const idField = findNationalIdField(input);
    if (idField)
      return { ok: false, error: domainError('contains_national_id', { field: idField }) };
    if (input.registerHsyre) {
      const found = await linkedZone(input.zoneId);
      if (found.error) return { ok: false, error: found.error };
    }
    const registered = await cases.register(input, actor);
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
    options: { basedOnVersion?: number } = {},
  ): Promise<WorkflowResult> {
    if (command.type === 'registerHsyre') {
      const current = await store.cases.get(caseId);
      const found = current && (await linkedZone(current.zoneId));
      if (found?.error) return { ok: false, error: found.error };
    }
    const result = await cases.execute(caseId, command, actor, options.basedOnVersion);
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

  return { register, act, refreshCard };
}

export type CaseWorkflow = ReturnType<typeof createCaseWorkflow>;
