import type { AdaptiveCard } from '@microsoft/teams-ai';
import { type Activity, CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod/v4';
import type { Locale } from '../../domain/roster';
import { type Answer, answerQuestion, type NoAnswer } from '../../knowledge/answer';
import { type KnowledgeAnswerer, offlineAnswerer } from '../../knowledge/answerer';
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import { localised, type Passage, SECTION_ID_PATTERN } from '../../knowledge/model';
import { plainText } from '../../knowledge/text';
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
export const exampleQuestions = ({ t, locale }: Language): string[] =>
  EXAMPLE_KEYS.map((key) => t(`knowledge.examples.${key}`, { lng: locale }));

const asCard = (card: Record<string, unknown>): AdaptiveCard => ({ ...card, type: 'AdaptiveCard' });

/*
 * The answer is in the question's language, which may not be the asker's setting: an English
 * question from a Norwegian-speaking user is answered in English. i18next lets each call choose
 * its language (`lng`).
 */
function answerCard(answer: Answer, { t }: Language): AdaptiveCard {
  const { citation, locale: lng } = answer;
  const source = t('knowledge.answer.source', {
    document: citation.documentTitle,
    section: citation.sectionTitle,
    lng,
  });
  const related =
    answer.related.length === 0
      ? ''
      : t('knowledge.answer.related', {
          lng,
          sections: answer.related
            .map((r) =>
              t('knowledge.answer.relatedItem', {
                section: r.sectionTitle,
                document: r.documentTitle,
                lng,
              }),
            )
            .join('; '),
        });
  return asCard(
    renderCard('answer', {
      quote: answer.quote.map((q) => ({ text: q.text, lead: q.lead ?? '' })),
      source,
      note: citation.source === 'config' ? t('knowledge.answer.configNote', { lng }) : '',
      related,
      disclaimer: t('knowledge.answer.disclaimer', { lng }),
      showSection: t('knowledge.answer.showSection', { lng }),
      verb: KNOWLEDGE_SECTION_VERB,
      sectionId: citation.sectionId,
    }),
  );
}

function noAnswerCard({ t }: Language, lng: Locale): AdaptiveCard {
  return asCard(
    renderCard('no-answer', {
      title: t('knowledge.noAnswer.title', { lng }),
      text: t('knowledge.noAnswer.text', { lng }),
      rephrase: t('knowledge.noAnswer.rephrase', { lng }),
      examples: exampleQuestions({ t, locale: lng })
        .slice(0, 3)
        .map((question) => ({ question: `«${question}»` })),
      whomToAsk: t('knowledge.noAnswer.whomToAsk', { lng }),
    }),
  );
}

const cardFor = (answer: Answer | NoAnswer, language: Language): AdaptiveCard =>
  answer.kind === 'answer' ? answerCard(answer, language) : noAnswerCard(language, answer.locale);

/**
 * The card answering a question: the quoted passage with its source and the button to the
 * whole section, or the "I don't know" card. The question is not kept or logged.
 */
export const answerCardFor = (kb: KnowledgeBase, question: string, language: Language) =>
  cardFor(answerQuestion(kb, question, language.locale), language);

/** Teams' limits on a citation's name and abstract. */
const CITATION_NAME_MAX = 80;
const CITATION_ABSTRACT_MAX = 160;
const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

/**
 * Teams' citation entity (a schema.org Message with Claims), referenced as [1] in the text.
 * No "AIGeneratedContent" in `additionalType`: the answer is a quote, not generated text.
 */
export interface CitationEntity {
  type: 'https://schema.org/Message';
  '@type': 'Message';
  '@context': 'https://schema.org';
  '@id': '';
  citation: {
    '@type': 'Claim';
    position: number;
    appearance: { '@type': 'DigitalDocument'; name: string; abstract: string };
  }[];
}

function citationEntity(answer: Answer): CitationEntity {
  const { citation } = answer;
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    citation: [
      {
        '@type': 'Claim',
        position: 1,
        appearance: {
          '@type': 'DigitalDocument',
          name: clip(`${citation.sectionTitle} – ${citation.documentTitle}`, CITATION_NAME_MAX),
          abstract: clip(
            plainText(answer.quote.map((q) => q.text).join(' ')),
            CITATION_ABSTRACT_MAX,
          ),
        },
      },
    ],
  };
}

/** The offline answer to a question as one message (see answerMessage). */
export const answerMessageFor = (
  kb: KnowledgeBase,
  question: string,
  language: Language,
): Partial<Activity> => answerMessage(answerQuestion(kb, question, language.locale), language);

/**
 * The whole answer as one message: a line naming the source as citation [1] (or who is
 * responsible, for a who-question), the citation entity, and the answer card.
 */
export function answerMessage(answer: Answer | NoAnswer, language: Language): Partial<Activity> {
  const attachments = [CardFactory.adaptiveCard(cardFor(answer, language))];
  if (answer.kind === 'noAnswer') return { attachments };
  const { t } = language;
  const lng = answer.locale;
  const text = answer.responsible
    ? t('knowledge.answer.responsible', { who: answer.responsible, lng })
    : t('knowledge.answer.lead', { section: answer.citation.sectionTitle, lng });
  return { text: `${text} [1]`, attachments, entities: [citationEntity(answer)] };
}

/**
 * Answers the message's text (the bot's mention already removed) from the knowledge base, with
 * the answerer chosen at start (the offline search unless Azure OpenAI is configured).
 */
export async function sendAnswer(
  context: TurnContext,
  caller: Caller,
  kb: KnowledgeBase,
  answerer: KnowledgeAnswerer = offlineAnswerer(kb),
): Promise<void> {
  const answer = await answerer.answer(context.activity.text ?? '', caller.locale);
  await context.sendActivity(answerMessage(answer, caller));
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
