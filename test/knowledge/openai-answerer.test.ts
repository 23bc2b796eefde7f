import os from 'node:os';
import type { TurnContext } from 'botbuilder';
import { createTranslator } from '../../src/i18n/i18n';
import { answerQuestion } from '../../src/knowledge/answer';
import { offlineAnswerer } from '../../src/knowledge/answerer';
import { createOpenAiAnswerer, knowledgeAnswerer } from '../../src/knowledge/openai-answerer';
import { createLogger } from '../../src/logging/logger';
import { answerMessage, sendAnswer } from '../../src/teams/handlers/ask';
import type { Caller } from '../../src/teams/turn-context';
import { VALID_FNR } from '../support/domain-fixtures';
import {
  type ChatRequest,
  completion,
  type FakeOpenAi,
  type Reply,
  startFakeOpenAi,
} from '../support/fake-openai';
import { shippedKnowledgeBase } from './knowledge-base';

const kb = shippedKnowledgeBase();
const QUESTION = 'Hva er ESAS?';
const DEPLOYMENT = 'gpt-test';
const API_VERSION = '2024-10-21';

let server: FakeOpenAi;
let consoleLog: jest.SpyInstance;
beforeAll(async () => {
  server = await startFakeOpenAi();
  // OpenAIModel prints a failed request's error to the console; the answerer keeps it there.
  consoleLog = jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  expect(consoleLog).not.toHaveBeenCalled();
});
afterAll(async () => {
  jest.restoreAllMocks();
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  consoleLog.mockClear();
});

/** The log lines written, to check that no question or reply text reaches them. */
const logged: string[] = [];

const connection = (timeoutMs = 5000) => ({
  endpoint: server.endpoint,
  apiKey: 'test-key',
  deployment: DEPLOYMENT,
  apiVersion: API_VERSION,
  timeoutMs,
});

function answerer(timeoutMs?: number, promptsFolder?: string) {
  logged.length = 0;
  return createOpenAiAnswerer({
    ...connection(timeoutMs),
    httpAgent: server.agent,
    knowledge: kb,
    fallback: offlineAnswerer(kb),
    logger: createLogger('info', { write: (line: string) => logged.push(line) }),
    ...(promptsFolder ? { promptsFolder } : {}),
  });
}

const systemText = (body: ChatRequest) =>
  body.messages.find((m) => m.role === 'system')?.content ?? '';

/** The label the request gave the first passage saying `word`, e.g. "P2". */
function labelOf(body: ChatRequest, word: string): string {
  const line = systemText(body)
    .split('\n')
    .find((l) => /^\[P\d+\] /.test(l) && l.includes(word));
  if (!line) throw new Error(`no passage about ${word} was sent`);
  return line.slice(1, line.indexOf(']'));
}

const citing = (word: string) => (request: { body: ChatRequest }) =>
  completion(JSON.stringify({ passages: [labelOf(request.body, word)] }));

describe('the Azure OpenAI answerer', () => {
  it('sends the question with the retrieved passages and answers with the cited one', async () => {
    server.reply = citing('ESAS');
    const answer = await answerer().answer(QUESTION, 'nb');

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(
      `/openai/deployments/${DEPLOYMENT}/chat/completions?api-version=${API_VERSION}`,
    );
    expect(request?.apiKey).toBe('test-key');
    const body = request?.body ?? { messages: [] };
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(body.messages[1]?.content).toBe(QUESTION);
    expect(systemText(body)).toContain('Reply with JSON only');
    expect(systemText(body)).toMatch(/^\[P1\] /m);
    expect(body.response_format).toEqual({ type: 'json_object' });

    expect(answer.kind).toBe('answer');
    if (answer.kind !== 'answer') return;
    expect(answer.locale).toBe('nb');
    expect(answer.quote).toHaveLength(1);
    expect(answer.quote[0]?.text).toContain('ESAS');
    const section = kb.sections.get(answer.citation.sectionId);
    expect(section?.section.passages.some((p) => p.text.nb === answer.quote[0]?.text)).toBe(true);
    expect(answer.citation.sectionTitle).toBe(section?.section.title.nb);

    // Rendered as the offline answer is: the line citing [1], Teams' citation, the card.
    const translator = createTranslator('nb');
    const message = answerMessage(answer, { t: translator.forLocale('nb'), locale: 'nb' });
    expect(message.text).toMatch(/\[1\]$/);
    expect(message.entities).toMatchObject([{ citation: [{ position: 1 }] }]);
    expect(logged).toEqual([]);
  });

  it('lists another cited section as related', async () => {
    server.reply = (request) => {
      const esas = labelOf(request.body, 'ESAS');
      const other = systemText(request.body)
        .split('\n\n')
        .find((block) => !block.includes(`[${esas}]`) && /^\[P\d+\] /m.test(block));
      const label = other?.match(/^\[(P\d+)\] /m)?.[1];
      return completion(JSON.stringify({ passages: [esas, label] }));
    };
    const answer = await answerer().answer(QUESTION, 'nb');
    expect(answer.kind).toBe('answer');
    if (answer.kind !== 'answer') return;
    expect(answer.quote).toHaveLength(1);
    expect(answer.related).toHaveLength(1);
    expect(answer.related[0]?.sectionId).not.toBe(answer.citation.sectionId);
  });

  it('does not answer when the model finds no passage that answers', async () => {
    server.reply = () => completion('{"passages": []}');
    // The offline search would answer this one; the model's "no" is taken.
    expect(answerQuestion(kb, QUESTION, 'nb').kind).toBe('answer');
    expect(await answerer().answer(QUESTION, 'nb')).toEqual({ kind: 'noAnswer', locale: 'nb' });
  });

  it.each<[string, Reply]>([
    ['a server error', { status: 500, body: '{"error": {"message": "boom"}}' }],
    ['a reply that is not JSON', completion('ESAS er et kartleggingsverktøy.')],
    ['a reply in another shape', completion('{"answer": "ESAS"}')],
    ['a reply citing no passage it was given', completion('{"passages": ["P99"]}')],
  ])('answers offline after %s, logging neither question nor reply', async (_, reply) => {
    server.reply = () => reply;
    const answer = await answerer().answer(QUESTION, 'nb');
    expect(server.requests).toHaveLength(1);
    expect(answer).toEqual(answerQuestion(kb, QUESTION, 'nb'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0] ?? '{}')).toMatchObject({ level: 40 });
    expect(logged[0]).not.toContain('ESAS');
  });

  it('answers offline when the model does not answer in time', async () => {
    server.reply = () => 'hang';
    const answer = await answerer(300).answer(QUESTION, 'nb');
    expect(answer).toEqual(answerQuestion(kb, QUESTION, 'nb'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).not.toContain('ESAS');
  });

  it('does not ask about what nothing in the knowledge base matches', async () => {
    server.reply = citing('ESAS');
    const question = 'xyzzy plugh qwerty';
    expect(await answerer().answer(question, 'nb')).toEqual(answerQuestion(kb, question, 'nb'));
    expect(server.requests).toEqual([]);
  });

  it('never sends a question holding a national identity number', async () => {
    server.reply = citing('ESAS');
    const question = `Hva er ESAS for pasient ${VALID_FNR}?`;
    const answer = await answerer().answer(question, 'nb');
    expect(server.requests).toEqual([]);
    expect(answer).toEqual(answerQuestion(kb, question, 'nb'));
  });

  it('is what answers a Teams message when it is the chosen answerer', async () => {
    server.reply = citing('ESAS');
    const sent: unknown[] = [];
    const context = {
      activity: { text: QUESTION },
      sendActivity: async (activity: unknown) => {
        sent.push(activity);
        return undefined;
      },
    } as unknown as TurnContext;
    const translator = createTranslator('nb');
    const caller: Caller = { member: undefined, t: translator.forLocale('nb'), locale: 'nb' };
    await sendAnswer(context, caller, kb, answerer());
    expect(server.requests).toHaveLength(1);
    expect(sent).toMatchObject([{ text: expect.stringMatching(/\[1\]$/), entities: [{}] }]);
  });

  it('is chosen only with a connection; without one the offline search answers alone', async () => {
    const logger = createLogger('info', { write: (line: string) => logged.push(line) });
    logged.length = 0;
    const offline = knowledgeAnswerer(kb, undefined, logger);
    expect(await offline.answer(QUESTION, 'nb')).toEqual(answerQuestion(kb, QUESTION, 'nb'));
    expect(server.requests).toEqual([]);
    expect(logged).toEqual([]);
    knowledgeAnswerer(kb, connection(), logger);
    expect(logged.join('')).toContain('free-text questions go to Azure OpenAI');
    expect(logged.join('')).not.toContain('test-key');
  });

  it('refuses to start without its prompt', () => {
    expect(() => answerer(undefined, os.tmpdir())).toThrow(/prompt is missing/);
  });
});
