import { type Answer, answerQuestion, searchSections } from '../../src/knowledge/answer';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base';
import { EVAL_QUESTIONS, type EvalQuestion, OFF_TOPIC_QUESTIONS } from './eval-set';

export interface Miss {
  question: string;
  expected: readonly string[];
  got: string;
}

export interface Evaluation {
  questions: number;
  /**
   * The answer cites an accepted section, and is right in what the question's kind asks for:
   * both variants or the chosen one (quoteAll, quoteNot), who (responsible), the language.
   */
  top1: number;
  /** An accepted section is among the three best-ranked, whether or not the bot answers. */
  top3: number;
  /** Of the questions with an expected quote and a right answer, those whose quote contains it. */
  quoteChecked: number;
  quoteRight: number;
  offTopic: number;
  offTopicRefused: number;
  misses: Miss[];
  quoteMisses: Miss[];
  offTopicAnswered: Miss[];
}

const quoteContains = (texts: string[], expected: string | readonly string[]): boolean =>
  (typeof expected === 'string' ? [expected] : expected).some((e) =>
    texts.some((t) => t.toLowerCase().includes(e.toLowerCase())),
  );

const lower = (s: string) => s.toLowerCase();

/** What is wrong with an answer citing an accepted section, by the question's own checks. */
function kindMiss(q: EvalQuestion, answer: Answer): string | undefined {
  const texts = answer.quote.map((p) => lower(p.text));
  const has = (e: string) => texts.some((t) => t.includes(lower(e)));
  const absent = (q.quoteAll ?? []).filter((e) => !has(e));
  if (absent.length > 0) return `quote lacks ${absent.join(', ')}`;
  const present = (q.quoteNot ?? []).filter(has);
  if (present.length > 0) return `quote has ${present.join(', ')}`;
  if (q.answerLocale && answer.locale !== q.answerLocale) return `answered in ${answer.locale}`;
  if (q.responsible !== undefined) {
    const names = typeof q.responsible === 'string' ? [q.responsible] : q.responsible;
    if (!names.some((n) => lower(answer.responsible ?? '').includes(lower(n)))) {
      return `responsible ${answer.responsible ?? 'missing'}`;
    }
  }
  return undefined;
}

/** Runs the evaluation set; shared by the jest floor and the benchmark script. */
export function evaluate(
  kb: KnowledgeBase,
  questions: readonly EvalQuestion[] = EVAL_QUESTIONS,
): Evaluation {
  const result: Evaluation = {
    questions: questions.length,
    top1: 0,
    top3: 0,
    quoteChecked: 0,
    quoteRight: 0,
    offTopic: OFF_TOPIC_QUESTIONS.length,
    offTopicRefused: 0,
    misses: [],
    quoteMisses: [],
    offTopicAnswered: [],
  };
  for (const q of questions) {
    const answer = answerQuestion(kb, q.question, q.locale);
    const ranked = searchSections(kb, q.question).slice(0, 3);
    if (ranked.some((r) => q.expect.includes(r.sectionId))) result.top3 += 1;
    const cited = answer.kind === 'answer' && q.expect.includes(answer.citation.sectionId);
    const wrongKind = answer.kind === 'answer' && cited ? kindMiss(q, answer) : undefined;
    if (answer.kind === 'answer' && cited && !wrongKind) {
      result.top1 += 1;
      if (q.quote) {
        result.quoteChecked += 1;
        const texts = answer.quote.flatMap((p) => [p.text, p.lead ?? '']);
        if (quoteContains(texts, q.quote)) result.quoteRight += 1;
        else
          result.quoteMisses.push({
            question: q.question,
            expected: typeof q.quote === 'string' ? [q.quote] : q.quote,
            got: answer.quote.map((p) => p.text).join(' | '),
          });
      }
    } else {
      result.misses.push({
        question: q.question,
        expected: q.expect,
        got:
          answer.kind === 'answer'
            ? `${answer.citation.sectionId}${wrongKind ? ` (${wrongKind})` : ''}`
            : 'noAnswer',
      });
    }
  }
  for (const q of OFF_TOPIC_QUESTIONS) {
    const answer = answerQuestion(kb, q.question, q.locale);
    if (answer.kind === 'noAnswer') result.offTopicRefused += 1;
    else
      result.offTopicAnswered.push({
        question: q.question,
        expected: ['noAnswer'],
        got: answer.citation.sectionId,
      });
  }
  return result;
}
