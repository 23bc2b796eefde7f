import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KNOWLEDGE_DIR, THESAURUS_FILE } from '../../src/knowledge/knowledge-base';
import { stem } from '../../src/knowledge/text';
import {
  compileThesaurus,
  readThesaurus,
  ThesaurusError,
  thesaurusFileSchema,
} from '../../src/knowledge/thesaurus';

const writeTemp = (content: string): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thesaurus-'));
  const file = path.join(dir, THESAURUS_FILE);
  fs.writeFileSync(file, content);
  return file;
};

describe('the thesaurus file the municipality extends', () => {
  it('is valid, and marks the words choosing a deadline variant', () => {
    const shipped = readThesaurus(path.join(KNOWLEDGE_DIR, THESAURUS_FILE));
    expect(shipped.groups.length).toBeGreaterThan(100);
    const variants = new Set(shipped.groups.flatMap((g) => (g.variant ? [g.variant] : [])));
    expect(variants).toEqual(new Set(['normal', 'seriouslyIll']));
  });

  it('says which entry is wrong, and never loads a bad file', () => {
    const bad = writeTemp(JSON.stringify({ groups: [{ terms: ['a'] }, { terms: [] }] }));
    expect(() => readThesaurus(bad)).toThrow(ThesaurusError);
    expect(() => readThesaurus(bad)).toThrow('groups.1.terms');
    expect(() => readThesaurus(writeTemp('{ not json'))).toThrow('is not valid JSON');
    expect(
      thesaurusFileSchema.safeParse({ groups: [{ terms: ['x'], variant: 'urgent' }] }).success,
    ).toBe(false);
  });

  it('compiles phrases by their first stem, longest first, and a phrase in two groups for both', () => {
    const thesaurus = compileThesaurus([
      { terms: ['alvorlig syk', 'alvorlig'], variant: 'seriouslyIll' },
      { terms: ['alvorlig', 'seriøs'] },
    ]);
    const phrases = thesaurus.phrases.get(stem('alvorlig')) ?? [];
    expect(phrases.map((p) => p.match.length)).toEqual([2, 1]);
    expect(phrases[1].groups).toEqual([0, 1]);
    expect(thesaurus.variants).toEqual(['seriouslyIll', undefined]);
  });
});
