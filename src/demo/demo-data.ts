import type { CaseService } from '../app/case-service';
import type { CaseCommand } from '../domain/case-commands';
import type { Clock } from '../domain/clock';
import { addDays, localDay } from '../domain/competence/plan';
import { addActivity, newCompetenceRecord } from '../domain/competence/record';
import type { StaffMember } from '../domain/roster';
import type { Zone } from '../domain/zone';
import type { Store } from '../store/port';

/**
 * Demo roster: the Entra object ids are those of the users of Microsoft's local Teams emulator
 * (Agents Playground), so a newcomer can try every role there. Never load this in production.
 */
const playgroundUser = (n: number) => `00000000-0000-0000-0000-00000000000${20 + n}`;

export const DEMO_ZONES: Zone[] = [
  { id: 'nord', name: 'Sone Nord', channel: null },
  { id: 'sentrum', name: 'Sone Sentrum', channel: null },
  { id: 'sor', name: 'Sone Sør', channel: null },
];

/**
 * The emulator sends `locale: "en-US"` on every activity whatever the browser's language, so the
 * demo roster sets Norwegian explicitly (a roster locale wins over the Teams client's).
 */
export const DEMO_STAFF: StaffMember[] = [
  {
    id: playgroundUser(0),
    name: 'Alex Wilber',
    roles: ['fve', 'nurse', 'leader', 'admin'],
    zoneIds: ['sentrum'],
    locale: 'nb',
  },
  {
    id: playgroundUser(1),
    name: 'Megan Bowen',
    roles: ['nurse'],
    zoneIds: ['sentrum'],
    locale: 'nb',
  },
  { id: playgroundUser(2), name: 'Adele Vance', roles: ['nurse'], zoneIds: ['nord'], locale: 'nb' },
  {
    id: playgroundUser(3),
    name: 'Isaiah Langer',
    roles: ['leader'],
    zoneIds: ['nord', 'sentrum'],
    locale: 'nb',
  },
  {
    id: playgroundUser(4),
    name: 'Patti Fernandez',
    roles: ['fve'],
    zoneIds: [],
    locale: 'nb',
  },
  {
    id: playgroundUser(5),
    name: 'Lynne Robbins',
    roles: ['nurse', 'leader'],
    zoneIds: ['sor'],
    locale: 'nb',
  },
];

const staff = (n: number) => DEMO_STAFF[n];

interface DemoCase {
  zoneId: string;
  seriouslyIll: boolean;
  hoursSinceHospitalContact: number;
  patientRef: string;
  registerHsyre: boolean;
  steps: { by: StaffMember; command: CaseCommand }[];
}

const DEMO_CASES: DemoCase[] = [
  {
    zoneId: 'nord',
    seriouslyIll: false,
    hoursSinceHospitalContact: 26,
    patientRef: 'DEMO-1001',
    registerHsyre: false,
    steps: [],
  },
  {
    zoneId: 'sentrum',
    seriouslyIll: true,
    hoursSinceHospitalContact: 20,
    patientRef: 'DEMO-1002',
    registerHsyre: true,
    steps: [],
  },
  {
    zoneId: 'nord',
    seriouslyIll: false,
    hoursSinceHospitalContact: 50,
    patientRef: 'DEMO-1003',
    registerHsyre: true,
    steps: [{ by: staff(2), command: { type: 'claim' } }],
  },
  {
    zoneId: 'sentrum',
    seriouslyIll: false,
    hoursSinceHospitalContact: 120,
    patientRef: 'DEMO-1004',
    registerHsyre: true,
    steps: [
      { by: staff(1), command: { type: 'claim' } },
      { by: staff(1), command: { type: 'logContact', outcome: 'reached' } },
    ],
  },
  {
    zoneId: 'sor',
    seriouslyIll: true,
    hoursSinceHospitalContact: 72,
    patientRef: 'DEMO-1005',
    registerHsyre: true,
    steps: [
      { by: staff(5), command: { type: 'claim' } },
      {
        by: staff(5),
        command: { type: 'logContact', outcome: 'visit_agreed', visitDate: '2026-01-05' },
      },
      { by: staff(5), command: { type: 'reportServicesNeeded' } },
    ],
  },
];

/**
 * Fills an empty store with three zones, a roster and a few cases in different states, all
 * through the same service the bot uses. Does nothing when any zone exists, so a restart keeps
 * whatever the demo user did.
 */
export async function seedDemoData(
  store: Store,
  cases: CaseService,
  clock: Clock,
): Promise<boolean> {
  if ((await store.zones.list()).length > 0) return false;
  for (const zone of DEMO_ZONES) await store.zones.put(zone);
  for (const member of DEMO_STAFF) await store.roster.put(member);
  const fve = staff(4);
  for (const demo of DEMO_CASES) {
    const hospitalContactAt = new Date(
      clock.now().getTime() - demo.hoursSinceHospitalContact * 3_600_000,
    );
    const registered = await cases.register(
      {
        zoneId: demo.zoneId,
        seriouslyIll: demo.seriouslyIll,
        hospitalContactAt: hospitalContactAt.toISOString(),
        patientRef: demo.patientRef,
        registerHsyre: demo.registerHsyre,
      },
      fve,
    );
    if (!registered.ok) throw new Error(`demo case refused: ${registered.error.code}`);
    for (const step of demo.steps) {
      const result = await cases.execute(registered.case.id, step.command, step.by);
      if (!result.ok)
        throw new Error(`demo step ${step.command.type} refused: ${result.error.code}`);
    }
  }
  await seedCompetenceDemo(store, clock);
  return true;
}

/**
 * Competence plans to look at with `kompetanse`: Megan Bowen appointed five months ago with one
 * gathering, Adele Vance appointed years ago with nothing yet this year. Made through the
 * domain's own functions; the deadline engine schedules them on its first pass (nextDueAt now).
 */
async function seedCompetenceDemo(store: Store, clock: Clock): Promise<void> {
  const now = clock.now();
  const today = localDay(now, 'Europe/Oslo');
  const megan = staff(1);
  const record = { ...newCompetenceRecord(megan.id, now), appointedAt: addDays(today, -150) };
  const withGathering = addActivity(
    record,
    { kind: 'gathering', nurseId: megan.id, date: addDays(today, -20), hours: 6 },
    { actor: megan, nurse: megan, now, timeZone: 'Europe/Oslo', id: 'demo-gathering-1' },
  );
  if (!withGathering.ok) throw new Error('demo activity refused');
  const adele = staff(2);
  for (const r of [
    withGathering.record,
    { ...newCompetenceRecord(adele.id, now), appointedAt: '2021-08-16', level: 'B' as const },
  ]) {
    await store.competence.createRecord({ ...r, nextDueAt: now.toISOString() });
  }
}
