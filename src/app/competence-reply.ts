import type { CompetenceWrite } from '../domain/competence/access';
import type { NetworkEvent } from '../domain/competence/event';
import type { PlanEvaluation, ZoneOverview } from '../domain/competence/plan';
import type { CompetenceRecord, RecordRefusal } from '../domain/competence/record';
import { type MessageReply, message } from './reply';

/** A nurse as the competence cards name her: staff names are not patient data. */
export interface CompetenceNurseRef {
  id: string;
  name: string;
  /** Still a resource nurse; a nurse who stepped down has a read-only record. */
  active: boolean;
}

/**
 * One nurse's plan for the reader: the record, its evaluation (null until the appointment date
 * is recorded: the plan counts from it) and what the reader may do with it.
 */
export interface CompetencePlanReply {
  kind: 'competencePlan';
  nurse: CompetenceNurseRef;
  record: CompetenceRecord;
  /** The record's version as stored, 0 before its first change: the buttons carry it. */
  version: number;
  plan: PlanEvaluation | null;
  /** What the reader may write (access.ts); null: read only. */
  write: CompetenceWrite;
  /** Activities the reader may change or withdraw, and yearly meetings she may confirm. */
  amendable: string[];
  confirmable: string[];
  /** The activity whose form is open for a change, if any. */
  editing?: string;
  /** The local date: the latest date a form accepts. */
  today: string;
  note?: MessageReply & { tone: 'good' | 'attention' };
}

/** A zone's nurses against the plan, for its leader (or the network leader, the admin). */
export interface CompetenceOverviewReply {
  kind: 'competenceOverview';
  zone: { id: string; name: string };
  overview: ZoneOverview;
  /** Nurses of the zone without an appointment date: not evaluated, listed by name. */
  notEvaluated: CompetenceNurseRef[];
}

/** The network's events: coming and recent ones, with the forms for the network leader. */
export interface CompetenceEventsReply {
  kind: 'competenceEvents';
  events: NetworkEvent[];
  /** The reader may create events and record attendance (access.ts). */
  manage: boolean;
  today: string;
  channelLinked: boolean;
  /** Staff names by id, for the attendance lists (the network leader's view only). */
  names: ReadonlyMap<string, string>;
  /** The reader's id when she may register herself for events (access.ts); else undefined. */
  registrant?: string;
  note?: MessageReply & { tone: 'good' | 'attention' };
}

/** A CSV export: its title for the reader and the file's text (csv-stringify). */
export interface CompetenceCsvReply {
  kind: 'competenceCsv';
  title: MessageReply;
  csv: string;
}

export type CompetenceReply =
  | CompetenceCsvReply
  | CompetencePlanReply
  | CompetenceOverviewReply
  | CompetenceEventsReply
  | MessageReply;

/** A refusal of the domain as a message; never the input that was refused. */
export function competenceRefusal(refusal: RecordRefusal): MessageReply {
  switch (refusal.code) {
    case 'contains_national_id':
      return message('privacy.refused');
    case 'invalid_input':
      return message('competence.errors.invalid_input', {
        fields: [...new Set(refusal.issues.map((i) => i.field))].join(', '),
      });
    case 'date_in_future':
      return message('competence.errors.date_in_future');
    case 'wrong_nurse':
    case 'forbidden':
      return message('competence.errors.forbidden');
    case 'not_a_leader_meeting':
      return message('competence.errors.not_a_leader_meeting');
    case 'withdrawn':
      return message('competence.errors.withdrawn');
    case 'unknown_activity':
      return message('competence.errors.unknown_activity');
  }
}
