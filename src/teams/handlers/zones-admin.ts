import { CardFactory, type TurnContext } from 'botbuilder';
import type { ZoneListReply, ZoneSummary } from '../../app/admin-replies';
import type { MessageReply } from '../../app/reply';
import type { ZoneAdmin } from '../../app/zone-admin';
import { hasRole } from '../../domain/roster';
import { formatDateTime } from '../../i18n/format';
import type { Fact, TextColor, ZonesCardData } from '../card-data';
import { renderCard } from '../card-renderer';
import { replyText } from '../reply-text';
import type { Caller } from '../turn-context';

/** `soner` / `zones`, and `soner alle` with the retired ones. */
export const ZONES_PATTERN = /^\s*(?:soner|zones)(?:\s+(alle|all))?\s*$/i;
/** The zone card's Action.Execute verbs: zones.add, zones.rename, zones.retire, zones.reinstate. */
export const ZONE_VERB_PREFIX = 'zones.';

export interface ZonesHandlerDeps {
  zones: ZoneAdmin;
  timeZone: string;
}

/** A refusal reads as one; anything else the use case says is the outcome asked for. */
export function replyColor(reply: MessageReply): TextColor {
  const refused =
    reply.key.startsWith('errors.') ||
    reply.key.includes('.errors.') ||
    reply.key === 'me.unknown' ||
    reply.key === 'staff.messages.noChange';
  return refused ? 'Attention' : 'Good';
}

export const isPersonal = (context: TurnContext): boolean =>
  context.activity.conversation?.conversationType === 'personal';

/** A form value as the card sends it; anything else is no value. */
export const formString = (value: unknown): string => (typeof value === 'string' ? value : '');

export interface ZonesCardOptions {
  /** Inputs only where they reliably arrive: a personal chat. */
  personal: boolean;
  includeRetired: boolean;
  message?: MessageReply;
  timeZone: string;
}

function zoneFacts(zone: ZoneSummary, { t, locale }: Caller, timeZone: string): Fact[] {
  const facts: Fact[] = [
    {
      title: t('staff.zonesCard.channel'),
      value: zone.channelLinked
        ? t('staff.labels.channelLinked')
        : t('staff.zonesCard.channelMissing', { id: zone.id }),
    },
    { title: t('staff.labels.nurseCount'), value: String(zone.nurseCount) },
    {
      title: t('staff.labels.leaders'),
      value: zone.leaders.length > 0 ? zone.leaders.join(', ') : t('staff.labels.nobody'),
    },
  ];
  if (zone.retiredAt !== undefined) {
    facts.push({
      title: t('staff.labels.retired'),
      value: formatDateTime(zone.retiredAt, locale, timeZone),
    });
  }
  return facts;
}

/**
 * The zones as a card: each with its channel, resource nurses and leaders. An admin gets the
 * buttons; the add and rename inputs only in a personal chat, where Teams always sends inputs.
 */
export function zonesCard(
  reply: ZoneListReply,
  caller: Caller,
  options: ZonesCardOptions,
): Record<string, unknown> {
  const { t } = caller;
  const admin = caller.member !== undefined && hasRole(caller.member, 'admin');
  const inputs = admin && options.personal;
  const all = options.includeRetired;
  const active = reply.zones.filter((z) => z.retiredAt === undefined).length;
  const data: ZonesCardData = {
    title: t('staff.zonesCard.title'),
    subtitle: all
      ? t('staff.zonesCard.subtitleAll', { active, retired: reply.zones.length - active })
      : t('staff.zonesCard.subtitle', { active }),
    message: options.message ? replyText(options.message, caller, options.timeZone) : '',
    messageColor: options.message ? replyColor(options.message) : 'Default',
    empty:
      reply.zones.length > 0
        ? ''
        : inputs
          ? t('staff.zonesCard.emptyAdmin')
          : t('staff.zonesCard.empty'),
    zones: reply.zones.map((zone) => {
      const retired = zone.retiredAt !== undefined;
      const back = { zoneId: zone.id, all };
      return {
        id: zone.id,
        name: zone.name,
        heading: retired
          ? t('staff.zonesCard.headingRetired', { name: zone.name, id: zone.id })
          : t('staff.zonesCard.heading', { name: zone.name, id: zone.id }),
        facts: zoneFacts(zone, caller, options.timeZone),
        rename: inputs ? t('staff.zonesCard.rename') : '',
        renameInput: `name:${zone.id}`,
        data: back,
        buttons: !admin
          ? []
          : retired
            ? [{ title: t('staff.zonesCard.reinstate'), verb: 'zones.reinstate', data: back }]
            : [{ title: t('staff.zonesCard.retire'), verb: 'zones.retire', data: back }],
      };
    }),
    hint: !admin
      ? t('staff.zonesCard.hintNotAdmin')
      : options.personal
        ? ''
        : t('staff.zonesCard.hintChannel'),
    showAdd: inputs,
    addData: { all },
    labels: {
      add: t('staff.zonesCard.add'),
      newZoneId: t('staff.zonesCard.newZoneId'),
      newZoneIdPlaceholder: t('staff.zonesCard.newZoneIdPlaceholder'),
      newZoneName: t('staff.zonesCard.newZoneName'),
      newZoneNamePlaceholder: t('staff.zonesCard.newZoneNamePlaceholder'),
      create: t('staff.zonesCard.create'),
      newName: t('staff.zonesCard.newName'),
      save: t('staff.zonesCard.save'),
    },
    commands: all ? [] : [{ title: t('staff.zonesCard.showRetired'), command: 'soner alle' }],
  };
  return renderCard('zones', data);
}

async function listed(
  caller: Caller,
  deps: ZonesHandlerDeps,
  options: Omit<ZonesCardOptions, 'timeZone'>,
): Promise<Record<string, unknown> | string> {
  const reply = await deps.zones.list(caller.member, { includeRetired: options.includeRetired });
  if (reply.kind === 'message') return replyText(reply, caller, deps.timeZone);
  return zonesCard(reply, caller, { ...options, timeZone: deps.timeZone });
}

/** `soner [alle]`: the zone list for anyone in the roster; the use case decides. */
export async function sendZones(context: TurnContext, caller: Caller, deps: ZonesHandlerDeps) {
  const includeRetired = Boolean(ZONES_PATTERN.exec(context.activity.text ?? '')?.[1]);
  const shown = await listed(caller, deps, { personal: isPersonal(context), includeRetired });
  if (typeof shown === 'string') {
    await context.sendActivity(shown);
    return;
  }
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(shown)] });
}

/**
 * A zone card's button: the verb says which change, the data which zone, the inputs (personal
 * chat only) the new id and name. The answer is the card again, with the outcome on it.
 */
export async function handleZoneAction(
  context: TurnContext,
  caller: Caller,
  data: Record<string, unknown> | undefined,
  deps: ZonesHandlerDeps,
): Promise<Record<string, unknown> | string> {
  const verb = formString(
    (context.activity.value as { action?: { verb?: unknown } })?.action?.verb,
  );
  const values = data ?? {};
  const zoneId = formString(values.zoneId);
  const { member } = caller;
  let outcome: MessageReply;
  switch (verb) {
    case 'zones.add':
      outcome = await deps.zones.add(
        member,
        formString(values.newZoneId),
        formString(values.newZoneName),
      );
      break;
    case 'zones.rename':
      outcome = await deps.zones.rename(
        member,
        zoneId,
        formString(values[`name:${zoneId}`] ?? values.name),
      );
      break;
    case 'zones.retire':
      outcome = await deps.zones.retire(member, zoneId);
      break;
    case 'zones.reinstate':
      outcome = await deps.zones.reinstate(member, zoneId);
      break;
    default:
      return caller.t('errors.unknown_action');
  }
  return listed(caller, deps, {
    personal: isPersonal(context),
    includeRetired: values.all === true,
    message: outcome,
  });
}
