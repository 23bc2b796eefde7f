import fs from 'node:fs';
import path from 'node:path';
import { KNOWLEDGE_DIR } from '../../src/knowledge/knowledge-base';
import { parseKnowledgeMarkdown } from '../../src/knowledge/markdown';
import { analyze, plainText } from '../../src/knowledge/text';

/** The PDF extractions the clean copies were made from, kept for provenance. */
const SOURCES = path.join(KNOWLEDGE_DIR, 'sources');

const files = fs.readdirSync(KNOWLEDGE_DIR).filter((f) => f.endsWith('.md'));
const documents = files.map((file) => ({
  file,
  doc: parseKnowledgeMarkdown(fs.readFileSync(path.join(KNOWLEDGE_DIR, file), 'utf8'), file),
}));

describe('the clean corpus in knowledge/', () => {
  it('has the five source documents, each with sections', () => {
    expect(documents.map((d) => d.doc.id).sort()).toEqual([
      'funksjonsbeskrivelse',
      'handlingsplan',
      'kompetanseplan',
      'pakkeforlop',
      'rutine',
    ]);
    for (const { doc } of documents) expect(doc.sections.length).toBeGreaterThan(1);
  });

  it('writes the routine step table as one item per step with responsible and deadline', () => {
    const routine = documents.find((d) => d.doc.id === 'rutine')?.doc;
    const steps = routine?.sections.find(
      (s) => s.id === 'rutine/handling-aktivitet-ansvar-og-frist',
    );
    const items = steps?.passages.filter((p) => p.kind === 'numbered') ?? [];
    expect(items.map((p) => p.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(items.every((p) => p.text.nb.includes('**Ansvar:**'))).toBe(true);
    expect(items[2].text.nb).toContain(
      '**Frist:** innen 14 dager, innen 3 dager for alvorlig syke',
    );
  });

  it.each(documents.map((d) => [d.file, d.doc] as const))(
    '%s says nothing its source does not (its words are the source words)',
    (_file, doc) => {
      const source = new Set(analyze(fs.readFileSync(path.join(SOURCES, doc.source), 'utf8')));
      let total = 0;
      let found = 0;
      for (const section of doc.sections) {
        for (const passage of section.passages) {
          const terms = analyze(plainText(passage.text.nb));
          const known = terms.filter((t) => source.has(t)).length;
          // Repaired hyphenation and expanded abbreviations ("VK", "pga.") are the only new words.
          expect([passage.id, known / terms.length >= 0.75]).toEqual([passage.id, true]);
          total += terms.length;
          found += known;
        }
      }
      expect(found / total).toBeGreaterThanOrEqual(0.97);
    },
  );
});
