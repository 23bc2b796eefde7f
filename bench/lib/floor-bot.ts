import type { AddressInfo } from 'node:net';
import { type AdaptiveCard, Application, TeamsAdapter } from '@microsoft/teams-ai';
import Database from 'better-sqlite3';
import { CardFactory } from 'botbuilder';
import restify from 'restify';
import type { Case } from '../../src/domain/case';
import { createTranslator } from '../../src/i18n/i18n';
import { createLogger } from '../../src/logging/logger';
import { HsyreTeamsAdapter } from '../../src/teams/bot-adapter';
import { caseCard, withoutRefresh } from '../../src/teams/case-card';
import { storedCase } from '../../test/contract/store-contract';

const STATIC_CARD = {
  type: 'AdaptiveCard' as const,
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'HSYRE ny pas. · AAAAA' }],
};

async function listen(adapter: TeamsAdapter, app: Application) {
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The floor of this stack: a teams-ai Application on restify and CloudAdapter (anonymous) that
 * answers the claim invoke with a static card and does nothing else.
 */
export async function startFloorBot() {
  const adapter = new TeamsAdapter({
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppType: 'MultiTenant',
  });
  const app = new Application({ adapter, botAppId: '', startTypingTimer: false });
  app.adaptiveCards.actionExecute('case.claim', async () => STATIC_CARD);
  return listen(adapter, app);
}

/** Rows in the I/O floor's table, about as many as the real bot holds when its claims start. */
const FLOOR_CASES = 4000;

/**
 * The floor of a claim: what no implementation of it can skip. The adapter class and the
 * Application options are the real bot's; the handler makes one durable SQLite write (WAL,
 * synchronous=FULL, like the store): the claimed case's document saved over its row, in a table
 * with the columns and indexes the store's cases table has, since those are what a commit
 * writes and syncs. Then one updateActivity to the connector, and the answer is a card
 * rendered once at start (a claimed case's channel card, so the bytes on the wire match).
 */
export async function startIoFloorBot(dbFile: string) {
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE cases (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, zone_id TEXT NOT NULL,
      state TEXT NOT NULL, next_due_at TEXT, version INTEGER NOT NULL, doc TEXT NOT NULL);
    CREATE INDEX cases_due ON cases (next_due_at) WHERE next_due_at IS NOT NULL AND state <> 'closed';
    CREATE INDEX cases_zone_due ON cases (zone_id, next_due_at);
    CREATE INDEX cases_without_card ON cases (json_extract(doc, '$.createdAt'), id)
      WHERE state = 'awaiting_claim' AND json_type(doc, '$.card') = 'null';`);
  const insert = db.prepare(
    `INSERT INTO cases (id, code, zone_id, state, next_due_at, version, doc)
     VALUES (@id, @code, @zoneId, @state, @nextDueAt, @version, @doc)`,
  );
  const save = db.prepare(
    `UPDATE cases SET state = @state, next_due_at = @nextDueAt, version = @version + 1, doc = @doc
     WHERE id = @id AND version = @version`,
  );
  const row = (c: Case) => ({
    id: c.id,
    code: c.code,
    zoneId: c.zoneId,
    state: c.state,
    nextDueAt: c.nextDueAt,
    version: c.version,
    // As the store keeps it: the routine by reference, about 1 KB.
    doc: JSON.stringify({ ...c, policy: undefined, policyRef: 'routine-snapshot' }),
  });
  const waiting = Array.from({ length: FLOOR_CASES }, () => storedCase({ card: null }));
  db.transaction(() => {
    for (const c of waiting) insert.run(row(c));
  })();
  let next = 0;

  const card = withoutRefresh(
    caseCard(storedCase({ state: 'claimed', claimedBy: 'bench-nurse-0', version: 2 }), {
      t: createTranslator('nb').forLocale('nb'),
      locale: 'nb',
      zoneName: 'Sone Nord',
      names: new Map([['bench-nurse-0', 'Nurse 0']]),
      variant: 'channel',
      now: new Date('2026-03-02T09:00:00.000Z'),
    }),
  ) as AdaptiveCard;

  const adapter = new HsyreTeamsAdapter({ appType: 'MultiTenant' }, createLogger('silent'));
  const app = new Application({
    adapter,
    botAppId: '',
    removeRecipientMention: true,
    startTypingTimer: false,
  });
  app.adaptiveCards.actionExecute('case.claim', async (context) => {
    // Each claim takes the next waiting case, round the table, as the real claims do.
    const c = waiting[next++ % waiting.length];
    const claimed = { ...c, state: 'claimed' as const, claimedBy: context.activity.from.id };
    if (save.run(row(claimed)).changes !== 1) throw new Error('the floor lost its own save');
    waiting[(next - 1) % waiting.length] = { ...claimed, version: c.version + 1 };
    await context.updateActivity({
      type: 'message',
      id: '1',
      attachments: [CardFactory.adaptiveCard(card)],
    });
    return card;
  });
  const server = await listen(adapter, app);
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      db.close();
    },
  };
}
