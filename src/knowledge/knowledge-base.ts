import fs from 'node:fs';
import path from 'node:path';
import type { Routine } from '../domain/routine';
import { projectRoot } from '../project-root';
import { parseKnowledgeMarkdown } from './markdown';
import type { KnowledgeDocument, Passage, Section } from './model';
import type { Place } from './ranking';
import { routineKnowledge } from './routine-knowledge';
import { documentTitleRowId, PassageIndex, sectionTitleRowId } from './search-index';

/** The clean copies of the source documents, one Markdown file each. */
export const KNOWLEDGE_DIR = path.join(projectRoot, 'knowledge');

export interface SectionEntry {
  section: Section;
  document: KnowledgeDocument;
}

/** The documents, lookups by id, and the built index; immutable once built. */
export interface KnowledgeBase {
  documents: readonly KnowledgeDocument[];
  sections: ReadonlyMap<string, SectionEntry>;
  passages: ReadonlyMap<string, Passage>;
  /** What each indexed row is, by the ids the index scores. */
  places: ReadonlyMap<string, Place>;
  index: PassageIndex;
}

export function buildKnowledgeBase(documents: readonly KnowledgeDocument[]): KnowledgeBase {
  const sections = new Map<string, SectionEntry>();
  const passages = new Map<string, Passage>();
  const places = new Map<string, Place>();
  const documentIds = new Set<string>();
  for (const document of documents) {
    if (documentIds.has(document.id))
      throw new Error(`two knowledge documents have the id ${document.id}`);
    documentIds.add(document.id);
    places.set(documentTitleRowId(document.id), {
      kind: 'documentTitle',
      sectionIds: document.sections.map((s) => s.id),
    });
    for (const section of document.sections) {
      sections.set(section.id, { section, document });
      places.set(sectionTitleRowId(section.id), { kind: 'sectionTitle', sectionId: section.id });
      section.passages.forEach((passage, order) => {
        passages.set(passage.id, passage);
        places.set(passage.id, {
          kind: 'passage',
          sectionId: section.id,
          order,
          quotable: passage.kind !== 'lead',
          numeric: /\d/.test(passage.text.nb),
        });
      });
    }
  }
  return { documents, sections, passages, places, index: new PassageIndex(documents) };
}

/**
 * Reads every knowledge/*.md in name order and adds the routine configuration as a document of
 * its own, so answers about deadlines come from what is configured now.
 */
export function loadKnowledgeBase(dir: string, routine: Routine): KnowledgeBase {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const documents = files.map((file) =>
    parseKnowledgeMarkdown(fs.readFileSync(path.join(dir, file), 'utf8'), file),
  );
  return buildKnowledgeBase([...documents, routineKnowledge(routine)]);
}
