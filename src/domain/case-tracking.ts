import type { Case } from './case';
import type { TrackedItem } from './tracked-item';

export const HSYRE_KIND = 'hsyre';

/** An HSYRE case as the deadline engine sees it: the first kind of tracked item. */
export const trackCase = (c: Case): TrackedItem => ({
  kind: HSYRE_KIND,
  id: c.id,
  code: c.code,
  zoneId: c.zoneId,
  open: c.state !== 'closed',
  deadline: c.deadline,
  stepKey: c.deadline ? `cases.deadlineKeys.${c.deadline.key}` : null,
  ownerId: c.claimedBy,
  policy: c.policy,
  nextDueAt: c.nextDueAt,
  thread: c.card ? { conversationId: c.card.conversationId } : null,
  version: c.version,
});
