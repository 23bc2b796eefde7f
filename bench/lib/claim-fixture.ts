import { invokeActivity } from '../../test/support/activities';

/** What the claim bench's processes agree on: the channel, the nurses, the intake key. */
export const API_KEY = 'b'.repeat(40);
export const CHANNEL = '19:bench@thread.tacv2';
export const ZONE_ID = 'nord';
export const NURSES = Array.from({ length: 50 }, (_, i) => ({
  id: `bench-nurse-${i}`,
  name: `Nurse ${i}`,
  roles: ['nurse' as const],
  zoneIds: [ZONE_ID],
}));

/** "Jeg tar den" pressed by nurse `i % 50` on the channel card of `caseId`. */
export const claimActivity = (serviceUrl: string, caseId: string, i: number) =>
  invokeActivity({
    serviceUrl,
    verb: 'case.claim',
    data: { caseId, v: 2 },
    from: { id: `29:${NURSES[i % 50].id}`, aadObjectId: NURSES[i % 50].id },
    conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel' },
  });
