/**
 * Compliance figures (issue "The compliance picture"): the pure core over generated case
 * documents.
 * - every figure for 12 months, for all zones and for each zone, over 100 000 cases (floor 1 s);
 * - one zone and one month (floor 50 ms);
 * first from the documents (each run reads and works out every document it needs), then from
 * the cases' kept facts (kept-case.ts, as the store keeps them beside the cases: what the bot
 * reads), and with 1 % of the cases changed since their facts were kept (read as documents).
 * Each run gets a fresh input object, so nothing of an earlier run's per-input work is reused
 * (the shared caches of local days and deadlines stay warm, as in a running bot). Median of
 * the runs after a warm-up; wall time and the process's CPU time. Prints, asserts nothing.
 * Run: node -r ts-node/register/transpile-only bench/report.bench.ts
 * (BENCH_CASES=20000 and BENCH_RUNS=5 narrow it.)
 *
 * The documents are generated directly (applyCommand recomputes the deadline with Luxon after
 * every command, about 0.4 ms each, so 600 000 commands would take minutes); the generator's
 * state machine is checked against the real domain on the first cases: the same timeline
 * driven through registerReferral / applyCommand / recordCardPosted gives the same actions,
 * states, times and anchors, and every sampled document passes the stored-case schema.
 */
import { performance } from 'node:perf_hooks';
import { type Case, type CaseState, caseSchema, type HistoryEntry } from '../src/domain/case';
import { applyCommand, type CaseCommand, recordCardPosted } from '../src/domain/case-commands';
import { registerReferral } from '../src/domain/referral';
import { computeFigures } from '../src/domain/reports/figures';
import { caseKeeper, type KeptCase } from '../src/domain/reports/kept-case';
import { monthsFrom } from '../src/domain/reports/month';
import {
  DEFAULT_REPORT_TIME_ZONE,
  type EscalationSent,
  type ReportInput,
} from '../src/domain/reports/report-index';
import type { StaffMember } from '../src/domain/roster';
import { workingCalendar } from '../src/domain/working-calendar';
import { defaultRoutine } from '../test/support/domain-fixtures';

const ZONES = ['nord', 'sentrum', 'sor', 'ost', 'vest', 'fjell', 'strand', 'dal'];
const MONTHS = monthsFrom('2026-01', '2026-12');
const AS_OF = new Date('2027-01-15T12:00:00.000Z');
const routine = defaultRoutine();
const policyJson = JSON.stringify(routine.policy);
const calendar = workingCalendar(routine.policy.workingTime);

/** Deterministic: mulberry32. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fve: StaffMember = { id: 'fve-1', name: 'F', roles: ['fve'], zoneIds: [] };
const leaderOf = (zone: string): StaffMember => ({
  id: `leader-${zone}`,
  name: 'L',
  roles: ['leader'],
  zoneIds: ZONES,
});
const nurseOf = (zone: string, n: number): StaffMember => ({
  id: `nurse-${zone}-${n}`,
  name: 'N',
  roles: ['nurse'],
  // Every nurse may work in every zone, so a case moved to another zone keeps its nurse.
  zoneIds: ZONES,
});

/** One step of a generated timeline: a command, the card, or a zone move. */
type Step =
  | { at: number; actor: StaffMember; command: CaseCommand }
  | { at: number; card: true }
  | { at: number; moveTo: string };

interface Plan {
  id: string;
  zone: string;
  seriouslyIll: boolean;
  registerHsyre: boolean;
  hospitalContact: number;
  registered: number;
  steps: Step[];
}

const MINUTE = 60_000;

/** A realistic life of one referral, in working time mostly, never past AS_OF. */
function plan(i: number, random: () => number): Plan {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const work = (from: number, minutes: number) =>
    calendar.addWorkingMinutes(new Date(from), Math.max(1, Math.round(minutes))).getTime();
  const exp = (mean: number) => -Math.log(1 - random()) * mean;
  const zone = pick(ZONES);
  const nurse = nurseOf(zone, Math.floor(random() * 4));
  const other = nurseOf(zone, 4 + Math.floor(random() * 2));
  const yearStart = Date.parse('2026-01-01T00:00:00.000Z');
  const yearMs = Date.parse('2027-01-01T00:00:00.000Z') - yearStart;
  // Registrations in working time on the whole; one in twenty in the evening.
  let registered = work(yearStart + random() * yearMs, 1);
  if (random() < 0.05) registered += (1 + random() * 5) * 60 * MINUTE;
  const lateBy = random() < 0.1 ? exp(3 * 24 * 60) : exp(90);
  const hospitalContact = registered - Math.round(lateBy) * MINUTE;
  const seriouslyIll = random() < 0.3;
  const registerHsyre = random() < 0.9;
  const steps: Step[] = [];
  let t = registered;
  const at = (minutes: number) => {
    t = work(t, minutes);
    return t;
  };
  const p: Plan = {
    id: `case-${i}`,
    zone,
    seriouslyIll,
    registerHsyre,
    hospitalContact,
    registered,
    steps,
  };
  if (!registerHsyre) {
    const r = random();
    if (r < 0.1) {
      steps.push({
        at: at(exp(600)),
        actor: fve,
        command: { type: 'close', reason: 'not_needed' },
      });
      return p;
    }
    if (r < 0.18) {
      steps.push({ at: at(exp(900)), actor: fve, command: { type: 'grantHsy' } });
      steps.push({ at: at(exp(200)), actor: leaderOf(zone), command: { type: 'handOver' } });
      return p;
    }
    steps.push({
      at: at(exp(seriouslyIll ? 600 : 2500)),
      actor: fve,
      command: { type: 'registerHsyre' },
    });
  }
  steps.push({ at: at(1 + random() * 2), card: true });
  if (random() < 0.01)
    steps.push({ at: at(exp(60)), moveTo: pick(ZONES.filter((z) => z !== zone)) });
  if (random() < 0.03) {
    steps.push({ at: at(exp(300)), actor: fve, command: { type: 'close', reason: 'died' } });
    return p;
  }
  let holder = nurse;
  steps.push({ at: at(exp(90)), actor: holder, command: { type: 'claim' } });
  if (random() < 0.05) {
    steps.push({ at: at(exp(30)), actor: holder, command: { type: 'release' } });
    holder = other;
    steps.push({ at: at(exp(60)), actor: holder, command: { type: 'claim' } });
  }
  if (random() < 0.2) {
    steps.push({
      at: at(exp(60)),
      actor: holder,
      command: { type: 'logContact', outcome: 'not_reached' },
    });
  }
  steps.push({
    at: at(exp(120)),
    actor: holder,
    command: { type: 'logContact', outcome: random() < 0.85 ? 'reached' : 'visit_agreed' },
  });
  if (random() < 0.3) {
    steps.push({
      at: at(exp(450)),
      actor: holder,
      command: { type: 'updateChecklist', patch: { assessmentOffered: 'ESAS-r' } },
    });
  }
  for (let round = 0; round < 2 && random() < (round === 0 ? 0.45 : 0.2); round++) {
    steps.push({ at: at(exp(450 * 6)), actor: holder, command: { type: 'reportServicesNeeded' } });
    if (random() < 0.35) {
      steps.push({ at: at(exp(600)), actor: fve, command: { type: 'grantHsy' } });
      steps.push({
        at: random() < 0.7 ? at(exp(60)) : at(450 + exp(450)),
        actor: leaderOf(zone),
        command: { type: 'handOver' },
      });
      return p;
    }
    steps.push({
      at: at(exp(900)),
      actor: fve,
      command: {
        type: 'recordDecision',
        outcome: random() < 0.5 ? 'other_services' : 'no_services',
      },
    });
  }
  if (random() < 0.6) {
    steps.push({
      at: at(exp(450 * 20)),
      actor: fve,
      command: {
        type: 'close',
        reason: pick(['not_needed', 'moved', 'died', 'declined'] as const),
      },
    });
  }
  return p;
}

/** The state machine of case-commands.ts for the commands the generator uses. */
function next(state: CaseState, command: CaseCommand): CaseState {
  switch (command.type) {
    case 'registerHsyre':
    case 'release':
      return 'awaiting_claim';
    case 'claim':
      return 'claimed';
    case 'logContact':
      return state === 'claimed' && command.outcome !== 'not_reached' ? 'in_follow_up' : state;
    case 'reportServicesNeeded':
      return 'services_needed';
    case 'recordDecision':
      return 'in_follow_up';
    case 'grantHsy':
      return 'hsy_granted';
    case 'handOver':
    case 'close':
      return 'closed';
    default:
      return state;
  }
}

function details(command: CaseCommand): HistoryEntry['details'] {
  switch (command.type) {
    case 'logContact':
      return { outcome: command.outcome, visitDate: null, note: null };
    case 'reportServicesNeeded':
      return { note: null };
    case 'recordDecision':
      return { outcome: command.outcome, note: null };
    case 'close':
      return { reason: command.reason, note: null };
    case 'updateChecklist':
      return { ...command.patch };
    default:
      return {};
  }
}

/** The stored document of a plan, written directly (what the store would hold after it). */
function documentOf(p: Plan): Case {
  const iso = (ms: number) => new Date(ms).toISOString();
  const registered = iso(p.registered);
  let state: CaseState = p.registerHsyre ? 'awaiting_claim' : 'referred';
  let zoneId = p.zone;
  const anchors: Case['anchors'] = {
    hospitalContact: iso(p.hospitalContact),
    ...(p.registerHsyre && { hsyreRegistered: registered }),
  };
  const history: HistoryEntry[] = [
    {
      at: registered,
      actorId: fve.id,
      actorRole: 'fve',
      action: 'registerReferral',
      from: null,
      to: state,
      details: { seriouslyIll: p.seriouslyIll, note: null },
      version: 1,
    },
  ];
  let claimedBy: string | null = null;
  for (const step of p.steps) {
    if (step.at > AS_OF.getTime()) break;
    const at = iso(step.at);
    const base = { at, from: state, version: history.length + 1 };
    if ('card' in step) {
      history.push({
        ...base,
        actorId: fve.id,
        actorRole: 'fve',
        action: 'postCard',
        to: state,
        details: {},
      });
    } else if ('moveTo' in step) {
      history.push({
        ...base,
        actorId: 'admin',
        actorRole: 'admin',
        action: 'moveZone',
        to: state,
        details: { fromZone: zoneId, toZone: step.moveTo },
      });
      zoneId = step.moveTo;
    } else {
      const to = next(state, step.command);
      const role = step.actor.roles[0];
      history.push({
        ...base,
        actorId: step.actor.id,
        actorRole: role,
        action: step.command.type,
        to,
        details: details(step.command),
      });
      const type = step.command.type;
      if (type === 'registerHsyre') anchors.hsyreRegistered = at;
      if (type === 'logContact' && state === 'claimed' && to === 'in_follow_up')
        anchors.firstContact ??= at;
      if (type === 'reportServicesNeeded') anchors.servicesReported = at;
      if (type === 'grantHsy') anchors.hsyGranted = at;
      if (type === 'claim') claimedBy = step.actor.id;
      if (type === 'release') claimedBy = null;
      state = to;
    }
  }
  const last = history[history.length - 1].at;
  return {
    id: p.id,
    code: 'AAAAA',
    zoneId,
    seriouslyIll: p.seriouslyIll,
    patientRef: `DIPS-${p.id}`,
    note: null,
    state,
    routineVersion: routine.version,
    // Each document carries its own parsed snapshot, as read from the store.
    policy: JSON.parse(policyJson),
    anchors,
    claimedBy,
    claimedAt: null,
    snoozedUntil: null,
    admitted: false,
    checklist: {
      assessmentOffered: null,
      ipNeeded: null,
      ipMade: false,
      informedAboutServices: false,
    },
    deadline: null,
    nextDueAt: null,
    firstContactMet: null,
    lastContact: null,
    closedReason: state === 'closed' ? 'not_needed' : null,
    card: null,
    history,
    version: history.length,
    createdAt: registered,
    updatedAt: last,
  };
}

/** The same plan through the real domain: the check on the generator. */
function throughDomain(p: Plan): Case {
  const roster = new Map<string, StaffMember>();
  const registered = registerReferral(
    {
      zoneId: p.zone,
      seriouslyIll: p.seriouslyIll,
      hospitalContactAt: new Date(p.hospitalContact).toISOString(),
      patientRef: `DIPS-${p.id}`,
      registerHsyre: p.registerHsyre,
    },
    fve,
    new Date(p.registered),
    routine,
    new Set(ZONES),
    { id: p.id, code: 'AAAAA' },
  );
  if (!registered.ok) throw new Error(`${p.id}: ${registered.error.code}`);
  let c = registered.case;
  for (const step of p.steps) {
    if (step.at > AS_OF.getTime()) break;
    const now = new Date(step.at);
    if ('card' in step) {
      c = recordCardPosted(c, { conversationId: 'c', activityId: p.id }, fve, now);
    } else if ('moveTo' in step) {
      const entry: HistoryEntry = {
        at: now.toISOString(),
        actorId: 'admin',
        actorRole: 'admin',
        action: 'moveZone',
        from: c.state,
        to: c.state,
        details: { fromZone: c.zoneId, toZone: step.moveTo },
        version: c.version + 1,
      };
      c = { ...c, zoneId: step.moveTo, history: [...c.history, entry] };
    } else {
      const r = applyCommand(c, step.command, step.actor, now, roster);
      if (!r.ok) throw new Error(`${p.id}: ${step.command.type} refused: ${r.error.code}`);
      c = r.case;
    }
    c = { ...c, version: c.version + 1 };
  }
  return c;
}

function checkGenerator(plans: Plan[]) {
  for (const p of plans) {
    const fast = documentOf(p);
    const real = throughDomain(p);
    caseSchema.parse(fast);
    const shape = (c: Case) => c.history.map((h) => `${h.at} ${h.action} ${h.from}->${h.to}`);
    if (JSON.stringify(shape(fast)) !== JSON.stringify(shape(real))) {
      throw new Error(`generator differs from the domain for ${p.id}`);
    }
    if (
      JSON.stringify(fast.anchors) !== JSON.stringify(real.anchors) ||
      fast.state !== real.state
    ) {
      throw new Error(`generator's anchors or state differ from the domain for ${p.id}`);
    }
  }
}

/** Escalations as the markers would have them: levels sent for the case's deadlines. */
function escalationsOf(cases: readonly Case[], random: () => number): EscalationSent[] {
  const events: EscalationSent[] = [];
  for (const c of cases) {
    const registered = Date.parse(c.history[0].at);
    if (random() < 0.5) {
      events.push({
        caseId: c.id,
        level: 'reminder',
        at: new Date(registered + 4 * 3_600_000).toISOString(),
      });
    }
    if (random() < 0.15) {
      events.push({
        caseId: c.id,
        level: 'overdue',
        at: new Date(registered + 6 * 3_600_000).toISOString(),
      });
      if (random() < 0.3) {
        events.push({
          caseId: c.id,
          level: 'fve',
          at: new Date(registered + 30 * 3_600_000).toISOString(),
        });
      }
    }
  }
  return events;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Wall time is what a user waits; on a shared 2-core machine it also holds the other
 * processes' turns, so the process's CPU time (all its threads: the collector runs beside
 * the main thread) is printed next to it.
 */
function measure(name: string, floorMs: number, runs: number, fn: () => void) {
  fn(); // warm-up: the shared caches of local days and deadlines fill here
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    cpu.push(cpuMs() - c0);
  }
  const m = median(wall);
  const range = [...wall].sort((a, b) => a - b);
  console.log(
    `${name.padEnd(52)} median ${m.toFixed(1).padStart(7)} ms (cpu ${median(cpu).toFixed(1).padStart(7)} ms)   floor ${String(floorMs).padStart(4)} ms   ${(m / floorMs).toFixed(2)}x   ${runs} runs ${range[0].toFixed(0)}-${range[range.length - 1].toFixed(0)} ms`,
  );
}

function main() {
  const total = Number(process.env.BENCH_CASES ?? 100_000);
  const runs = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
  const random = rng(20260);
  const t0 = performance.now();
  const plans = Array.from({ length: total }, (_, i) => plan(i, random));
  checkGenerator(plans.slice(0, 300));
  const cases = plans.map(documentOf);
  const escalations = escalationsOf(cases, random);
  const entries = cases.reduce((n, c) => n + c.history.length, 0);
  const open = cases.filter((c) => c.state !== 'closed').length;
  console.log(
    `${total} cases (${entries} history entries, ${open} open at ${AS_OF.toISOString()}), ${escalations.length} escalations, ${ZONES.length} zones; generated and checked in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const fresh = (docs: readonly Case[] = cases, kept: readonly KeptCase[] = []): ReportInput => ({
    cases: docs,
    kept,
    escalations,
    asOf: AS_OF,
  });
  const twelveMonths = (input: ReportInput) => {
    for (const month of MONTHS) {
      computeFigures(input, month, null);
      for (const zone of ZONES) computeFigures(input, month, zone);
    }
  };
  const label = (what: string) => `${what}, ${total} cases`;

  console.log('\nWithout a cache: every case document is read and worked out in each run.');
  let sample = computeFigures(fresh(), '2026-06', 'nord');
  measure(label(`12 months x (all zones + ${ZONES.length} zones)`), 1000, runs, () =>
    twelveMonths(fresh()),
  );
  measure(label('one zone, one month (nord, 2026-06)'), 50, Math.max(runs, 11), () => {
    sample = computeFigures(fresh(), '2026-06', 'nord');
  });
  measure(label('all zones, one month (2026-06)'), 50, Math.max(runs, 11), () => {
    computeFigures(fresh(), '2026-06', null);
  });

  console.log(
    '\nFrom kept facts: every case read from the facts worked out when it was saved;\n' +
      '"1 % changed" reads 1 % of the cases from their documents instead (facts out of date).',
  );
  const keep = caseKeeper(DEFAULT_REPORT_TIME_ZONE, AS_OF.getTime());
  const kept = cases.map((c) => {
    const k = keep(c);
    if (!k) throw new Error(`${c.id}: no facts`);
    return k;
  });
  measure(label(`12 months x (all zones + ${ZONES.length} zones), kept`), 1000, runs, () =>
    twelveMonths(fresh([], kept)),
  );
  measure(label('one zone, one month (nord, 2026-06), kept'), 50, Math.max(runs, 11), () => {
    const figures = computeFigures(fresh([], kept), '2026-06', 'nord');
    if (JSON.stringify(figures) !== JSON.stringify(sample))
      throw new Error('kept facts changed figures');
  });
  const changedDocs = cases.filter((_, i) => i % 100 === 0);
  const unchanged = kept.filter((_, i) => i % 100 !== 0);
  measure(
    label(`12 months x (all zones + ${ZONES.length} zones), kept, 1 % changed`),
    1000,
    runs,
    () => twelveMonths(fresh(changedDocs, unchanged)),
  );

  console.log('\nnord, 2026-06:');
  for (const row of sample.figures)
    console.log(`  ${row.id.padEnd(34)} ${JSON.stringify(row.value)}`);
}

main();
