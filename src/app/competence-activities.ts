import { randomUUID } from 'node:crypto';
import { competenceAccess } from '../domain/competence/access';
import type { ActivityActor } from '../domain/competence/activity';
import { localDay } from '../domain/competence/plan';
import {
  addActivity,
  type CompetenceRecord,
  changeActivity,
  confirmInRecord,
  type RecordChange,
  setProfile,
  withdrawFromRecord,
} from '../domain/competence/record';
import type { StaffMember } from '../domain/roster';
import type { CompetenceDeps, CompetencePlans } from './competence-plan';
import { type NurseSubject, nurseSubject, updateRecord } from './competence-records';
import { type CompetenceReply, competenceRefusal } from './competence-reply';
import { type MessageReply, message } from './reply';

/** What a change is, given the actor, the nurse and the time; pure (the domain decides). */
type Change = (
  record: CompetenceRecord,
  ctx: { actor: ActivityActor; nurse: NurseSubject; now: Date; today: string },
) => RecordChange;

/**
 * The writes of the competence plan: record, change and withdraw an activity, confirm a yearly
 * meeting, set the appointment date and level. Each answers the nurse's plan again with the
 * outcome on top; a refusal changes nothing and never repeats the input.
 */
export function createCompetenceActivities(deps: CompetenceDeps, plans: CompetencePlans) {
  const { store, clock, config, timeZone } = deps;

  async function apply(
    actor: StaffMember | undefined,
    nurseId: string,
    change: Change,
    done: MessageReply,
    basedOn: number | undefined,
  ): Promise<CompetenceReply> {
    if (!actor) return message('me.unknown');
    const nurse = await nurseSubject(store, nurseId);
    if (!nurse || !competenceAccess(actor, nurse).read) {
      return message('competence.messages.notFound');
    }
    const now = clock.now();
    const today = localDay(now, timeZone);
    const result = await updateRecord(
      { store, config, timeZone, now },
      nurseId,
      (current) => change(current, { actor, nurse, now, today }),
      basedOn,
    );
    if (!result.ok) {
      const { code } = result.refusal;
      const refusal =
        code === 'conflict'
          ? message('competence.errors.conflict')
          : code === 'stale'
            ? message('competence.errors.stale')
            : competenceRefusal(result.refusal);
      return plans.of(actor, nurseId, { ...refusal, tone: 'attention' });
    }
    const outcome = result.changed ? done : message('competence.messages.unchanged');
    return plans.planReply(
      actor,
      nurse,
      result.record,
      { ...outcome, tone: 'good' },
      result.stored,
    );
  }

  return {
    /** A new activity from the form (the nurse's own, or a leader's for her). */
    register: (actor: StaffMember | undefined, nurseId: string, input: unknown, basedOn?: number) =>
      apply(
        actor,
        nurseId,
        (record, { actor: a, nurse, now }) =>
          addActivity(record, input, { actor: a, nurse, now, timeZone, id: randomUUID() }),
        message('competence.messages.recorded'),
        basedOn,
      ),
    change: (
      actor: StaffMember | undefined,
      nurseId: string,
      activityId: string,
      input: unknown,
      basedOn?: number,
    ) =>
      apply(
        actor,
        nurseId,
        (record, { actor: a, nurse, now }) =>
          changeActivity(record, activityId, input, {
            actor: a,
            nurse,
            now,
            timeZone,
            id: activityId,
          }),
        message('competence.messages.changed'),
        basedOn,
      ),
    withdraw: (
      actor: StaffMember | undefined,
      nurseId: string,
      activityId: string,
      basedOn?: number,
    ) =>
      apply(
        actor,
        nurseId,
        (record, { actor: a, nurse, now }) => withdrawFromRecord(record, activityId, a, nurse, now),
        message('competence.messages.withdrawn'),
        basedOn,
      ),
    /** The nurse confirms the yearly meeting her leader recorded. */
    confirm: (actor: StaffMember | undefined, activityId: string, basedOn?: number) =>
      apply(
        actor,
        actor?.id ?? '',
        (record, { actor: a, now }) => confirmInRecord(record, activityId, a, now),
        message('competence.messages.confirmed'),
        basedOn,
      ),
    profile: (actor: StaffMember | undefined, nurseId: string, input: unknown, basedOn?: number) =>
      apply(
        actor,
        nurseId,
        (record, { actor: a, nurse, now, today }) =>
          setProfile(record, input, a, nurse, now, today),
        message('competence.messages.profileSaved'),
        basedOn,
      ),
  };
}

export type CompetenceActivities = ReturnType<typeof createCompetenceActivities>;
