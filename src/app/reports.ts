import { stringify } from 'csv-stringify/sync';
import {
  type FigureDefinition,
  type FigureKind,
  type FigureRegistry,
  type FigureRow,
  type FigureValue,
  HSYRE_FIGURES,
  type ZoneFilter,
} from '../domain/reports/figures';
import { hadCase } from '../domain/reports/kept-case';
import { addMonths, monthBounds, monthsFrom, type YearMonth } from '../domain/reports/month';
import type { ReportInput } from '../domain/reports/report-index';
import { monthOf } from '../domain/reports/working-hours';
import { hasRole, isActive, type Role, type StaffMember } from '../domain/roster';
import type { WorkingTime } from '../domain/routine';
import { workingCalendar } from '../domain/working-calendar';
import type { Zone } from '../domain/zone';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/port';
import { type MessageReply, message } from './reply';
import { createReportReader } from './report-read';
import { sendMarkers } from './send-markers';

/*
 * The compliance picture (internkontroll): the figures of src/domain/reports for the months
 * and zones a person may see, for the Teams tab's API, its CSV export, the `rapport` card and
 * the leaders' monthly card. Counts and case codes only: a figure never names a patient.
 */

/** The figures the tab shows. */
export const REPORT_FIGURES: FigureRegistry<ReportInput> = HSYRE_FIGURES;

/** The figures on the chat card, in this order: what a leader reads first. */
export const HEADLINE_FIGURES = [
  'referralsRegistered',
  'firstContactInTimeSeriouslyIll',
  'firstContactInTimeNormal',
  'fveAssessmentInTimeSeriouslyIll',
  'serviceDecisionInTimeSeriouslyIll',
  'overdueAtMonthEnd',
] as const;
export type HeadlineFigure = (typeof HEADLINE_FIGURES)[number];

/** Months the tab shows by default, the month asked for last. */
export const DEFAULT_MONTHS = 12;
export const MAX_MONTHS = 24;

/** Roles that see every zone: they work across the municipality. */
const ALL_ZONE_ROLES: readonly Role[] = ['admin', 'fve', 'networkLeader'];

/**
 * Which figures a person sees: the municipality-wide roles every zone, a zone leader the zones
 * they lead, a resource nurse the figures of the cases they have had (claimed, or were given
 * by a leader), anybody else none.
 */
export type ReportScope =
  | { kind: 'zones'; all: true }
  | { kind: 'zones'; all: false; zoneIds: readonly string[] }
  | { kind: 'own'; nurseId: string };

export function reportScope(member: StaffMember | undefined): ReportScope | undefined {
  if (!member || !isActive(member)) return undefined;
  if (ALL_ZONE_ROLES.some((role) => hasRole(member, role))) return { kind: 'zones', all: true };
  if (hasRole(member, 'leader') && member.zoneIds.length > 0) {
    return { kind: 'zones', all: false, zoneIds: member.zoneIds };
  }
  if (hasRole(member, 'nurse')) return { kind: 'own', nurseId: member.id };
  return undefined;
}

export { hadCase };

/** A column of the report: a zone, or the nurse's own cases (`own`, no name). */
export interface ReportSeries {
  id: string;
  name: string | null;
}

export const OWN_SERIES = 'own';

/** One figure over the report's months, per series; `values[series][i]` is for `months[i]`. */
export interface ReportFigure {
  id: string;
  area: string;
  kind: FigureKind;
  labelKey: string;
  definitionKey: string;
  deadline: FigureDefinition['deadline'] | null;
  values: Record<string, FigureValue[]>;
}

/** The tab's API answer: every figure for every month and series the page draws. */
export interface ComplianceReport {
  /** When the figures were read (the snapshot's time). */
  asOf: string;
  /** The month asked for: the last of `months`. */
  month: YearMonth;
  months: YearMonth[];
  /** Per month: it had not ended at `asOf`, so its figures are so far. */
  provisional: boolean[];
  /** The share the municipality aims at (0.9 for 90 %). */
  target: number;
  scope: 'zones' | 'own';
  /** The zone asked for, or null for every zone in scope. */
  zone: string | null;
  series: ReportSeries[];
  figures: ReportFigure[];
}

export interface ComplianceQuery {
  month?: YearMonth;
  zone?: string;
  months?: number;
}

export type ReportRefusal = 'forbidden' | 'zone_not_allowed' | 'future_month';
export type ComplianceResult =
  | { ok: true; report: ComplianceReport }
  | { ok: false; reason: ReportRefusal };

/** A zone the asker may choose, with its Teams channel (to preselect it in a channel tab). */
export interface ReportZone {
  id: string;
  name: string;
  channelId: string | null;
}

/** The chat card's content: the headline figures per section (zone, all zones, or own cases). */
export interface ReportSummary {
  kind: 'report';
  month: YearMonth;
  provisional: boolean;
  asOf: string;
  target: number;
  /** The zone the card is about, when one was asked for (the tab opens on it). */
  zone: string | null;
  sections: {
    kind: 'zone' | 'allZones' | 'own';
    zoneId: string | null;
    zoneName: string | null;
    figures: { id: HeadlineFigure; value: FigureValue }[];
  }[];
}

/** A month asked for in chat: `2026-03`, or a month's number meaning its latest occurrence. */
export type MonthArgument = YearMonth | number;

interface Figures {
  input: ReportInput;
  rows: Map<string, FigureRow[]>;
}

interface Snapshot extends Figures {
  asOf: Date;
  zones: readonly Zone[];
  own: Map<string, Figures>;
}

export interface ReportsDeps {
  store: Store;
  clock: { now(): Date };
  /** The routine's time zone: months are read there. */
  timeZone: string;
  /** 0.9 for 90 %. */
  target: number;
  /**
   * How old the figures may get before a request reads the store again. A read goes through
   * every case's kept facts and works out the months shown by default (a second or so at
   * 100 000 cases, more when many cases changed), so it is not done per request; 0 reads on
   * every request (tests).
   */
  refreshMs: number;
  logger: Logger;
  registry?: FigureRegistry<ReportInput>;
}

export function createReports(deps: ReportsDeps) {
  const { store, clock, timeZone, target, refreshMs, logger } = deps;
  const registry = deps.registry ?? REPORT_FIGURES;
  const definitions = registry.definitions;
  const readCases = createReportReader(store, timeZone);

  const rowsOf = (figures: Figures, month: YearMonth, zone: ZoneFilter): FigureRow[] => {
    const key = `${month}|${zone ?? '*'}`;
    let rows = figures.rows.get(key);
    if (!rows) {
      rows = registry.compute(figures.input, month, zone);
      figures.rows.set(key, rows);
    }
    return rows;
  };

  async function build(): Promise<Snapshot> {
    // The time is taken before reading: what is written while the read runs is after it.
    const asOf = clock.now();
    const started = Date.now();
    const zones = await store.zones.list();
    const read = await readCases({ asOf, zoneIds: new Set(zones.map((z) => z.id)) });
    const input: ReportInput = {
      cases: read.docs,
      kept: read.kept,
      escalations: read.escalations,
      asOf,
      timeZone,
    };
    const snapshot: Snapshot = { asOf, zones, input, rows: new Map(), own: new Map() };
    // The page's default: the last months of every zone, worked out once per snapshot, a month
    // per turn of the process. Newest first: a month files only the cases that can count in
    // it, so the work is spread over the turns (oldest first, the first would file them all).
    const current = monthOf(asOf.getTime(), timeZone);
    for (const month of monthsFrom(addMonths(current, 1 - DEFAULT_MONTHS), current).reverse()) {
      for (const zone of zones) rowsOf(snapshot, month, zone.id);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    logger.info(
      {
        cases: read.docs.length + read.kept.length,
        loaded: read.loaded,
        refreshed: read.refreshed,
        zones: zones.length,
        ms: Date.now() - started,
      },
      'report figures read',
    );
    return snapshot;
  }

  let snapshot: Snapshot | undefined;
  let loading: Promise<Snapshot> | undefined;
  const reload = (): Promise<Snapshot> => {
    loading ??= build()
      .then((s) => {
        snapshot = s;
        return s;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };

  /**
   * The figures as of a recent read: older than `refreshMs`, the next request still gets them
   * at once while a new read runs behind it (stale while revalidating), so only the very first
   * request waits for the read.
   */
  async function current(): Promise<Snapshot> {
    if (refreshMs === 0 || !snapshot) return reload();
    const age = clock.now().getTime() - snapshot.asOf.getTime();
    if (age < 0 || age >= refreshMs) {
      reload().catch((err: unknown) => logger.error({ err }, 'report figures not refreshed'));
    }
    return snapshot;
  }

  /**
   * The snapshot, read anew when it was taken before `month` ended and the month has ended
   * since: the monthly card on the 1st must not report the last evening as still to come.
   */
  async function currentFor(month: YearMonth): Promise<Snapshot> {
    const s = await current();
    const end = monthBounds(month, timeZone).end;
    return s.asOf.getTime() < end && clock.now().getTime() >= end ? reload() : s;
  }

  const ownFigures = (s: Snapshot, nurseId: string): Figures => {
    let own = s.own.get(nurseId);
    if (!own) {
      const cases = s.input.cases.filter((c) => hadCase(c, nurseId));
      const kept = (s.input.kept ?? []).filter((k) => k.hadBy.includes(nurseId));
      // An escalation of a case not in the input would count for all zones: only their own.
      const ids = new Set([...cases.map((c) => c.id), ...kept.map((k) => k.id)]);
      const escalations = (s.input.escalations ?? []).filter((e) => ids.has(e.caseId));
      own = { input: { ...s.input, cases, kept, escalations }, rows: new Map() };
      s.own.set(nurseId, own);
    }
    return own;
  };

  const zonesIn = (s: Snapshot, scope: ReportScope): readonly Zone[] =>
    scope.kind === 'own'
      ? []
      : scope.all
        ? s.zones
        : s.zones.filter((z) => scope.zoneIds.includes(z.id));

  const isProvisional = (s: Snapshot, month: YearMonth) =>
    monthBounds(month, timeZone).end > s.asOf.getTime();

  const thisMonth = () => monthOf(clock.now().getTime(), timeZone);

  /** Latest month with that number, not after this month; `fallback` months from now if none. */
  function resolveMonth(month: MonthArgument | undefined, fallback: number) {
    const now = thisMonth();
    if (month === undefined) return addMonths(now, fallback);
    if (typeof month === 'string') return month;
    const year = Number(now.slice(0, 4));
    const candidate = `${year}-${String(month).padStart(2, '0')}`;
    return candidate > now ? addMonths(candidate, -12) : candidate;
  }

  return {
    /** Who may see what, from the roster entry (undefined: nothing). */
    scope: reportScope,

    /** The zones the asker may pick (none for a nurse, who sees their own cases). */
    async zones(
      member: StaffMember | undefined,
    ): Promise<
      { ok: true; scope: 'zones' | 'own'; zones: ReportZone[] } | { ok: false; reason: 'forbidden' }
    > {
      const scope = reportScope(member);
      if (!scope) return { ok: false, reason: 'forbidden' };
      if (scope.kind === 'own') return { ok: true, scope: 'own', zones: [] };
      const all = await store.zones.list();
      const zones = scope.all ? all : all.filter((z) => scope.zoneIds.includes(z.id));
      return {
        ok: true,
        scope: 'zones',
        zones: zones.map((z) => ({
          id: z.id,
          name: z.name,
          channelId: z.channel?.conversationId ?? null,
        })),
      };
    },

    /** Every figure for the months up to `month`, per zone in scope (or the asker's cases). */
    async compliance(
      member: StaffMember | undefined,
      query: ComplianceQuery = {},
    ): Promise<ComplianceResult> {
      const scope = reportScope(member);
      if (!scope) return { ok: false, reason: 'forbidden' };
      const month = query.month ?? thisMonth();
      if (month > thisMonth()) return { ok: false, reason: 'future_month' };
      const s = await currentFor(month);
      const count = Math.min(MAX_MONTHS, Math.max(1, query.months ?? DEFAULT_MONTHS));
      const months = monthsFrom(addMonths(month, 1 - count), month);

      let figures: Figures = s;
      let columns: { series: ReportSeries; zone: ZoneFilter }[];
      if (scope.kind === 'own') {
        figures = ownFigures(s, scope.nurseId);
        columns = [{ series: { id: OWN_SERIES, name: null }, zone: null }];
      } else {
        let zones = zonesIn(s, scope);
        if (query.zone !== undefined) {
          zones = zones.filter((z) => z.id === query.zone);
          if (zones.length === 0) return { ok: false, reason: 'zone_not_allowed' };
        }
        columns = zones.map((z) => ({ series: { id: z.id, name: z.name }, zone: z.id }));
      }

      const byColumn = columns.map((c) => months.map((m) => rowsOf(figures, m, c.zone)));
      return {
        ok: true,
        report: {
          asOf: s.asOf.toISOString(),
          month,
          months,
          provisional: months.map((m) => isProvisional(s, m)),
          target,
          scope: scope.kind,
          zone: scope.kind === 'zones' ? (query.zone ?? null) : null,
          series: columns.map((c) => c.series),
          figures: definitions.map((d, i) => ({
            id: d.id,
            area: d.area,
            kind: d.kind,
            labelKey: d.labelKey,
            definitionKey: d.definitionKey,
            deadline: d.deadline ?? null,
            values: Object.fromEntries(
              columns.map((c, j) => [c.series.id, byColumn[j].map((rows) => rows[i].value)]),
            ),
          })),
        },
      };
    },

    /**
     * The headline figures of a month (by default the last full one) for the chat card: per
     * zone in scope, with all zones together first for those who see every zone.
     */
    async summary(
      member: StaffMember | undefined,
      args: { zone?: string; month?: MonthArgument; scope?: ReportScope } = {},
    ): Promise<ReportSummary | MessageReply> {
      const scope = args.scope ?? reportScope(member);
      if (!scope) return message('reports.chat.notAllowed');
      const month = resolveMonth(args.month, -1);
      if (month > thisMonth()) return message('reports.chat.futureMonth', { month });
      const s = await currentFor(month);
      const pick = (rows: FigureRow[]) =>
        HEADLINE_FIGURES.flatMap((id) => {
          const row = rows.find((r) => r.id === id);
          return row ? [{ id, value: row.value }] : [];
        });
      const sections: ReportSummary['sections'] = [];
      if (scope.kind === 'own') {
        sections.push({
          kind: 'own',
          zoneId: null,
          zoneName: null,
          figures: pick(rowsOf(ownFigures(s, scope.nurseId), month, null)),
        });
      } else {
        let zones = zonesIn(s, scope);
        if (args.zone !== undefined) {
          zones = zones.filter((z) => z.id === args.zone);
          if (zones.length === 0)
            return message('reports.chat.zoneNotAllowed', { zone: args.zone });
        } else if (scope.all) {
          sections.push({
            kind: 'allZones',
            zoneId: null,
            zoneName: null,
            figures: pick(rowsOf(s, month, null)),
          });
        }
        for (const z of zones) {
          sections.push({
            kind: 'zone',
            zoneId: z.id,
            zoneName: z.name,
            figures: pick(rowsOf(s, month, z.id)),
          });
        }
      }
      return {
        kind: 'report',
        month,
        provisional: isProvisional(s, month),
        asOf: s.asOf.toISOString(),
        target,
        zone: args.zone ?? null,
        sections,
      };
    },
  };
}

export type Reports = ReturnType<typeof createReports>;

/* ----------------------------------------------------------------------------------------------
 * CSV for internkontroll: the tab's tables in one file.
 * -------------------------------------------------------------------------------------------- */

export const COMPLIANCE_CSV_COLUMNS = [
  'month',
  'provisional',
  'zone',
  'zoneName',
  'figure',
  'label',
  'step',
  'within',
  'total',
  'sharePercent',
  'pending',
  'excluded',
  'count',
  'n',
  'medianWorkingHours',
  'p90WorkingHours',
] as const;
type CsvColumn = (typeof COMPLIANCE_CSV_COLUMNS)[number];
type CsvRow = Partial<Record<CsvColumn, string | number | boolean>>;

/**
 * A spreadsheet reads a cell starting with one of these as a formula; zone names are typed by
 * people, so such a cell is written as text (OWASP's advice on CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const text = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);
const rounded = (value: number | null, digits: number) =>
  value === null ? '' : Number(value.toFixed(digits));

/** The columns a value fills; a count by step gives a row per step and one (no step) for all. */
function valueRows(value: FigureValue): CsvRow[] {
  switch (value.kind) {
    case 'count':
      return [{ count: value.count }];
    case 'share':
      return [
        {
          within: value.within,
          total: value.total,
          sharePercent: rounded(value.share === null ? null : value.share * 100, 1),
          pending: value.pending,
          excluded: value.excluded,
        },
      ];
    case 'durations':
      return [
        {
          n: value.n,
          medianWorkingHours: rounded(value.median, 2),
          p90WorkingHours: rounded(value.p90, 2),
        },
      ];
    case 'countsByKey':
      return [
        ...value.counts.map(({ key, count }) => ({ step: key, count })),
        { count: value.total },
      ];
  }
}

/**
 * One row per month, zone and figure (a figure counted by step: a row per step and a total),
 * the numbers as the API gives them, labels in the reader's language.
 */
export function complianceCsv(
  report: ComplianceReport,
  labels: { figure(id: string): string; series(series: ReportSeries): string },
): string {
  const rows: CsvRow[] = [];
  for (const figure of report.figures) {
    for (const series of report.series) {
      const values = figure.values[series.id] ?? [];
      report.months.forEach((month, i) => {
        const base: CsvRow = {
          month,
          provisional: report.provisional[i],
          zone: series.id,
          zoneName: text(labels.series(series)),
          figure: figure.id,
          label: text(labels.figure(figure.id)),
        };
        for (const part of valueRows(values[i])) rows.push({ ...base, ...part });
      });
    }
  }
  return stringify(
    rows.map((row) => COMPLIANCE_CSV_COLUMNS.map((column) => row[column] ?? '')),
    // csv-stringify writes false as an empty cell, which reads as "unknown".
    { header: true, columns: [...COMPLIANCE_CSV_COLUMNS], cast: { boolean: String } },
  );
}

/* ----------------------------------------------------------------------------------------------
 * The leaders' monthly card.
 * -------------------------------------------------------------------------------------------- */

/** Delivers one leader's card; throws when it could not be delivered. */
export interface ReportSender {
  send(leader: StaffMember, summary: ReportSummary, now: Date): Promise<void>;
}

export interface MonthlyReportResult {
  /** The month reported, or null when today is not the first working day of a month. */
  month: YearMonth | null;
  sent: number;
  /** Already sent (another instance, or an earlier run today). */
  taken: number;
  failed: number;
}

/** Whether `now` falls on the first working day of its month (holidays and closed days count). */
export function isFirstWorkingDayOfMonth(now: Date, workingTime: WorkingTime): boolean {
  const calendar = workingCalendar(workingTime);
  const day = calendar.dayOf(now);
  if (!calendar.isWorkingDay(day)) return false;
  return calendar.previousWorkingDay(day).month !== day.month;
}

/**
 * On the first working day of a month each zone leader gets last month's card for the zones
 * they lead, in personal chat: once per leader and month across restarts and instances (send
 * markers). The job runs more than once that day (report-jobs.ts), so a leader the bot could
 * not reach, or a run missed by a restart, is tried again; a sent card is never sent twice.
 */
export function createMonthlyReport(deps: {
  store: Store;
  reports: Reports;
  sender: ReportSender;
  logger: Logger;
  workingTime: WorkingTime;
}) {
  const { store, reports, sender, logger, workingTime } = deps;
  const markers = sendMarkers(store);
  return async function run(now: Date): Promise<MonthlyReportResult> {
    const result: MonthlyReportResult = { month: null, sent: 0, taken: 0, failed: 0 };
    if (!isFirstWorkingDayOfMonth(now, workingTime)) return result;
    const month = addMonths(monthOf(now.getTime(), workingTime.timeZone), -1);
    result.month = month;
    const leaders = (await store.roster.list()).filter(
      (m) => hasRole(m, 'leader') && m.zoneIds.length > 0,
    );
    for (const leader of leaders) {
      // Their own zones, also when they hold a role that sees every zone.
      const summary = await reports.summary(leader, {
        month,
        scope: { kind: 'zones', all: false, zoneIds: leader.zoneIds },
      });
      if (summary.kind !== 'report' || summary.sections.length === 0) continue;
      const sent = await markers.sendOnce(`monthly-report:${leader.id}:${month}`, now, () =>
        sender.send(leader, summary, now),
      );
      if (sent.outcome === 'sent') result.sent += 1;
      else if (sent.outcome === 'taken') result.taken += 1;
      else {
        result.failed += 1;
        logger.error({ err: sent.error, staff: leader.id }, 'monthly report not delivered');
      }
    }
    logger.info({ ...result }, 'monthly report');
    return result;
  };
}

export type MonthlyReport = ReturnType<typeof createMonthlyReport>;
