import { answerQuestion, searchSections } from '../../src/knowledge/answer';
import { shippedKnowledgeBase } from '../knowledge/knowledge-base';

describe('answering a question from the knowledge base', () => {
  const kb = shippedKnowledgeBase();

  it('quotes the passage that answers, with its document and section', () => {
    const answer = answerQuestion(
      kb,
      'Hva gjør ressurssykepleier før hjemmesykepleie er etablert?',
      'nb',
    );
    expect(answer).toMatchObject({
      kind: 'answer',
      citation: {
        sectionId: 'rutine/ressurssykepleiers-oppgaver',
        documentTitle: 'Rutine: Bruk av ressurssykepleiere i hjemmesykepleien',
        sectionTitle: 'Ressurssykepleiers oppgaver',
        source: 'document',
      },
    });
    if (answer.kind !== 'answer') throw new Error('no answer');
    expect(answer.quote[0]).toEqual({
      text: 'Skal være en kontaktperson for pasienter med kreftsykdom, og pasienter med behov for lindrende behandling, frem til eventuell etablering av hjemmesykepleie.',
      lead: 'Ressurssykepleier har følgende oppgaver:',
    });
  });

  it('quotes a passage, not the whole section', () => {
    const answer = answerQuestion(kb, 'Hvor mange dager hospitering anbefales?', 'nb');
    if (answer.kind !== 'answer') throw new Error('no answer');
    const section = kb.sections.get(answer.citation.sectionId)?.section;
    expect(answer.quote.length).toBeLessThan(section?.passages.length ?? 0);
    expect(answer.quote.map((q) => q.text).join(' ')).toContain('1–3 dager');
  });

  it("answers about deadlines from the configuration, in the question's language", () => {
    const nb = answerQuestion(kb, 'Frist for FVE når pasienten er alvorlig syk?', 'en');
    const en = answerQuestion(kb, "What is FVE's deadline for a seriously ill patient?", 'nb');
    expect(nb.locale).toBe('nb');
    expect(en.locale).toBe('en');
    expect(nb).toMatchObject({ kind: 'answer', citation: { source: 'config' } });
    if (nb.kind !== 'answer' || en.kind !== 'answer') throw new Error('no answer');
    expect(nb.citation.documentTitle).toBe('Kommunens rutinekonfigurasjon, versjon 2026.2');
    expect(en.citation.documentTitle).toBe(
      "The municipality's routine configuration, version 2026.2",
    );
    expect(en.quote[0].text).toContain('within 3 days');
  });

  it('says it does not know rather than answer from a word or two', () => {
    for (const question of [
      '',
      '   ',
      'Hva er det?',
      'Hva blir været i morgen?',
      'Hvordan søker jeg om ferie?',
    ]) {
      expect(answerQuestion(kb, question, 'nb')).toEqual({ kind: 'noAnswer', locale: 'nb' });
    }
  });

  it('is deterministic and ranks up to every matching section', () => {
    const question = 'Hva er utvidet kompetanse?';
    expect(answerQuestion(kb, question, 'nb')).toEqual(answerQuestion(kb, question, 'nb'));
    const ranked = searchSections(kb, question);
    expect(ranked[0].sectionId).toBe('kompetanseplan/kompetanseniva');
    expect(ranked.every((r, i) => i === 0 || ranked[i - 1].score >= r.score)).toBe(true);
  });

  it('tolerates typos and English', () => {
    expect(answerQuestion(kb, 'hvilke oppgaver har en ressursykepleier', 'nb')).toMatchObject({
      citation: { sectionId: 'rutine/ressurssykepleiers-oppgaver' },
    });
    expect(answerQuestion(kb, 'What is FVE?', 'en')).toMatchObject({
      citation: { sectionId: 'rutine/definisjoner' },
    });
  });

  const quoted = (question: string) => {
    const answer = answerQuestion(kb, question, 'nb');
    if (answer.kind !== 'answer') throw new Error(`no answer to ${question}`);
    return answer.quote.map((q) => q.text).join(' | ');
  };

  it('gives both variants of a deadline when the question does not choose', () => {
    const text = quoted('Hva er fristen for Forvaltningens vurdering?');
    expect(text).toContain('innen 14 dager');
    expect(text).toContain('For alvorlig syke');
  });

  it('gives the normal deadline when the question says the patient is not seriously ill', () => {
    const text = quoted(
      'Hva er fristen for Forvaltningens vurdering når pasienten ikke er alvorlig syk?',
    );
    expect(text).toContain('innen 14 dager');
    expect(text).not.toContain('alvorlig syke');
  });

  it('gives only the seriously ill deadline when the question asks for it', () => {
    const text = quoted('Hva er fristen for Forvaltningens vurdering for alvorlig syke?');
    expect(text).toContain('innen 3 dager');
    expect(text).not.toContain('14 dager');
  });

  it('names who is responsible for a who-question, from the routine table', () => {
    const answer = answerQuestion(kb, 'Hvem fatter vedtak om tjenester?', 'nb');
    expect(answer).toMatchObject({ kind: 'answer', responsible: expect.stringContaining('FVE') });
    const not = answerQuestion(kb, 'Hva skjer når det avdekkes behov for tjenester?', 'nb');
    expect(not.kind === 'answer' && not.responsible).toBeFalsy();
  });
});
