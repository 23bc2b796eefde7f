import { DateTime } from 'luxon';
import { z } from 'zod/v4';
import type { Clock } from '../domain/clock';
import { type ReferralInput, referralInputSchema } from '../domain/referral';
import { hasRole, type StaffMember } from '../domain/roster';
import type { Zone } from '../domain/zone';
import { activeZones } from '../domain/zone-admin';
import type { Store } from '../store/port';
import type { CaseWorkflow } from './case-workflow';
import { type CaseReply, type MessageReply, message, refusal } from './reply';

const toggle = z.enum(['true', 'false']).transform((v) => v === 'true');

/** What the form's inputs send; every value arrives as a string. */
const formSchema = z.object({
  zoneId: z.string().min(1),
  seriouslyIll: toggle.default(false),
  hospitalContactDate: z.iso.date(),
  hospitalContactTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  patientRef: z.string().trim().min(1),
  note: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
  registerHsyre: toggle.default(true),
});

/** The referral form to show (again), with its zones, today's date and time, and a message. */
export interface FormReply {
  kind: 'referralForm';
  zones: Pick<Zone, 'id' | 'name'>[];
  /** Local date and time in the routine's time zone, the form's defaults. */
  today: string;
  nowTime: string;
  message?: MessageReply;
}

const fieldsOf = (issues: { path: PropertyKey[] }[]) =>
  [...new Set(issues.map((i) => String(i.path[0] ?? '')))].join(', ');

/**
 * `ny` and the form's "Registrer": FVE registers a referral from Teams, through the same
 * workflow as the REST intake. The hospital's contact time is read in the routine's time zone.
 * A refusal shows the form again with the reason; nothing is stored.
 */
export function createReferralForm(deps: {
  store: Store;
  workflow: CaseWorkflow;
  clock: Clock;
  timeZone: string;
}) {
  const { store, workflow, clock, timeZone } = deps;

  async function form(reason?: MessageReply): Promise<FormReply> {
    const now = DateTime.fromJSDate(clock.now(), { zone: timeZone });
    const zones = activeZones(await store.zones.list());
    return {
      kind: 'referralForm',
      zones: zones.map((z) => ({ id: z.id, name: z.name })),
      today: now.toISODate() ?? '',
      nowTime: now.toFormat('HH:mm'),
      message: reason,
    };
  }

  async function open(member: StaffMember | undefined): Promise<FormReply | MessageReply> {
    if (!member || !hasRole(member, 'fve')) return message('cases.messages.onlyFve');
    if (activeZones(await store.zones.list()).length === 0)
      return message('cases.messages.noZones');
    return form();
  }

  async function submit(
    member: StaffMember | undefined,
    data: unknown,
  ): Promise<FormReply | CaseReply | MessageReply> {
    if (!member || !hasRole(member, 'fve')) return message('cases.messages.onlyFve');
    const values = formSchema.safeParse(data);
    if (!values.success) {
      return form(message('cases.messages.invalidForm', { fields: fieldsOf(values.error.issues) }));
    }
    const { hospitalContactDate, hospitalContactTime, ...rest } = values.data;
    const hospitalContactAt = DateTime.fromISO(`${hospitalContactDate}T${hospitalContactTime}`, {
      zone: timeZone,
    }).toISO();
    const input = referralInputSchema.safeParse({ ...rest, hospitalContactAt });
    if (!input.success) {
      return form(message('cases.messages.invalidForm', { fields: fieldsOf(input.error.issues) }));
    }
    const result = await workflow.register(input.data as ReferralInput, member, 'personal');
    if (!result.ok) return form(refusal(result.error, new Map()));
    const c = result.case;
    const zoneName = (await store.zones.get(c.zoneId))?.name ?? c.zoneId;
    const note =
      c.state === 'referred'
        ? message('cases.messages.referredOnly', { code: c.code })
        : message(result.cardPosted ? 'cases.messages.posted' : 'cases.messages.notPosted', {
            zone: zoneName,
          });
    const good = result.cardPosted || c.state === 'referred';
    return {
      kind: 'case',
      case: c,
      view: 'personal',
      note: { ...note, tone: good ? 'good' : 'attention' },
      // Just registered: the history would only repeat what FVE has done a moment ago.
      history: false,
    };
  }

  return { open, submit };
}

export type ReferralForm = ReturnType<typeof createReferralForm>;
