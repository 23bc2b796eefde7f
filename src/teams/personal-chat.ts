import type { Activity } from 'botbuilder';
import type { StaffMember } from '../domain/roster';
import type { HsyreTeamsAdapter } from './bot-adapter';

/**
 * Sends to a staff member's 1:1 chat with the bot, opened with the Teams address learned from
 * their own messages. Teams answers 403 when the app is not installed for the user; the caller
 * decides what to do then.
 */
export async function sendToPersonalChat(
  adapter: HsyreTeamsAdapter,
  botAppId: string,
  member: StaffMember,
  activity: Partial<Activity>,
): Promise<void> {
  const contact = member.contact;
  if (!contact) throw new Error('no known Teams address');
  await adapter.createConversationAsync(
    botAppId,
    'msteams',
    contact.serviceUrl,
    '',
    {
      isGroup: false,
      members: [{ id: contact.userId, name: '' }],
      tenantId: contact.tenantId,
      bot: { id: '', name: '' },
      // Teams needs the tenant here to open a 1:1 chat.
      channelData: { tenant: { id: contact.tenantId } },
    },
    async (context) => {
      await context.sendActivity(activity);
    },
  );
}
