import { analyze, isStopWord, stem, words } from './text';

/**
 * The domain's thesaurus: abbreviations with what they stand for, Norwegian inflections the
 * stemmer does not join, and English words for the Norwegian ones, because the source documents
 * are in Norwegian only while some users ask in English. A question's words are matched against
 * these phrases (longest first); a matched phrase becomes one concept whose alternatives are the
 * whole group, so "FVE" also finds "Forvaltningsenheten" and a passage that says both is not
 * counted twice.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // Abbreviations and names from the routine, the competence plan and the action plan.
  ['hsyre', 'ressurssykepleier', 'ressurssykepleiere', 'resource nurse', 'resource nurses'],
  ['hsy', 'hjemmesykepleie', 'hjemmesykepleien', 'home nursing', 'home care nursing', 'home care'],
  [
    'fve',
    'forvaltningsenheten',
    'forvaltningen',
    'forvaltning',
    'etat for forvaltning',
    'tildelingskontor',
    'tildelingskontoret',
    'saksbehandler',
    'allocation office',
    'case officer',
    'case officers',
  ],
  ['ehbt', 'etat for hjemmebaserte tjenester', 'hjemmebaserte tjenester', 'home based services'],
  ['ip', 'individuell plan', 'individual plan', 'individual care plan', 'care plan'],
  ['esas', 'esas r', 'symptomkartlegging', 'edmonton symptom assessment', 'symptom assessment'],
  ['mobid', 'mobid 2', 'smertekartlegging', 'pain assessment'],
  [
    'klb',
    'kompetansesenter i lindrende behandling',
    'kompetansetjeneste for lindrende behandling',
    'kompetansetjeneste i lindrende behandling',
    'regional kompetansetjeneste',
  ],
  ['alvorlig syk', 'alvorlig syke', 'alvorlig sykdom', 'seriously ill', 'severely ill'],
  ['palliasjon', 'palliativ', 'palliative', 'lindrende behandling', 'palliative care'],
  ['kreftomsorg', 'cancer care'],
  ['kreft', 'kreftsykdom', 'cancer'],
  ['nccn', 'termometer', 'distress', 'distress thermometer', 'thermometer', 'påkjenning'],
  ['osu', 'overordnet samarbeidsutvalg'],
  ['nsf', 'norsk sykepleierforbund', 'nurses association'],
  ['sykehuset innlandet', 'innlandet'],
  // People and units.
  ['primærkontakt', 'primary contact', 'primary nurse'],
  ['soneleder', 'zone leader', 'zone manager', 'leder for sonen'],
  ['leder', 'nærmeste leder', 'leader', 'manager'],
  ['sone', 'zone'],
  ['fastlege', 'gp', 'general practitioner', 'family doctor'],
  ['kreftkoordinator', 'cancer coordinator'],
  ['kreftsykepleier', 'cancer nurse', 'oncology nurse'],
  ['sykepleier', 'nurse'],
  ['pasient', 'patient'],
  ['pårørende', 'next of kin', 'relatives', 'family members'],
  ['sykehus', 'hospital'],
  ['spesialisthelsetjenesten', 'specialist health service'],
  ['klinisk utvalg', 'clinical committee'],
  ['arbeidsgruppe', 'arbeidsgruppen', 'working group'],
  ['nettverk', 'network'],
  ['klinisk spesialist', 'clinical specialist'],
  ['likepersonstjenesten', 'likepersonstilbud', 'peer support'],
  // The routine's steps and deadlines.
  [
    'frist',
    'tidsfrist',
    'hvor lang tid',
    'hvor raskt',
    'hvor fort',
    'hvor kjapt',
    'deadline',
    'time limit',
    'how soon',
    'how quickly',
  ],
  ['varighet', 'hvor lenge', 'how long', 'duration', 'varer', 'lasts'],
  ['første kontakt', 'first contact', 'første samtale', 'first call'],
  ['kontakt', 'kontakte', 'ta kontakt', 'contact'],
  ['telefon', 'ringe', 'ringer', 'ringt', 'phone', 'call', 'telephone'],
  ['hjemmebesøk', 'besøk', 'home visit', 'visit'],
  ['huskelapp', 'melding', 'message', 'beskjed'],
  ['ny pasient', 'ny pas', 'new patient', 'henvisning', 'referral'],
  ['registrere', 'registrerer', 'registrering', 'register', 'registers', 'registered'],
  ['vedtak', 'decision', 'decide'],
  ['tjeneste', 'tjenester', 'service', 'services'],
  ['behov', 'trenger', 'trenge', 'need', 'needs'],
  ['tilby', 'tilbud', 'tilbys', 'offer', 'offered'],
  ['innlagt', 'innleggelse', 'admitted', 'hospitalised', 'hospitalized', 'admission'],
  ['innvilget', 'innvilge', 'innvilges', 'granted', 'grant'],
  ['etablert', 'etablering', 'etablere', 'established', 'opprettet', 'opprettes', 'set up'],
  ['avslutte', 'avsluttes', 'avslutning', 'end', 'ends', 'ended', 'ending', 'close', 'closed'],
  ['overføre', 'overføring', 'overta', 'overtar', 'handover', 'hand over', 'take over', 'transfer'],
  ['oppfølging', 'følge opp', 'follow up'],
  ['utpeke', 'utpeker', 'oppnevne', 'appoint', 'appoints', 'appointed'],
  ['egnethet', 'egnet', 'suitability', 'suitable'],
  // In the routine a step's "Ansvar" is whose task it is, so tasks and responsibility are one.
  [
    'oppgave',
    'oppgaver',
    'arbeidsoppgaver',
    'ansvar',
    'ansvarlig',
    'tasks',
    'duties',
    'responsible',
    'responsibility',
    'responsibilities',
  ],
  ['rolle', 'funksjon', 'role', 'function'],
  ['arbeidstid', 'working hours', 'working time', 'office hours'],
  ['arbeidsdag', 'working day', 'business day', 'virkedag'],
  ['helligdag', 'helligdager', 'fridag', 'fridager', 'public holiday', 'holiday', 'holidays'],
  [
    'påminnelse',
    'varsel',
    'varsling',
    'eskalering',
    'reminder',
    'alert',
    'notification',
    'escalation',
  ],
  ['forfalt', 'for sent', 'overdue', 'late', 'missed deadline'],
  ['dag', 'dager', 'day', 'days'],
  ['timer', 'hours'],
  ['måned', 'måneder', 'mnd', 'month', 'months'],
  [
    'årlig',
    'årlige',
    'per år',
    'hvert år',
    'i året',
    'om året',
    'hvor ofte',
    'yearly',
    'annual',
    'annually',
    'per year',
    'a year',
    'how often',
  ],
  // Competence plan and network.
  ['kompetanse', 'competence', 'competency', 'skills'],
  ['nivå', 'level'],
  ['utvidet kompetanse', 'extended competence'],
  ['krav', 'kvalifikasjonskrav', 'requirement', 'requirements', 'qualifications'],
  ['introduksjonskurs', 'introkurs', 'introduction course', 'introductory course'],
  ['basiskurs', 'basic course'],
  ['kurs', 'opplæring', 'course', 'courses', 'training'],
  ['hospitering', 'hospitere', 'hospiteringsdag', 'job shadowing', 'shadowing'],
  ['fagdag', 'fagdager', 'temadag', 'study day', 'seminar'],
  ['nettverkssamling', 'samling', 'samlinger', 'network meeting', 'network gathering', 'gathering'],
  ['møte', 'møter', 'meeting', 'meetings'],
  ['årshjul', 'year wheel', 'annual cycle', 'annual calendar'],
  ['nyhetsbrev', 'newsletter'],
  ['deltakere', 'deltaker', 'delta', 'deltar', 'participants', 'attend', 'attends'],
  ['undervise', 'undervisning', 'veilede', 'veiledning', 'teach', 'teaching', 'guidance'],
  ['litteratur', 'pensum', 'bøker', 'literature', 'reading list', 'books'],
  ['fratre', 'fratres', 'slutte', 'slutter', 'quit', 'leave', 'leaving', 'resign', 'step down'],
  ['adresseliste', 'adresselister', 'kontaktliste', 'directory', 'contact list'],
  ['satsingsområde', 'satsingsområder', 'priority area', 'focus area', 'priorities'],
  ['forskning', 'forskningsprosjekt', 'research', 'research project'],
  ['lov', 'lover', 'lovverk', 'law', 'laws', 'legislation'],
  // Both spellings are Bokmål.
  ['frem', 'fram'],
  ['formål', 'hensikt', 'purpose', 'aim'],
  ['mål', 'målsetting', 'goal', 'goals', 'objective', 'objectives'],
  // Pakkeforløp hjem.
  ['pakkeforløp', 'pakkeforløp hjem', 'patient pathway', 'cancer pathway', 'care pathway'],
  ['samhandlingspunkt', 'samhandlingspunkter', 'collaboration point', 'touchpoint'],
  ['kartlegging', 'kartlegge', 'assessment', 'assess', 'screening'],
  ['behovskartlegging', 'kartleggingssamtale', 'needs assessment'],
  ['kartleggingsverktøy', 'assessment tool', 'assessment tools', 'tools'],
  ['temaområder', 'temaområde', 'topics', 'topic areas', 'themes'],
  ['nettside', 'nettsider', 'nettsiden', 'hjemmeside', 'hjemmesider', 'website', 'web page'],
  ['journal', 'journalføres', 'pasientjournal', 'patient record', 'record', 'documented'],
  ['barn', 'children', 'child'],
  ['rehabilitering', 'rehabilitation'],
  ['ernæring', 'mat', 'måltider', 'nutrition', 'food', 'meals'],
  ['psykisk helse', 'mental health'],
  ['seksuell helse', 'sexual health'],
  ['oral helse', 'tannhelse', 'oral health', 'dental health'],
  ['økonomi', 'finances', 'money'],
  ['boforhold', 'bolig', 'housing'],
];

/**
 * Wordings that say what kind of answer is wanted rather than what about: "hva betyr HSYRE",
 * "hva står EHBT og HSY for" want the definitions. Recognised by pattern, as the words need not
 * be adjacent, and looked up as the words a definitions section is titled with. Such a concept
 * helps the section that has it but costs nothing where it is absent, since most answers do not
 * use the word "definisjon".
 */
const CUES: readonly { pattern: RegExp; phrases: readonly string[] }[] = [
  {
    pattern:
      /\b(betyr|menes|definisjon\w*|forkortelse\w*|står\b.*\bfor|mean|means|meaning|stands?\b.*\bfor|abbreviation\w*)\b/i,
    phrases: ['definisjon', 'definisjoner', 'forkortelse', 'forkortelser', 'definitions'],
  },
];

const NUMBER_QUESTION =
  /^\s*(når|when)\b|\b(hvor (mange|lenge|lang|ofte|mye|fort|raskt)|how (many|long|often|much|soon|quickly)|antall|number of)\b/i;

/** Whether the question asks for a number or a time, which the answer will state in digits. */
export const asksForNumber = (question: string): boolean => NUMBER_QUESTION.test(question);

/** A query term as the index knows it; `literal` when the user wrote it, so typos may apply. */
export interface QueryTerm {
  term: string;
  literal: boolean;
}

/** One way of saying a concept; a phrase matches only where all of its terms do. */
export interface Alternative {
  terms: readonly QueryTerm[];
  weight: number;
  /** Looked up only when no other alternative of the concept is found (compound parts). */
  fallback?: boolean;
}

/** One thing the question asks about, with every way the knowledge base may say it. */
export interface Concept {
  alternatives: readonly Alternative[];
  /** A cue (see CUES): counts where matched, is not missed where not. */
  optional: boolean;
}

/** A synonym found in place of the user's own words weighs a little less than those words. */
export const SYNONYM_WEIGHT = 0.85;

/** The parts of a compound the knowledge base only has apart weigh less than a whole word. */
export const COMPOUND_PART_WEIGHT = 0.8;

interface CompiledPhrase {
  /** Stems of every word, stop words included, to recognise the phrase in a question. */
  match: readonly string[];
  /** Index terms of the phrase (stop words removed), what is looked up. */
  search: readonly string[];
  groups: readonly number[];
}

let compiled: Map<string, CompiledPhrase[]> | undefined;

/** Phrases by the stem of their first word, built once. */
function phraseTable(): Map<string, CompiledPhrase[]> {
  if (compiled) return compiled;
  const byKey = new Map<string, CompiledPhrase>();
  SYNONYM_GROUPS.forEach((phrases, groupIndex) => {
    for (const phrase of phrases) {
      const match = words(phrase).map(stem);
      if (match.length === 0) continue;
      const key = match.join(' ');
      const existing = byKey.get(key);
      if (existing) {
        if (!existing.groups.includes(groupIndex)) {
          byKey.set(key, { ...existing, groups: [...existing.groups, groupIndex] });
        }
      } else {
        byKey.set(key, { match, search: analyze(phrase), groups: [groupIndex] });
      }
    }
  });
  compiled = new Map();
  for (const phrase of byKey.values()) {
    const list = compiled.get(phrase.match[0]) ?? [];
    list.push(phrase);
    compiled.set(phrase.match[0], list);
  }
  for (const list of compiled.values()) list.sort((a, b) => b.match.length - a.match.length);
  return compiled;
}

let groupSearchTerms: (readonly (readonly string[])[])[] | undefined;
function groupAlternatives(group: number): readonly (readonly string[])[] {
  groupSearchTerms ??= SYNONYM_GROUPS.map((phrases) => {
    const seen = new Set<string>();
    const out: string[][] = [];
    for (const phrase of phrases) {
      const terms = analyze(phrase);
      const key = terms.join(' ');
      if (terms.length > 0 && !seen.has(key)) {
        seen.add(key);
        out.push(terms);
      }
    }
    return out;
  });
  return groupSearchTerms[group];
}

/**
 * Splits an unknown compound into two words the knowledge base has ("nettverksamling" →
 * "nettverk" + "samling"), trying the linking -s- and -e- of Norwegian compounds; the split
 * with the most even parts wins. Undefined when the word is known or has no such split.
 */
export function splitCompound(
  word: string,
  knows: (term: string) => boolean,
): string[] | undefined {
  const MIN_PART = 3;
  if (word.length < 2 * MIN_PART + 2 || knows(word)) return undefined;
  let best: string[] | undefined;
  for (let i = MIN_PART; i <= word.length - MIN_PART; i++) {
    const right = word.slice(i);
    const head = knows(right) ? right : knows(stem(right)) ? stem(right) : undefined;
    if (!head) continue;
    const left = word.slice(0, i);
    const candidates = [left, ...(/[se]$/.test(left) ? [left.slice(0, -1)] : [])];
    const modifier = candidates
      .flatMap((c) => (c.length >= MIN_PART ? [c, stem(c)] : []))
      .find(knows);
    if (!modifier) continue;
    if (
      !best ||
      Math.min(modifier.length, head.length) > Math.min(best[0].length, best[1].length)
    ) {
      best = [modifier, head];
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length];
}

/**
 * A misspelt thesaurus word ("forvaltnigen", "ressursykepleier"): the one-word phrase within one
 * edit (two for long words), or that the word begins, so the typo also gets the synonyms.
 */
function correctToThesaurus(
  word: string,
  table: Map<string, CompiledPhrase[]>,
): CompiledPhrase | undefined {
  if (word.length < 5) return undefined;
  const max = word.length >= 8 ? 2 : 1;
  let best: { phrase: CompiledPhrase; distance: number } | undefined;
  for (const phrases of table.values()) {
    for (const phrase of phrases) {
      if (phrase.match.length !== 1) continue;
      const candidate = phrase.match[0];
      const distance =
        word.length >= 6 && candidate.startsWith(word) ? 1 : editDistance(word, candidate, max);
      if (distance <= max && (!best || distance < best.distance)) best = { phrase, distance };
    }
  }
  return best?.phrase;
}

/**
 * Turns a question into concepts: thesaurus phrases (longest match first, so "alvorlig syke"
 * is one concept and "resource nurse" is not "nurse"), then every other word that is not a stop
 * word, with its compound parts when the knowledge base does not have the whole word. A
 * duplicated concept is kept once, so repeating a word does not weigh it twice.
 */
export function conceptsOf(
  question: string,
  knows: (term: string) => boolean = () => true,
): Concept[] {
  const tokens = words(question);
  const stems = tokens.map(stem);
  const table = phraseTable();
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  const add = (concept: Concept) => {
    const key = concept.alternatives
      .map((a) => a.terms.map((t) => t.term).join(' '))
      .sort()
      .join('|');
    if (!seen.has(key)) {
      seen.add(key);
      concepts.push(concept);
    }
  };

  let i = 0;
  while (i < tokens.length) {
    const phrase = (table.get(stems[i]) ?? []).find((p) =>
      p.match.every((s, k) => stems[i + k] === s),
    );
    if (phrase) {
      const alternatives = new Map<string, Alternative>();
      // A phrase of stop words only ("står for") stands for its group without a literal form.
      if (phrase.search.length > 0) {
        alternatives.set(phrase.search.join(' '), {
          terms: phrase.search.map((term) => ({ term, literal: true })),
          weight: 1,
        });
      }
      for (const group of phrase.groups) {
        for (const terms of groupAlternatives(group)) {
          const key = terms.join(' ');
          if (!alternatives.has(key)) {
            alternatives.set(key, {
              terms: terms.map((term) => ({ term, literal: false })),
              weight: SYNONYM_WEIGHT,
            });
          }
        }
      }
      if (alternatives.size > 0) add({ alternatives: [...alternatives.values()], optional: false });
      i += phrase.match.length;
      continue;
    }
    if (!isStopWord(tokens[i])) {
      const alternatives: Alternative[] = [
        { terms: [{ term: stems[i], literal: true }], weight: 1 },
      ];
      const corrected = knows(stems[i]) ? undefined : correctToThesaurus(stems[i], table);
      for (const group of corrected?.groups ?? []) {
        for (const terms of groupAlternatives(group)) {
          alternatives.push({
            terms: terms.map((term) => ({ term, literal: false })),
            weight: SYNONYM_WEIGHT,
          });
        }
      }
      const parts = splitCompound(stems[i], knows);
      if (parts) {
        alternatives.push({
          terms: parts.map((term) => ({ term, literal: false })),
          weight: COMPOUND_PART_WEIGHT,
          fallback: true,
        });
      }
      add({ alternatives, optional: false });
    }
    i += 1;
  }
  for (const cue of CUES) {
    if (!cue.pattern.test(question)) continue;
    add({
      alternatives: cue.phrases.map((phrase) => ({
        terms: analyze(phrase).map((term) => ({ term, literal: false })),
        weight: SYNONYM_WEIGHT,
      })),
      optional: true,
    });
  }
  return concepts;
}
