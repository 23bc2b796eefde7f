import fs from 'node:fs';
import { z } from 'zod/v4';
import { analyze, stem, words } from './text';

/**
 * The domain's thesaurus as data (knowledge/thesaurus.json), which the municipality extends:
 * groups of words and phrases that mean the same here. A question's words are matched against
 * the phrases (longest first); a matched phrase becomes one concept whose alternatives are the
 * whole group, so "FVE" also finds "Forvaltningsenheten" and a passage that says both is not
 * counted twice.
 */

/** Which of a deadline's two variants a group's words choose ("alvorlig syk", "vanlig"). */
export const variantSchema = z.enum(['normal', 'seriouslyIll']);
export type Variant = z.infer<typeof variantSchema>;

const groupSchema = z
  .object({
    terms: z.array(z.string().trim().min(1).max(80)).min(1),
    variant: variantSchema.optional(),
  })
  .strict();

export const thesaurusFileSchema = z
  .object({
    $comment: z.string().optional(),
    groups: z.array(groupSchema),
  })
  .strict();
export type ThesaurusFile = z.infer<typeof thesaurusFileSchema>;
export type ThesaurusGroup = z.infer<typeof groupSchema>;

export interface CompiledPhrase {
  /** Stems of every word, stop words included, to recognise the phrase in a question. */
  match: readonly string[];
  /** Index terms of the phrase (stop words removed), what is looked up. */
  search: readonly string[];
  groups: readonly number[];
}

export interface Thesaurus {
  /** Phrases by the stem of their first word, longest first. */
  phrases: ReadonlyMap<string, readonly CompiledPhrase[]>;
  /** Per group, the distinct index terms of each of its phrases. */
  alternatives: readonly (readonly (readonly string[])[])[];
  variants: readonly (Variant | undefined)[];
}

export function compileThesaurus(groups: readonly ThesaurusGroup[]): Thesaurus {
  const byKey = new Map<string, CompiledPhrase>();
  groups.forEach(({ terms }, groupIndex) => {
    for (const phrase of terms) {
      const match = words(phrase).map(stem);
      if (match.length === 0) continue;
      const key = match.join(' ');
      const existing = byKey.get(key);
      if (existing) {
        if (!existing.groups.includes(groupIndex)) {
          byKey.set(key, { ...existing, groups: [...existing.groups, groupIndex] });
        }
      } else {
        byKey.set(key, { match, search: analyze(phrase), groups: [groupIndex] });
      }
    }
  });
  const phrases = new Map<string, CompiledPhrase[]>();
  for (const phrase of byKey.values()) {
    const list = phrases.get(phrase.match[0]) ?? [];
    list.push(phrase);
    phrases.set(phrase.match[0], list);
  }
  for (const list of phrases.values()) list.sort((a, b) => b.match.length - a.match.length);
  const alternatives = groups.map(({ terms }) => {
    const seen = new Set<string>();
    const out: string[][] = [];
    for (const phrase of terms) {
      const analysed = analyze(phrase);
      const key = analysed.join(' ');
      if (analysed.length > 0 && !seen.has(key)) {
        seen.add(key);
        out.push(analysed);
      }
    }
    return out;
  });
  return { phrases, alternatives, variants: groups.map((g) => g.variant) };
}

export class ThesaurusError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'ThesaurusError';
  }
}

/** Reads and validates a thesaurus file; the error names the file and the bad entry's path. */
export function readThesaurus(file: string): ThesaurusFile {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ThesaurusError(file, `is not valid JSON (${(error as Error).message})`);
  }
  const parsed = thesaurusFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ThesaurusError(file, `${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  return parsed.data;
}
