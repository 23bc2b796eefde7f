import MiniSearch from 'minisearch';
import type { KnowledgeDocument } from './model';
import type { QueryTerm } from './synonyms';
import { isStopWord, plainText, stem, words } from './text';

/**
 * The full-text index over passages (MiniSearch: BM25+, field boosts, prefix and fuzzy term
 * matching). It is asked one term at a time, so that the ranking can treat a concept's
 * synonyms as one and knows which concepts a passage covers; see ranking.ts.
 */

/** A passage, a section title or a document title, in one language. */
interface IndexedRow {
  id: string;
  text: string;
  lead: string;
  section: string;
  document: string;
}

type Field = Exclude<keyof IndexedRow, 'id'>;

/*
 * Titles are indexed once, as rows of their own, rather than with every passage: a section's
 * title tells which section a question is about and a document's title which document, while
 * the passage to quote is chosen on its own words; and a word of a title is not made common by
 * being counted once per passage. A title match weighs more than one in a body; a list's lead
 * ("Ressurssykepleier skal:") less, as it is repeated on each item.
 */
export const FIELD_BOOSTS: Readonly<Record<Field, number>> = {
  text: 1,
  lead: 0.5,
  section: 3,
  document: 1,
};

/** Row ids of titles; `#` and `:` never occur in a section's or document's id. */
export const sectionTitleRowId = (sectionId: string): string => `${sectionId}#title`;
export const documentTitleRowId = (documentId: string): string => `document:${documentId}`;

/**
 * Prefixes join compounds and inflections the stemmer leaves apart ("kartlegg" →
 * "kartleggingsverktøy"); not for short words, where "fort" would find "fortløpende".
 */
const prefixFor = (term: QueryTerm): boolean => term.term.length >= 5;

/*
 * A corrected typo is what the user meant, so it weighs more than MiniSearch's default (0.45);
 * a prefix is a guess at a compound or an inflection, and keeps the default.
 */
const WEIGHTS = { fuzzy: 0.7, prefix: 0.375 };

/** The rows of one localised text: one when both languages hold the same, else one each. */
const languages = (text: { nb: string; en: string }): string[] =>
  text.nb === text.en ? [text.nb] : [text.nb, text.en];

/*
 * The configuration's text exists in Norwegian and English. Each language is a row of its own,
 * collapsed back to the passage when scoring, so that a passage saying a thing in two languages
 * does not count it twice against a document that says it once.
 */
const LANGUAGE_SUFFIX = '~';
const rowIds = (id: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => (i === 0 ? id : `${id}${LANGUAGE_SUFFIX}${i}`));
const keyOf = (rowId: string): string => {
  const at = rowId.indexOf(LANGUAGE_SUFFIX);
  return at < 0 ? rowId : rowId.slice(0, at);
};

export class PassageIndex {
  private readonly search: MiniSearch<IndexedRow>;
  private readonly vocabulary = new Set<string>();

  constructor(documents: readonly KnowledgeDocument[]) {
    this.search = new MiniSearch<IndexedRow>({
      fields: ['text', 'lead', 'section', 'document'],
      storeFields: [],
      tokenize: (text) => words(plainText(text)),
      processTerm: (term) => {
        if (isStopWord(term)) return null;
        const indexed = stem(term);
        this.vocabulary.add(indexed);
        return indexed;
      },
    });
    const rows: IndexedRow[] = [];
    const row = (id: string, fields: Partial<Omit<IndexedRow, 'id'>>): IndexedRow => ({
      id,
      text: '',
      lead: '',
      section: '',
      document: '',
      ...fields,
    });
    for (const doc of documents) {
      const documentTitles = languages(doc.title);
      rowIds(documentTitleRowId(doc.id), documentTitles.length).forEach((id, i) => {
        rows.push(row(id, { document: documentTitles[i] }));
      });
      for (const section of doc.sections) {
        const titles = languages(section.title);
        rowIds(sectionTitleRowId(section.id), titles.length).forEach((id, i) => {
          rows.push(row(id, { section: titles[i] }));
        });
        for (const passage of section.passages) {
          const texts = languages(passage.searchText ?? passage.text);
          const around = passage.lead ?? passage.context;
          const leads = around ? languages(around) : [];
          rowIds(passage.id, texts.length).forEach((id, i) => {
            rows.push(row(id, { text: texts[i], lead: leads[i] ?? leads[0] ?? '' }));
          });
        }
      }
    }
    this.search.addAll(rows);
  }

  /**
   * Typos are forgiven in the user's own longer words, and only in words the knowledge base
   * does not have: "endring" is not a misspelt "ending" when both are words.
   */
  private fuzzyFor(term: QueryTerm): number | false {
    return term.literal && term.term.length >= 5 && !this.knows(term.term) ? 0.2 : false;
  }

  /** Whether the knowledge base has this analysed term, exactly. */
  knows(term: string): boolean {
    return this.vocabulary.has(term);
  }

  /**
   * BM25 score of one analysed term on every passage and title it matches, by their id;
   * where both languages match, the better one.
   */
  scores(term: QueryTerm): Map<string, number> {
    const results = this.search.search(term.term, {
      tokenize: (s) => [s],
      processTerm: (s) => s,
      boost: FIELD_BOOSTS,
      fuzzy: this.fuzzyFor(term),
      maxFuzzy: 2,
      prefix: prefixFor(term),
      weights: WEIGHTS,
    });
    const scores = new Map<string, number>();
    for (const result of results) {
      const key = keyOf(String(result.id));
      scores.set(key, Math.max(scores.get(key) ?? 0, result.score));
    }
    return scores;
  }
}
