import { EVAL_QUESTIONS, HELD_OUT_QUESTIONS, OFF_TOPIC_QUESTIONS } from './eval-set';
import { evaluate } from './evaluate';
import { shippedKnowledgeBase } from './knowledge-base';

/*
 * Floors at the level reached (npm run bench:knowledge prints the figures and the misses):
 * raise them when the engine gets better, never lower them to let a change through.
 */
const FLOOR = {
  top1: 59 / 65,
  top3: 63 / 65,
  heldOutTop1: 19 / 20,
  quote: 1,
};

describe('answer accuracy on the evaluation set', () => {
  const kb = shippedKnowledgeBase();

  it('has at least 40 questions and 5 off-topic ones', () => {
    expect(EVAL_QUESTIONS.length + HELD_OUT_QUESTIONS.length).toBeGreaterThanOrEqual(40);
    expect(OFF_TOPIC_QUESTIONS.length).toBeGreaterThanOrEqual(5);
  });

  it('cites an accepted section as often as it did', () => {
    const result = evaluate(kb, EVAL_QUESTIONS);
    expect(result.top1 / result.questions).toBeGreaterThanOrEqual(FLOOR.top1);
    expect(result.top3 / result.questions).toBeGreaterThanOrEqual(FLOOR.top3);
    expect(result.quoteRight / result.quoteChecked).toBeGreaterThanOrEqual(FLOOR.quote);
  });

  it('does as well on the held-out questions', () => {
    const result = evaluate(kb, HELD_OUT_QUESTIONS);
    expect(result.top1 / result.questions).toBeGreaterThanOrEqual(FLOOR.heldOutTop1);
  });

  it('says it does not know for every off-topic question', () => {
    const result = evaluate(kb, []);
    expect(result.offTopicAnswered).toEqual([]);
    expect(result.offTopicRefused).toBe(OFF_TOPIC_QUESTIONS.length);
  });

  it('has every expected section in the knowledge base, so a typo cannot pass as a miss', () => {
    const unknown = [...EVAL_QUESTIONS, ...HELD_OUT_QUESTIONS]
      .flatMap((q) => q.expect)
      .filter((id) => !kb.sections.has(id));
    expect(unknown).toEqual([]);
  });
});
