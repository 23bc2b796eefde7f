import type { Locale } from '../domain/roster';
import { words } from './text';

/**
 * What a question's form says, apart from what it is about: whether it asks who, and which
 * language it is written in (a user whose setting is Norwegian may ask in English, and is
 * answered in the language asked).
 */

const WHO = /(?:^|[^\p{L}])(hvem|who|whom|whose)(?![\p{L}])/iu;

/** "Hvem registrerer HSYRE?", "who hands over …": the answer names who is responsible. */
export const asksWho = (question: string): boolean => WHO.test(question);

/*
 * Function words that occur in one of the two languages only; the domain's nouns are the same
 * words in both ("HSYRE", "FVE"), so they say nothing. "i", "to", "at", "for" are in both.
 */
const ENGLISH_ONLY = new Set(
  `the is are was were what which who whom whose how when where why does do did should must can
  could would will of a an and or not with from this that these those there my our your their
  it its be been have has had about after before than patient patients nurse deadline`.split(/\s+/),
);
const NORWEGIAN_ONLY = new Set(
  `er var hva hvilke hvilken hvem hvordan når hvor hvorfor skal må kan bør og eller ikke med fra
  det den de som på av til jeg vi du har hadde etter før enn om seg sin sine vår våre pasienten
  pasient sykepleier frist fristen`.split(/\s+/),
);

/**
 * The language a question is written in, when its words say so clearly; undefined when they
 * do not ("HSYRE?"), and the asker's setting decides.
 */
export function questionLanguage(question: string): Locale | undefined {
  let english = 0;
  let norwegian = /[æøå]/i.test(question) ? 2 : 0;
  for (const word of words(question.replace(/['’]/g, ' '))) {
    if (ENGLISH_ONLY.has(word)) english += 1;
    else if (NORWEGIAN_ONLY.has(word)) norwegian += 1;
  }
  if (english > norwegian) return 'en';
  if (norwegian > english) return 'nb';
  return undefined;
}
