/**
 * The competence plan's zone overview for 200 nurses with 20 activities each: the pure core
 * (every nurse's plan evaluated, sorted and flattened to table rows), the card a leader gets
 * (evaluation and the bound template) and the CSV export, median and p99 over 200 runs
 * after a warm-up, beside the floor of 50 ms. Wall time is what a leader waits; CPU time (this
 * process, user + system) is shown too, since on a shared machine the wall p99 is mostly other
 * work. Prints, asserts nothing.
 * Run: node -r ts-node/register/transpile-only bench/competence.bench.ts
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'csv-stringify/sync';
import type { CompetenceOverviewReply } from '../src/app/competence-reply';
import { loadCompetence } from '../src/config/competence-file';
import { ACTIVITY_KINDS, type Activity, activitySchema } from '../src/domain/competence/activity';
import { addDays, type OverviewNurse, zoneOverview } from '../src/domain/competence/plan';
import {
  type CompetenceConfig,
  competenceConfigSchema,
} from '../src/domain/competence/requirements';
import { createTranslator } from '../src/i18n/i18n';
import { competenceOverviewCard } from '../src/teams/competence-card';

const NURSES = 200;
const ACTIVITIES_EACH = 20;
const WARM_UP = 10;
const RUNS = 200;
const FLOOR_MS = 50;
const TIME_ZONE = 'Europe/Oslo';
const AS_OF = new Date('2027-10-15T08:00:00Z');

/** A fixed pseudo-random sequence, so every run measures the same zone. */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function zone(): { nurses: OverviewNurse[]; activities: Map<string, Activity[]> } {
  const random = lcg(2027);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const nurses: OverviewNurse[] = [];
  const activities = new Map<string, Activity[]>();
  for (let n = 0; n < NURSES; n++) {
    const id = `nurse-${n}`;
    // Appointed over the last eight years, a fifth of them within the last two.
    const appointedAt = addDays(
      '2027-10-15',
      -Math.floor(random() < 0.2 ? random() * 730 : random() * 2920),
    );
    nurses.push({
      id,
      name: `Sykepleier ${n}`,
      appointedAt,
      level: pick(['A', 'B', 'B', 'C'] as const),
    });
    const list: Activity[] = [];
    for (let a = 0; a < ACTIVITIES_EACH; a++) {
      const kind = pick(ACTIVITY_KINDS);
      const date = addDays('2027-10-15', -Math.floor(random() * 730));
      const byLeader = random() < 0.3;
      list.push(
        activitySchema.parse({
          id: `${id}-a${a}`,
          nurseId: id,
          kind,
          date,
          ...(kind === 'jobShadowing'
            ? { days: 1 + Math.floor(random() * 3) }
            : { hours: 0.5 + Math.floor(random() * 30) / 4 }),
          ...(kind === 'introductionCourse' ? { withLeader: random() < 0.8 } : {}),
          ...(kind === 'leaderMeeting' && byLeader && random() < 0.5
            ? { confirmedByNurse: { at: `${date}T12:00:00.000Z` } }
            : {}),
          recordedBy: byLeader ? 'leader' : id,
          recordedAt: `${date}T12:00:00.000Z`,
          ...(random() < 0.05
            ? { status: 'withdrawn', withdrawnBy: id, withdrawnAt: `${date}T13:00:00.000Z` }
            : { status: 'active' }),
        }),
      );
    }
    activities.set(id, list);
  }
  return { nurses, activities };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Times `run` (which answers how many rows it made) and prints the figures beside the floor. */
function measure(name: string, run: () => number) {
  let rows = 0;
  for (let i = 0; i < WARM_UP; i++) run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    rows = run();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const w = [...wall].sort((a, b) => a - b);
  const u = [...cpu].sort((a, b) => a - b);
  const ms = (x: number) => `${x.toFixed(2).padStart(6)} ms`;
  const verdict = (x: number) => (x <= FLOOR_MS ? 'within' : 'OVER');
  console.log(`${name} (${rows} rows)`);
  console.log(
    `  wall  median=${ms(percentile(w, 50))}  p99=${ms(percentile(w, 99))}  floor=${FLOOR_MS} ms  median ${verdict(percentile(w, 50))}, p99 ${verdict(percentile(w, 99))}`,
  );
  console.log(
    `  cpu   median=${ms(percentile(u, 50))}  p99=${ms(percentile(u, 99))}  floor=${FLOOR_MS} ms  median ${verdict(percentile(u, 50))}, p99 ${verdict(percentile(u, 99))}`,
  );
}

function main() {
  const shipped = loadCompetence(path.join(__dirname, '..', 'config', 'competence.json'));
  console.log(
    `zone overview: ${NURSES} nurses × ${ACTIVITIES_EACH} activities, warm-up ${WARM_UP}, ${RUNS} runs, node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} CPUs`,
  );
  const { nurses, activities } = zone();
  const overviewOf = (config: CompetenceConfig) =>
    zoneOverview(nurses, activities, config, AS_OF, TIME_ZONE);
  measure('zoneOverview, calendar years (shipped)', () => overviewOf(shipped).table.rows.length);
  const byAppointment = competenceConfigSchema.parse({
    ...shipped,
    year: { basis: 'appointment' },
  });
  measure('zoneOverview, appointment years', () => overviewOf(byAppointment).table.rows.length);

  // What the leader waits for after the store has answered: the evaluation, the card as Teams
  // gets it (template bound, strings in Bokmål) and the CSV export of the same overview.
  const t = createTranslator('nb').forLocale('nb');
  const reply = (config: CompetenceConfig): CompetenceOverviewReply => ({
    kind: 'competenceOverview',
    zone: { id: 'nord', name: 'Sone Nord' },
    overview: overviewOf(config),
    notEvaluated: [],
  });
  measure('overview card (evaluate + render, nb)', () => {
    const card = competenceOverviewCard(reply(shipped), { t, locale: 'nb', timeZone: TIME_ZONE });
    return (card.body as unknown[]).length;
  });
  measure('overview CSV (evaluate + csv-stringify)', () => {
    const { header, rows } = overviewOf(shipped).table;
    return stringify([header, ...rows]).split('\n').length - 2;
  });
}

main();
