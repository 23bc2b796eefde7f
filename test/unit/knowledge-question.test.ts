import { asksWho, questionLanguage } from '../../src/knowledge/question';

describe('what the form of a question says', () => {
  it.each([
    ['Hvem registrerer HSYRE?', true],
    ['Who hands the patient over?', true],
    ['Vet du hvem som fatter vedtak?', true],
    ['Hva er fristen for FVE?', false],
    ['Hvemsomhelst', false],
  ])('"%s" asks who: %s', (question, expected) => {
    expect(asksWho(question)).toBe(expected);
  });

  it.each([
    ['What is the deadline for the first contact?', 'en'],
    ["What's FVE's deadline for a patient who isn't seriously ill?", 'en'],
    ['Who registers HSYRE?', 'en'],
    ['Hva er fristen for første kontakt?', 'nb'],
    ['Hvem fatter vedtak om tjenester?', 'nb'],
    ['Når må ressurssykepleier ringe?', 'nb'],
  ])('"%s" is written in %s', (question, expected) => {
    expect(questionLanguage(question)).toBe(expected);
  });

  it('leaves the language to the asker when the words do not tell', () => {
    expect(questionLanguage('HSYRE?')).toBeUndefined();
    expect(questionLanguage('ESAS MOBID')).toBeUndefined();
  });
});
