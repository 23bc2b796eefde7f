import type { Clock } from '../domain/clock';
import { competenceAccess, mayAmendActivity, overviewZones } from '../domain/competence/access';
import { isConfirmedByNurse } from '../domain/competence/activity';
import {
  evaluatePlan,
  localDay,
  type OverviewNurse,
  zoneOverview,
} from '../domain/competence/plan';
import { type CompetenceRecord, newCompetenceRecord } from '../domain/competence/record';
import type { CompetenceConfig } from '../domain/competence/requirements';
import { hasRole, type StaffMember } from '../domain/roster';
import type { Store } from '../store/port';
import { type NurseSubject, nurseSubject } from './competence-records';
import type {
  CompetenceNurseRef,
  CompetenceOverviewReply,
  CompetencePlanReply,
} from './competence-reply';
import { type MessageReply, message } from './reply';

export interface CompetenceDeps {
  store: Store;
  clock: Clock;
  /** config/competence.json as loaded at start. */
  config: CompetenceConfig;
  /** The municipality's time zone: days and deadlines are its calendar days. */
  timeZone: string;
}

/**
 * The reads of the competence plan: a nurse's own plan, another nurse's for those access.ts
 * lets see it, and a zone's overview. Every read asks the one access rule; somebody who may not
 * see a record is told the same as for a nurse who does not exist.
 */
export function createCompetencePlans(deps: CompetenceDeps) {
  const { store, clock, config, timeZone } = deps;

  function planReply(
    reader: StaffMember,
    subject: NurseSubject,
    record: CompetenceRecord,
    note?: CompetencePlanReply['note'],
    stored = true,
  ): CompetencePlanReply {
    const now = clock.now();
    const plan =
      record.appointedAt === undefined
        ? null
        : evaluatePlan(
            { appointedAt: record.appointedAt, level: record.level },
            record.activities,
            config,
            now,
            timeZone,
          );
    const live = record.activities.filter((a) => a.status === 'active');
    const mayConfirm = reader.id === subject.id && subject.active;
    return {
      kind: 'competencePlan',
      nurse: { id: subject.id, name: subject.name, active: subject.active },
      record,
      version: stored ? record.version : 0,
      plan,
      write: competenceAccess(reader, subject).write,
      amendable: live
        .filter((a) => mayAmendActivity(reader, subject, a.recordedBy))
        .map((a) => a.id),
      confirmable: mayConfirm
        ? live.filter((a) => !isConfirmedByNurse(a, now)).map((a) => a.id)
        : [],
      today: localDay(now, timeZone),
      ...(note && { note }),
    };
  }

  /** A nurse's plan as `reader` may see it, or the answer for a record they may not see. */
  async function of(
    reader: StaffMember | undefined,
    nurseId: string,
    note?: CompetencePlanReply['note'],
  ): Promise<CompetencePlanReply | MessageReply> {
    if (!reader) return message('me.unknown');
    const subject = await nurseSubject(store, nurseId);
    if (!subject || !competenceAccess(reader, subject).read) {
      return message('competence.messages.notFound');
    }
    const stored = await store.competence.getRecord(nurseId);
    const record = stored ?? newCompetenceRecord(nurseId, clock.now());
    return planReply(reader, subject, record, note, stored !== undefined);
  }

  /** The plan with one activity's form open for a change (when the reader may change it). */
  async function edit(reader: StaffMember | undefined, nurseId: string, activityId: string) {
    const reply = await of(reader, nurseId);
    if (reply.kind !== 'competencePlan') return reply;
    return reply.amendable.includes(activityId)
      ? { ...reply, editing: activityId }
      : {
          ...reply,
          note: { ...message('competence.errors.forbidden'), tone: 'attention' as const },
        };
  }

  /**
   * "Hvor mange timer har jeg i år?": the reader's own hours this year and the supervision
   * hours from job shadowing, in one sentence, from the same evaluation her plan card shows.
   */
  async function ownHours(reader: StaffMember | undefined): Promise<MessageReply> {
    if (!reader) return message('me.unknown');
    const reply = await of(reader, reader.id);
    if (reply.kind !== 'competencePlan') return reply;
    const { plan } = reply;
    if (!plan) return message('competence.answers.noAppointment');
    return message('competence.answers.hours', {
      year: plan.year?.label ?? plan.firstYear.from.slice(0, 4),
      total: String(plan.hoursThisYear.total),
      gatherings: String(plan.hoursThisYear.byKind.gathering),
      supervision: String(plan.supervisionHours.thisYear),
      missing: String(plan.counts.missing + plan.counts.overdue),
    });
  }

  /** `kompetanse`: the reader's own plan, or for a leader without one the zone's overview. */
  async function own(
    reader: StaffMember | undefined,
  ): Promise<CompetencePlanReply | CompetenceOverviewReply | MessageReply> {
    if (!reader) return message('me.unknown');
    if (hasRole(reader, 'nurse') || (await store.competence.getRecord(reader.id))) {
      return of(reader, reader.id);
    }
    return overview(reader, undefined);
  }

  /** `kompetanse <sone>`: the zone's nurses against the plan, most overdue first. */
  async function overview(
    reader: StaffMember | undefined,
    requested: string | undefined,
  ): Promise<CompetenceOverviewReply | MessageReply> {
    if (!reader) return message('me.unknown');
    const zones = (await store.zones.list()).filter((z) => z.retiredAt === undefined);
    const allowed = overviewZones(
      reader,
      zones.map((z) => z.id),
    );
    if (allowed.length === 0) {
      return message(
        hasRole(reader, 'nurse') ? 'competence.messages.ownOnly' : 'competence.messages.notANurse',
      );
    }
    const wanted = requested?.toLowerCase();
    const zone = wanted
      ? zones.find((z) => z.id === wanted || z.name.toLowerCase() === wanted)
      : allowed.length === 1 || reader.roles.includes('leader')
        ? zones.find((z) => z.id === allowed[0])
        : undefined;
    if (!zone || !allowed.includes(zone.id)) {
      return message('competence.messages.overviewUsage', { zones: allowed.join(', ') });
    }
    const roster = await store.roster.list();
    const nurses = roster.filter((m) => hasRole(m, 'nurse') && m.zoneIds.includes(zone.id));
    const records = new Map(
      (await store.competence.records(nurses.map((n) => n.id))).map((r) => [r.id, r]),
    );
    const evaluated: OverviewNurse[] = [];
    const notEvaluated: CompetenceNurseRef[] = [];
    for (const n of nurses) {
      const r = records.get(n.id);
      if (r?.appointedAt === undefined) {
        notEvaluated.push({ id: n.id, name: n.name, active: true });
      } else {
        evaluated.push({ id: n.id, name: n.name, appointedAt: r.appointedAt, level: r.level });
      }
    }
    const activities = new Map([...records].map(([id, r]) => [id, r.activities]));
    return {
      kind: 'competenceOverview',
      zone: { id: zone.id, name: zone.name },
      overview: zoneOverview(evaluated, activities, config, clock.now(), timeZone),
      notEvaluated,
    };
  }

  return { own, of, edit, overview, ownHours, planReply };
}

export type CompetencePlans = ReturnType<typeof createCompetencePlans>;
