/**
 * The load generator and the fake Bot Connector, in a process of their own so that the bot's
 * process is measured alone.
 */
import { findNationalIdField } from '../../src/domain/privacy';
import { postActivity } from '../../test/support/activities';
import { type FakeConnector, startFakeConnector } from '../../test/support/fake-connector';
import { API_KEY, claimActivity, ZONE_ID } from './claim-fixture';
import { serveParent } from './ipc';
import { load } from './stats';

let connector: FakeConnector | undefined;
/** Cases registered through the intake and not claimed yet: every real claim takes a new one. */
const unclaimed: string[] = [];
/**
 * Case ids whose button the national-id guard refuses: about 1 in 3 000 random UUIDs has 11
 * digits across its hyphens that pass the fødselsnummer checksum. Counted, not claimed, so every
 * measured claim is a claim.
 */
let refusedIds = 0;

const referral = (url: string, i: number) =>
  fetch(`${url}/api/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({
      zoneId: ZONE_ID,
      seriouslyIll: i % 2 === 0,
      hospitalContactAt: '2026-03-02T08:00:00Z',
      patientRef: `BENCH-${i}`,
    }),
  }).then(async (r) => {
    if (r.status !== 201) throw new Error(`referral answered ${r.status}`);
    const { id } = (await r.json()) as { id: string };
    if (findNationalIdField({ caseId: id })) refusedIds += 1;
    else unclaimed.push(id);
  });

const claim = (url: string, serviceUrl: string, real: boolean) => async (i: number) => {
  const caseId = real ? unclaimed.shift() : 'static';
  if (!caseId) throw new Error('no case left to claim: register more in the intake runs');
  const response = await postActivity(url, claimActivity(serviceUrl, caseId, i));
  const body = (await response.json()) as { type: string };
  if (body.type !== 'application/vnd.microsoft.card.adaptive')
    throw new Error(`no card in the answer: ${JSON.stringify(body)}`);
};

interface LoadRequest {
  url: string;
  kind: 'referral' | 'claim' | 'floor-claim';
  total: number;
  concurrency: number;
  /** First referral number, so patient references stay distinct across runs. */
  offset?: number;
}

serveParent({
  async startConnector() {
    connector = await startFakeConnector();
    return connector.serviceUrl;
  },
  async load({ url, kind, total, concurrency, offset = 0 }: LoadRequest) {
    if (!connector) throw new Error('start the connector first');
    const fn =
      kind === 'referral'
        ? (i: number) => referral(url, offset + i)
        : claim(url, connector.serviceUrl, kind === 'claim');
    return load(total, concurrency, fn);
  },
  refusedIds: () => refusedIds,
  /** Channel card updates: the I/O floor's all go to activity 1, the real cards are elsewhere. */
  updates() {
    const updates = connector?.calls.filter((c) => c.kind === 'update') ?? [];
    const floor = updates.filter((c) => c.activityId === '1').length;
    return { floor, claim: updates.length - floor };
  },
  exit: async () => {
    await connector?.stop();
  },
});
