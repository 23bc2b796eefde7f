import type { Locale } from '../domain/roster';
import type { Variant } from './thesaurus';

/**
 * The knowledge base as data: documents split into titled sections, sections into passages
 * (a paragraph or one list item), which is what an answer quotes.
 */

/** Text in both product languages; the source documents exist in Norwegian only, so both hold it. */
export interface LocalisedText {
  nb: string;
  en: string;
}

export const sameInBoth = (text: string): LocalisedText => ({ nb: text, en: text });

export const localised = (text: LocalisedText, locale: Locale): string => text[locale];

/**
 * `document`: a clean copy of a source document; `local`: one of the municipality's own
 * procedures (knowledge/local/); `config`: generated from the routine configuration.
 */
export type SourceKind = 'document' | 'local' | 'config';

/** `lead`: a paragraph introducing a list; it is quoted with its items, never on its own. */
export type PassageKind = 'paragraph' | 'lead' | 'bullet' | 'numbered';

export interface Passage {
  id: string;
  kind: PassageKind;
  /** The item's number in a numbered list. */
  ordinal?: number;
  /** Markdown (emphasis only), as the card shows it. */
  text: LocalisedText;
  /** The sentence introducing a list ("Ressurssykepleier skal:"), quoted with its item. */
  lead?: LocalisedText;
  /** Who is responsible for what the passage says ("**Ansvar:** FVE"): a who-question's answer. */
  responsible?: LocalisedText;
  /** A deadline's variant this passage states; its sibling states the other. */
  variant?: Variant;
  /** What the index reads instead of `text`, when part of the text is about something else. */
  searchText?: LocalisedText;
  /** That other thing (the event a deadline counts from), indexed at a list lead's weight. */
  context?: LocalisedText;
}

export interface Section {
  /** `<documentId>/<slug>`, stable across restarts: it travels in card data. */
  id: string;
  documentId: string;
  title: LocalisedText;
  passages: readonly Passage[];
}

export interface KnowledgeDocument {
  id: string;
  title: LocalisedText;
  kind: SourceKind;
  /** The file the clean copy was made from, or the routine version for the configuration. */
  source: string;
  sections: readonly Section[];
}

export const SECTION_ID_PATTERN = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;

/** A slug for ids: Norwegian letters folded, everything else a hyphen. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
