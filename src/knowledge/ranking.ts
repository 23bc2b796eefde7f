/**
 * Ranking, as a pure function of the index's per-concept scores: which section answers the
 * question, which of its passages to quote, and whether the evidence is good enough to answer
 * at all. Kept apart from the index so it can be tested with hand-made scores.
 */

/** What the index found for one concept of the question. */
export interface ConceptScores {
  /** Score on each row (passage or title) it matches: its best synonym there. */
  scores: ReadonlyMap<string, number>;
  /**
   * How many rows contain the words the user wrote, for the concept's rarity: synonyms help
   * find passages, but "HSYRE" is a specific word even if its synonym "ressurssykepleier" is
   * everywhere. The synonyms' count when the user's own words occur nowhere.
   */
  frequency: number;
  /** A cue ("betyr", "står for"): counts where matched, is not missed where not. */
  optional: boolean;
  /** Passages where a number counts this concept ("3 samhandlingspunkt", "6 timer"). */
  counted?: ReadonlySet<string>;
}

/**
 * What an indexed row is: a passage of a section; a section's title, evidence for that section;
 * a document's title, evidence for each of its sections that matches otherwise too.
 */
export type Place =
  | {
      kind: 'passage';
      sectionId: string;
      /** Position in the section, to quote passages in reading order. */
      order: number;
      /** False for a list's lead: it is evidence for the section, never quoted on its own. */
      quotable: boolean;
      /** Whether it states a number: the kind of passage that answers "how many", "when". */
      numeric: boolean;
      /** Whether it names who is responsible: the kind of passage that answers "who". */
      namesResponsible: boolean;
    }
  | { kind: 'sectionTitle'; sectionId: string }
  | { kind: 'documentTitle'; sectionIds: readonly string[] };

export interface RankingOptions {
  /**
   * Share of a section's score taken from its best single passage; the rest credits each
   * concept once at its best passage anywhere in the section (title included), so a question
   * whose words are spread over a section's title and body still finds it.
   */
  passageShare: number;
  /**
   * How strongly a section is held to cover the whole question: its score, and its best
   * passage's, are multiplied by their coverage to this power, so a short passage repeating one
   * common word does not outrank a section (or a passage) that matches everything asked.
   */
  coverageExponent: number;
  /**
   * A section matching the question's cues ("betyr" → Definisjoner) gets its score multiplied by
   * up to 1 + this; cues never count in coverage, so they cannot make or block an answer.
   */
  cueBonus: number;
  /**
   * For a question asking for a number or a time ("hvor mange", "når"), a passage stating one
   * counts this much more, in the section's score and in the choice of quote.
   */
  numberBonus: number;
  /** Likewise for a who-question and a passage naming who is responsible. */
  responsibleBonus: number;
  /**
   * For a question asking how many, a passage where a number counts one of the question's own
   * concepts ("3 samhandlingspunkt" for "hvor mange samhandlingspunkter") counts this much more
   * again: it states the number asked for, not just some number.
   */
  countBonus: number;

  /** Multiplier per section, e.g. to prefer the configuration over a document's older table. */
  sectionPriority: (sectionId: string) => number;
}

export interface RankedPassage {
  id: string;
  /** Summed BM25 score of the question's concepts on the passage. */
  score: number;
  /**
   * Summed weight of the concepts the passage matches, those the section's or document's title
   * already matches counting little: in "Introduksjonskurs", for "how long is the introduction
   * course", the passage saying how long, not the one repeating the course's name.
   */
  novelty: number;
  order: number;
}

export interface RankedSection {
  sectionId: string;
  score: number;
  /** Share (0..1) of the question's concepts, weighted by rarity, that the section matches; cues left out. */
  coverage: number;
  /** Summed rarity (idf) of the concepts (not cues) the section matches: how specific the evidence is. */
  evidence: number;
  /** The section's quotable matching passages, the one to quote first; empty when only its title matched. */
  passages: RankedPassage[];
}

/**
 * Rarity of a concept over the passages, as BM25 weighs it. A concept the knowledge base does
 * not contain at all gets the highest weight: a question about something absent ("ferie",
 * "passord") must not be answered from its other, common words.
 */
export function conceptWeight(matchingPassages: number, totalPassages: number): number {
  const n = Math.max(totalPassages, 1);
  const df = Math.min(matchingPassages, n);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/*
 * A concept the section's title already matches still counts a little towards a passage's
 * novelty: for "what is the deadline", the passages that state the deadline, not the one about
 * the phone call, even though the title says "deadline".
 */
const TITLE_NOVELTY = 0.3;

interface Tally {
  /** Per quotable passage: its summed score and the concepts it matches. */
  passages: Map<string, { score: number; concepts: number[] }>;
  bestPerConcept: number[];
  titleConcepts: Set<number>;
}

/** The kind of answer a question asks for, beyond what about. */
export interface Wanted {
  number: boolean;
  responsible: boolean;
}

export const NOTHING_WANTED: Readonly<Wanted> = { number: false, responsible: false };

export function rankSections(
  concepts: readonly ConceptScores[],
  places: ReadonlyMap<string, Place>,
  options: RankingOptions,
  wanted: Readonly<Wanted> = NOTHING_WANTED,
): RankedSection[] {
  // A question of cue words only ("hva betyr") says what it wants, not about what.
  if (!concepts.some((c) => !c.optional)) return [];
  const weights = concepts.map((c) => conceptWeight(c.frequency, places.size));
  const requiredWeight = weights.reduce((sum, w, c) => sum + (concepts[c].optional ? 0 : w), 0);
  const optionalWeight = weights.reduce((sum, w, c) => sum + (concepts[c].optional ? w : 0), 0);

  const tallies = new Map<string, Tally>();
  const tallyOf = (sectionId: string): Tally => {
    let tally = tallies.get(sectionId);
    if (!tally) {
      tally = {
        passages: new Map(),
        bestPerConcept: concepts.map(() => 0),
        titleConcepts: new Set(),
      };
      tallies.set(sectionId, tally);
    }
    return tally;
  };
  const documentMatches: { sectionIds: readonly string[]; concept: number; score: number }[] = [];
  concepts.forEach(({ scores }, c) => {
    for (const [id, score] of scores) {
      const place = places.get(id);
      if (!place || score <= 0) continue;
      if (place.kind === 'documentTitle') {
        documentMatches.push({ sectionIds: place.sectionIds, concept: c, score });
        continue;
      }
      const tally = tallyOf(place.sectionId);
      if (place.kind === 'sectionTitle') {
        tally.titleConcepts.add(c);
      } else if (place.quotable) {
        const passage = tally.passages.get(id) ?? { score: 0, concepts: [] };
        passage.score += score;
        passage.concepts.push(c);
        tally.passages.set(id, passage);
      }
      tally.bestPerConcept[c] = Math.max(tally.bestPerConcept[c], score);
    }
  });
  // A document's title ("Rutine: ...", "Kompetanseplan") tells sections apart, but makes none a
  // candidate on its own: the question must match the section itself somewhere.
  for (const { sectionIds, concept, score } of documentMatches) {
    for (const sectionId of sectionIds) {
      const tally = tallies.get(sectionId);
      if (!tally) continue;
      tally.titleConcepts.add(concept);
      tally.bestPerConcept[concept] = Math.max(tally.bestPerConcept[concept], score);
    }
  }

  const ranked: RankedSection[] = [];
  for (const [sectionId, tally] of tallies) {
    const matched = (c: number) => tally.bestPerConcept[c] > 0;
    const required = (c: number) => !concepts[c].optional;
    const evidence = weights.reduce((sum, w, c) => sum + (matched(c) && required(c) ? w : 0), 0);
    // Cues and document titles alone do not make a section an answer.
    if (evidence === 0) continue;
    const coverage = evidence / requiredWeight;
    const cueShare =
      optionalWeight === 0
        ? 0
        : weights.reduce((sum, w, c) => sum + (matched(c) && !required(c) ? w : 0), 0) /
          optionalWeight;
    const passages = [...tally.passages].map(([id, p]) => {
      const place = places.get(id);
      const own = p.concepts.filter(required);
      const isPassage = place?.kind === 'passage';
      const counts = wanted.number && own.some((c) => concepts[c].counted?.has(id));
      const answersType =
        (wanted.number && isPassage && place.numeric ? 1 + options.numberBonus : 1) *
        (counts ? 1 + options.countBonus : 1) *
        (wanted.responsible && isPassage && place.namesResponsible
          ? 1 + options.responsibleBonus
          : 1);
      return {
        id,
        score: p.score * answersType,
        own: own.reduce((sum, c) => sum + weights[c], 0) / requiredWeight,
        novelty:
          p.concepts.reduce(
            (sum, c) =>
              sum + (tally.titleConcepts.has(c) ? TITLE_NOVELTY * weights[c] : weights[c]),
            0,
          ) * answersType,
        order: place?.kind === 'passage' ? place.order : 0,
      };
    });
    // The best passage counts by how much of the question it answers on its own.
    const bestPassage = passages.reduce(
      (best, p) => Math.max(best, p.score * p.own ** options.coverageExponent),
      0,
    );
    passages.sort((a, b) => b.novelty - a.novelty || b.score - a.score || a.order - b.order);
    const spread = tally.bestPerConcept.reduce((sum, s) => sum + s, 0);
    const score =
      (options.passageShare * bestPassage + (1 - options.passageShare) * spread) *
      coverage ** options.coverageExponent *
      (1 + options.cueBonus * cueShare) *
      options.sectionPriority(sectionId);
    ranked.push({
      sectionId,
      score,
      coverage,
      evidence,
      passages: passages.map(({ id, score: s, novelty, order }) => ({
        id,
        score: s,
        novelty,
        order,
      })),
    });
  }
  return ranked.sort((a, b) => b.score - a.score || a.sectionId.localeCompare(b.sectionId));
}

export interface AnswerThreshold {
  /** The answer must match at least this share of the question's weighted concepts. */
  minCoverage: number;
  /** ...and concepts specific enough that their summed weight reaches this. */
  minEvidence: number;
}

/** Whether the best section is good enough to answer with, or the bot should say it does not know. */
export const isConfident = (section: RankedSection | undefined, t: AnswerThreshold): boolean =>
  section !== undefined && section.coverage >= t.minCoverage && section.evidence >= t.minEvidence;

export interface QuoteOptions {
  /** A further passage is quoted when it scores at least this share of the best one. */
  closeTo: number;
  maxPassages: number;
}

/**
 * The passages to quote: the first-ranked one, and others that match nearly as much of the
 * question with nearly the same score (a question about "FVE's tasks" matches several steps), in
 * reading order.
 */
export function quotePassages(section: RankedSection, options: QuoteOptions): RankedPassage[] {
  const best = section.passages[0];
  if (!best) return [];
  return section.passages
    .filter(
      (p) => p.novelty >= best.novelty * options.closeTo && p.score >= best.score * options.closeTo,
    )
    .slice(0, options.maxPassages)
    .sort((a, b) => a.order - b.order);
}
