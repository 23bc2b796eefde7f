import { DateTime } from 'luxon';
import type { Case } from '../../src/domain/case';
import { applyCommand, type CaseCommand, recordCardPosted } from '../../src/domain/case-commands';
import { registerReferral } from '../../src/domain/referral';
import type { StaffMember } from '../../src/domain/roster';
import type { Routine } from '../../src/domain/routine';

/*
 * Case histories for the compliance figures, made by the real domain commands on a seeded
 * random timeline: the report API test, the browser test and the bench read the same kind of
 * data the bot writes. Deterministic for a seed, so a failing figure can be reproduced.
 */

/** mulberry32: small, fast and good enough to spread events; not for anything secret. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY3467';

/** A unique five-symbol case code for index `i` (24^5 codes, so up to 7.9 million cases). */
export function codeFor(i: number): string {
  let code = '';
  let n = i;
  for (let p = 0; p < 5; p++) {
    code += CODE_ALPHABET[n % 24];
    n = Math.floor(n / 24);
  }
  return code;
}

export interface ReportCaseOptions {
  count: number;
  routine: Routine;
  /** Zone id → the nurses who work there. */
  nurses: Readonly<Record<string, readonly StaffMember[]>>;
  fve: StaffMember;
  leaders: Readonly<Record<string, StaffMember>>;
  /** Hospital contacts fall in [from, to); nothing happens after `to` (the report's now). */
  from: Date;
  to: Date;
  seed?: number;
  /** Ids are `${idPrefix}${i}`. */
  idPrefix?: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * `count` cases with hospital contacts spread over the window, each driven as far as its own
 * random story goes before `to`: most are claimed and phoned in time, some late, some never;
 * some need services, are granted HSY and handed over; some are closed early.
 */
export function reportCases(options: ReportCaseOptions): Case[] {
  const { routine, nurses, fve, leaders, from, to } = options;
  const rnd = random(options.seed ?? 42);
  const zoneIds = Object.keys(nurses);
  const roster = new Map<string, StaffMember>(
    [fve, ...Object.values(leaders), ...Object.values(nurses).flat()].map((m) => [m.id, m]),
  );
  const known = new Set(zoneIds);
  const zone = routine.policy.workingTime.timeZone;
  const end = to.getTime();
  const span = end - from.getTime();
  const cases: Case[] = [];

  for (let i = 0; i < options.count; i++) {
    const zoneId = zoneIds[i % zoneIds.length];
    const staff = nurses[zoneId];
    // A working-day morning or afternoon in Oslo, most of the time.
    const day = DateTime.fromMillis(from.getTime() + Math.floor(rnd() * span), { zone }).set({
      hour: 7 + Math.floor(rnd() * 9),
      minute: Math.floor(rnd() * 60),
    });
    const hospitalContact = day.toJSDate();
    let at = hospitalContact.getTime() + Math.floor(rnd() * 3 * HOUR);
    if (at > end) continue;
    const ill = rnd() < 0.3;
    const withHsyre = rnd() < 0.9;
    const registered = registerReferral(
      {
        zoneId,
        seriouslyIll: ill,
        hospitalContactAt: hospitalContact.toISOString(),
        patientRef: `DIPS-${100000 + i}`,
        registerHsyre: withHsyre,
      },
      fve,
      new Date(at),
      routine,
      known,
      { id: `${options.idPrefix ?? 'rc-'}${i}`, code: codeFor(i) },
    );
    if (!registered.ok) continue;
    let c = registered.case;
    const step = (command: CaseCommand, actor: StaffMember, delay: number): boolean => {
      const next = at + Math.max(MINUTE, Math.floor(delay));
      if (next > end) return false;
      const result = applyCommand(c, command, actor, new Date(next), roster);
      if (!result.ok) return false;
      at = next;
      c = { ...result.case, version: c.version + 1 };
      return true;
    };
    const posted = () => {
      c = {
        ...recordCardPosted(
          c,
          { conversationId: `19:${zoneId}`, activityId: `a${i}` },
          fve,
          new Date(at + MINUTE),
        ),
        version: c.version + 1,
      };
      at += MINUTE;
    };

    if (!withHsyre) {
      // FVE assesses within days (sometimes later than the deadline allows).
      if (rnd() < 0.08) {
        step({ type: 'close', reason: 'declined' }, fve, rnd() * 5 * DAY);
        cases.push(c);
        continue;
      }
      if (!step({ type: 'registerHsyre' }, fve, rnd() * (ill ? 4 : 16) * DAY)) {
        cases.push(c);
        continue;
      }
    }
    if (at + MINUTE <= end) posted();
    const nurse = staff[Math.floor(rnd() * staff.length)];
    // Mostly claimed within the hour, a tail up to a day and a half; a few wait, a few are
    // given to a nurse by the leader.
    const wait = rnd() < 0.85 ? 5 * MINUTE + rnd() * HOUR : rnd() * 1.5 * DAY;
    const claimed =
      rnd() < 0.05
        ? step({ type: 'reassign', nurseId: nurse.id }, leaders[zoneId], wait)
        : rnd() < 0.97 && step({ type: 'claim' }, nurse, wait);
    if (!claimed) {
      cases.push(c);
      continue;
    }
    if (rnd() < 0.15) step({ type: 'logContact', outcome: 'not_reached' }, nurse, rnd() * 3 * HOUR);
    const outcome = rnd() < 0.2 ? 'visit_agreed' : 'reached';
    const call = rnd() < 0.9 ? 5 * MINUTE + rnd() * 2 * HOUR : rnd() * 2 * DAY;
    if (!step({ type: 'logContact', outcome }, nurse, call)) {
      cases.push(c);
      continue;
    }
    const story = rnd();
    if (story < 0.35) {
      if (step({ type: 'reportServicesNeeded' }, nurse, rnd() * 10 * DAY)) {
        if (rnd() < 0.6) {
          if (step({ type: 'grantHsy' }, fve, rnd() * 5 * DAY) && rnd() < 0.8) {
            step({ type: 'handOver' }, leaders[zoneId], rnd() < 0.7 ? HOUR : 2 * DAY);
          }
        } else {
          step({ type: 'recordDecision', outcome: 'other_services' }, fve, rnd() * 5 * DAY);
        }
      }
    } else if (story < 0.7) {
      step({ type: 'close', reason: 'not_needed' }, fve, 7 * DAY + rnd() * 30 * DAY);
    }
    cases.push(c);
  }
  return cases;
}

/**
 * `copies` copies of `cases` with fresh ids, codes and record references, each moved by whole
 * weeks (the weekday stays, so working hours mostly do too) and into the next zone: many
 * histories at the cost of a few. A copy's history is still one the bot could have written
 * for its own dates, except that a holiday the original missed may now fall inside it.
 */
export function replicate(
  cases: readonly Case[],
  copies: number,
  zoneIds: readonly string[],
): Case[] {
  const out: Case[] = [];
  const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
  for (let j = 0; j < copies; j++) {
    const weeks = (j % 9) - 4;
    const ms = weeks * 7 * DAY;
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i];
      const n = j * cases.length + i;
      const moveAnchor = Object.fromEntries(
        Object.entries(c.anchors).map(([k, v]) => [k, v === undefined ? v : shift(v, ms)]),
      );
      out.push({
        ...c,
        id: `${c.id}-x${j}`,
        code: codeFor(n),
        patientRef: `DIPS-${1000000 + n}`,
        zoneId: zoneIds[(zoneIds.indexOf(c.zoneId) + j) % zoneIds.length],
        anchors: moveAnchor,
        claimedAt: c.claimedAt && shift(c.claimedAt, ms),
        snoozedUntil: c.snoozedUntil && shift(c.snoozedUntil, ms),
        deadline: c.deadline && { ...c.deadline, dueAt: shift(c.deadline.dueAt, ms) },
        nextDueAt: c.nextDueAt && shift(c.nextDueAt, ms),
        lastContact: c.lastContact && { ...c.lastContact, at: shift(c.lastContact.at, ms) },
        history: c.history.map((h) => ({ ...h, at: shift(h.at, ms) })),
        createdAt: shift(c.createdAt, ms),
        updatedAt: shift(c.updatedAt, ms),
      });
    }
  }
  return out;
}
