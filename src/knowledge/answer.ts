import type { Locale } from '../domain/roster';
import type { KnowledgeBase } from './knowledge-base';
import { localised, type Passage, type SourceKind } from './model';
import { asksWho, questionLanguage } from './question';
import {
  type AnswerThreshold,
  type ConceptScores,
  isConfident,
  type QuoteOptions,
  quotePassages,
  type RankedSection,
  type RankingOptions,
  rankSections,
  type Wanted,
} from './ranking';
import { ROUTINE_DOCUMENT_ID } from './routine-knowledge';
import { asksForNumber, type Concept, chosenVariant, conceptsOf, type QueryTerm } from './synonyms';
import type { Variant } from './thesaurus';

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
  /** The language answered in: the question's, or the asker's setting when it is unclear. */
  locale: Locale;
  citation: Citation;
  /** The best-matching passage(s) of the section, verbatim. */
  quote: Quote[];
  /** For a who-question: who is responsible, as the quoted passage says. */
  responsible?: string;
  /** Further sections that also match well, best first. */
  related: Citation[];
}

export interface NoAnswer {
  kind: 'noAnswer';
  locale: Locale;
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
  responsibleBonus: 0.5,
  countBonus: 2,
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
function conceptScores(kb: KnowledgeBase, lookup: TermScores, concept: Concept): ConceptScores {
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
    counted: new Set(
      concept.alternatives.flatMap((a) =>
        a.terms.flatMap((t) => [...(kb.counted.get(t.term) ?? [])]),
      ),
    ),
  };
}

/*
 * A question is a sentence or two; a pasted page would cost a fuzzy search per word. Only its
 * beginning is read.
 */
export const MAX_QUESTION_LENGTH = 400;

/** The question as the ranking needs it: what it is about, what not, and what kind of answer. */
interface Analysis {
  concepts: Concept[];
  /** Rows matching what the question says it is not about ("ikke alvorlig syk"). */
  negatedRows: ReadonlySet<string>;
  wanted: Wanted;
  variant?: Variant;
}

function analyse(kb: KnowledgeBase, text: string): Analysis {
  const question = text.slice(0, MAX_QUESTION_LENGTH);
  const all = conceptsOf(question, kb.thesaurus, (term) => kb.index.knows(term));
  const lookup = termScoresOf(kb);
  const negatedRows = new Set(
    all.filter((c) => c.negated).flatMap((c) => [...conceptScores(kb, lookup, c).scores.keys()]),
  );
  const variant = chosenVariant(all);
  return {
    concepts: all.filter((c) => !c.negated),
    negatedRows,
    wanted: { number: asksForNumber(question), responsible: asksWho(question) },
    ...(variant ? { variant } : {}),
  };
}

function rank(kb: KnowledgeBase, analysis: Analysis): RankedSection[] {
  if (analysis.concepts.length === 0) return [];
  const lookup = termScoresOf(kb);
  return rankSections(
    analysis.concepts.map((c) => conceptScores(kb, lookup, c)),
    kb.places,
    RANKING,
    analysis.wanted,
  );
}

/** Every section that matches the question, best first, with the evidence for each. */
export const searchSections = (kb: KnowledgeBase, text: string): RankedSection[] =>
  rank(kb, analyse(kb, text));

/** Where a section stands, in the asker's language; undefined for an unknown section. */
export function citation(
  kb: KnowledgeBase,
  sectionId: string,
  locale: Locale,
): Citation | undefined {
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
 * The best-matching passages, leaving out those saying what the question is not about; when
 * only the section's title matched, its opening (with the items of the list it introduces),
 * which is what the section says first about its topic.
 */
function quoteOf(kb: KnowledgeBase, ranked: RankedSection, analysis: Analysis): Passage[] {
  const best = quotePassages(ranked, QUOTE);
  const wanted = best.filter((p) => !analysis.negatedRows.has(p.id));
  const matched = (wanted.length > 0 ? wanted : best).flatMap((p) => kb.passages.get(p.id) ?? []);
  const all = kb.sections.get(ranked.sectionId)?.section.passages ?? [];
  if (matched.length > 0) return withVariants(all, matched, analysis);
  const opening = all[0];
  if (!opening) return [];
  return opening.kind === 'lead' ? all.slice(1, 1 + QUOTE.maxPassages) : [opening];
}

/**
 * A deadline has a normal and a seriously-ill variant. A question about it gets the one it
 * chooses ("ikke alvorlig syk" → normal), or both when it does not choose: half an answer
 * is a wrong one for the other kind of patient. Other passages stay as quoted.
 */
function withVariants(
  section: readonly Passage[],
  quoted: readonly Passage[],
  analysis: Analysis,
): Passage[] {
  // A section with variants is a deadline's: they are what it is there to say.
  if (!section.some((p) => p.variant !== undefined)) return [...quoted];
  const keep = (p: Passage) =>
    p.variant === undefined
      ? quoted.includes(p)
      : !analysis.variant || p.variant === analysis.variant;
  return section.filter(keep);
}

/** A passage as quoted, in the asker's language. */
export const toQuote = (passage: Passage, locale: Locale): Quote => ({
  text: localised(passage.text, locale),
  ...(passage.lead ? { lead: localised(passage.lead, locale) } : {}),
});

/**
 * Answers a question with a quote from the knowledge base and its source, or says it does not
 * know; in the language of the question, else the asker's. Deterministic over the built index;
 * the question is neither stored nor logged.
 */
export function answerQuestion(
  kb: KnowledgeBase,
  question: string,
  askerLocale: Locale,
): Answer | NoAnswer {
  const locale = questionLanguage(question) ?? askerLocale;
  const analysis = analyse(kb, question);
  const ranked = rank(kb, analysis);
  const top = ranked[0];
  if (!isConfident(top, THRESHOLD)) return { kind: 'noAnswer', locale };
  const cited = citation(kb, top.sectionId, locale);
  if (!cited) return { kind: 'noAnswer', locale };
  const quote = quoteOf(kb, top, analysis);
  const responsible = analysis.wanted.responsible
    ? quote.find((p) => p.responsible)?.responsible
    : undefined;
  const related = ranked
    .slice(1)
    .filter((r) => isConfident(r, THRESHOLD))
    .slice(0, RELATED)
    .flatMap((r) => citation(kb, r.sectionId, locale) ?? []);
  return {
    kind: 'answer',
    locale,
    citation: cited,
    quote: quote.map((p) => toQuote(p, locale)),
    ...(responsible ? { responsible: localised(responsible, locale) } : {}),
    related,
  };
}
