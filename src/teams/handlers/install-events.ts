import type { Activity, TurnContext } from 'botbuilder';
import type { InstallEvents, InstallOutcome } from '../../app/install-events';
import type { Logger } from '../../logging/logger';

interface TeamsChannelData {
  tenant?: { id?: string };
}

/** Teams' `installationUpdate` actions; an upgrade that adds or removes the bot counts too. */
const INSTALLED = new Set(['add', 'add-upgrade']);
const UNINSTALLED = new Set(['remove', 'remove-upgrade']);

/** Install events say where Teams reaches a person; they are not the person's own action. */
export const isInstallEvent = (activity: Partial<Activity>): boolean =>
  activity.type === 'installationUpdate' || activity.type === 'conversationUpdate';

const personal = (activity: Partial<Activity>) =>
  activity.conversation?.conversationType === 'personal';

/** The address Teams gives with the event: enough to open a personal chat later. */
function contactOf(activity: Partial<Activity>) {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const tenantId = activity.conversation?.tenantId ?? channelData.tenant?.id;
  return {
    userId: activity.from?.id ?? '',
    ...(tenantId && { tenantId }),
    serviceUrl: activity.serviceUrl ?? '',
  };
}

/** Teams sends the time as an ISO string; botbuilder's type says Date. Either is read. */
const timeOf = (activity: Partial<Activity>): Date | string => activity.timestamp ?? '';

function logOutcome(
  logger: Logger,
  event: string,
  action: string | undefined,
  outcome: InstallOutcome,
) {
  // Ids only: nothing here is about a patient; a stranger's id is not worth keeping.
  const level = outcome === 'invalid' ? 'warn' : 'info';
  logger[level]({ event, action, outcome }, 'personal app install event');
}

/**
 * `installationUpdate` of the personal app: add (or add-upgrade) records the install with
 * the address, remove (or remove-upgrade) the uninstall. Events in a team or group chat say
 * nothing about a personal chat, and nothing visible is answered.
 */
export async function onInstallationUpdate(
  context: TurnContext,
  installEvents: InstallEvents,
  logger: Logger,
): Promise<void> {
  const { activity } = context;
  const memberId = activity.from?.aadObjectId;
  if (!personal(activity) || !memberId) return;
  const action = activity.action;
  if (action && INSTALLED.has(action)) {
    const outcome = await installEvents.recordInstall(
      memberId,
      contactOf(activity),
      timeOf(activity),
    );
    logOutcome(logger, 'installationUpdate', action, outcome);
  } else if (action && UNINSTALLED.has(action)) {
    const outcome = await installEvents.recordUninstall(memberId, timeOf(activity));
    logOutcome(logger, 'installationUpdate', action, outcome);
  }
}

/**
 * `conversationUpdate` with the bot among `membersAdded` in a personal chat: Teams' other
 * sign that the personal app was installed (it may come before or after installationUpdate).
 */
export async function onMembersAdded(
  context: TurnContext,
  installEvents: InstallEvents,
  logger: Logger,
): Promise<void> {
  const { activity } = context;
  const memberId = activity.from?.aadObjectId;
  const botId = activity.recipient?.id;
  const botAdded = (activity.membersAdded ?? []).some((m) => m.id === botId);
  if (!personal(activity) || !memberId || !botAdded) return;
  const outcome = await installEvents.recordInstall(
    memberId,
    contactOf(activity),
    timeOf(activity),
  );
  logOutcome(logger, 'conversationUpdate', 'membersAdded', outcome);
}
