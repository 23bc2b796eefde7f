/*
 * @orama/stemmers ships a CommonJS build, but its type declarations are listed first and read as
 * an ES module, which TypeScript will not let this CommonJS project import. Node resolves the
 * package's "require" build; its one function is typed here as declared in its no.d.ts.
 */
const { stemmer: snowballNorwegian } = require('@orama/stemmers/norwegian') as {
  stemmer: (word: string) => string;
};

/*
 * Norwegian Bokmål stop words (after the Snowball list, with question words, fillers people
 * put in front of a question, verbs about the documents themselves, "nevnes", "står", and the
 * light verb "ta" of "ta i bruk") and English ones, in one set: a question may be in either
 * language, and the knowledge base holds both. Domain words (frist, ansvar, leder, sone) are
 * deliberately absent.
 */
const NORWEGIAN_STOP_WORDS = `
  og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett har
  om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva
  skal selv sjøl her alle vil bli ble blitt kunne inn når være vært kom noen noe ville dere deres
  kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor dette disse uten hvordan
  ingen din ditt blir samme hvilken hvilke hvilket sånn inni mellom vår våre vårt hver hvem vors
  hvis både bare enn fordi før mange også slik vært båe begge siden dykk dykkar dei deira deires
  deim di då eg ein eit eitt elles honom hjå ho hoe henne hennar hennes hoss hossen ikkje ingi
  inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan mi mine mykje no nokon noka
  nokor noko nokre sia sidan so somt somme um upp vere vore verte vort varte vart
  gjør gjøre gjort betyr bety menes mener står stå finnes fins egentlig lurer lure fortell forklar
  forklare hei takk hjelpe vet vite må få får nok litt vel jo mon nevne nevner nevnes nevnt
  omtale omtales omtalt ta tar tas tatt tok skje skjer skjedde gå går gått gikk sammen altså
  liksom forresten
`;

const ENGLISH_STOP_WORDS = `
  a an the and or but if of to in on at by for with from into about as is are was were be been
  being am do does did doing done have has had having i me my we our you your he she it its they
  them their this that these those there here what which who whom whose when where why how can
  could should would will shall must may might not no yes so than too very just also any some
  all each every both more most other such only own same again further then once mean means
  meaning stand stands tell explain please hi hello thanks know get gets got say says mention
  mentioned listed before after many much often there being happen happens happened
`;

const STOP_WORDS: ReadonlySet<string> = new Set(
  `${NORWEGIAN_STOP_WORDS} ${ENGLISH_STOP_WORDS}`.split(/\s+/).filter(Boolean),
);

export const isStopWord = (word: string): boolean => STOP_WORDS.has(word);

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased words of letters and digits; one-letter words carry no meaning here. */
export function words(text: string): string[] {
  const found = text.normalize('NFC').toLowerCase().match(WORD) ?? [];
  return found.filter((w) => w.length > 1 || /\d/.test(w));
}

/*
 * Snowball removes one suffix per word, so agent nouns do not conflate: "ressurssykepleier",
 * "ressurssykepleiere" and "ressurssykepleierne" would become three stems. The definite plural
 * "-erne" is reduced to "-er" first, and a second pass strips what the first one exposed. The
 * same function runs on the index and on the question, so over-stemming is symmetric.
 */
const stemCache = new Map<string, string>();
export function stem(word: string): string {
  let found = stemCache.get(word);
  if (found === undefined) {
    if (/\d/.test(word)) {
      found = word;
    } else {
      const base = word.length > 6 && word.endsWith('erne') ? word.slice(0, -2) : word;
      const once = snowballNorwegian(base);
      found = once === base ? once : snowballNorwegian(once);
    }
    stemCache.set(word, found);
  }
  return found;
}

/** Index terms of a text: stems of its words, stop words left out. */
export function analyze(text: string): string[] {
  return words(text)
    .filter((w) => !isStopWord(w))
    .map(stem);
}

/** Markdown emphasis is for display only; the index sees the plain words. */
export const plainText = (markdown: string): string => markdown.replace(/[*_`]+/g, '');
