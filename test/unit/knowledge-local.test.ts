import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { answerQuestion } from '../../src/knowledge/answer';
import {
  KNOWLEDGE_DIR,
  LOCAL_DIR,
  loadKnowledgeBase,
  readKnowledgeFiles,
  THESAURUS_FILE,
} from '../../src/knowledge/knowledge-base';
import { defaultRoutine } from '../support/domain-fixtures';

const LOCAL_PROCEDURE = `---
id: lokal-kartlegging
title: Lokal prosedyre for behovskartlegging
source: Vedtatt av kommunalsjef 2026
owner: Fagleder
updated: 2026-02-01
---

## Hvem ringer pasienten før samhandlingspunkt 2

Kreftkoordinatoren ringer pasienten og avtaler kartleggingssamtalen. **Ansvar:** kreftkoordinator.
`;

/** A knowledge folder with the shipped thesaurus and one clean copy, plus the given local files. */
function knowledgeDir(local: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'knowledge-'));
  fs.mkdirSync(path.join(dir, LOCAL_DIR));
  for (const file of [THESAURUS_FILE, 'rutine.md']) {
    fs.copyFileSync(path.join(KNOWLEDGE_DIR, file), path.join(dir, file));
  }
  for (const [name, content] of Object.entries(local)) {
    fs.writeFileSync(path.join(dir, LOCAL_DIR, name), content);
  }
  return dir;
}

describe("the municipality's own procedures in knowledge/local/", () => {
  it('reports what each file contributes, and leaves out a local file with an error', () => {
    const dir = knowledgeDir({
      'kartlegging.md': LOCAL_PROCEDURE,
      'uferdig.md':
        '---\nid: uferdig\ntitle: Uferdig\nsource: utkast\n---\n\n## A\n\n```\nkode\n```\n',
      'README.md': '# Not read',
      'eksempel.md.example': LOCAL_PROCEDURE,
    });
    const { documents, reports } = readKnowledgeFiles(dir);
    expect(documents.map((d) => [d.id, d.kind])).toEqual([
      ['rutine', 'document'],
      ['lokal-kartlegging', 'local'],
    ]);
    expect(reports).toEqual([
      {
        file: THESAURUS_FILE,
        ok: true,
        kind: 'thesaurus',
        contributes: expect.stringMatching(/groups$/),
      },
      {
        file: 'rutine.md',
        ok: true,
        kind: 'document',
        contributes: expect.stringContaining('rutine: 6 sections'),
      },
      {
        file: path.join(LOCAL_DIR, 'kartlegging.md'),
        ok: true,
        kind: 'local',
        contributes: 'lokal-kartlegging: 1 sections, 1 passages',
      },
      {
        file: path.join(LOCAL_DIR, 'uferdig.md'),
        ok: false,
        kind: 'local',
        line: 9,
        error: 'a code block is not supported; use paragraphs and lists',
      },
    ]);
  });

  it('answers from a local procedure at start, and logs the file it left out', () => {
    const problems: string[] = [];
    const kb = loadKnowledgeBase(
      knowledgeDir({ 'kartlegging.md': LOCAL_PROCEDURE, 'feil.md': 'no front matter' }),
      defaultRoutine(),
      (problem) => problems.push(`${problem.file}:${problem.line}`),
    );
    expect(problems).toEqual([`${path.join(LOCAL_DIR, 'feil.md')}:1`]);
    const answer = answerQuestion(kb, 'Hvem ringer pasienten før samhandlingspunkt 2?', 'nb');
    expect(answer).toMatchObject({
      kind: 'answer',
      citation: { sectionId: expect.stringMatching(/^lokal-kartlegging\//), source: 'local' },
      responsible: 'kreftkoordinator',
    });
  });

  it('refuses to start with an error in a shipped clean copy or the thesaurus', () => {
    const dir = knowledgeDir({});
    fs.writeFileSync(path.join(dir, 'rutine.md'), '---\nid: rutine\n---\n');
    expect(() => loadKnowledgeBase(dir, defaultRoutine())).toThrow('rutine.md');
    const other = knowledgeDir({});
    fs.writeFileSync(path.join(other, THESAURUS_FILE), '{"groups": 1}');
    expect(() => loadKnowledgeBase(other, defaultRoutine())).toThrow(THESAURUS_FILE);
  });

  it('refuses a local file with the id of another document', () => {
    const dir = knowledgeDir({ 'kopi.md': LOCAL_PROCEDURE.replace('lokal-kartlegging', 'rutine') });
    const { reports } = readKnowledgeFiles(dir);
    expect(reports.at(-1)).toMatchObject({ ok: false, error: 'another file has the id rutine' });
  });
});
