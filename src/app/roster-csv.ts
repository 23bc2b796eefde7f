import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod/v4';
import type { AdminError } from '../domain/admin-errors';
import type { Clock } from '../domain/clock';
import { findNationalIdField } from '../domain/privacy';
import { hasRole, isActive, roleSchema, type StaffMember } from '../domain/roster';
import {
  decideRosterCommand,
  EMAIL,
  FORMULA_START,
  nurseZonesLost,
  type RosterCommand,
} from '../domain/staff-admin';
import { ZONE_ID, type Zone } from '../domain/zone';
import { decideZoneCommand, isZoneActive, type ZoneCommand } from '../domain/zone-admin';
import type { Store } from '../store/port';
import { ACTIVE_CASE_STATES } from './staff-admin';
import { ADMIN_CLI_ACTOR } from './system-actors';
import { OPEN_CASE_COUNT_LIMIT, openCaseCount } from './zone-admin';

export const ZONE_COLUMNS = ['id', 'name'] as const;
export const STAFF_COLUMNS = ['entraObjectId', 'name', 'email', 'roles', 'zones'] as const;

type CsvFile = 'zones.csv' | 'staff.csv';

/**
 * Something in the files that stops the import. It names where (file, line, column) and what
 * is wrong, never the value: a cell may hold anything somebody pasted, a patient's name too.
 * Staff names are not patient data and may be shown.
 */
export interface ImportProblem {
  file: CsvFile;
  /** The line in the file; absent for somebody or something the file leaves out. */
  line?: number;
  field?: string;
  problem: string;
}

export interface ImportPlan {
  problems: ImportProblem[];
  zones: {
    added: Zone[];
    renamed: { before: Zone; after: Zone }[];
    reinstated: Zone[];
    retired: Zone[];
  };
  staff: {
    added: StaffMember[];
    changed: { before: StaffMember; after: StaffMember; what: string }[];
    removed: StaffMember[];
  };
  /** The documents to store, zones first; empty when there are problems. */
  writes: { zones: Zone[]; staff: StaffMember[] };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const semicolonList = (v: string) =>
  v
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);

const NO_FORMULA = 'must not start with = + - @ (a spreadsheet would run it as a formula)';

// Messages are written here, so none of zod's defaults (some quote the input) reach the report.
const zoneRowSchema = z.object({
  id: z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .pipe(z.string().regex(ZONE_ID, 'lowercase letters, digits and dashes')),
  name: z
    .string()
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .min(1, 'required')
        .max(80, 'at most 80 characters')
        .refine((v) => !FORMULA_START.test(v), NO_FORMULA),
    ),
});

const staffRowSchema = z.object({
  entraObjectId: z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .pipe(z.string().regex(GUID, 'must be an Entra object id (a GUID)')),
  name: z
    .string()
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .min(1, 'required')
        .max(200, 'at most 200 characters')
        .refine((v) => !FORMULA_START.test(v), NO_FORMULA)
        .refine((v) => !/\p{Cc}/u.test(v), 'must be one line'),
    ),
  email: z
    .string()
    .transform((v) => v.trim())
    .refine((v) => v === '' || (v.length <= 254 && EMAIL.test(v)), 'not an e-mail address or UPN')
    .transform((v) => v || undefined),
  roles: z
    .string()
    .transform(semicolonList)
    .pipe(
      z
        .array(
          z.enum(roleSchema.options, {
            error: () => `not a role (${roleSchema.options.join(', ')})`,
          }),
        )
        .min(1, 'at least one role'),
    ),
  zones: z.string().transform((v) => semicolonList(v).map((z) => z.toLowerCase())),
});

type ZoneRow = z.infer<typeof zoneRowSchema> & { line: number };
type StaffRow = z.infer<typeof staffRowSchema> & { line: number };

/** Rows as objects with their line numbers, or the problems that keep them from being read. */
function readCsv<T>(
  text: string,
  file: CsvFile,
  columns: readonly string[],
  schema: z.ZodType<T>,
  problems: ImportProblem[],
): (T & { line: number })[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it was read (the typings do not say so).
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (err) {
    // CsvError messages quote the offending text; its code and line say enough.
    const line = err instanceof CsvError ? (err as CsvError & { lines?: number }).lines : undefined;
    const code = err instanceof CsvError ? err.code : 'unreadable';
    problems.push({ file, line, problem: `not valid CSV (${code})` });
    return [];
  }
  const [header, ...rows] = records;
  const names = header?.record.map((h) => h.trim());
  if (!names || names.join(',') !== columns.join(',')) {
    problems.push({
      file,
      line: header?.info.lines ?? 1,
      field: 'header',
      problem: `the first line must be exactly: ${columns.join(',')}`,
    });
    return [];
  }
  const parsed: (T & { line: number })[] = [];
  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length !== columns.length) {
      problems.push({
        file,
        line,
        problem: `has ${record.length} fields, expected ${columns.length}`,
      });
      continue;
    }
    const raw = Object.fromEntries(columns.map((c, i) => [c, record[i]]));
    // The national-id rule covers every cell, as every field of every form.
    const idField = findNationalIdField(
      Object.fromEntries(Object.entries(raw).filter(([c]) => c !== 'entraObjectId')),
    );
    if (idField) {
      problems.push({
        file,
        line,
        field: idField,
        problem: 'contains a national identity number (fødselsnummer or D-number)',
      });
      continue;
    }
    const result = schema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push({ file, line, field: String(issue.path[0] ?? ''), problem: issue.message });
      }
      continue;
    }
    parsed.push({ ...result.data, line });
  }
  return parsed;
}

function duplicates<T extends { line: number }>(
  rows: readonly T[],
  key: (row: T) => string,
  file: CsvFile,
  field: string,
  problems: ImportProblem[],
): void {
  const seen = new Map<string, number>();
  for (const row of rows) {
    const first = seen.get(key(row));
    if (first !== undefined) {
      problems.push({ file, line: row.line, field, problem: `the same ${field} as line ${first}` });
    } else {
      seen.set(key(row), row.line);
    }
  }
}

/** A refusal of the roster or zone rules in the operator's words (the CLI speaks English). */
export function describeAdminError(error: AdminError): { field?: string; problem: string } {
  const p = error.params;
  switch (error.code) {
    case 'not_in_roster':
    case 'forbidden':
      return { problem: 'not allowed' };
    case 'invalid_zone_id':
      return {
        field: 'id',
        problem:
          'a new zone id is 2-30 lowercase letters, digits and dashes, not starting or ending with a dash',
      };
    case 'invalid_zone_name':
      return { field: 'name', problem: 'must be 1-80 characters, not starting with = + - @' };
    case 'zone_exists':
      return { field: 'id', problem: 'the zone exists already' };
    case 'unknown_zone':
      // Not named: the cell is whatever was typed, and it is no zone.
      return { field: 'zones', problem: 'names a zone that does not exist (add it to zones.csv)' };
    case 'zone_retired':
      return { field: 'zones', problem: `zone ${p.zone} is retired` };
    case 'zone_has_open_cases':
      return {
        problem: `not in the file, but it has ${p.count} open case(s): it cannot be retired until they are closed`,
      };
    case 'invalid_person_id':
      return { field: 'entraObjectId', problem: 'not a valid id' };
    case 'unknown_person':
      return { field: 'entraObjectId', problem: 'not in the roster' };
    case 'already_in_roster':
      return { field: 'entraObjectId', problem: 'already in the roster' };
    case 'invalid_name':
      return {
        field: 'name',
        problem: 'must be one line of 1-200 characters, not starting with = + - @',
      };
    case 'invalid_email':
      return { field: 'email', problem: 'not an e-mail address or UPN' };
    case 'no_roles':
      return { field: 'roles', problem: 'at least one role' };
    case 'zones_required':
      return { field: 'zones', problem: `a ${p.role} needs at least one zone` };
    case 'last_admin':
      return {
        field: 'roles',
        problem: `${p.name} is the last admin: keep them, or make somebody else admin`,
      };
    case 'not_a_nurse':
      return { field: 'roles', problem: 'not a resource nurse' };
    case 'contains_national_id':
      return {
        field: p.field,
        problem: 'contains a national identity number (fødselsnummer or D-number)',
      };
  }
}

const EMPTY_PLAN = (): ImportPlan => ({
  problems: [],
  zones: { added: [], renamed: [], reinstated: [], retired: [] },
  staff: { added: [], changed: [], removed: [] },
  writes: { zones: [], staff: [] },
});

/**
 * The roster and zones as two CSV files: the IT operator's way to load a municipality at once
 * and to keep it in step with another system.
 *
 * An import is a full sync of each file given: what is in the file is added or changed, and
 * what is in the store but not in the file is retired (zones) or removed (people). Removal
 * keeps the person's document, so history still names them. The chat's rules apply, as the
 * admin `system:admin-cli`: the last admin stays, a zone with open cases is not retired, and a
 * nurse who still has active cases is not removed (their cards can only be updated from Teams:
 * they step down there, or their leader reassigns). Nothing is applied when anything is wrong,
 * and a dry run applies nothing at all.
 */
export function createRosterCsv(deps: { store: Store; clock: Clock }) {
  const { store, clock } = deps;

  async function planZones(rows: ZoneRow[], plan: ImportPlan, zones: Zone[]): Promise<Zone[]> {
    const problems = plan.problems;
    let current = zones;
    /** `line` for a row of the file; `subject` for a zone the file leaves out. */
    const decide = (command: ZoneCommand, where: { line?: number; subject?: string }) => {
      const decision = decideZoneCommand(
        { actor: ADMIN_CLI_ACTOR, zones: current, now: clock.now() },
        command,
      );
      if (!decision.ok) {
        const described = describeAdminError(decision.error);
        problems.push({
          file: 'zones.csv',
          line: where.line,
          field: where.subject ?? described.field,
          problem: described.problem,
        });
        return undefined;
      }
      if (!decision.changed) return undefined;
      current = [...current.filter((z) => z.id !== decision.zone.id), decision.zone];
      plan.writes.zones.push(decision.zone);
      return decision.zone;
    };
    for (const row of rows) {
      const before = current.find((z) => z.id === row.id);
      if (!before) {
        const added = decide({ type: 'add', id: row.id, name: row.name }, { line: row.line });
        if (added) plan.zones.added.push(added);
      } else if (!isZoneActive(before)) {
        const back = decide({ type: 'reinstate', id: row.id, name: row.name }, { line: row.line });
        if (back) plan.zones.reinstated.push(back);
      } else {
        const renamed = decide({ type: 'rename', id: row.id, name: row.name }, { line: row.line });
        if (renamed) plan.zones.renamed.push({ before, after: renamed });
      }
    }
    const listed = new Set(rows.map((r) => r.id));
    for (const zone of zones.filter((z) => isZoneActive(z) && !listed.has(z.id))) {
      const openCases = await openCaseCount(store, zone.id);
      const retired = decide(
        { type: 'retire', id: zone.id, openCases },
        { subject: `zone ${zone.id}` },
      );
      if (retired) plan.zones.retired.push(retired);
    }
    return current;
  }

  async function activeCaseCount(personId: string, zoneIds: readonly string[]): Promise<number> {
    let count = 0;
    for (const zoneId of zoneIds) {
      const open = await store.cases.byZone(zoneId, {
        openOnly: true,
        limit: OPEN_CASE_COUNT_LIMIT,
      });
      count += open.filter(
        (c) => c.claimedBy === personId && ACTIVE_CASE_STATES.includes(c.state),
      ).length;
    }
    return count;
  }

  async function planStaff(
    rows: StaffRow[],
    plan: ImportPlan,
    zones: readonly Zone[],
  ): Promise<void> {
    const problems = plan.problems;
    let roster = await store.roster.list();

    const steps: { command: RosterCommand; line?: number; rank: number }[] = rows.map((row) => {
      const known = roster.find((m) => m.id === row.entraObjectId);
      if (!known || !isActive(known)) {
        const person = {
          id: row.entraObjectId,
          name: row.name,
          email: row.email,
          roles: row.roles,
          zoneIds: row.zones,
        };
        return { command: { type: 'add', person }, line: row.line, rank: 0 };
      }
      const command: RosterCommand = {
        type: 'update',
        id: row.entraObjectId,
        roles: row.roles,
        zoneIds: row.zones,
        name: row.name,
        email: row.email ?? null,
      };
      // Whoever becomes admin does so before anybody stops being one: the last-admin rule then
      // refuses only a file that leaves no admin at all.
      return {
        command,
        line: row.line,
        rank: row.roles.includes('admin') && !hasRole(known, 'admin') ? 1 : 2,
      };
    });
    const listed = new Set(rows.map((r) => r.entraObjectId));
    for (const member of roster.filter((m) => isActive(m) && !listed.has(m.id))) {
      steps.push({ command: { type: 'remove', id: member.id }, rank: 3 });
    }
    steps.sort((a, b) => a.rank - b.rank);

    for (const { command, line } of steps) {
      const decision = decideRosterCommand(
        { actor: ADMIN_CLI_ACTOR, roster, zones, now: clock.now() },
        command,
      );
      const who = command.type === 'add' ? undefined : roster.find((m) => m.id === command.id);
      const subject = who ? `${who.name} (${who.id})` : undefined;
      if (!decision.ok) {
        const described = describeAdminError(decision.error);
        problems.push({
          file: 'staff.csv',
          line,
          field: line === undefined ? subject : described.field,
          problem:
            line === undefined
              ? `not in the file, so removed, but: ${described.problem}`
              : described.problem,
        });
        continue;
      }
      if (!decision.changed) continue;
      const lost = nurseZonesLost(decision);
      const busy =
        lost.length > 0 && decision.before ? await activeCaseCount(decision.before.id, lost) : 0;
      if (busy > 0) {
        problems.push({
          file: 'staff.csv',
          line,
          field: line === undefined ? subject : 'roles',
          problem:
            `${decision.before?.name} still has ${busy} active case(s) in ${lost.join(', ')}: ` +
            'they step down in Teams (fratre) or the zone leader reassigns the cases first',
        });
        continue;
      }
      roster = [...roster.filter((m) => m.id !== decision.after.id), decision.after];
      plan.writes.staff.push(decision.after);
      const { before, after, what } = decision;
      if (command.type === 'add') plan.staff.added.push(after);
      else if (command.type === 'remove') plan.staff.removed.push(after);
      else if (before) plan.staff.changed.push({ before, after, what });
    }
  }

  /** What an import of these files would do; nothing is stored. */
  async function planImport(files: { zones?: string; staff?: string }): Promise<ImportPlan> {
    const plan = EMPTY_PLAN();
    const problems = plan.problems;
    // Both files are read first, so one run reports every bad row of both.
    const zoneRows =
      files.zones === undefined
        ? undefined
        : readCsv(files.zones, 'zones.csv', ZONE_COLUMNS, zoneRowSchema, problems);
    if (zoneRows) duplicates(zoneRows, (r) => r.id, 'zones.csv', 'id', problems);
    const staffRows =
      files.staff === undefined
        ? undefined
        : readCsv(files.staff, 'staff.csv', STAFF_COLUMNS, staffRowSchema, problems);
    if (staffRows) {
      duplicates(staffRows, (r) => r.entraObjectId, 'staff.csv', 'entraObjectId', problems);
    }
    if (problems.length > 0) return plan;

    // Then the rules, row by row; the staff are judged against the zones the import leaves.
    let zones = await store.zones.list();
    if (zoneRows) zones = await planZones(zoneRows, plan, zones);
    if (staffRows) await planStaff(staffRows, plan, zones);
    if (problems.length > 0) plan.writes = { zones: [], staff: [] };
    return plan;
  }

  /** Stores a plan without problems: zones first, so every person's zones exist. */
  async function applyImport(plan: ImportPlan): Promise<void> {
    if (plan.problems.length > 0) throw new Error('an import with problems is never applied');
    for (const zone of plan.writes.zones) await store.zones.put(zone);
    for (const member of plan.writes.staff) await store.roster.put(member);
  }

  /** The zones in use and the people in the roster, as the import reads them. */
  async function exportCsv(): Promise<{
    zones: string;
    staff: string;
    counts: { zones: number; staff: number };
  }> {
    const [zones, roster] = await Promise.all([store.zones.list(), store.roster.list()]);
    const active = zones.filter(isZoneActive).sort((a, b) => a.id.localeCompare(b.id));
    const people = roster
      .filter(isActive)
      .sort((a, b) => a.name.localeCompare(b.name, 'nb') || a.id.localeCompare(b.id));
    return {
      zones: stringify([[...ZONE_COLUMNS], ...active.map((z) => [z.id, z.name])]),
      staff: stringify([
        [...STAFF_COLUMNS],
        ...people.map((m) => [m.id, m.name, m.email ?? '', m.roles.join(';'), m.zoneIds.join(';')]),
      ]),
      counts: { zones: active.length, staff: people.length },
    };
  }

  return { planImport, applyImport, exportCsv };
}

export type RosterCsv = ReturnType<typeof createRosterCsv>;

const list = (items: readonly string[]) => (items.length > 0 ? items.join(',') : '–');

/** The plan as the CLI prints it: one line per change, then the problems. */
export function formatPlan(plan: ImportPlan): string {
  const lines: string[] = [];
  if (plan.problems.length > 0) {
    for (const p of plan.problems) {
      const where = [p.line === undefined ? p.file : `${p.file} line ${p.line}`, p.field]
        .filter(Boolean)
        .join(', ');
      lines.push(`${where}: ${p.problem}`);
    }
    lines.push(`nothing imported: ${plan.problems.length} problem(s)`);
    return `${lines.join('\n')}\n`;
  }
  const { zones, staff } = plan;
  const zoneCount =
    zones.added.length + zones.renamed.length + zones.reinstated.length + zones.retired.length;
  const staffCount = staff.added.length + staff.changed.length + staff.removed.length;
  if (zoneCount + staffCount === 0) return 'no change\n';
  lines.push(
    `zones: ${zones.added.length} added, ${zones.renamed.length} renamed, ${zones.reinstated.length} reinstated, ${zones.retired.length} retired`,
  );
  for (const z of zones.added) lines.push(`  + ${z.id}  ${z.name}`);
  for (const r of zones.renamed)
    lines.push(`  ~ ${r.after.id}  name: ${r.before.name} → ${r.after.name}`);
  for (const z of zones.reinstated) lines.push(`  + ${z.id}  ${z.name} (reinstated)`);
  for (const z of zones.retired) lines.push(`  - ${z.id}  ${z.name} (retired)`);
  lines.push(
    `staff: ${staff.added.length} added, ${staff.changed.length} changed, ${staff.removed.length} removed`,
  );
  for (const m of staff.added) {
    lines.push(`  + ${m.name} (${m.id})  roles ${list(m.roles)}; zones ${list(m.zoneIds)}`);
  }
  for (const c of staff.changed) lines.push(`  ~ ${c.after.name} (${c.after.id})  ${c.what}`);
  for (const m of staff.removed) lines.push(`  - ${m.name} (${m.id})`);
  return `${lines.join('\n')}\n`;
}
