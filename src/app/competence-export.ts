import { stringify } from 'csv-stringify/sync';
import { inertCell, NURSE_EXPORT_HEADER, nurseExportRows } from '../domain/competence/export';
import type { StaffMember } from '../domain/roster';
import type { CompetenceDeps, CompetencePlans } from './competence-plan';
import type { CompetenceCsvReply, CompetenceReply } from './competence-reply';
import { message } from './reply';

/** Every cell inert for a spreadsheet (names and free text are typed by people). */
const csvOf = (rows: readonly (readonly string[])[]) =>
  stringify(rows.map((row) => row.map(inertCell)));

/**
 * The competence plan as CSV (csv-stringify): a nurse's job shadowing (supervision hours) and
 * the year's activities, for an NSF application; a zone's overview, one line per nurse and
 * requirement, for its leader. The reads, and with them the access rule, are the plan's own.
 */
export function createCompetenceExport(deps: CompetenceDeps, plans: CompetencePlans) {
  const exports = {
    async nurse(
      reader: StaffMember | undefined,
      nurseId: string,
    ): Promise<CompetenceCsvReply | CompetenceReply> {
      const reply = await plans.of(reader, nurseId);
      if (reply.kind !== 'competencePlan') return reply;
      if (!reply.plan) return message('competence.card.setAppointment');
      const rows = nurseExportRows(reply.record.activities, reply.plan, deps.config);
      return {
        kind: 'competenceCsv',
        title: message('competence.export.nurseTitle', { name: reply.nurse.name }),
        csv: csvOf([[...NURSE_EXPORT_HEADER], ...rows]),
      };
    },
    /** A zone's overview; without a zone, the reader's own as `kompetanse` picks it. */
    async zone(
      reader: StaffMember | undefined,
      zone: string | undefined,
    ): Promise<CompetenceCsvReply | CompetenceReply> {
      const reply = await plans.overview(reader, zone);
      if (reply.kind !== 'competenceOverview') return reply;
      const { header, rows } = reply.overview.table;
      return {
        kind: 'competenceCsv',
        title: message('competence.export.zoneTitle', { zone: reply.zone.name }),
        csv: csvOf([header, ...rows]),
      };
    },
    /** `kompetanse eksport`: the reader's own plan, or for a leader without one the zone's. */
    async own(reader: StaffMember | undefined): Promise<CompetenceCsvReply | CompetenceReply> {
      const reply = await plans.own(reader);
      return reply.kind === 'competenceOverview'
        ? exports.zone(reader, reply.zone.id)
        : exports.nurse(reader, reader?.id ?? '');
    },
  };
  return exports;
}

export type CompetenceExport = ReturnType<typeof createCompetenceExport>;
