import fs from 'node:fs';
import path from 'node:path';
import type { Routine } from '../domain/routine';
import { projectRoot } from '../project-root';
import { KnowledgeFormatError, parseKnowledgeMarkdown } from './markdown';
import type { KnowledgeDocument, Passage, Section } from './model';
import type { Place } from './ranking';
import { routineKnowledge } from './routine-knowledge';
import { documentTitleRowId, PassageIndex, sectionTitleRowId } from './search-index';
import { isStopWord, plainText, stem, words } from './text';
import {
  compileThesaurus,
  readThesaurus,
  type Thesaurus,
  ThesaurusError,
  type ThesaurusFile,
} from './thesaurus';

/** The clean copies of the source documents, one Markdown file each, and the thesaurus. */
export const KNOWLEDGE_DIR = path.join(projectRoot, 'knowledge');
/** Under KNOWLEDGE_DIR: the municipality's own procedures, which an admin adds to. */
export const LOCAL_DIR = 'local';
export const THESAURUS_FILE = 'thesaurus.json';

export interface SectionEntry {
  section: Section;
  document: KnowledgeDocument;
}

/** The documents, lookups by id, the thesaurus and the built index; immutable once built. */
export interface KnowledgeBase {
  documents: readonly KnowledgeDocument[];
  sections: ReadonlyMap<string, SectionEntry>;
  passages: ReadonlyMap<string, Passage>;
  /** What each indexed row is, by the ids the index scores. */
  places: ReadonlyMap<string, Place>;
  thesaurus: Thesaurus;
  /** By index term, the passages where a number counts it ("3 samhandlingspunkt"). */
  counted: ReadonlyMap<string, ReadonlySet<string>>;
  index: PassageIndex;
}

/** A number and the two words after it: "12 timer", "4 årlige møter", "Minimum 6 timer". */
const COUNTED_SPAN = 2;

function countedTerms(text: string): string[] {
  const tokens = words(plainText(text));
  return tokens.flatMap((token, i) =>
    /^\d+$/.test(token)
      ? tokens
          .slice(i + 1, i + 1 + COUNTED_SPAN)
          .filter((w) => !/\d/.test(w) && !isStopWord(w))
          .map(stem)
      : [],
  );
}

export function buildKnowledgeBase(
  documents: readonly KnowledgeDocument[],
  thesaurus: ThesaurusFile,
): KnowledgeBase {
  const sections = new Map<string, SectionEntry>();
  const passages = new Map<string, Passage>();
  const places = new Map<string, Place>();
  const counted = new Map<string, Set<string>>();
  const note = (map: Map<string, Set<string>>, terms: readonly string[], passageId: string) => {
    for (const term of terms) {
      const set = map.get(term) ?? new Set<string>();
      set.add(passageId);
      map.set(term, set);
    }
  };
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
        for (const text of new Set([passage.text.nb, passage.text.en])) {
          note(counted, countedTerms(text), passage.id);
        }
        places.set(passage.id, {
          kind: 'passage',
          sectionId: section.id,
          order,
          quotable: passage.kind !== 'lead',
          numeric: /\d/.test(passage.text.nb),
          namesResponsible: passage.responsible !== undefined,
        });
      });
    }
  }
  return {
    documents,
    sections,
    passages,
    places,
    thesaurus: compileThesaurus(thesaurus.groups),
    counted,
    index: new PassageIndex(documents),
  };
}

/** What one file gave the knowledge base, or why it gave nothing. */
export type FileReport =
  | {
      file: string;
      ok: true;
      kind: 'document' | 'local' | 'thesaurus';
      /** The document's id, or for the thesaurus its number of groups. */
      contributes: string;
    }
  | {
      file: string;
      ok: false;
      kind: 'document' | 'local' | 'thesaurus';
      line?: number;
      error: string;
    };

export interface LoadedKnowledge {
  documents: KnowledgeDocument[];
  /** Undefined when the thesaurus file is wrong (its report says why). */
  thesaurus?: ThesaurusFile;
  reports: FileReport[];
}

const markdownFiles = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.md') && f !== 'README.md')
        .sort()
    : [];

const sizeOf = (document: KnowledgeDocument): string =>
  `${document.id}: ${document.sections.length} sections, ${document.sections.reduce(
    (n, s) => n + s.passages.length,
    0,
  )} passages`;

/**
 * Reads knowledge/*.md and knowledge/local/*.md in name order, and the thesaurus, reporting
 * what each file gives or why it gives nothing; a file with an error is left out.
 */
export function readKnowledgeFiles(dir: string): LoadedKnowledge {
  const documents: KnowledgeDocument[] = [];
  const reports: FileReport[] = [];
  let thesaurus: ThesaurusFile | undefined;
  try {
    thesaurus = readThesaurus(path.join(dir, THESAURUS_FILE));
    reports.push({
      file: THESAURUS_FILE,
      ok: true,
      kind: 'thesaurus',
      contributes: `${thesaurus.groups.length} groups`,
    });
  } catch (error) {
    if (!(error instanceof ThesaurusError)) throw error;
    reports.push({ file: THESAURUS_FILE, ok: false, kind: 'thesaurus', error: error.detail });
  }
  const read = (relative: string, kind: 'document' | 'local') => {
    try {
      const document = parseKnowledgeMarkdown(
        fs.readFileSync(path.join(dir, relative), 'utf8'),
        relative,
        kind,
      );
      if (documents.some((d) => d.id === document.id)) {
        throw new KnowledgeFormatError(relative, `another file has the id ${document.id}`, 2);
      }
      documents.push(document);
      reports.push({ file: relative, ok: true, kind, contributes: sizeOf(document) });
    } catch (error) {
      if (!(error instanceof KnowledgeFormatError)) throw error;
      reports.push({ file: relative, ok: false, kind, line: error.line, error: error.detail });
    }
  };
  for (const file of markdownFiles(dir)) read(file, 'document');
  for (const file of markdownFiles(path.join(dir, LOCAL_DIR))) {
    read(path.join(LOCAL_DIR, file), 'local');
  }
  return { documents, thesaurus, reports };
}

export const describeProblem = (report: Extract<FileReport, { ok: false }>): string =>
  `${report.file}${report.line === undefined ? '' : `:${report.line}`}: ${report.error}`;

/**
 * The knowledge base as the bot starts with it: the files, and the routine configuration as a
 * document of its own, so answers about deadlines come from what is configured now. A local
 * procedure with an error is left out and passed to `onProblem` (an admin's typo must not stop
 * the bot); an error in a shipped file or the thesaurus is the release's and throws.
 */
export function loadKnowledgeBase(
  dir: string,
  routine: Routine,
  onProblem: (report: Extract<FileReport, { ok: false }>) => void = () => undefined,
): KnowledgeBase {
  const { documents, thesaurus, reports } = readKnowledgeFiles(dir);
  for (const report of reports) {
    if (report.ok) continue;
    if (report.kind !== 'local') throw new Error(describeProblem(report));
    onProblem(report);
  }
  if (!thesaurus) throw new Error(`${THESAURUS_FILE} could not be read`);
  return buildKnowledgeBase([...documents, routineKnowledge(routine)], thesaurus);
}
