import fs from 'node:fs';
import path from 'node:path';
import { KNOWLEDGE_DIR, LOCAL_DIR } from '../../src/knowledge/knowledge-base';
import { KnowledgeFormatError, parseKnowledgeMarkdown } from '../../src/knowledge/markdown';
import { slugify } from '../../src/knowledge/model';

const doc = (body: string) => `---
id: rutine
title: "Rutine: Bruk av ressurssykepleiere"
source: rutine.txt
---

${body}`;

describe('parsing a knowledge document (a clean copy or a local procedure)', () => {
  it('reads the front matter and splits ## sections into paragraphs and list items', () => {
    const parsed = parseKnowledgeMarkdown(
      doc(`## Formål

Etablere tidlig kontakt
med pasienter.

## Ressurssykepleiers oppgaver

Ressurssykepleier har følgende oppgaver:

- Skal være en ressursperson.
- Bidra til tverrfaglig samhandling.

## Handling

1. Soneleder utpeker ressurssykepleier(e). **Ansvar:** soneleder.
2. Sykehuset tar kontakt med FVE.
`),
      'rutine.md',
    );
    expect(parsed).toMatchObject({
      id: 'rutine',
      kind: 'document',
      source: 'rutine.txt',
      title: { nb: 'Rutine: Bruk av ressurssykepleiere', en: 'Rutine: Bruk av ressurssykepleiere' },
    });
    expect(parsed.sections.map((s) => s.id)).toEqual([
      'rutine/formal',
      'rutine/ressurssykepleiers-oppgaver',
      'rutine/handling',
    ]);
    const [purpose, tasks, steps] = parsed.sections;
    expect(purpose.passages).toEqual([
      {
        id: 'rutine/formal#p1',
        kind: 'paragraph',
        text: {
          nb: 'Etablere tidlig kontakt med pasienter.',
          en: 'Etablere tidlig kontakt med pasienter.',
        },
      },
    ]);
    expect(tasks.passages.map((p) => p.kind)).toEqual(['lead', 'bullet', 'bullet']);
    expect(tasks.passages[1].lead?.nb).toBe('Ressurssykepleier har følgende oppgaver:');
    expect(steps.passages.map((p) => [p.kind, p.ordinal])).toEqual([
      ['numbered', 1],
      ['numbered', 2],
    ]);
    expect(steps.passages[0].text.nb).toContain('**Ansvar:**');
    expect(steps.passages[0].responsible?.nb).toBe('soneleder');
    expect(steps.passages[1].responsible).toBeUndefined();
  });

  it('reads the local procedures with their owner and date, as kind local', () => {
    const parsed = parseKnowledgeMarkdown(
      '---\nid: lokal\ntitle: Lokal\nsource: vedtak\nowner: Fagleder\nupdated: 2026-01-15\n---\n\n## A\n\nAnsvar: FVE.\n',
      'local/lokal.md',
      'local',
    );
    expect(parsed.kind).toBe('local');
    expect(parsed.sections[0].passages[0].responsible?.nb).toBe('FVE');
  });

  it('parses the example local procedure shipped for Pakkeforløp hjem', () => {
    const example = path.join(
      KNOWLEDGE_DIR,
      LOCAL_DIR,
      'pakkeforlop-hjem-lokal-prosedyre.md.example',
    );
    const parsed = parseKnowledgeMarkdown(fs.readFileSync(example, 'utf8'), 'example', 'local');
    expect(parsed.sections.length).toBeGreaterThan(1);
    expect(parsed.sections.flatMap((s) => s.passages).some((p) => p.responsible)).toBe(true);
  });

  it.each([
    ['a YAML error', '---\nid: a\ntitle: T: u\nsource: s\n---\n## A\n\nt\n', 3],
    ['a ### heading', doc('## A\n\n### B\n\nt\n'), 9],
    ['a quote', doc('## A\n\nt\n\n> quoted\n'), 11],
    ['a nested list', doc('## A\n\n- a\n  - b\n'), 10],
    [
      'an unknown front matter field',
      '---\nid: a\ntitle: T\nsource: s\nextra: x\n---\n## A\n\nt\n',
      5,
    ],
  ])('names the line of %s', (_case, markdown, line) => {
    expect(() => parseKnowledgeMarkdown(markdown, 'bad.md')).toThrow(`bad.md:${line}:`);
  });

  it('gives a list a lead only when the paragraph right before it ends with a colon', () => {
    const parsed = parseKnowledgeMarkdown(doc('## A\n\nNo lead here.\n\n- item\n'), 'a.md');
    expect(parsed.sections[0].passages.map((p) => p.kind)).toEqual(['paragraph', 'bullet']);
    expect(parsed.sections[0].passages[1].lead).toBeUndefined();
  });

  it.each([
    ['no front matter', '## A\n\ntext\n', /must start with ---/],
    [
      'an unknown front matter field',
      '---\nid: a\ntitle: T\nsource: s\nextra: x\n---\n## A\n\nt\n',
      /front matter/,
    ],
    ['a bad id', '---\nid: A B\ntitle: T\nsource: s\n---\n## A\n\nt\n', /front matter id/],
    [
      'text before the first section',
      doc('Loose text.\n\n## A\n\nt\n'),
      /before the first ## section/,
    ],
    ['a ### heading', doc('## A\n\n### B\n\nt\n'), /only "## " headings/],
    ['an empty section', doc('## A\n\n## B\n\nt\n'), /section "A" is empty/],
    ['two sections with one id', doc('## A b\n\nt\n\n## A-b\n\nu\n'), /two sections have the id/],
  ])('refuses a file with %s', (_case, markdown, message) => {
    expect(() => parseKnowledgeMarkdown(markdown, 'bad.md')).toThrow(KnowledgeFormatError);
    expect(() => parseKnowledgeMarkdown(markdown, 'bad.md')).toThrow(message);
  });

  it('makes ids from Norwegian titles', () => {
    expect(slugify('Årshjul for Klinisk utvalg og arbeidsgruppen')).toBe(
      'arshjul-for-klinisk-utvalg-og-arbeidsgruppen',
    );
    expect(slugify('Kompetansenivå – «nivå B»')).toBe('kompetanseniva-niva-b');
    expect(slugify('Mål for økonomi')).toBe('mal-for-okonomi');
  });
});
