import { type Activity, effectiveHours } from './activity';
import type { PlanEvaluation } from './plan';
import { type CompetenceConfig, requirementSetOn } from './requirements';

/**
 * A nurse's activities as rows for an NSF application and her own records: every job shadowing
 * (the clinical supervision hours it earned, ever) and every activity of the current competence
 * year, oldest first; withdrawn ones are left out.
 */
export const NURSE_EXPORT_HEADER = [
  'nurseId',
  'date',
  'kind',
  'hours',
  'days',
  'supervisionHours',
  'text',
  'eventId',
  'recordedBy',
  'recordedAt',
] as const;

/** A spreadsheet runs a cell that starts with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A free-text cell made inert for a spreadsheet: a leading quote, as spreadsheets expect. */
export const inertCell = (value: string): string =>
  FORMULA_START.test(value) ? `'${value}` : value;

export function nurseExportRows(
  activities: readonly Activity[],
  plan: PlanEvaluation,
  config: CompetenceConfig,
): string[][] {
  const year = plan.year;
  const inYear = (a: Activity) => year !== null && a.date >= year.from && a.date < year.to;
  return activities
    .filter((a) => a.status === 'active' && a.date <= plan.today)
    .filter((a) => a.kind === 'jobShadowing' || inYear(a))
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
    .map((a) => {
      const perDay = requirementSetOn(config, a.date).supervisionHoursPerJobShadowingDay;
      return [
        a.nurseId,
        a.date,
        a.kind,
        a.kind === 'jobShadowing' ? '' : String(effectiveHours(a, perDay)),
        a.kind === 'jobShadowing' ? String(a.days) : '',
        a.kind === 'jobShadowing' ? String(a.days * perDay) : '',
        a.text ?? '',
        a.eventId ?? '',
        a.recordedBy,
        a.recordedAt,
      ];
    });
}
