import matter from 'gray-matter';
import MarkdownIt from 'markdown-it';
import { z } from 'zod/v4';
import {
  type KnowledgeDocument,
  type Passage,
  type Section,
  type SourceKind,
  sameInBoth,
  slugify,
} from './model';

/**
 * Parses one knowledge document: the clean copies in knowledge/ and the municipality's own
 * procedures in knowledge/local/ alike. YAML front matter (gray-matter), then CommonMark
 * (markdown-it): `## ` sections of paragraphs and lists. Anything else (other headings,
 * quotes, code, tables, nested lists) is an error naming the file and line, not a silently lost
 * passage, since an admin writes these files and the check command must tell them what to fix.
 */

const frontMatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens only'),
    title: z.string().min(1),
    source: z.string().min(1),
    /** Who keeps a local procedure up to date, and when it was last changed. */
    owner: z.string().min(1).optional(),
    updated: z
      .union([z.string(), z.date()])
      .transform((d) => (typeof d === 'string' ? d : d.toISOString().slice(0, 10)))
      .optional(),
  })
  .strict();

export class KnowledgeFormatError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly line?: number,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${detail}`);
    this.name = 'KnowledgeFormatError';
  }
}

const markdown = new MarkdownIt('commonmark');
type Token = ReturnType<MarkdownIt['parse']>[number];

/*
 * "**Ansvar:** soneleder." in the routine's table and "Ansvar: Klinisk utvalg." in the action
 * plan: the party responsible for the step, which a who-question is answered with.
 */
const RESPONSIBLE = /(?:\*\*)?\b(?:ansvar|ansvarlig|responsible)\b:(?:\*\*)?\s*([^.*]+)/i;

const responsibleOf = (text: string): string | undefined =>
  RESPONSIBLE.exec(text)?.[1].trim() || undefined;

/** One line of Markdown source as the passage's text: soft line breaks are spaces. */
const oneLine = (content: string): string => content.replace(/\s*\n\s*/g, ' ').trim();

interface SectionDraft {
  title: string;
  line: number;
  passages: Passage[];
}

interface Body {
  tokens: Token[];
  /** Line in the file of the body's first line, for markdown-it's 0-based token lines. */
  firstLine: number;
  meta: z.infer<typeof frontMatterSchema>;
}

function readFrontMatter(source: string, file: string): Body {
  if (!/^---\r?\n/.test(source)) throw new KnowledgeFormatError(file, 'must start with ---', 1);
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Options given, so gray-matter does not cache by content across files.
    parsed = matter(source, {});
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const line = mark?.line === undefined ? undefined : mark.line + 1;
    throw new KnowledgeFormatError(file, 'the front matter is not valid YAML', line);
  }
  const meta = frontMatterSchema.safeParse(parsed.data);
  if (!meta.success) {
    const issue = meta.error.issues[0];
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0] ?? '');
    const at = source.split('\n').findIndex((line) => line.startsWith(`${key}:`));
    const where = issue.path.length > 0 ? ` ${issue.path.join('.')}` : '';
    throw new KnowledgeFormatError(
      file,
      `front matter${where}: ${issue.message}`,
      at > 0 ? at + 1 : undefined,
    );
  }
  const prefix = source.slice(0, source.length - parsed.content.length);
  const firstLine = (prefix.match(/\n/g)?.length ?? 0) + 1;
  return { tokens: markdown.parse(parsed.content, {}), firstLine, meta: meta.data };
}

export function parseKnowledgeMarkdown(
  source: string,
  file: string,
  kind: Exclude<SourceKind, 'config'> = 'document',
): KnowledgeDocument {
  const { tokens, firstLine, meta } = readFrontMatter(source.replace(/\r\n?/g, '\n'), file);
  const lineOf = (token: Token) => (token.map ? token.map[0] + firstLine : undefined);
  const fail = (token: Token, detail: string): never => {
    throw new KnowledgeFormatError(file, detail, lineOf(token));
  };

  const drafts: SectionDraft[] = [];
  let current: SectionDraft | undefined;
  // The paragraph ending in ":" right before a list is the list's lead.
  let lead: Passage | undefined;
  let list: { kind: 'bullet' | 'numbered' } | undefined;
  let item: { ordinal?: number; texts: string[]; line?: number } | undefined;

  const sectionFor = (token: Token): SectionDraft =>
    current ?? fail(token, 'text before the first ## section');
  const push = (section: SectionDraft, passage: Omit<Passage, 'id'>): Passage => {
    const responsible = responsibleOf(passage.text.nb);
    const full: Passage = {
      id: `p${section.passages.length + 1}`,
      ...passage,
      ...(responsible ? { responsible: sameInBoth(responsible) } : {}),
    };
    section.passages.push(full);
    return full;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    switch (token.type) {
      case 'heading_open': {
        if (list) fail(token, 'a heading inside a list');
        if (token.tag !== 'h2') {
          fail(
            token,
            token.tag === 'h1'
              ? 'the title goes in the front matter; sections start with "## "'
              : 'only "## " headings are supported',
          );
        }
        const title = oneLine(tokens[i + 1]?.content ?? '');
        if (!title) fail(token, 'a heading without a title');
        current = { title, line: lineOf(token) ?? 0, passages: [] };
        drafts.push(current);
        lead = undefined;
        i += 2;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        if (list) fail(token, 'lists inside lists are not supported');
        const section = sectionFor(token);
        if (lead && section.passages.at(-1) === lead) lead.kind = 'lead';
        else lead = undefined;
        list = { kind: token.type === 'bullet_list_open' ? 'bullet' : 'numbered' };
        break;
      }
      case 'bullet_list_close':
      case 'ordered_list_close':
        list = undefined;
        lead = undefined;
        break;
      case 'list_item_open':
        item = {
          texts: [],
          line: lineOf(token),
          ...(list?.kind === 'numbered' ? { ordinal: Number(token.info) } : {}),
        };
        break;
      case 'list_item_close': {
        const section = sectionFor(token);
        if (!item || !list) break;
        const text = item.texts.join(' ');
        if (!text) throw new KnowledgeFormatError(file, 'an empty list item', item.line);
        push(section, {
          kind: list.kind,
          text: sameInBoth(text),
          ...(item.ordinal !== undefined ? { ordinal: item.ordinal } : {}),
          ...(lead ? { lead: lead.text } : {}),
        });
        item = undefined;
        break;
      }
      case 'paragraph_open': {
        const text = oneLine(tokens[i + 1]?.content ?? '');
        i += 2;
        if (item) {
          item.texts.push(text);
          break;
        }
        const section = sectionFor(token);
        const passage = push(section, { kind: 'paragraph', text: sameInBoth(text) });
        lead = text.endsWith(':') ? passage : undefined;
        break;
      }
      default:
        fail(token, `${describe(token)} is not supported; use paragraphs and lists`);
    }
  }

  if (drafts.length === 0) throw new KnowledgeFormatError(file, 'has no ## sections');
  const sections: Section[] = [];
  const ids = new Set<string>();
  for (const draft of drafts) {
    if (draft.passages.length === 0) {
      throw new KnowledgeFormatError(file, `section "${draft.title}" is empty`, draft.line);
    }
    const id = `${meta.id}/${slugify(draft.title)}`;
    if (ids.has(id)) {
      throw new KnowledgeFormatError(file, `two sections have the id ${id}`, draft.line);
    }
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
    kind,
    source: meta.source,
    sections,
  };
}

const BLOCK_NAMES: Record<string, string> = {
  blockquote_open: 'a quote (>)',
  fence: 'a code block',
  code_block: 'an indented code block',
  hr: 'a horizontal rule',
  html_block: 'HTML',
};

const describe = (token: Token): string => BLOCK_NAMES[token.type] ?? `"${token.type}"`;
