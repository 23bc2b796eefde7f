import {
  type ConceptScores,
  conceptWeight,
  isConfident,
  type Place,
  quotePassages,
  type RankingOptions,
  rankSections,
} from '../../src/knowledge/ranking';

/*
 * Two sections of a made-up document: "a" (title row a#title, passages a#p1..a#p3) and "b"
 * (b#title, b#p1, b#p2), plus filler passages so that rarity means something.
 */
function places(): Map<string, Place> {
  const map = new Map<string, Place>();
  const passage = (sectionId: string, order: number, extra: Partial<Place> = {}): Place =>
    ({
      kind: 'passage',
      sectionId,
      order,
      quotable: true,
      numeric: false,
      namesResponsible: false,
      ...extra,
    }) as Place;
  map.set('doc', { kind: 'documentTitle', sectionIds: ['a', 'b', 'c'] });
  map.set('a#title', { kind: 'sectionTitle', sectionId: 'a' });
  map.set('a#p1', passage('a', 0, { quotable: false }));
  map.set('a#p2', passage('a', 1));
  map.set('a#p3', passage('a', 2, { numeric: true }));
  map.set('b#title', { kind: 'sectionTitle', sectionId: 'b' });
  map.set('b#p1', passage('b', 0));
  map.set('b#p2', passage('b', 1));
  for (let i = 0; i < 40; i++) map.set(`c#p${i}`, passage('c', i));
  return map;
}

const OPTIONS: RankingOptions = {
  passageShare: 0.5,
  coverageExponent: 2,
  cueBonus: 0.5,
  numberBonus: 0.5,
  responsibleBonus: 0.5,
  countBonus: 1,
  sectionPriority: () => 1,
};

const concept = (
  scores: Record<string, number>,
  optional = false,
  frequency?: number,
): ConceptScores => ({
  scores: new Map(Object.entries(scores)),
  frequency: frequency ?? Object.keys(scores).length,
  optional,
});

describe('ranking sections (pure)', () => {
  it('weighs a rare concept more, and an absent one most', () => {
    expect(conceptWeight(1, 100)).toBeGreaterThan(conceptWeight(20, 100));
    expect(conceptWeight(0, 100)).toBeGreaterThan(conceptWeight(1, 100));
  });

  it('prefers the section covering the whole question over one repeating a single word', () => {
    const ranked = rankSections(
      [concept({ 'a#p2': 3, 'b#p1': 9, 'b#p2': 9 }), concept({ 'a#p2': 3 })],
      places(),
      OPTIONS,
    );
    expect(ranked.map((r) => r.sectionId)).toEqual(['a', 'b']);
    expect(ranked[0].coverage).toBe(1);
    expect(ranked[1].coverage).toBeLessThan(1);
  });

  it('credits a title match to its section, but never quotes the title', () => {
    const [a] = rankSections(
      [concept({ 'a#title': 5 }), concept({ 'a#p2': 2 })],
      places(),
      OPTIONS,
    );
    expect(a.coverage).toBe(1);
    expect(a.passages.map((p) => p.id)).toEqual(['a#p2']);
  });

  it('does not make a section a candidate from its document title alone', () => {
    const ranked = rankSections([concept({ doc: 5 }), concept({ 'a#p2': 2 })], places(), OPTIONS);
    expect(ranked.map((r) => r.sectionId)).toEqual(['a']);
    expect(ranked[0].coverage).toBe(1);
  });

  it('never quotes a list lead, though it counts as evidence', () => {
    const [a] = rankSections([concept({ 'a#p1': 5 })], places(), OPTIONS);
    expect(a.coverage).toBe(1);
    expect(a.passages).toEqual([]);
  });

  it('lets a cue help the section that has it without counting against others', () => {
    const content = concept({ 'a#p2': 4, 'b#p1': 4 });
    const cue = concept({ 'b#title': 1 }, true);
    const ranked = rankSections([content, cue], places(), OPTIONS);
    expect(ranked.map((r) => r.sectionId)).toEqual(['b', 'a']);
    expect(ranked.map((r) => r.coverage)).toEqual([1, 1]);
    expect(rankSections([cue], places(), OPTIONS)).toEqual([]);
  });

  it('prefers a passage stating a number when the question asks for one', () => {
    const scores = [concept({ 'a#p2': 4, 'a#p3': 3.5 })];
    expect(rankSections(scores, places(), OPTIONS)[0].passages[0].id).toBe('a#p2');
    const number = { number: true, responsible: false };
    expect(rankSections(scores, places(), OPTIONS, number)[0].passages[0].id).toBe('a#p3');
  });

  it('prefers, for "how many", the passage where a number counts what is asked about', () => {
    const counted = { ...concept({ 'a#p2': 4, 'a#p3': 3.5 }), counted: new Set(['a#p2']) };
    const number = { number: true, responsible: false };
    const withNumbers = new Map(places());
    withNumbers.set('a#p2', { ...(places().get('a#p2') as Place), numeric: true } as Place);
    expect(rankSections([counted], withNumbers, OPTIONS, number)[0].passages[0].id).toBe('a#p2');
  });

  it('prefers a passage naming who is responsible for a who-question', () => {
    const scores = [concept({ 'a#p2': 4, 'a#p3': 3.5 })];
    const withResponsible = new Map(places());
    withResponsible.set('a#p3', {
      ...(places().get('a#p3') as Place),
      namesResponsible: true,
    } as Place);
    const who = { number: false, responsible: true };
    expect(rankSections(scores, withResponsible, OPTIONS)[0].passages[0].id).toBe('a#p2');
    expect(rankSections(scores, withResponsible, OPTIONS, who)[0].passages[0].id).toBe('a#p3');
  });

  it('applies the section priority', () => {
    const scores = [concept({ 'a#p2': 4, 'b#p1': 4 })];
    const prefersB = { ...OPTIONS, sectionPriority: (id: string) => (id === 'b' ? 1.1 : 1) };
    expect(rankSections(scores, places(), prefersB)[0].sectionId).toBe('b');
  });

  it('answers only with enough coverage and specific enough evidence', () => {
    const ranked = rankSections([concept({ 'a#p2': 4 }), concept({}, false, 0)], places(), OPTIONS);
    expect(ranked[0].coverage).toBeLessThan(0.5);
    expect(isConfident(ranked[0], { minCoverage: 0.5, minEvidence: 0 })).toBe(false);
    const common = rankSections([concept({ 'a#p2': 4 }, false, 45)], places(), OPTIONS);
    expect(isConfident(common[0], { minCoverage: 0.5, minEvidence: 2 })).toBe(false);
    expect(isConfident(undefined, { minCoverage: 0, minEvidence: 0 })).toBe(false);
  });

  it('quotes the best passage and those nearly as good, in reading order', () => {
    const [a] = rankSections(
      [concept({ 'a#p2': 4, 'a#p3': 4.2 }), concept({ 'a#p3': 1 })],
      places(),
      OPTIONS,
    );
    expect(a.passages[0].id).toBe('a#p3');
    expect(quotePassages(a, { closeTo: 0.4, maxPassages: 3 }).map((p) => p.id)).toEqual([
      'a#p2',
      'a#p3',
    ]);
    expect(quotePassages(a, { closeTo: 0.99, maxPassages: 3 }).map((p) => p.id)).toEqual(['a#p3']);
  });
});
