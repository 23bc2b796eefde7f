import { DateTime } from 'luxon';
import { z } from 'zod/v4';
import type { Clock } from '../domain/clock';
import { pathwayInputSchema } from '../domain/pathway/pathway';
import { hasRole, type StaffMember } from '../domain/roster';
import type { Zone } from '../domain/zone';
import type { Store } from '../store/port';
import type { CaseView } from './case-reads';
import { type PathwayReply, pathwayRefusal } from './pathway-reply';
import type { PathwayWorkflow } from './pathway-workflow';
import { type MessageReply, message } from './reply';

const toggle = z.enum(['true', 'false']).transform((v) => v === 'true');
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined);

/** What the form's inputs send; every value arrives as a string. */
const formSchema = z.object({
  zoneId: z.string().min(1),
  patientRef: z.string().trim().min(1),
  diagnosisDate: z.iso.date(),
  hasServices: toggle.default(false),
  gpAgreement: toggle.default(false),
  caseCode: optionalText,
});

/** The registration form to show (again), with its zones, today's date and a message. */
export interface PathwayFormReply {
  kind: 'pathwayForm';
  zones: Pick<Zone, 'id' | 'name'>[];
  /** The local date in the routine's time zone, the latest diagnosis date the form allows. */
  today: string;
  message?: MessageReply;
}

const fieldsOf = (issues: { path: PropertyKey[] }[]) =>
  [...new Set(issues.map((i) => String(i.path[0] ?? '')))].join(', ');

/**
 * `ny pakkeforløp` and the form's "Registrer": FVE registers a pathway from Teams, through the
 * same workflow as the REST intake. A refusal shows the form again with the reason; nothing is
 * stored.
 */
export function createPathwayForm(deps: {
  store: Store;
  workflow: PathwayWorkflow;
  clock: Clock;
  timeZone: string;
}) {
  const { store, workflow, clock, timeZone } = deps;

  async function form(reason?: MessageReply): Promise<PathwayFormReply> {
    const zones = await store.zones.list();
    return {
      kind: 'pathwayForm',
      zones: zones.map((z) => ({ id: z.id, name: z.name })),
      today: DateTime.fromJSDate(clock.now(), { zone: timeZone }).toISODate() ?? '',
      message: reason,
    };
  }

  /** In a personal chat only: a channel may drop a card's inputs, and everyone there sees them. */
  async function open(
    member: StaffMember | undefined,
    view: CaseView = 'personal',
  ): Promise<PathwayFormReply | MessageReply> {
    if (!member || !hasRole(member, 'fve')) return message('pathways.messages.onlyFve');
    if (view !== 'personal') return message('pathways.messages.personalOnly');
    if ((await store.zones.list()).length === 0) return message('pathways.messages.noZones');
    return form();
  }

  async function submit(
    member: StaffMember | undefined,
    data: unknown,
  ): Promise<PathwayFormReply | PathwayReply | MessageReply> {
    if (!member || !hasRole(member, 'fve')) return message('pathways.messages.onlyFve');
    const values = formSchema.safeParse(data);
    const input = values.success ? pathwayInputSchema.safeParse(values.data) : values;
    if (!input.success) {
      return form(
        message('pathways.messages.invalidForm', { fields: fieldsOf(input.error.issues) }),
      );
    }
    const result = await workflow.register(input.data, member, 'personal');
    if (!result.ok) return form(pathwayRefusal(result.error, new Map()));
    const p = result.pathway;
    const zoneName = (await store.zones.get(p.zoneId))?.name ?? p.zoneId;
    const note = message(
      'pathways.messages.registered',
      { code: p.code, zone: zoneName },
      { dates: { notice2: p.points[0].noticeAt, notice3: p.points[1].noticeAt } },
    );
    return {
      kind: 'pathway',
      pathway: p,
      point: null,
      view: 'personal',
      note: { ...note, tone: 'good' },
      // Just registered: the history would only repeat what FVE has done a moment ago.
      history: false,
    };
  }

  return { open, submit };
}

export type PathwayForm = ReturnType<typeof createPathwayForm>;
