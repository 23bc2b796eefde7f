import type { AdaptiveCard } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod/v4';
import type { Locale } from '../../domain/roster';
import { type Answer, answerQuestion } from '../../knowledge/answer';
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import { localised, type Passage, SECTION_ID_PATTERN } from '../../knowledge/model';
import { renderCard } from '../card-renderer';
import type { Caller } from '../turn-context';

/** The Universal Action (Action.Execute) verb of the "Vis hele avsnittet" button. */
export const KNOWLEDGE_SECTION_VERB = 'knowledge.section';

/** The button's data, as it comes back from Teams: never trusted until parsed. */
export const sectionActionDataSchema = z.object({
  sectionId: z.string().max(200).regex(SECTION_ID_PATTERN),
});
export type SectionActionData = z.infer<typeof sectionActionDataSchema>;

type Language = Pick<Caller, 't' | 'locale'>;

/** The example questions the help and "I don't know" cards show, in the caller's language. */
export const EXAMPLE_KEYS = ['q1', 'q2', 'q3', 'q4', 'q5'] as const;
export const exampleQuestions = ({ t }: Language): string[] =>
  EXAMPLE_KEYS.map((key) => t(`knowledge.examples.${key}`));

const asCard = (card: Record<string, unknown>): AdaptiveCard => ({ ...card, type: 'AdaptiveCard' });

function answerCard(answer: Answer, { t }: Language): AdaptiveCard {
  const { citation } = answer;
  const source = t('knowledge.answer.source', {
    document: citation.documentTitle,
    section: citation.sectionTitle,
  });
  const related =
    answer.related.length === 0
      ? ''
      : t('knowledge.answer.related', {
          sections: answer.related
            .map((r) =>
              t('knowledge.answer.relatedItem', {
                section: r.sectionTitle,
                document: r.documentTitle,
              }),
            )
            .join('; '),
        });
  return asCard(
    renderCard('answer', {
      quote: answer.quote.map((q) => ({ text: q.text, lead: q.lead ?? '' })),
      source,
      note: citation.source === 'config' ? t('knowledge.answer.configNote') : '',
      related,
      disclaimer: t('knowledge.answer.disclaimer'),
      showSection: t('knowledge.answer.showSection'),
      verb: KNOWLEDGE_SECTION_VERB,
      sectionId: citation.sectionId,
    }),
  );
}

function noAnswerCard(language: Language): AdaptiveCard {
  const { t } = language;
  return asCard(
    renderCard('no-answer', {
      title: t('knowledge.noAnswer.title'),
      text: t('knowledge.noAnswer.text'),
      rephrase: t('knowledge.noAnswer.rephrase'),
      examples: exampleQuestions(language)
        .slice(0, 3)
        .map((question) => ({ question: `«${question}»` })),
      whomToAsk: t('knowledge.noAnswer.whomToAsk'),
    }),
  );
}

/**
 * The card answering a question: the quoted passage with its source and the button to the
 * whole section, or the "I don't know" card. The question is not kept or logged.
 */
export function answerCardFor(
  kb: KnowledgeBase,
  question: string,
  language: Language,
): AdaptiveCard {
  const answer = answerQuestion(kb, question, language.locale);
  return answer.kind === 'answer' ? answerCard(answer, language) : noAnswerCard(language);
}

/** Answers the message's text (the bot's mention already removed) from the knowledge base. */
export async function sendAnswer(
  context: TurnContext,
  caller: Caller,
  kb: KnowledgeBase,
): Promise<void> {
  const card = answerCardFor(kb, context.activity.text ?? '', caller);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

function passageLine(passage: Passage, locale: Locale): string {
  const text = localised(passage.text, locale);
  if (passage.kind === 'bullet') return `• ${text}`;
  if (passage.kind === 'numbered') return `${passage.ordinal ?? ''}. ${text}`;
  return text;
}

/**
 * The whole section as a card, for the "Vis hele avsnittet" invoke response; a message when the
 * section is gone (the knowledge base was changed since the answer was given).
 */
export function sectionCardFor(
  kb: KnowledgeBase,
  sectionId: string,
  language: Language,
): AdaptiveCard | string {
  const { t, locale } = language;
  const entry = kb.sections.get(sectionId);
  if (!entry) return t('knowledge.section.notFound');
  const { section, document } = entry;
  return asCard(
    renderCard('section', {
      title: localised(section.title, locale),
      source: t('knowledge.section.source', { document: localised(document.title, locale) }),
      passages: section.passages.map((p) => ({ text: passageLine(p, locale) })),
      note: document.kind === 'config' ? t('knowledge.answer.configNote') : '',
    }),
  );
}

/** The `knowledge.section` action: its data parsed, then the section card (or why not). */
export function handleSectionAction(
  kb: KnowledgeBase,
  data: unknown,
  language: Language,
): AdaptiveCard | string {
  const parsed = sectionActionDataSchema.safeParse(data);
  if (!parsed.success) return language.t('knowledge.section.notFound');
  return sectionCardFor(kb, parsed.data.sectionId, language);
}
