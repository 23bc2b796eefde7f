import {
  asksForNumber,
  type Concept,
  chosenVariant,
  conceptsOf as conceptsWith,
  editDistance,
  splitCompound,
} from '../../src/knowledge/synonyms';
import { stem } from '../../src/knowledge/text';
import { shippedKnowledgeBase } from '../knowledge/knowledge-base';

const { thesaurus } = shippedKnowledgeBase();
const conceptsOf = (question: string, knows?: (term: string) => boolean) =>
  conceptsWith(question, thesaurus, knows);

const termsOf = (concept: Concept): string[] =>
  concept.alternatives.map((a) => a.terms.map((t) => t.term).join(' '));

describe('the thesaurus and question concepts', () => {
  it('expands an abbreviation to what it stands for, as one concept', () => {
    const [fve] = conceptsOf('FVE');
    expect(termsOf(fve)).toEqual(expect.arrayContaining(['fve', stem('forvaltningsenheten')]));
    expect(fve.alternatives[0]).toMatchObject({
      weight: 1,
      terms: [{ term: 'fve', literal: true }],
    });
    expect(fve.alternatives.slice(1).every((a) => a.weight < 1)).toBe(true);
  });

  it.each([
    ['HSYRE', 'ressurssykepleier'],
    ['HSY', 'hjemmesykepleie'],
    ['EHBT', 'hjemmebaserte tjenester'],
    ['IP', 'individuell plan'],
    ['ESAS', 'symptomkartlegging'],
    ['MOBID', 'smertekartlegging'],
    ['KLB', 'kompetansetjeneste for lindrende behandling'],
  ])('knows the abbreviation %s', (abbreviation, meaning) => {
    const [concept] = conceptsOf(abbreviation);
    const expected = meaning
      .split(' ')
      .filter((w) => w !== 'for')
      .map(stem)
      .join(' ');
    expect(termsOf(concept)).toContain(expected);
  });

  it('reads "alvorlig syk" and "alvorlig syke" as one concept, not two words', () => {
    for (const question of ['Frist for alvorlig syk pasient', 'Frist for alvorlig syke']) {
      const concepts = conceptsOf(question);
      const seriously = ['seriously', 'ill'].map(stem).join(' ');
      const ill = concepts.find((c) => termsOf(c).includes(seriously));
      expect(ill).toBeDefined();
      expect(concepts.filter((c) => termsOf(c).includes('syk'))).toEqual([]);
    }
  });

  it('matches the longest phrase: "resource nurse" is not "nurse"', () => {
    const concepts = conceptsOf('What are the tasks of a resource nurse?');
    expect(concepts).toHaveLength(2);
    expect(concepts.some((c) => termsOf(c).includes(stem('ressurssykepleier')))).toBe(true);
  });

  it('drops stop words and does not count a repeated word twice', () => {
    expect(conceptsOf('Hva er det?')).toEqual([]);
    expect(conceptsOf('hospitering hospitering')).toHaveLength(1);
  });

  it('turns "hva betyr" and "står ... for" into an optional cue for definitions', () => {
    for (const question of [
      'Hva betyr HSYRE?',
      'Hva står EHBT og HSY for?',
      'What does IP mean?',
    ]) {
      const cues = conceptsOf(question).filter((c) => c.optional);
      expect(cues).toHaveLength(1);
      expect(termsOf(cues[0])).toContain(stem('definisjoner'));
    }
    expect(conceptsOf('Hva er ESAS?').some((c) => c.optional)).toBe(false);
  });

  it('corrects a misspelt thesaurus word to its group', () => {
    const knows = (term: string) => term === stem('forvaltningen');
    const [concept] = conceptsOf('forvaltnigen', knows);
    expect(termsOf(concept)).toContain('fve');
    expect(concept.alternatives[0].terms[0]).toEqual({ term: stem('forvaltnigen'), literal: true });
  });

  it('splits an unknown compound into known words, with the linking s', () => {
    const vocabulary = new Set(['nettverk', stem('samling')]);
    const knows = (term: string) => vocabulary.has(term);
    expect(splitCompound(stem('nettverksamling'), knows)).toEqual(['nettverk', stem('samling')]);
    expect(splitCompound('nettverk', knows)).toBeUndefined();
    const [concept] = conceptsOf('nettverksamling', knows);
    expect(concept.alternatives.at(-1)).toMatchObject({ fallback: true });
  });

  it('measures edit distance with an early exit', () => {
    expect(editDistance('forvaltnig', 'forvaltning', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('abc', 'xyzuvw', 2)).toBe(3);
  });

  it('recognises questions that want a number or a time', () => {
    expect(asksForNumber('Hvor mange timer er fagdagen?')).toBe(true);
    expect(asksForNumber('Når er basiskurset?')).toBe(true);
    expect(asksForNumber('How long does job shadowing last?')).toBe(true);
    expect(asksForNumber('Hva skjer når pasienten blir innlagt?')).toBe(false);
  });

  it('marks what follows a negation, and a negated variant chooses the other', () => {
    for (const question of [
      'Hva er fristen når pasienten ikke er alvorlig syk?',
      'What is the deadline for patients who are not seriously ill?',
      'Frist for andre enn alvorlig syke',
    ]) {
      const concepts = conceptsOf(question);
      expect(concepts.filter((c) => c.negated)).toHaveLength(1);
      expect(chosenVariant(concepts)).toBe('normal');
    }
    const ill = conceptsOf('Hva er fristen for alvorlig syke?');
    expect(ill.some((c) => c.negated)).toBe(false);
    expect(chosenVariant(ill)).toBe('seriouslyIll');
  });

  it('does not take a negated verb for a negated concept', () => {
    const concepts = conceptsOf('Hva skjer hvis ressurssykepleier ikke når pasienten?');
    expect(concepts.some((c) => c.negated)).toBe(false);
  });

  it('leaves the variant open when the question names none or both', () => {
    expect(chosenVariant(conceptsOf('Hva er fristen for FVE?'))).toBeUndefined();
    expect(
      chosenVariant(conceptsOf('Frist for vanlige pasienter og for alvorlig syke?')),
    ).toBeUndefined();
  });

  it('takes "vanlig" for the normal variant without requiring the word in the answer', () => {
    const [normal] = conceptsOf('vanlig').filter((c) => c.variant);
    expect(normal).toMatchObject({ variant: 'normal', optional: true });
  });

  it('knows numbers in words as the digits the documents use', () => {
    const [three] = conceptsOf('tre');
    expect(termsOf(three)).toContain('3');
  });
});
