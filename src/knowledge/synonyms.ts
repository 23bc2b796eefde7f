import { analyze, isStopWord, stem, words } from './text';
import type { CompiledPhrase, Thesaurus, Variant } from './thesaurus';

/**
 * Wordings that say what kind of answer is wanted rather than what about: "hva betyr HSYRE",
 * "hva står EHBT og HSY for" want the definitions. Recognised by pattern, as the words need not
 * be adjacent, and looked up as the words a definitions section is titled with. Such a concept
 * helps the section that has it but costs nothing where it is absent, since most answers do not
 * use the word "definisjon".
 */
const CUES: readonly { pattern: RegExp; phrases: readonly string[] }[] = [
  {
    pattern:
      /\b(betyr|menes|definisjon\w*|forkortelse\w*|står\b.*\bfor|mean|means|meaning|stands?\b.*\bfor|abbreviation\w*)\b/i,
    phrases: ['definisjon', 'definisjoner', 'forkortelse', 'forkortelser', 'definitions'],
  },
];

const NUMBER_QUESTION =
  /^\s*(når|when)\b|\b(hvor (mange|lenge|lang|ofte|mye|fort|raskt)|how (many|long|often|much|soon|quickly)|antall|number of)\b/i;

/** Whether the question asks for a number or a time, which the answer will state in digits. */
export const asksForNumber = (question: string): boolean => NUMBER_QUESTION.test(question);

/** A query term as the index knows it; `literal` when the user wrote it, so typos may apply. */
export interface QueryTerm {
  term: string;
  literal: boolean;
}

/** One way of saying a concept; a phrase matches only where all of its terms do. */
export interface Alternative {
  terms: readonly QueryTerm[];
  weight: number;
  /** Looked up only when no other alternative of the concept is found (compound parts). */
  fallback?: boolean;
}

/** One thing the question asks about, with every way the knowledge base may say it. */
export interface Concept {
  alternatives: readonly Alternative[];
  /** A cue (see CUES): counts where matched, is not missed where not. */
  optional: boolean;
  /** Written after a negation ("ikke alvorlig syk"): what the question is not about. */
  negated?: boolean;
  /** The deadline variant the concept's words choose, negation taken into account. */
  variant?: Variant;
}

/** A synonym found in place of the user's own words weighs a little less than those words. */
export const SYNONYM_WEIGHT = 0.85;

/** The parts of a compound the knowledge base only has apart weigh less than a whole word. */
export const COMPOUND_PART_WEIGHT = 0.8;

/**
 * Splits an unknown compound into two words the knowledge base has ("nettverksamling" →
 * "nettverk" + "samling"), trying the linking -s- and -e- of Norwegian compounds; the split
 * with the most even parts wins. Undefined when the word is known or has no such split.
 */
export function splitCompound(
  word: string,
  knows: (term: string) => boolean,
): string[] | undefined {
  const MIN_PART = 3;
  if (word.length < 2 * MIN_PART + 2 || knows(word)) return undefined;
  let best: string[] | undefined;
  for (let i = MIN_PART; i <= word.length - MIN_PART; i++) {
    const right = word.slice(i);
    const head = knows(right) ? right : knows(stem(right)) ? stem(right) : undefined;
    if (!head) continue;
    const left = word.slice(0, i);
    const candidates = [left, ...(/[se]$/.test(left) ? [left.slice(0, -1)] : [])];
    const modifier = candidates
      .flatMap((c) => (c.length >= MIN_PART ? [c, stem(c)] : []))
      .find(knows);
    if (!modifier) continue;
    if (
      !best ||
      Math.min(modifier.length, head.length) > Math.min(best[0].length, best[1].length)
    ) {
      best = [modifier, head];
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length];
}

/**
 * A misspelt thesaurus word ("forvaltnigen", "ressursykepleier"): the one-word phrase within one
 * edit (two for long words), or that the word begins, so the typo also gets the synonyms.
 */
function correctToThesaurus(word: string, table: Thesaurus['phrases']): CompiledPhrase | undefined {
  if (word.length < 5) return undefined;
  const max = word.length >= 8 ? 2 : 1;
  let best: { phrase: CompiledPhrase; distance: number } | undefined;
  for (const phrases of table.values()) {
    for (const phrase of phrases) {
      if (phrase.match.length !== 1) continue;
      const candidate = phrase.match[0];
      const distance =
        word.length >= 6 && candidate.startsWith(word) ? 1 : editDistance(word, candidate, max);
      if (distance <= max && (!best || distance < best.distance)) best = { phrase, distance };
    }
  }
  return best?.phrase;
}

/** At most this many ways of saying a compound's parts are tried, so a question stays cheap. */
const MAX_COMPOUND_ALTERNATIVES = 12;

/**
 * A compound the knowledge base has only apart ("oppfølgingsvurdering"): its parts, then its
 * parts said with the thesaurus's one-word synonyms ("oppfølging" + "vurderes"), as fallbacks
 * tried in that order until one is found.
 */
function compoundAlternatives(
  parts: readonly string[],
  table: Thesaurus['phrases'],
  thesaurus: Thesaurus,
): Alternative[] {
  const waysOf = (part: string): string[] => {
    const phrase = (table.get(part) ?? []).find((p) => p.match.length === 1);
    const synonyms = (phrase?.groups ?? []).flatMap((g) =>
      thesaurus.alternatives[g].filter((terms) => terms.length === 1).map(([term]) => term),
    );
    return [...new Set([part, ...synonyms])];
  };
  let combinations: string[][] = [[]];
  for (const part of parts) {
    combinations = combinations.flatMap((head) => waysOf(part).map((way) => [...head, way]));
  }
  return combinations.slice(0, MAX_COMPOUND_ALTERNATIVES).map((terms, k) => ({
    terms: terms.map((term) => ({ term, literal: false })),
    weight: k === 0 ? COMPOUND_PART_WEIGHT : COMPOUND_PART_WEIGHT * SYNONYM_WEIGHT,
    fallback: true,
  }));
}

/*
 * Negation and contrast: "ikke alvorlig syk", "not seriously ill", "other than the seriously
 * ill". The negated thing is what the question is not about, so it is no evidence for a passage
 * that says it. A negator counts for the concept right after it, or after one copula or softener
 * ("ikke er alvorlig syk", "not very ill"); further away it negates a verb ("ikke når pasienten"), not
 * the concept.
 */
const NEGATORS = new Set([
  'ikke',
  'ikkje',
  'aldri',
  'uten',
  'unntatt',
  'not',
  'never',
  'without',
  'except',
  'isn',
  'aren',
  'wasn',
  'weren',
]);
const TWO_WORD_NEGATORS = new Set(['bortsett fra', 'andre enn', 'other than', 'apart from']);
/* Words that may stand between a negator and what it negates: "ikke er alvorlig syk". */
const SOFTENERS = new Set([
  'er',
  'blir',
  'være',
  'is',
  'are',
  'be',
  'så',
  'helt',
  'særlig',
  'spesielt',
  'veldig',
  'very',
  'so',
  'that',
  'too',
  'particularly',
  'really',
]);

function negatedAt(tokens: readonly string[], i: number): boolean {
  const before = (k: number) => tokens[i - k];
  const negatorEndsAt = (k: number) =>
    NEGATORS.has(before(k) ?? '') || TWO_WORD_NEGATORS.has(`${before(k + 1)} ${before(k)}`);
  return negatorEndsAt(1) || (SOFTENERS.has(before(1) ?? '') && negatorEndsAt(2));
}

const flip = (variant: Variant): Variant => (variant === 'normal' ? 'seriouslyIll' : 'normal');

/**
 * Turns a question into concepts: thesaurus phrases (longest match first, so "alvorlig syke"
 * is one concept and "resource nurse" is not "nurse"), then every other word that is not a stop
 * word, with its compound parts when the knowledge base does not have the whole word. A
 * duplicated concept is kept once, so repeating a word does not weigh it twice. A negated
 * concept is marked, and a variant word negated chooses the other variant.
 */
export function conceptsOf(
  question: string,
  thesaurus: Thesaurus,
  knows: (term: string) => boolean = () => true,
): Concept[] {
  const tokens = words(question);
  const stems = tokens.map(stem);
  const table = thesaurus.phrases;
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  const add = (concept: Concept) => {
    const key = concept.alternatives
      .map((a) => a.terms.map((t) => t.term).join(' '))
      .sort()
      .join('|');
    if (!seen.has(key)) {
      seen.add(key);
      concepts.push(concept);
    }
  };
  const synonymsOf = (groups: readonly number[]): Alternative[] =>
    groups.flatMap((group) =>
      thesaurus.alternatives[group].map((terms) => ({
        terms: terms.map((term) => ({ term, literal: false })),
        weight: SYNONYM_WEIGHT,
      })),
    );
  // "vanlig", "normal": the documents never say so, since the normal variant is the one not
  // marked; such a word chooses the variant but is not required to be found.
  const marks = (i: number, groups: readonly number[]) => {
    const negated = negatedAt(tokens, i);
    const named = groups.map((g) => thesaurus.variants[g]).find((v) => v !== undefined);
    const variant = named && negated ? flip(named) : named;
    return {
      optional: named === 'normal' && !negated,
      ...(negated ? { negated } : {}),
      ...(variant ? { variant } : {}),
    };
  };

  let i = 0;
  while (i < tokens.length) {
    const phrase = (table.get(stems[i]) ?? []).find((p) =>
      p.match.every((s, k) => stems[i + k] === s),
    );
    if (phrase) {
      const alternatives = new Map<string, Alternative>();
      // A phrase of stop words only ("står for") stands for its group without a literal form.
      if (phrase.search.length > 0) {
        alternatives.set(phrase.search.join(' '), {
          terms: phrase.search.map((term) => ({ term, literal: true })),
          weight: 1,
        });
      }
      for (const alternative of synonymsOf(phrase.groups)) {
        const key = alternative.terms.map((t) => t.term).join(' ');
        if (!alternatives.has(key)) alternatives.set(key, alternative);
      }
      if (alternatives.size > 0) {
        add({ alternatives: [...alternatives.values()], ...marks(i, phrase.groups) });
      }
      i += phrase.match.length;
      continue;
    }
    if (!isStopWord(tokens[i])) {
      const alternatives: Alternative[] = [
        { terms: [{ term: stems[i], literal: true }], weight: 1 },
      ];
      const corrected = knows(stems[i]) ? undefined : correctToThesaurus(stems[i], table);
      alternatives.push(...synonymsOf(corrected?.groups ?? []));
      const parts = splitCompound(stems[i], knows);
      if (parts) alternatives.push(...compoundAlternatives(parts, table, thesaurus));
      add({ alternatives, ...marks(i, corrected?.groups ?? []) });
    }
    i += 1;
  }
  for (const cue of CUES) {
    if (!cue.pattern.test(question)) continue;
    add({
      alternatives: cue.phrases.map((phrase) => ({
        terms: analyze(phrase).map((term) => ({ term, literal: false })),
        weight: SYNONYM_WEIGHT,
      })),
      optional: true,
    });
  }
  return concepts;
}

/**
 * The variant the question chooses: the one its variant words name (a negated one naming the
 * other), or undefined when it names none or both.
 */
export function chosenVariant(concepts: readonly Concept[]): Variant | undefined {
  const named = new Set(concepts.flatMap((c) => (c.variant ? [c.variant] : [])));
  return named.size === 1 ? [...named][0] : undefined;
}
