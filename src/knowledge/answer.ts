import type { Locale } from '../domain/roster';
import type { KnowledgeBase } from './knowledge-base';
import { localised, type Passage, type SourceKind } from './model';
import {
  type AnswerThreshold,
  type ConceptScores,
  isConfident,
  type QuoteOptions,
  quotePassages,
  type RankedSection,
  type RankingOptions,
  rankSections,
} from './ranking';
import { ROUTINE_DOCUMENT_ID } from './routine-knowledge';
import { asksForNumber, type Concept, conceptsOf, type QueryTerm } from './synonyms';

/** Where an answer comes from: the document and its section, in the caller's language. */
export interface Citation {
  sectionId: string;
  documentTitle: string;
  sectionTitle: string;
  source: SourceKind;
}

export interface Quote {
  text: string;
  /** The sentence introducing the list the quoted item belongs to. */
  lead?: string;
}

export interface Answer {
  kind: 'answer';
  citation: Citation;
  /** The best-matching passage(s) of the section, verbatim. */
  quote: Quote[];
  /** Further sections that also match well, best first. */
  related: Citation[];
}

export interface NoAnswer {
  kind: 'noAnswer';
}

/*
 * The configuration restates the routine's deadlines as this municipality has set them, so when
 * both it and a document match a question equally, the configuration is the one to cite.
 */
const CONFIG_PRIORITY = 1.1;

export const RANKING: Readonly<RankingOptions> = {
  passageShare: 0.5,
  coverageExponent: 2,
  cueBonus: 0.5,
  numberBonus: 0.5,
  sectionPriority: (sectionId) =>
    sectionId.startsWith(`${ROUTINE_DOCUMENT_ID}/`) ? CONFIG_PRIORITY : 1,
};

/*
 * Half of what the question asks about, weighted by rarity, must be in the section (so a
 * question with one word the knowledge base has and one it lacks is not answered), and at
 * least one matched concept must be reasonably specific (a weight of 2 is a word found in
 * in about one row in seven or fewer); below that the bot says it does not know.
 */
export const THRESHOLD: Readonly<AnswerThreshold> = { minCoverage: 0.5, minEvidence: 2 };

const QUOTE: QuoteOptions = { closeTo: 0.75, maxPassages: 3 };
const RELATED = 2;

/** Scores of one term, looked up once per question though several synonyms share it. */
type TermScores = (term: QueryTerm) => Map<string, number>;

function termScoresOf(kb: KnowledgeBase): TermScores {
  const cache = new Map<string, Map<string, number>>();
  return (term) => {
    const key = `${term.literal ? '1' : '0'}${term.term}`;
    let scores = cache.get(key);
    if (!scores) {
      scores = kb.index.scores(term);
      cache.set(key, scores);
    }
    return scores;
  };
}

/** A concept's score on each row: its best alternative, a phrase only where all its terms are. */
function conceptScores(lookup: TermScores, concept: Concept): ConceptScores {
  const best = new Map<string, number>();
  let literalRows = 0;
  for (const alternative of concept.alternatives) {
    if (alternative.fallback && best.size > 0) continue;
    let combined: Map<string, number> | undefined;
    for (const term of alternative.terms) {
      const scores = lookup(term);
      if (combined === undefined) {
        combined = scores;
      } else {
        const next = new Map<string, number>();
        for (const [id, score] of scores) {
          const before = combined.get(id);
          if (before !== undefined) next.set(id, before + score);
        }
        combined = next;
      }
      if (combined.size === 0) break;
    }
    const rows = combined ?? new Map<string, number>();
    if (alternative.terms.every((t) => t.literal)) literalRows = Math.max(literalRows, rows.size);
    for (const [id, score] of rows) {
      const weighted = score * alternative.weight;
      if (weighted > (best.get(id) ?? 0)) best.set(id, weighted);
    }
  }
  return {
    scores: best,
    frequency: literalRows > 0 ? literalRows : best.size,
    optional: concept.optional,
  };
}

/*
 * A question is a sentence or two; a pasted page would cost a fuzzy search per word. Only its
 * beginning is read.
 */
export const MAX_QUESTION_LENGTH = 400;

/** Every section that matches the question, best first, with the evidence for each. */
export function searchSections(kb: KnowledgeBase, text: string): RankedSection[] {
  const question = text.slice(0, MAX_QUESTION_LENGTH);
  const concepts = conceptsOf(question, (term) => kb.index.knows(term));
  if (concepts.length === 0) return [];
  const lookup = termScoresOf(kb);
  return rankSections(
    concepts.map((c) => conceptScores(lookup, c)),
    kb.places,
    RANKING,
    asksForNumber(question),
  );
}

function citation(kb: KnowledgeBase, sectionId: string, locale: Locale): Citation | undefined {
  const entry = kb.sections.get(sectionId);
  if (!entry) return undefined;
  return {
    sectionId,
    documentTitle: localised(entry.document.title, locale),
    sectionTitle: localised(entry.section.title, locale),
    source: entry.document.kind,
  };
}

/**
 * The best-matching passages; when only the section's title matched, its opening (with the
 * items of the list it introduces), which is what the section says first about its topic.
 */
function quoteOf(kb: KnowledgeBase, ranked: RankedSection): Passage[] {
  const matched = quotePassages(ranked, QUOTE).flatMap((p) => kb.passages.get(p.id) ?? []);
  if (matched.length > 0) return matched;
  const all = kb.sections.get(ranked.sectionId)?.section.passages ?? [];
  const opening = all[0];
  if (!opening) return [];
  return opening.kind === 'lead' ? all.slice(1, 1 + QUOTE.maxPassages) : [opening];
}

const toQuote = (passage: Passage, locale: Locale): Quote => ({
  text: localised(passage.text, locale),
  ...(passage.lead ? { lead: localised(passage.lead, locale) } : {}),
});

/**
 * Answers a question with a quote from the knowledge base and its source, or says it does not
 * know. Deterministic over the built index; the question is neither stored nor logged.
 */
export function answerQuestion(
  kb: KnowledgeBase,
  question: string,
  locale: Locale,
): Answer | NoAnswer {
  const ranked = searchSections(kb, question);
  const top = ranked[0];
  if (!isConfident(top, THRESHOLD)) return { kind: 'noAnswer' };
  const cited = citation(kb, top.sectionId, locale);
  if (!cited) return { kind: 'noAnswer' };
  const quote = quoteOf(kb, top);
  const related = ranked
    .slice(1)
    .filter((r) => isConfident(r, THRESHOLD))
    .slice(0, RELATED)
    .flatMap((r) => citation(kb, r.sectionId, locale) ?? []);
  return {
    kind: 'answer',
    citation: cited,
    quote: quote.map((p) => toQuote(p, locale)),
    related,
  };
}
