import type { DataSource, Memory, RenderedPromptSection, Tokenizer } from '@microsoft/teams-ai';
import type { Locale } from '../domain/roster';
import { searchSections } from './answer';
import type { KnowledgeBase } from './knowledge-base';
import { localised } from './model';

/** The name the prompt's config.json gives the data source under `augmentation.data_sources`. */
export const KNOWLEDGE_SOURCE = 'hsyre-knowledge';

/** Where the planner's memory holds the question (teams-ai's own input variable) and its locale. */
export const INPUT_VARIABLE = 'temp.input';
export const LOCALE_VARIABLE = 'temp.locale';
/** Where the data source leaves the passages it put before the model, to check its citations. */
export const OFFERED_VARIABLE = 'temp.offeredPassages';

/** A passage as the model saw it: its label in the prompt ("P3") and where it is. */
export interface OfferedPassage {
  label: string;
  passageId: string;
  sectionId: string;
}

/*
 * The sections the offline search ranks highest, whole, so the model sees each passage with
 * its neighbours; more than four only adds tokens the answer seldom comes from.
 */
const MAX_SECTIONS = 4;

/**
 * The local index as teams-ai's data source: the best-matching sections of the knowledge base
 * for the question in memory, each passage labelled so the model can cite it. A list's lead
 * is shown as context but not labelled: it is never quoted on its own. Sections are added
 * whole, best first, as long as they fit the token budget.
 */
export class KnowledgeDataSource implements DataSource {
  readonly name = KNOWLEDGE_SOURCE;

  constructor(private readonly kb: KnowledgeBase) {}

  async renderData(
    _context: unknown,
    memory: Memory,
    tokenizer: Tokenizer,
    maxTokens: number,
  ): Promise<RenderedPromptSection<string>> {
    const question = memory.getValue<string>(INPUT_VARIABLE) ?? '';
    const locale = memory.getValue<Locale>(LOCALE_VARIABLE) ?? 'nb';
    const offered: OfferedPassage[] = [];
    const blocks: string[] = [];
    let length = 0;
    for (const ranked of searchSections(this.kb, question).slice(0, MAX_SECTIONS)) {
      const entry = this.kb.sections.get(ranked.sectionId);
      if (!entry) continue;
      const labelled: OfferedPassage[] = [];
      const { document, section } = entry;
      const lines = [
        `## ${localised(document.title, locale)} – ${localised(section.title, locale)}`,
      ];
      for (const passage of section.passages) {
        const text = localised(passage.text, locale);
        if (passage.kind === 'lead') {
          lines.push(text);
          continue;
        }
        const label = `P${offered.length + labelled.length + 1}`;
        labelled.push({ label, passageId: passage.id, sectionId: section.id });
        lines.push(`[${label}] ${text}`);
      }
      const block = lines.join('\n');
      const tokens = tokenizer.encode(`${block}\n\n`).length;
      // A long section left out need not leave out the shorter ones ranked after it.
      if (length + tokens > maxTokens) continue;
      length += tokens;
      blocks.push(block);
      offered.push(...labelled);
    }
    memory.setValue(OFFERED_VARIABLE, offered);
    return { output: blocks.join('\n\n'), length, tooLong: false };
  }
}
