/**
 * "Hvor mange timer har jeg i år?", "how many hours have I got this year?": a question about
 * the asker's own competence hours, which her plan answers rather than the documents. It needs
 * both the hours and the asker herself, so "hvor mange timer gir en hospiteringsdag?" (about
 * the plan's rules) stays with the documents.
 */
const HOURS = /(?:^|[^\p{L}])(timer|timane|timene|hours)(?![\p{L}])/iu;
const MYSELF = /(?:^|[^\p{L}])(jeg|eg|meg|mine|my|me)(?![\p{L}])/iu;
// Only the capital: a lower-case "i" is the Norwegian preposition ("timer i året").
const ENGLISH_I = /(?:^|[^\p{L}])I(?![\p{L}'’])/u;

export function asksOwnCompetenceHours(text: string | undefined): boolean {
  return text !== undefined && HOURS.test(text) && (MYSELF.test(text) || ENGLISH_I.test(text));
}
