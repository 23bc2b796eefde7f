import { z } from 'zod/v4';
import { type KnowledgeDocument, type Passage, type Section, sameInBoth, slugify } from './model';

/**
 * Parses one clean copy in knowledge/: a front matter (id, title, source), then `## ` sections
 * of paragraphs and lists. Only that much Markdown is supported, on purpose: the files are
 * written by hand for this parser, and anything else is an error at start-up, not a silently
 * lost passage.
 */

const frontMatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    title: z.string().min(1),
    source: z.string().min(1),
  })
  .strict();

export class KnowledgeFormatError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'KnowledgeFormatError';
  }
}

function parseFrontMatter(
  lines: string[],
  file: string,
): [z.infer<typeof frontMatterSchema>, number] {
  if (lines[0]?.trim() !== '---') throw new KnowledgeFormatError(file, 'must start with ---');
  const end = lines.indexOf('---', 1);
  if (end < 0) throw new KnowledgeFormatError(file, 'front matter is not closed with ---');
  const fields: Record<string, string> = {};
  for (const line of lines.slice(1, end)) {
    const match = /^([a-z]+):\s*(.+)$/.exec(line.trim());
    if (!match) throw new KnowledgeFormatError(file, `bad front matter line "${line}"`);
    fields[match[1]] = match[2].trim();
  }
  const parsed = frontMatterSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KnowledgeFormatError(file, `front matter ${issue.path.join('.')}: ${issue.message}`);
  }
  return [parsed.data, end + 1];
}

interface SectionDraft {
  title: string;
  passages: Passage[];
}

export function parseKnowledgeMarkdown(markdown: string, file: string): KnowledgeDocument {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const [meta, bodyStart] = parseFrontMatter(lines, file);
  const drafts: SectionDraft[] = [];
  let current: SectionDraft | undefined;
  let paragraph: string[] = [];
  // The paragraph ending in ":" right before a list is the list's lead.
  let lead: Passage | undefined;

  const passageId = () => `p${(current?.passages.length ?? 0) + 1}`;
  const flushParagraph = () => {
    if (paragraph.length === 0) return;
    if (!current) throw new KnowledgeFormatError(file, 'text before the first ## section');
    const text = paragraph.join(' ');
    const passage: Passage = { id: passageId(), kind: 'paragraph', text: sameInBoth(text) };
    current.passages.push(passage);
    lead = text.endsWith(':') ? passage : undefined;
    paragraph = [];
  };

  for (const [offset, raw] of lines.slice(bodyStart).entries()) {
    const line = raw.trim();
    const lineNo = bodyStart + offset + 1;
    if (line.startsWith('## ')) {
      flushParagraph();
      current = { title: line.slice(3).trim(), passages: [] };
      drafts.push(current);
      lead = undefined;
      continue;
    }
    if (line.startsWith('#')) {
      throw new KnowledgeFormatError(file, `line ${lineNo}: only "## " headings are supported`);
    }
    const item = /^(?:(-)|(\d+)\.)\s+(.+)$/.exec(line);
    if (item) {
      flushParagraph();
      if (!current) throw new KnowledgeFormatError(file, 'list before the first ## section');
      if (lead) lead.kind = 'lead';
      const passage: Passage = {
        id: passageId(),
        kind: item[1] ? 'bullet' : 'numbered',
        text: sameInBoth(item[3].trim()),
        ...(item[2] ? { ordinal: Number(item[2]) } : {}),
        ...(lead ? { lead: lead.text } : {}),
      };
      current.passages.push(passage);
      continue;
    }
    if (line === '') {
      flushParagraph();
      continue;
    }
    paragraph.push(line);
  }
  flushParagraph();

  if (drafts.length === 0) throw new KnowledgeFormatError(file, 'has no ## sections');
  const sections: Section[] = [];
  const ids = new Set<string>();
  for (const draft of drafts) {
    if (draft.passages.length === 0) {
      throw new KnowledgeFormatError(file, `section "${draft.title}" is empty`);
    }
    const id = `${meta.id}/${slugify(draft.title)}`;
    if (ids.has(id)) throw new KnowledgeFormatError(file, `two sections have the id ${id}`);
    ids.add(id);
    sections.push({
      id,
      documentId: meta.id,
      title: sameInBoth(draft.title),
      passages: draft.passages.map((p) => ({ ...p, id: `${id}#${p.id}` })),
    });
  }
  return {
    id: meta.id,
    title: sameInBoth(meta.title),
    kind: 'document',
    source: meta.source,
    sections,
  };
}
