import type { Locale } from '../domain/roster';
import { type Answer, answerQuestion, type NoAnswer } from './answer';
import type { KnowledgeBase } from './knowledge-base';

/**
 * Whatever answers a free-text question from the knowledge base. The Teams side renders its
 * result the same way whichever answers, so a language model can be put in front of the
 * offline search without the messages, citations or cards changing.
 */
export interface KnowledgeAnswerer {
  answer(question: string, askerLocale: Locale): Promise<Answer | NoAnswer>;
}

/** The search over the built index: the default, and what every other answerer falls back to. */
export const offlineAnswerer = (kb: KnowledgeBase): KnowledgeAnswerer => ({
  answer: async (question, askerLocale) => answerQuestion(kb, question, askerLocale),
});
