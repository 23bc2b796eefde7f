import type { TurnContext } from 'botbuilder';
import type { Caller } from '../turn-context';

export const ME_PATTERN = /^\s*(meg|me|hvem er jeg)\s*\??\s*$/i;

export async function sendWhoAmI(context: TurnContext, { member, t }: Caller): Promise<void> {
  if (!member) {
    await context.sendActivity(t('me.unknown'));
    return;
  }
  const zones = member.roles.includes('fve')
    ? t('me.allZones')
    : member.zoneIds.join(', ') || t('me.noZones');
  const roles = member.roles.map((r) => t(`roles.${r}`)).join(', ');
  await context.sendActivity(t('me.known', { name: member.name, roles, zones }));
}
