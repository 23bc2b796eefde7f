import { z } from 'zod/v4';

/** The states of a case (DOMAIN.md "The case, as the product tracks it"). */
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
