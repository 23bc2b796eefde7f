import fs from 'node:fs';
import type { Agent } from 'node:http';
import path from 'node:path';
import { ActionPlanner, MemoryFork, OpenAIModel, PromptManager } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import { containsNationalId } from '../domain/privacy';
import type { Locale } from '../domain/roster';
import { withConsoleRedirect } from '../logging/console-scope';
import type { Logger } from '../logging/logger';
import { projectRoot } from '../project-root';
import {
  type Answer,
  citation,
  MAX_QUESTION_LENGTH,
  type NoAnswer,
  searchSections,
  toQuote,
} from './answer';
import { type KnowledgeAnswerer, offlineAnswerer } from './answerer';
import type { KnowledgeBase } from './knowledge-base';
import { localised } from './model';
import {
  INPUT_VARIABLE,
  KnowledgeDataSource,
  LOCALE_VARIABLE,
  OFFERED_VARIABLE,
  type OfferedPassage,
} from './openai-answerer-source';
import { asksWho, questionLanguage } from './question';

export const PROMPTS_DIR = path.join(projectRoot, 'prompts');
const PROMPT = 'knowledge-answer';

export interface AzureOpenAiConnection {
  endpoint: string;
  apiKey: string;
  deployment: string;
  apiVersion: string;
  timeoutMs: number;
}

export interface OpenAiAnswererOptions extends AzureOpenAiConnection {
  knowledge: KnowledgeBase;
  /** What answers when the model cannot: an error, a timeout, a reply citing nothing offered. */
  fallback: KnowledgeAnswerer;
  logger: Logger;
  /** For a private certificate authority: a proxy in front of Azure, or the tests' server. */
  httpAgent?: Agent;
  promptsFolder?: string;
}

/** The model's reply, as the prompt asks for it: the labels of the passages that answer. */
const replySchema = z.object({ passages: z.array(z.string().max(20)).max(20) });

/*
 * teams-ai's planner takes the Teams turn for streaming a reply into it, which is off here; the
 * prompt reads nothing from the turn, so the question and the passages are all the model is sent.
 */
const NO_TURN = {} as Parameters<ActionPlanner['completePrompt']>[0];

/** A memory for one question: nothing of it outlives the answer or reaches the conversation. */
const EMPTY_MEMORY: ConstructorParameters<typeof MemoryFork>[0] = {
  deleteValue: () => undefined,
  hasValue: () => false,
  getValue: <T>() => undefined as T,
  setValue: () => undefined,
};

/** Why the model's answer was not used, in words of our own or teams-ai's, never the question's. */
interface Failure {
  kind: 'failed';
  reason: string;
}

/**
 * Answers through Azure OpenAI with teams-ai's planner, the local index as its data source: the
 * model only chooses which of the retrieved passages answer, and the answer quotes them with
 * their source, exactly as the offline answer does. A declined question is not answered; on
 * any failure the offline answerer answers instead. A question holding a national identity
 * number is never sent. Neither the question nor the model's reply is logged: a question may
 * hold patient data.
 */
export function createOpenAiAnswerer(options: OpenAiAnswererOptions): KnowledgeAnswerer {
  const { knowledge: kb, fallback, logger } = options;
  const promptsFolder = options.promptsFolder ?? PROMPTS_DIR;
  // Read at the first question; missing (left out of a deployment), every question would fail.
  if (!fs.existsSync(path.join(promptsFolder, PROMPT, 'skprompt.txt'))) {
    throw new Error(`the Azure OpenAI answerer's prompt is missing from ${promptsFolder}`);
  }
  const prompts = new PromptManager({ promptsFolder });
  prompts.addDataSource(new KnowledgeDataSource(kb));
  const planner = new ActionPlanner({
    model: new OpenAIModel({
      azureEndpoint: options.endpoint,
      azureApiKey: options.apiKey,
      azureDefaultDeployment: options.deployment,
      azureApiVersion: options.apiVersion,
      // The prompt is in the system message; the default would send it as the user's.
      useSystemMessages: true,
      // A retry would add to the wait; the offline answer is the better second try.
      clientOptions: {
        timeout: options.timeoutMs,
        maxRetries: 0,
        ...(options.httpAgent ? { httpAgent: options.httpAgent } : {}),
      },
    }),
    prompts,
    defaultPrompt: PROMPT,
    max_repair_attempts: 0,
  });

  async function ask(question: string, locale: Locale): Promise<Answer | NoAnswer | Failure> {
    const memory = new MemoryFork(EMPTY_MEMORY);
    memory.setValue(INPUT_VARIABLE, question);
    memory.setValue(LOCALE_VARIABLE, locale);
    // OpenAIModel console.logs every failed request's error object, around the JSON log; the
    // failure comes back in the response and is logged once by the caller.
    const response = await withConsoleRedirect(
      () => {},
      () => planner.completePrompt<string>(NO_TURN, memory, PROMPT),
    );
    if (response.status !== 'success') {
      // teams-ai's message: the HTTP status and error name, a timeout, a connection error.
      return { kind: 'failed', reason: response.error?.message ?? response.status };
    }
    const offered = memory.getValue<OfferedPassage[] | undefined>(OFFERED_VARIABLE) ?? [];
    let content: unknown;
    try {
      content = JSON.parse(response.message?.content ?? '');
    } catch {
      return { kind: 'failed', reason: 'not JSON' };
    }
    const reply = replySchema.safeParse(content);
    if (!reply.success) return { kind: 'failed', reason: 'not the reply asked for' };
    if (reply.data.passages.length === 0) return { kind: 'noAnswer', locale };
    const cited = reply.data.passages.flatMap(
      (label) => offered.find((o) => o.label === label) ?? [],
    );
    return (
      answerFrom(kb, question, locale, cited) ?? {
        kind: 'failed',
        reason: 'cites no passage it was given',
      }
    );
  }

  return {
    async answer(text, askerLocale) {
      // The turn's guard has already refused such a message; this is the line before the model.
      if (containsNationalId(text)) return fallback.answer(text, askerLocale);
      const question = text.slice(0, MAX_QUESTION_LENGTH);
      // Nothing in the index matches ("hei", a typo): no passage to offer, no reason to ask.
      if (searchSections(kb, question).length === 0) return fallback.answer(text, askerLocale);
      const locale = questionLanguage(question) ?? askerLocale;
      const result = await ask(question, locale).catch(
        (error: unknown): Failure => ({
          kind: 'failed',
          reason: error instanceof Error ? error.message : 'error',
        }),
      );
      if (result.kind !== 'failed') return result;
      logger.warn(
        { reason: result.reason },
        'Azure OpenAI gave no usable answer; answered offline',
      );
      return fallback.answer(text, askerLocale);
    },
  };
}

/** The answerer the settings choose: Azure OpenAI before the offline search, or the search. */
export function knowledgeAnswerer(
  knowledge: KnowledgeBase,
  connection: AzureOpenAiConnection | undefined,
  logger: Logger,
): KnowledgeAnswerer {
  const offline = offlineAnswerer(knowledge);
  if (!connection) return offline;
  logger.info(
    { endpoint: connection.endpoint, deployment: connection.deployment },
    'free-text questions go to Azure OpenAI, the offline search as fallback',
  );
  return createOpenAiAnswerer({ ...connection, knowledge, fallback: offline, logger });
}

/**
 * The cited passages as an answer: the first cited section is the source, its cited passages
 * the quote in the section's order, and any other section cited is listed as related.
 */
function answerFrom(
  kb: KnowledgeBase,
  question: string,
  locale: Locale,
  cited: readonly OfferedPassage[],
): Answer | undefined {
  const [first] = cited;
  const source = first && citation(kb, first.sectionId, locale);
  if (!first || !source) return undefined;
  const ids = new Set(cited.map((c) => c.passageId));
  const quoted = (kb.sections.get(first.sectionId)?.section.passages ?? []).filter((p) =>
    ids.has(p.id),
  );
  const responsible = asksWho(question)
    ? quoted.find((p) => p.responsible)?.responsible
    : undefined;
  const related = [...new Set(cited.map((c) => c.sectionId))]
    .filter((id) => id !== first.sectionId)
    .flatMap((id) => citation(kb, id, locale) ?? []);
  return {
    kind: 'answer',
    locale,
    citation: source,
    quote: quoted.map((p) => toQuote(p, locale)),
    ...(responsible ? { responsible: localised(responsible, locale) } : {}),
    related,
  };
}
