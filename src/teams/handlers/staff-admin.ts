import { type Activity, CardFactory, TeamsInfo, type TurnContext } from 'botbuilder';
import type { AccessVia } from '../../app/access-log';
import type {
  ConfirmReply,
  StaffEntry,
  StaffListReply,
  ZoneSummary,
} from '../../app/admin-replies';
import { type MessageReply, message } from '../../app/reply';
import type { NameOf, StaffAdmin } from '../../app/staff-admin';
import type { ZoneAdmin } from '../../app/zone-admin';
import {
  type BudgetedList,
  jsonBytes,
  type ListBudget,
  withinBudget,
} from '../../domain/list-budget';
import { roleSchema } from '../../domain/roster';
import { formatDateTime } from '../../i18n/format';
import type { Choice, ConfirmCardData, Fact, StaffCardData } from '../card-data';
import { renderCard } from '../card-renderer';
import { replyText } from '../reply-text';
import type { Caller } from '../turn-context';
import { formString, isPersonal, replyColor } from './zones-admin';

/** `ansatte [sone] [fra]` / `staff [zone] [from]`: `ansatte nord 16` shows nord from the 16th. */
export const STAFF_PATTERN = /^\s*(?:ansatte|staff)(?:\s+(?!\d+\s*$)(\S+))?(?:\s+(\d{1,6}))?\s*$/i;
/** `fratre` / `step down`: a resource nurse gives up the role, after a confirmation. */
export const STEP_DOWN_PATTERN = /^\s*(?:fratre|step\s+down)\s*$/i;
/** staff.add, staff.setRoles, staff.setZones, staff.remove, staff.dismiss, staff.stepDown… */
export const STAFF_VERB_PREFIX = 'staff.';
export const STEP_DOWN_VERB = 'staff.stepDown';
export const STEP_DOWN_CANCEL_VERB = 'staff.stepDownCancel';

/**
 * Every person carries a form (roles and zones to choose from), so a card holds fewer people
 * than a due list does; the size limit is the due list's (Teams refuses about 100 KB).
 */
export const STAFF_LIST_BUDGET: ListBudget = { maxItems: 15, maxBytes: 40_000 };
/** The newest changes shown under each person; the count of the older ones below. */
const CHANGES_SHOWN = 3;
const BUTTONS_PER_ROW = 3;

const PEOPLE_DIRECTORY = 'graph.microsoft.com/users';
/** In a channel the picker searches only the channel's members (see PLATFORM-NOTES). */
const PEOPLE_IN_CONTEXT = 'graph.microsoft.com/users?scope=currentContext';

export interface StaffHandlerDeps {
  staff: StaffAdmin;
  zones: ZoneAdmin;
  timeZone: string;
  budget?: ListBudget;
}

export const viaOf = (context: TurnContext): AccessVia =>
  isPersonal(context) ? 'personal' : 'channel';

/**
 * The use case's `nameOf`: what Teams knows about a picked person. TeamsInfo answers only for
 * members of a conversation the bot is in (a team, a chat); anything else is "unknown".
 */
export function teamsNameOf(context: TurnContext): NameOf {
  return async (id) => {
    try {
      const found = await TeamsInfo.getMember(context, id);
      const name = found?.name?.trim();
      if (!name) return undefined;
      const email = found.email || found.userPrincipalName;
      return { name, ...(email && { email }) };
    } catch {
      return undefined;
    }
  };
}

/** A form's value: a string, or a list of them (joined as a multi-select sends them). */
const formList = (value: unknown): string =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string').join(',')
    : formString(value);

export interface StaffCardOptions {
  personal: boolean;
  /** Where the shown part starts, 1-based (as the card numbers it). */
  from: number;
  message?: MessageReply;
  timeZone: string;
  budget?: ListBudget;
}

type Page = BudgetedList<StaffEntry, never>;

/** Choices for the zone inputs: the zones in use, and retired ones somebody still has. */
function zoneChoicesFor(
  zones: readonly ZoneSummary[],
  staff: readonly StaffEntry[],
  t: Caller['t'],
): { all: Choice[]; active: Choice[] } {
  const held = new Set(staff.flatMap((m) => m.zoneIds));
  const active = zones.filter((z) => z.retiredAt === undefined);
  const retired = zones.filter((z) => z.retiredAt !== undefined && held.has(z.id));
  const choice = (z: ZoneSummary): Choice => ({ id: z.id, name: z.name });
  return {
    active: active.map(choice),
    all: [
      ...active.map(choice),
      ...retired.map((z) => ({
        id: z.id,
        name: t('staff.staffCard.retiredZone', { zone: z.name }),
      })),
    ],
  };
}

/**
 * The roster as a card: the counts per zone over the whole list, then the people that fit one
 * message, each with roles, zones, whether a personal chat reaches them and the newest changes,
 * and the forms to change them; the picker to add people; buttons to the rest of the list.
 */
export function staffCard(
  reply: StaffListReply,
  zones: readonly ZoneSummary[],
  caller: Caller,
  options: StaffCardOptions,
): Record<string, unknown> {
  const { t, locale } = caller;
  const { timeZone } = options;
  const zoneName = new Map(zones.map((z) => [z.id, z.name]));
  const nameOfZone = (id: string) => zoneName.get(id) ?? id;
  const listZone = reply.zoneId;
  const choices = zoneChoicesFor(zones, reply.staff, t);
  const roleChoices: Choice[] = roleSchema.options.map((r) => ({ id: r, name: t(`roles.${r}`) }));
  const command = (from?: number) =>
    ['ansatte', listZone, from && from > 1 ? String(from) : undefined].filter(Boolean).join(' ');

  const counts = new Map<string, number>();
  for (const m of reply.staff) {
    for (const z of m.zoneIds.length > 0 ? m.zoneIds : [''])
      counts.set(z, (counts.get(z) ?? 0) + 1);
  }
  const byZone: Fact[] =
    listZone !== undefined
      ? []
      : [...counts.entries()]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([z, n]) => ({
            title: z === '' ? t('staff.staffCard.noZone') : nameOfZone(z),
            value: String(n),
          }));

  const row = (m: StaffEntry): StaffCardData['people'][number] => {
    const data = { id: m.id, listZone: listZone ?? '', from: options.from };
    const nurseZones = m.roles.includes('nurse')
      ? m.zoneIds.filter((z) => listZone === undefined || z === listZone)
      : [];
    return {
      heading: m.email ? `${m.name} · ${m.email}` : m.name,
      detail: t('staff.staffCard.detail', {
        roles: m.roles.map((r) => t(`roles.${r}`)).join(', '),
        zones: m.zoneNames.length > 0 ? m.zoneNames.join(', ') : t('me.noZones'),
      }),
      reach:
        m.removedAt !== undefined
          ? t('staff.staffCard.removed', { at: formatDateTime(m.removedAt, locale, timeZone) })
          : m.reachable
            ? t('staff.staffCard.reachable')
            : t('staff.staffCard.unreachable'),
      reachColor: m.removedAt === undefined && m.reachable ? 'Good' : 'Default',
      changes: m.changes.slice(0, CHANGES_SHOWN).map((c) => ({
        title: formatDateTime(c.at, locale, timeZone),
        value: t('staff.staffCard.change', { who: c.byName, what: c.what }),
      })),
      moreChanges:
        m.changes.length > CHANGES_SHOWN
          ? t('staff.staffCard.moreChanges', { count: m.changes.length - CHANGES_SHOWN })
          : '',
      editable: m.removedAt === undefined,
      rolesInput: `roles:${m.id}`,
      rolesValue: m.roles.join(','),
      zonesInput: `zones:${m.id}`,
      zonesValue: m.zoneIds.join(','),
      removeQuestion: t('staff.staffCard.removeQuestion', { name: m.name }),
      data,
      dismiss: nurseZones.map((z) => ({
        title: t('staff.staffCard.dismiss', { zone: nameOfZone(z) }),
        data: { ...data, zoneId: z },
      })),
    };
  };

  const build = (page: Page): StaffCardData => {
    const first = page.offset + 1;
    const last = page.offset + page.shown.length;
    const partial = page.remaining > 0 || page.offset > 0;
    const buttons: { title: string; command: string }[] = [];
    if (page.remaining > 0) {
      buttons.push({ title: t('staff.staffCard.next'), command: command(last + 1) });
    } else if (page.offset > 0) {
      buttons.push({ title: t('staff.staffCard.fromStart'), command: command() });
    }
    if (partial && listZone === undefined) {
      for (const z of zones.filter((x) => (counts.get(x.id) ?? 0) > 0)) {
        buttons.push({
          title: t('staff.staffCard.zoneButton', {
            zone: z.name,
            count: counts.get(z.id) ?? 0,
          }),
          command: `ansatte ${z.id}`,
        });
      }
    }
    return {
      title:
        listZone === undefined
          ? t('staff.staffCard.title')
          : t('staff.staffCard.titleZone', { zone: nameOfZone(listZone) }),
      subtitle: t('staff.staffCard.subtitle', { count: page.total }),
      message: options.message ? replyText(options.message, caller, timeZone) : '',
      messageColor: options.message ? replyColor(options.message) : 'Default',
      empty: page.total === 0 ? t('staff.staffCard.empty') : '',
      byZoneLabel: t('staff.staffCard.byZone'),
      byZone,
      people: page.shown.map(row),
      shown: partial
        ? t('staff.staffCard.shown', { from: first, to: last, total: page.total })
        : '',
      moreRows: Array.from({ length: Math.ceil(buttons.length / BUTTONS_PER_ROW) }, (_, i) => ({
        buttons: buttons.slice(i * BUTTONS_PER_ROW, (i + 1) * BUTTONS_PER_ROW),
      })),
      hint: options.personal ? '' : t('staff.staffCard.hintChannel'),
      showAdd: true,
      peopleDataset: options.personal ? PEOPLE_DIRECTORY : PEOPLE_IN_CONTEXT,
      roleChoices,
      zoneChoices: choices.all,
      activeZoneChoices: choices.active,
      addZonesValue: listZone ?? '',
      listData: { listZone: listZone ?? '', from: options.from },
      labels: {
        add: t('staff.staffCard.add'),
        people: t('staff.staffCard.people'),
        peopleIds: t('staff.staffCard.peopleIds'),
        peopleIdsPlaceholder: t('staff.staffCard.peopleIdsPlaceholder'),
        name: t('staff.staffCard.name'),
        email: t('staff.labels.email'),
        roles: t('staff.labels.roles'),
        zones: t('staff.labels.zones'),
        addButton: t('staff.staffCard.addButton'),
        edit: t('staff.staffCard.edit'),
        saveRoles: t('staff.staffCard.saveRoles'),
        saveZones: t('staff.staffCard.saveZones'),
        remove: t('staff.staffCard.remove'),
        removeFromList: t('staff.staffCard.removeFromList'),
      },
    };
  };

  // Each person's row is rendered again while the budget is fitted; that is a handful of renders.
  const page = withinBudget<StaffEntry, never>(reply.staff, {
    groupBy: {} as Record<never, (m: StaffEntry) => string>,
    budget: options.budget ?? STAFF_LIST_BUDGET,
    offset: Math.max(0, options.from - 1),
    measure: (p) => jsonBytes(renderCard('staff', build(p))),
  });
  return renderCard('staff', build(page));
}

async function listed(
  caller: Caller,
  deps: StaffHandlerDeps,
  zoneId: string | undefined,
  options: Omit<StaffCardOptions, 'timeZone' | 'budget'>,
): Promise<Record<string, unknown> | string> {
  const reply = await deps.staff.list(caller.member, zoneId);
  if (reply.kind === 'message') {
    // Not a list the caller may see (any more): the outcome of the change, or why not.
    return replyText(options.message ?? reply, caller, deps.timeZone);
  }
  const zones = await deps.zones.list(caller.member, { includeRetired: true });
  return staffCard(reply, zones.kind === 'zones' ? zones.zones : [], caller, {
    ...options,
    timeZone: deps.timeZone,
    budget: deps.budget,
  });
}

const asActivity = (shown: Record<string, unknown> | string): Partial<Activity> | string =>
  typeof shown === 'string' ? shown : { attachments: [CardFactory.adaptiveCard(shown)] };

/** `ansatte [sone] [fra]`: the admin sees everybody, a leader the zones they lead. */
export async function sendStaff(context: TurnContext, caller: Caller, deps: StaffHandlerDeps) {
  const match = STAFF_PATTERN.exec(context.activity.text ?? '');
  const shown = await listed(caller, deps, match?.[1], {
    personal: isPersonal(context),
    from: match?.[2] ? Number(match[2]) : 1,
  });
  await context.sendActivity(asActivity(shown));
}

/** The confirmation, or (without buttons) the outcome of the question it asked. */
function confirmCard(
  caller: Caller,
  reply: ConfirmReply | MessageReply,
  timeZone: string,
  title = caller.t('staff.stepDownCard.title'),
): Record<string, unknown> {
  const { t } = caller;
  const data: ConfirmCardData =
    reply.kind === 'confirm'
      ? {
          title,
          text: replyText(reply.prompt, caller, timeZone),
          color: 'Default',
          actions: [
            {
              title: t('staff.labels.confirm'),
              verb: STEP_DOWN_VERB,
              data: {},
              style: 'destructive',
            },
            {
              title: t('staff.labels.cancel'),
              verb: STEP_DOWN_CANCEL_VERB,
              data: {},
              style: 'default',
            },
          ],
        }
      : {
          title,
          text: replyText(reply, caller, timeZone),
          color: replyColor(reply) === 'Good' ? 'Good' : 'Attention',
          actions: [],
        };
  return renderCard('confirm', data);
}

/** `fratre`: the use case's confirmation as a card with confirm and cancel. */
export async function sendStepDown(context: TurnContext, caller: Caller, deps: StaffHandlerDeps) {
  const reply = await deps.staff.stepDown(caller.member);
  await context.sendActivity(
    asActivity(
      reply.kind === 'confirm'
        ? confirmCard(caller, reply, deps.timeZone)
        : replyText(reply, caller, deps.timeZone),
    ),
  );
}

/**
 * A roster card's button. The verb names the change, the data the person and the list the card
 * showed, the inputs (the picker, the typed ids, roles, zones) what to change to; the answer is
 * the list again with the outcome on top, or the step-down's outcome in place of its question.
 */
export async function handleStaffAction(
  context: TurnContext,
  caller: Caller,
  data: Record<string, unknown> | undefined,
  deps: StaffHandlerDeps,
): Promise<Record<string, unknown> | string> {
  const verb = formString(
    (context.activity.value as { action?: { verb?: unknown } })?.action?.verb,
  );
  const values = data ?? {};
  const { member } = caller;
  const id = formString(values.id);
  const via = viaOf(context);
  let outcome: MessageReply;
  switch (verb) {
    case STEP_DOWN_VERB: {
      const reply = await deps.staff.stepDown(member, { confirmed: true, via });
      return confirmCard(caller, reply, deps.timeZone, caller.t('staff.stepDownCard.done'));
    }
    case STEP_DOWN_CANCEL_VERB:
      return confirmCard(caller, message('staff.stepDownCard.cancelled'), deps.timeZone);
    case 'staff.add': {
      // The picker where Teams has one, the typed ids where it has not (or both at once).
      const ids = [formList(values.people), formString(values.peopleIds)]
        .filter((v) => v.trim() !== '')
        .join(',');
      outcome = await deps.staff.addPeople(
        member,
        {
          ids,
          name: formString(values.name) || undefined,
          email: formString(values.email) || undefined,
          roles: formList(values.addRoles) || undefined,
          zoneIds: formList(values.addZones) || undefined,
        },
        teamsNameOf(context),
      );
      break;
    }
    case 'staff.setRoles':
      outcome = await deps.staff.setRoles(member, id, formList(values[`roles:${id}`]), { via });
      break;
    case 'staff.setZones':
      outcome = await deps.staff.setZones(member, id, formList(values[`zones:${id}`]), { via });
      break;
    case 'staff.remove':
      outcome = await deps.staff.remove(member, id, { via });
      break;
    case 'staff.dismiss':
      outcome = await deps.staff.dismissNurse(member, id, formString(values.zoneId), { via });
      break;
    default:
      return caller.t('errors.unknown_action');
  }
  const listZone = formString(values.listZone) || undefined;
  const from = Math.max(1, Math.floor(Number(values.from)) || 1);
  return listed(caller, deps, listZone, { personal: isPersonal(context), from, message: outcome });
}
