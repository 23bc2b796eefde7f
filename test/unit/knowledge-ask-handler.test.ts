import fs from 'node:fs';
import path from 'node:path';
import type { TurnContext } from 'botbuilder';
import { createTranslator } from '../../src/i18n/i18n';
import { projectRoot } from '../../src/project-root';
import {
  answerCardFor,
  answerMessageFor,
  type CitationEntity,
  EXAMPLE_KEYS,
  exampleQuestions,
  handleSectionAction,
  KNOWLEDGE_SECTION_VERB,
  sectionCardFor,
  sendAnswer,
} from '../../src/teams/handlers/ask';
import type { Caller } from '../../src/teams/turn-context';
import { shippedKnowledgeBase } from '../knowledge/knowledge-base';

const translator = createTranslator('nb');
const nb = { t: translator.forLocale('nb'), locale: 'nb' as const };
const en = { t: translator.forLocale('en'), locale: 'en' as const };
const caller: Caller = { member: undefined, ...nb };

/** Every string a card shows, to check what the user reads. */
function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    (key === 'text' || key === 'title') && typeof value === 'string' ? [value] : texts(value),
  );
}

/** A TurnContext that records what is sent; only the members the handlers use. */
function fakeContext(text: string) {
  const sent: unknown[] = [];
  const context = {
    activity: { text },
    sendActivity: async (activity: unknown) => {
      sent.push(activity);
      return undefined;
    },
  } as unknown as TurnContext;
  return { context, sent };
}

describe('the ask handler and its cards', () => {
  const kb = shippedKnowledgeBase();

  it('answers with the quote, the source and a "Vis hele avsnittet" Universal Action', () => {
    const card = answerCardFor(kb, 'Hva er utvidet kompetanse?', nb);
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    const shown = texts(card);
    expect(shown.some((s) => s.includes('utvidet kompetanse (tilsvarende nivå B)'))).toBe(true);
    expect(shown).toContain(
      'Kilde: Felles kompetanseplan for ressurssykepleiere, avsnittet «Kompetansenivå»',
    );
    expect(card.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'Vis hele avsnittet',
        verb: KNOWLEDGE_SECTION_VERB,
        data: { sectionId: 'kompetanseplan/kompetanseniva' },
      },
    ]);
  });

  it('notes that deadlines are the configured ones', () => {
    const shown = texts(answerCardFor(kb, 'Hvor lang frist har FVE for alvorlig syke?', nb));
    expect(shown).toContain('Fristene er slik kommunen har satt dem opp nå, og gjelder nye saker.');
  });

  it('says it does not know, suggests rephrasing and whom to ask', () => {
    const card = answerCardFor(kb, 'How do I reset my password in Teams?', nb);
    const shown = texts(card);
    expect(shown[0]).toBe("I don't know");
    expect(shown).toContain('«What does IP mean?»');
    expect(shown.some((s) => s.includes('ask the allocation office (FVE)'))).toBe(true);
    expect(card.actions).toBeUndefined();
  });

  it('shows the whole section for the button, and a message for an unknown one', () => {
    const card = sectionCardFor(kb, 'rutine/definisjoner', nb);
    if (typeof card === 'string') throw new Error('no card');
    expect(texts(card)).toEqual([
      'Definisjoner',
      'Kilde: Rutine: Bruk av ressurssykepleiere i hjemmesykepleien',
      '• Etat for Forvaltning – FVE',
      '• Etat for hjemmebaserte tjenester – EHBT',
      '• Hjemmesykepleie – HSY',
      '• Ressurssykepleier – HSYRE',
    ]);
    const steps = sectionCardFor(kb, 'rutine/handling-aktivitet-ansvar-og-frist', nb);
    expect(texts(steps)).toContain(
      '9. Avslutte HSYRE når pasienten får innvilget HSY. **Ansvar:** FVE. **Frist:** samme dag.',
    );
    expect(sectionCardFor(kb, 'rutine/finnes-ikke', nb)).toBe(
      'Fant ikke det avsnittet lenger. Still spørsmålet på nytt.',
    );
  });

  it('parses the action data before using it', () => {
    expect(typeof handleSectionAction(kb, { sectionId: 'rutine/formal' }, nb)).toBe('object');
    for (const bad of [
      undefined,
      null,
      'rutine/formal',
      {},
      { sectionId: 42 },
      { sectionId: '../etc' },
    ]) {
      expect(handleSectionAction(kb, bad, nb)).toBe(
        'Fant ikke det avsnittet lenger. Still spørsmålet på nytt.',
      );
    }
  });

  it('sends the answer card for the message text, citing its source the Teams way', async () => {
    const asked = fakeContext('Hva er ESAS?');
    await sendAnswer(asked.context, caller, kb);
    expect(asked.sent).toHaveLength(1);
    expect(asked.sent[0]).toMatchObject({
      text: expect.stringMatching(/\[1\]$/),
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }],
      entities: [
        {
          type: 'https://schema.org/Message',
          '@type': 'Message',
          '@context': 'https://schema.org',
          '@id': '',
          citation: [
            {
              '@type': 'Claim',
              position: 1,
              appearance: { '@type': 'DigitalDocument', abstract: expect.stringContaining('ESAS') },
            },
          ],
        },
      ],
    });
  });

  it("marks the citation as a quote, not as AI-generated, within Teams' limits", () => {
    const message = answerMessageFor(kb, 'Hvilke temaområder kan behovskartleggingen omfatte?', nb);
    const [entity] = message.entities as CitationEntity[];
    expect(entity).not.toHaveProperty('additionalType');
    const { appearance } = entity.citation[0];
    expect(appearance.name.length).toBeLessThanOrEqual(80);
    expect(appearance.abstract.length).toBeLessThanOrEqual(160);
    expect(appearance.abstract).not.toMatch(/\*\*/);
  });

  it('answers an English question in English, whatever the setting, quoting the source', () => {
    const message = answerMessageFor(kb, 'Who decides on services?', nb);
    expect(message.text).toMatch(/^Responsible: .*FVE.*\[1\]$/);
    const card = message.attachments?.[0]?.content;
    expect(texts(card)).toContain('Show the whole section');
  });

  it('sends only the "I don\'t know" card, without a citation, when it does not know', () => {
    const message = answerMessageFor(kb, 'xyzzy plugh qwerty', nb);
    expect(message.entities).toBeUndefined();
    expect(message.text).toBeUndefined();
  });

  it('answers every example question the help card lists, in both languages', () => {
    for (const language of [nb, en]) {
      const questions = exampleQuestions(language);
      expect(questions).toHaveLength(EXAMPLE_KEYS.length);
      for (const question of questions) {
        expect(answerCardFor(kb, question, language).actions).toBeDefined();
      }
    }
  });

  it('keeps strings out of the card templates', () => {
    for (const name of ['answer', 'section', 'no-answer']) {
      const template = JSON.parse(
        fs.readFileSync(path.join(projectRoot, 'cards', `${name}.json`), 'utf8'),
      );
      for (const value of texts(template)) expect(value).toMatch(/^\$\{[a-zA-Z]+\}$/);
    }
  });
});
