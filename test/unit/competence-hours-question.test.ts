import { asksOwnCompetenceHours } from '../../src/domain/competence/hours-question';

describe('a question about the asker’s own competence hours', () => {
  it.each([
    'Hvor mange timer har jeg i år?',
    'hvor mange timer har eg?',
    'Kor mange timar … timene mine i år',
    'How many hours do I have this year?',
    'how many hours have I got',
    'what are my hours',
  ])('takes %p', (text) => {
    expect(asksOwnCompetenceHours(text)).toBe(true);
  });

  it.each([
    'Hvor mange timer er det i en fagdag?',
    'Hvor mange timer veiledning gir en dag hospitering?',
    'how many hours is a study day',
    'hvor mange dager har jeg på meg?',
    undefined,
  ])('leaves %p to the documents', (text) => {
    expect(asksOwnCompetenceHours(text)).toBe(false);
  });
});
