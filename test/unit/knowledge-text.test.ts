import { analyze, isStopWord, plainText, stem, words } from '../../src/knowledge/text';

describe('knowledge text analysis', () => {
  it('splits into lower-case words of letters and digits, dropping one-letter words', () => {
    expect(words('Hva er ESAS-r og MOBID 2? «HSYRE ny pas.»')).toEqual([
      'hva',
      'er',
      'esas',
      'og',
      'mobid',
      '2',
      'hsyre',
      'ny',
      'pas',
    ]);
  });

  it('joins the inflections of agent nouns the Snowball stemmer leaves apart', () => {
    const forms = ['ressurssykepleier', 'ressurssykepleiere', 'ressurssykepleierne'];
    expect(new Set(forms.map(stem)).size).toBe(1);
    expect(stem('lederen')).toBe(stem('leder'));
    expect(stem('dagene')).toBe(stem('dager'));
    expect(stem('samlinger')).toBe(stem('samling'));
  });

  it('keeps numbers as they are', () => {
    expect(stem('14')).toBe('14');
  });

  it('removes Norwegian and English stop words and question fillers, not domain words', () => {
    expect(analyze('Hva er fristen for FVE?')).toEqual([stem('fristen'), 'fve']);
    expect(analyze('What does IP mean?')).toEqual(['ip']);
    for (const domainWord of ['frist', 'ansvar', 'leder', 'sone', 'dager', 'behov']) {
      expect(isStopWord(domainWord)).toBe(false);
    }
  });

  it('strips Markdown emphasis before indexing', () => {
    expect(plainText('**Ansvar:** FVE')).toBe('Ansvar: FVE');
  });
});
