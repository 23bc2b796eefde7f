/**
 * Question answering: accuracy on the evaluation set (top-1: the answer cites an accepted
 * section; top-3: one is among the three best-ranked; quote: the quoted passage has the expected
 * words; off-topic: the bot says it does not know) and answer latency, build time and misses.
 * A right top-1 also has what the question's kind asks for: both deadline variants or the one
 * chosen, who is responsible, the question's language. The held-out part is never tuned on.
 * Prints, asserts nothing; test/knowledge/accuracy.test.ts keeps the floor.
 * Run: npm run bench:knowledge
 */
import { performance } from 'node:perf_hooks';
import { answerQuestion } from '../src/knowledge/answer';
import { KNOWLEDGE_DIR, loadKnowledgeBase } from '../src/knowledge/knowledge-base';
import {
  EVAL_QUESTIONS,
  type EvalQuestion,
  HELD_OUT_QUESTIONS,
  OFF_TOPIC_QUESTIONS,
} from '../test/knowledge/eval-set';
import { ROUND2_HELD_OUT, ROUND2_QUESTIONS } from '../test/knowledge/eval-set-round2';
import { type Evaluation, evaluate } from '../test/knowledge/evaluate';
import { defaultRoutine } from '../test/support/domain-fixtures';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} % (${n}/${of})`;

function report(name: string, r: Evaluation) {
  console.log(`\n${name}: ${r.questions} questions`);
  console.log(`  top-1     ${pct(r.top1, r.questions)}`);
  console.log(`  top-3     ${pct(r.top3, r.questions)}`);
  console.log(
    `  quote     ${pct(r.quoteRight, r.quoteChecked)} of right answers with an expected quote`,
  );
  for (const m of r.misses)
    console.log(`  miss   ${m.question}  →  ${m.got}  (expected ${m.expected.join(' | ')})`);
  for (const m of r.quoteMisses) console.log(`  quote  ${m.question}  →  ${m.got.slice(0, 100)}`);
}

function main() {
  const buildStart = performance.now();
  const kb = loadKnowledgeBase(KNOWLEDGE_DIR, defaultRoutine());
  const buildMs = performance.now() - buildStart;
  console.log(
    `knowledge base: ${kb.sections.size} sections, ${kb.passages.size} passages, built in ${buildMs.toFixed(1)} ms`,
  );

  const tuned = evaluate(kb, EVAL_QUESTIONS);
  const heldOut = evaluate(kb, HELD_OUT_QUESTIONS);
  const all = evaluate(kb, [...EVAL_QUESTIONS, ...HELD_OUT_QUESTIONS]);
  report('evaluation set', tuned);
  report('held-out set', heldOut);
  report('both (the whole set)', all);
  report(
    'second round only (issue 17), tuning and held-out',
    evaluate(kb, [...ROUND2_QUESTIONS, ...ROUND2_HELD_OUT]),
  );
  console.log(`\noff-topic: "I don't know" for ${pct(all.offTopicRefused, all.offTopic)}`);
  for (const m of all.offTopicAnswered) console.log(`  answered  ${m.question}  →  ${m.got}`);

  const questions: Pick<EvalQuestion, 'question' | 'locale'>[] = [
    ...EVAL_QUESTIONS,
    ...HELD_OUT_QUESTIONS,
    ...OFF_TOPIC_QUESTIONS,
  ];
  for (const q of questions) answerQuestion(kb, q.question, q.locale); // warm-up
  const rounds = 20;
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const q of questions) {
      const start = performance.now();
      answerQuestion(kb, q.question, q.locale);
      samples.push(performance.now() - start);
    }
  }
  samples.sort((a, b) => a - b);
  console.log(
    `\nanswer latency (${samples.length} answers): p50=${percentile(samples, 50).toFixed(2)} ms  p99=${percentile(samples, 99).toFixed(2)} ms  max=${samples[samples.length - 1].toFixed(2)} ms`,
  );
}

main();
