import { z } from 'zod/v4';

/** The states of a case (docs/domain.md "Case states and commands"). */
export const caseStateSchema = z.enum([
  'referred',
  'awaiting_claim',
  'claimed',
  'in_follow_up',
  'services_needed',
  'hsy_granted',
  'closed',
]);
export type CaseState = z.infer<typeof caseStateSchema>;
