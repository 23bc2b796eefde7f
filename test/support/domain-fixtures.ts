import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Case, CaseState } from '../../src/domain/case';
import { applyCommand, type CaseCommand, type CommandResult } from '../../src/domain/case-commands';
import type { DomainError } from '../../src/domain/errors';
import { type ReferralInput, registerReferral } from '../../src/domain/referral';
import type { Role, StaffMember } from '../../src/domain/roster';
import { type Routine, routineSchema } from '../../src/domain/routine';

/* ----------------------------------------------------------------------------------------------
 * Time: every instant in the tests is fixed; local Oslo wall-clock times read best.
 * -------------------------------------------------------------------------------------------- */

export const OSLO = 'Europe/Oslo';

/** A local Oslo wall-clock time ('2026-03-09T09:00') as an instant. */
export function oslo(local: string): Date {
  const dt = DateTime.fromISO(local, { zone: OSLO });
  if (!dt.isValid) throw new Error(`bad local time ${local}: ${dt.invalidReason}`);
  return dt.toJSDate();
}

/** The same, as the ISO string the domain stores (UTC, with milliseconds). */
export const osloIso = (local: string): string => oslo(local).toISOString();

/* ----------------------------------------------------------------------------------------------
 * Routine: the shipped default, freshly parsed (a new object each call, safe to mutate).
 * -------------------------------------------------------------------------------------------- */

export const ROUTINE_PATH = join(__dirname, '..', '..', 'config', 'routine.json');

export function rawRoutineJson(): unknown {
  return JSON.parse(readFileSync(ROUTINE_PATH, 'utf8'));
}

let parsedDefault: Routine | undefined;

export function defaultRoutine(): Routine {
  parsedDefault ??= routineSchema.parse(rawRoutineJson());
  return structuredClone(parsedDefault);
}

/* ----------------------------------------------------------------------------------------------
 * Roster: two zones, staff of every role, a member with two roles.
 * -------------------------------------------------------------------------------------------- */

export const ZONE = 'nord';
export const OTHER_ZONE = 'sor';
export const KNOWN_ZONES: ReadonlySet<string> = new Set([ZONE, OTHER_ZONE]);

const member = (id: string, roles: Role[], zoneIds: string[]): StaffMember => ({
  id,
  name: `Test ${id}`,
  roles,
  zoneIds,
});

export const staff = {
  /** FVE works in every zone, whatever zoneIds says. */
  fve: member('fve-1', ['fve'], []),
  fveSouth: member('fve-2', ['fve'], [OTHER_ZONE]),
  nurseA: member('nurse-a', ['nurse'], [ZONE]),
  nurseB: member('nurse-b', ['nurse'], [ZONE]),
  nurseBoth: member('nurse-both', ['nurse'], [ZONE, OTHER_ZONE]),
  nurseSouth: member('nurse-s', ['nurse'], [OTHER_ZONE]),
  leader: member('leader-n', ['leader'], [ZONE]),
  leaderSouth: member('leader-s', ['leader'], [OTHER_ZONE]),
  nurseLeader: member('nurse-leader', ['nurse', 'leader'], [ZONE]),
  admin: member('admin-1', ['admin'], [ZONE, OTHER_ZONE]),
} as const satisfies Record<string, StaffMember>;

export const roster: ReadonlyMap<string, StaffMember> = new Map(
  Object.values(staff).map((m) => [m.id, m]),
);

/** A member with exactly one role, in the given zone. */
export const withOnlyRole = (role: Role, zoneId: string = ZONE): StaffMember =>
  member(`only-${role}-${zoneId}`, [role], [zoneId]);

/* ----------------------------------------------------------------------------------------------
 * Cases: built through the real domain functions on a fixed timeline.
 * Monday 9 March 2026 (CET, no holiday that week).
 * -------------------------------------------------------------------------------------------- */

export const TIMELINE = {
  hospitalContact: oslo('2026-03-09T08:00'),
  registered: oslo('2026-03-09T09:00'),
  claimed: oslo('2026-03-09T09:30'),
  firstContact: oslo('2026-03-09T10:00'),
  servicesReported: oslo('2026-03-09T10:30'),
  hsyGranted: oslo('2026-03-09T11:00'),
  closed: oslo('2026-03-09T11:30'),
  /** A later moment for commands applied to a case built by caseIn(). */
  later: oslo('2026-03-09T12:00'),
} as const;

export function referralInput(overrides: Partial<ReferralInput> = {}): ReferralInput {
  return {
    zoneId: ZONE,
    seriouslyIll: false,
    hospitalContactAt: TIMELINE.hospitalContact.toISOString(),
    patientRef: 'DIPS-4711',
    registerHsyre: true,
    ...overrides,
  };
}

export interface NewCaseOptions {
  now?: Date;
  routine?: Routine;
  actor?: StaffMember;
  id?: string;
  code?: string;
}

let caseCounter = 0;

export function registerCase(input: Partial<ReferralInput> = {}, options: NewCaseOptions = {}) {
  caseCounter++;
  return registerReferral(
    referralInput(input),
    options.actor ?? staff.fve,
    options.now ?? TIMELINE.registered,
    options.routine ?? defaultRoutine(),
    KNOWN_ZONES,
    { id: options.id ?? `case-${caseCounter}`, code: options.code ?? 'ACDEF' },
  );
}

/** The case, or a thrown error naming the refusal (for setting up a scenario). */
export function must(result: CommandResult | ReturnType<typeof registerReferral>): Case {
  if (!result.ok) throw new Error(`unexpected refusal: ${result.error.code}`);
  return result.case;
}

/** The refusal, or a thrown error when the command unexpectedly succeeded. */
export function refusal(result: CommandResult | ReturnType<typeof registerReferral>): DomainError {
  if (result.ok) throw new Error('expected a refusal, got ok');
  return result.error;
}

export function newCase(input: Partial<ReferralInput> = {}, options: NewCaseOptions = {}): Case {
  return must(registerCase(input, options));
}

/**
 * A case in the given state, driven there by real commands on TIMELINE. Claimed by nurseA from
 * `claimed` on; `closed` is reached by FVE closing an awaiting case ('declined').
 */
export function caseIn(state: CaseState, input: Partial<ReferralInput> = {}): Case {
  // As the store would save it: each change bumps the version its history entry names.
  const step = (c: Case, command: CaseCommand, actor: StaffMember, at: Date) => ({
    ...must(applyCommand(c, command, actor, at, roster)),
    version: c.version + 1,
  });

  if (state === 'referred') return newCase({ ...input, registerHsyre: false });
  let c = newCase({ ...input, registerHsyre: true });
  if (state === 'awaiting_claim') return c;
  if (state === 'closed') {
    return step(c, { type: 'close', reason: 'declined' }, staff.fve, TIMELINE.closed);
  }
  c = step(c, { type: 'claim' }, staff.nurseA, TIMELINE.claimed);
  if (state === 'claimed') return c;
  c = step(c, { type: 'logContact', outcome: 'reached' }, staff.nurseA, TIMELINE.firstContact);
  if (state === 'in_follow_up') return c;
  if (state === 'services_needed') {
    return step(c, { type: 'reportServicesNeeded' }, staff.nurseA, TIMELINE.servicesReported);
  }
  return step(c, { type: 'grantHsy' }, staff.fve, TIMELINE.hsyGranted);
}

/** Freezes an object graph so any mutation by the code under test throws. */
export { deepFreeze } from '../../src/store/parsed-texts';

/* ----------------------------------------------------------------------------------------------
 * Norwegian national identity numbers, generated with the mod-11 check digits so the tests do
 * not depend on the validator they test.
 * -------------------------------------------------------------------------------------------- */

const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

const weighted = (digits: number[], weights: number[]) =>
  weights.reduce((sum, w, i) => sum + w * digits[i], 0);

/**
 * The two check digits for nine digits, or undefined when none exist. `rest` 0 is the
 * classic rule (k1 = 11 - sum mod 11, 11 → 0); 1, 2 or 3 is the 2032 rule (k1 + rest, mod 11).
 * A k1 or k2 of 10 is not a digit, so that combination has no valid number.
 */
export function checkDigits(nine: string, rest: 0 | 1 | 2 | 3 = 0): string | undefined {
  const digits = [...nine].map(Number);
  const k1 = (11 - (weighted(digits, K1_WEIGHTS) % 11) + rest) % 11;
  if (k1 === 10) return undefined;
  const k2 = (11 - (weighted([...digits, k1], K2_WEIGHTS) % 11)) % 11;
  if (k2 === 10) return undefined;
  return `${k1}${k2}`;
}

/** Classic validation only (no 2032 rule, no date check): the oracle for "valid only from 2032". */
export function classicChecksumValid(eleven: string): boolean {
  return /^\d{11}$/.test(eleven) && checkDigits(eleven.slice(0, 9), 0) === eleven.slice(9);
}

export interface NationalIdOptions {
  /** D-number: 4 added to the first digit of the day. */
  dNumber?: boolean;
  /** H-number (help number): 4 added to the first digit of the month. */
  hNumber?: boolean;
  /** 0 classic; 1-3 the 2032 rule. */
  rest?: 0 | 1 | 2 | 3;
  /** First individual number (three digits) to try. */
  individual?: number;
}

/**
 * A number with valid check digits for the birth date DDMMYY (the date itself is not checked,
 * so an impossible date gives a number that is only wrong in its date).
 */
export function nationalId(ddmmyy: string, options: NationalIdOptions = {}): string {
  const { dNumber = false, hNumber = false, rest = 0, individual = 123 } = options;
  let prefix = ddmmyy;
  if (dNumber) prefix = `${Number(prefix[0]) + 4}${prefix.slice(1)}`;
  if (hNumber) prefix = `${prefix.slice(0, 2)}${Number(prefix[2]) + 4}${prefix.slice(3)}`;
  for (let i = 0; i < 1000; i++) {
    const nine = `${prefix}${String((individual + i) % 1000).padStart(3, '0')}`;
    const check = checkDigits(nine, rest);
    if (check !== undefined) return nine + check;
  }
  throw new Error(`no valid number for ${ddmmyy}`);
}

/** A valid fødselsnummer used across the suites. */
export const VALID_FNR = nationalId('150385');
