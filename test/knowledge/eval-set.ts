import type { Locale } from '../../src/domain/roster';
import { ROUND2_HELD_OUT, ROUND2_OFF_TOPIC, ROUND2_QUESTIONS } from './eval-set-round2';

/**
 * Questions as resource nurses, zone leaders and case officers (FVE) would type them in Teams,
 * typos and all, with the section an answer must cite. Where two sections say the same thing
 * (the routine's step table and the configuration's deadlines, or the routine's task list and
 * the competence plan's course goals), both are accepted; the first listed is the better one.
 * `quote` is text the quoted passage must contain (any of a list), when one passage is the answer.
 *
 * Written from the documents, not from the engine's output; keep it that way when adding.
 */
export interface EvalQuestion {
  question: string;
  locale: Locale;
  who: 'nurse' | 'leader' | 'fve';
  expect: readonly string[];
  /** Any of these. */
  quote?: string | readonly string[];
  /** Every one of these must be quoted (both variants of a deadline); part of a right answer. */
  quoteAll?: readonly string[];
  /** None of these may be quoted (the other variant, when the question chose); part of a right answer. */
  quoteNot?: readonly string[];
  /** The language the answer must be in, when it differs from the asker's setting. */
  answerLocale?: Locale;
  /** Who-questions: the responsible party the answer must name; part of a right answer. */
  responsible?: string | readonly string[];
}

const ROUTINE = 'rutine';
const CONFIG = 'rutinekonfigurasjon';
const FUNCTION = 'funksjonsbeskrivelse';
const PLAN = 'kompetanseplan';
const PATHWAY = 'pakkeforlop';
const INNLANDET = 'handlingsplan';

const STEPS = `${ROUTINE}/handling-aktivitet-ansvar-og-frist`;
const TASKS = `${ROUTINE}/ressurssykepleiers-oppgaver`;
const INTRO_COURSE = `${PLAN}/introduksjonskurs`;

const ROUND1_QUESTIONS: readonly EvalQuestion[] = [
  // The routine.
  {
    question: 'Hva er ESAS?',
    locale: 'nb',
    who: 'nurse',
    expect: [TASKS, INTRO_COURSE],
    quote: 'ESAS',
  },
  {
    question: 'Hva gjør ressurssykepleier før hjemmesykepleie er etablert?',
    locale: 'nb',
    who: 'nurse',
    expect: [TASKS],
    quote: 'kontaktperson',
  },
  {
    question: 'Hvilke oppgaver har Forvaltningsenheten i rutinen?',
    locale: 'nb',
    who: 'fve',
    expect: [STEPS],
    quote: 'FVE',
  },
  {
    question: 'What does IP mean?',
    locale: 'en',
    who: 'nurse',
    expect: [TASKS, INTRO_COURSE],
    quote: ['IP', 'Individuell plan'],
  },
  {
    question: 'hva betyr hsyre',
    locale: 'nb',
    who: 'fve',
    expect: [`${ROUTINE}/definisjoner`],
    quote: 'HSYRE',
  },
  {
    question: 'Hva står EHBT for?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${ROUTINE}/definisjoner`],
    quote: 'EHBT',
  },
  {
    question: 'What is FVE?',
    locale: 'en',
    who: 'nurse',
    expect: [`${ROUTINE}/definisjoner`],
    quote: 'FVE',
  },
  {
    question: 'Hva er formålet med rutinen for ressurssykepleiere?',
    locale: 'nb',
    who: 'leader',
    expect: [`${ROUTINE}/formal`],
  },
  {
    question: 'Hvilke pasienter gjelder rutinen for?',
    locale: 'nb',
    who: 'fve',
    expect: [`${ROUTINE}/virkeomrade`, `${ROUTINE}/formal`],
  },
  {
    question: 'Hvem utpeker ressurssykepleierne i sonen?',
    locale: 'nb',
    who: 'leader',
    expect: [STEPS],
    quote: 'Soneleder utpeker',
  },
  {
    question: 'Hva skjer når en pasient som bare har HSYRE blir innlagt på sykehus?',
    locale: 'nb',
    who: 'nurse',
    expect: [STEPS],
    quote: 'innlagt',
  },
  {
    question: 'Når avsluttes HSYRE?',
    locale: 'nb',
    who: 'fve',
    expect: [`${CONFIG}/frist-avslutning-overforing`, STEPS],
    quote: 'HSY',
  },
  {
    question: 'Hvem overtar oppfølgingen når pasienten får hjemmesykepleie?',
    locale: 'nb',
    who: 'leader',
    expect: [STEPS, `${CONFIG}/frist-avslutning-overforing`],
    quote: 'primærkontakt',
  },
  {
    question: 'Skal ressurssykepleier kartlegge symptomer hos pasienten?',
    locale: 'nb',
    who: 'nurse',
    expect: [TASKS, INTRO_COURSE],
    quote: 'kartlegg',
  },
  {
    question: 'Hvilke kartleggingsverktøy skal vi tilby?',
    locale: 'nb',
    who: 'nurse',
    expect: [TASKS],
    quote: 'MOBID',
  },
  { question: 'hva er mobid 2', locale: 'nb', who: 'nurse', expect: [TASKS], quote: 'MOBID' },
  {
    question: 'Har alle soner en ressurssykepleier?',
    locale: 'nb',
    who: 'leader',
    expect: [`${ROUTINE}/ressurssykepleierne-i-hjemmesykepleien`],
    quote: 'hver sone',
  },
  {
    question: 'Hvilket nettverk deltar ressurssykepleierne i?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${ROUTINE}/ressurssykepleierne-i-hjemmesykepleien`, TASKS],
    quote: 'Nettverk',
  },
  {
    question: 'What are the tasks of a resource nurse?',
    locale: 'en',
    who: 'nurse',
    expect: [TASKS],
  },
  {
    question: 'Who is responsible for ending HSYRE?',
    locale: 'en',
    who: 'fve',
    expect: [STEPS, `${CONFIG}/frist-avslutning-overforing`],
    quote: 'HSYRE',
  },

  // Deadlines: the configuration is the source.
  {
    question:
      'Hvor lang tid har forvaltnigen på å kontakte pasienten etter at sykehuset har ringt?',
    locale: 'nb',
    who: 'fve',
    expect: [`${CONFIG}/frist-fve-vurdering`],
    quote: '14 dager',
  },
  {
    question: 'Frist for FVE når pasienten er alvorlig syk?',
    locale: 'nb',
    who: 'fve',
    expect: [`${CONFIG}/frist-fve-vurdering`],
    quote: '3 dager',
  },
  {
    question: 'Når må ressurssykepleier ringe pasienten etter at HSYRE ny pas. er sendt?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${CONFIG}/frist-forste-kontakt`],
    quote: 'samme arbeidsdag',
  },
  {
    question: 'Hvor fort må vi ta kontakt med en alvorlig syk pasient?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${CONFIG}/frist-forste-kontakt`],
    quote: 'alvorlig syke',
  },
  {
    question:
      'Hvor mange dager har FVE på å fatte vedtak når ressurssykepleier melder behov for tjenester?',
    locale: 'nb',
    who: 'fve',
    expect: [`${CONFIG}/frist-vedtak-tjenester`, STEPS],
    quote: '3 dager',
  },
  {
    question: 'Hva er fristen for å vurdere videre oppfølging sammen med leder?',
    locale: 'nb',
    who: 'leader',
    expect: [`${CONFIG}/frist-oppfolging`],
  },
  {
    question: 'Hva betyr samme arbeidsdag?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${CONFIG}/arbeidstid`],
    quote: 'Samme arbeidsdag',
  },
  {
    question: 'Teller helligdager med når fristene regnes ut?',
    locale: 'nb',
    who: 'fve',
    expect: [`${CONFIG}/arbeidstid`],
    quote: 'helligdager',
  },
  {
    question: 'Når får jeg påminnelse om en frist?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${CONFIG}/paminnelser-og-varsler`],
    quote: 'før fristen',
  },
  {
    question: 'Hvem får varsel når en sak er forfalt?',
    locale: 'nb',
    who: 'leader',
    expect: [`${CONFIG}/paminnelser-og-varsler`],
    quote: 'soneleder',
  },
  {
    question: 'What is the deadline for the first contact with a seriously ill patient?',
    locale: 'en',
    who: 'nurse',
    expect: [`${CONFIG}/frist-forste-kontakt`],
    quote: 'seriously ill',
  },

  // The function description.
  {
    question: 'Hva er kvalifikasjonskravene for å bli ressurssykepleier?',
    locale: 'nb',
    who: 'leader',
    expect: [`${FUNCTION}/kvalifikasjonskrav`],
  },
  {
    question: 'Vi har en kreftsykepleier ansatt, bør hun være ressurssykepleier?',
    locale: 'nb',
    who: 'leader',
    expect: [`${FUNCTION}/kvalifikasjonskrav`],
    quote: 'kreftsykepleier',
  },
  {
    question: 'Hva må jeg gjøre når jeg slutter som ressursykepleier?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${FUNCTION}/kvalifikasjonskrav`],
    quote: 'fratres',
  },
  {
    question: 'Skal ressurssykepleier ha et årlig møte med lederen sin?',
    locale: 'nb',
    who: 'leader',
    expect: [`${FUNCTION}/kvalifikasjonskrav`],
    quote: 'årlige møter',
  },
  {
    question: 'Hva er ressurssykepleiers rolle overfor pasient og pårørende?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${FUNCTION}/pasientrettet-arbeid`],
    quote: 'pårørende',
  },
  {
    question:
      'Hvem skal sørge for at kliniske verktøy for kartlegging tas i bruk på arbeidsstedet?',
    locale: 'nb',
    who: 'leader',
    expect: [`${FUNCTION}/samhandling-og-systemarbeid`],
    quote: 'kliniske verktøy',
  },
  {
    question: 'Hva bygger funksjonsbeskrivelsen på?',
    locale: 'nb',
    who: 'leader',
    expect: [`${FUNCTION}/beskrivelse`],
  },

  // The competence plan.
  {
    question: 'Hva er utvidet kompetanse?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${PLAN}/kompetanseniva`],
    quote: 'nivå B',
  },
  {
    question: 'hvor lenge varer introduksonskurset',
    locale: 'nb',
    who: 'nurse',
    expect: [INTRO_COURSE],
    quote: '6 timer',
  },
  {
    question: 'Skal lederen være med på introkurset?',
    locale: 'nb',
    who: 'leader',
    expect: [INTRO_COURSE],
    quote: 'leder',
  },
  {
    question: 'hvor mange dager hospitring anbefales',
    locale: 'nb',
    who: 'nurse',
    expect: [`${PLAN}/hospitering`],
    quote: '1–3 dager',
  },
  {
    question: 'Kan hospitering telle som veiledningstimer til klinisk spesialist?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${PLAN}/hospitering`],
    quote: 'NSF',
  },
  {
    question: 'How long should job shadowing last?',
    locale: 'en',
    who: 'nurse',
    expect: [`${PLAN}/hospitering`],
    quote: '1–3',
  },
  {
    question: 'Hvor mange nettverksamlinger må man delta på i året?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${PLAN}/lokale-nettverkssamlinger`],
    quote: '2 samlinger',
  },
  {
    question: 'Hvor mange timer er den årlige fagdagen?',
    locale: 'nb',
    who: 'leader',
    expect: [`${PLAN}/felles-arlig-fagdag`],
    quote: '6 timer',
  },
  {
    question: 'Kan andre faggrupper bli med på fagdagen?',
    locale: 'nb',
    who: 'leader',
    expect: [`${PLAN}/felles-arlig-fagdag`],
    quote: 'andre faggrupper',
  },
  {
    question: 'Hva er hensikten med fagdager og nettverkssamlinger?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${PLAN}/fagdager-og-nettverkssamlinger`],
  },
  {
    question: 'Hva er den overordnede målsettingen med kompetanseplanen?',
    locale: 'nb',
    who: 'leader',
    expect: [`${PLAN}/overordnet-malsetting`],
  },
  {
    question: 'Finnes det e-læring om palliasjon og demens?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${PLAN}/anbefalt-litteratur-og-laeringsressurser`],
    quote: 'demens',
  },
  {
    question: 'What competence level must a resource nurse have?',
    locale: 'en',
    who: 'leader',
    expect: [`${PLAN}/kompetanseniva`],
  },

  // Pakkeforløp hjem.
  {
    question: 'Hva er pakkeforløp hjem?',
    locale: 'nb',
    who: 'fve',
    expect: [`${PATHWAY}/innledning`],
  },
  {
    question: 'Når skal kommunen ha kartleggingssamtale med kreftpasienten?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${PATHWAY}/innledning`, `${PATHWAY}/aktivitet-og-beskrivelse`],
    quote: 'kommunen',
  },
  {
    question: 'Hvilke temaområder kan behovskartleggingen omfatte?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${PATHWAY}/kartleggingsskjema-temaomrader-for-behovskartleggingen`],
  },
  {
    question: 'Hvem er kontaktpunkt i kommunen for pakkeforløp hjem?',
    locale: 'nb',
    who: 'fve',
    expect: [`${PATHWAY}/ansvar-og-myndighet`],
    quote: 'kontaktpunkt',
  },
  {
    question: 'Skal fastlegen ha kopi av notatet etter kartleggingen?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${PATHWAY}/aktivitet-og-beskrivelse`, `${PATHWAY}/ansvar-og-myndighet`],
    quote: 'fastlege',
  },
  {
    question: 'Kan vi bruke distress-termometeret i kartleggingen?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${PATHWAY}/kartleggingsskjema-temaomrader-for-behovskartleggingen`],
    quote: 'NCCN',
  },
  {
    question: 'Gjelder pakkeforløp hjem også for barn?',
    locale: 'nb',
    who: 'fve',
    expect: [`${PATHWAY}/innledning`],
    quote: 'barn',
  },
  {
    question: 'Who does the needs assessment at collaboration point 3?',
    locale: 'en',
    who: 'fve',
    expect: [`${PATHWAY}/ansvar-og-myndighet`],
    quote: 'samhandlingspunkt 3',
  },

  // The network in Innlandet.
  {
    question: 'Hvor mange ressurssykepleiere er det i Innlandet?',
    locale: 'nb',
    who: 'leader',
    expect: [`${INNLANDET}/organisasjonskart-og-forankring`],
    quote: '170',
  },
  {
    question: 'Når er basiskurset?',
    locale: 'nb',
    who: 'nurse',
    expect: [
      `${INNLANDET}/arshjul-for-klinisk-utvalg-og-arbeidsgruppen`,
      `${INNLANDET}/handlingsplan-2020-2021-satsingsomrader-og-tiltak`,
    ],
    quote: 'basiskurs',
  },
  {
    question: 'Hvor ofte har klinisk utvalg møter?',
    locale: 'nb',
    who: 'leader',
    expect: [`${INNLANDET}/arshjul-for-klinisk-utvalg-og-arbeidsgruppen`],
    quote: '3 årlige',
  },
  {
    question: 'Når kommer nyhetsbrevet?',
    locale: 'nb',
    who: 'nurse',
    expect: [
      `${INNLANDET}/handlingsplan-2020-2021-satsingsomrader-og-tiltak`,
      `${INNLANDET}/arshjul-for-klinisk-utvalg-og-arbeidsgruppen`,
    ],
    quote: 'yhetsbrev',
  },
  {
    question: 'Hvordan finner jeg fram til ressurssykepleierne?',
    locale: 'nb',
    who: 'fve',
    expect: [
      `${INNLANDET}/mal-for-ressurssykepleiernettverket`,
      `${INNLANDET}/handlingsplan-2020-2021-satsingsomrader-og-tiltak`,
    ],
  },
  {
    question: 'Hva er målet med ressurssykepleiernettverket?',
    locale: 'nb',
    who: 'leader',
    expect: [`${INNLANDET}/mal-for-ressurssykepleiernettverket`],
  },
];

/**
 * Written after the ranking had been tuned on the questions above, to see how it does on
 * wording it was not tuned on. Its first run cited the right section for 15 of 20; its misses
 * then led to three general fixes (cue words need not be adjacent, "trenger" is "behov",
 * "nettsider" is "hjemmesider"), so it is no longer strictly held out. The questions are as
 * first written.
 */
const ROUND1_HELD_OUT: readonly EvalQuestion[] = [
  {
    question: 'Hva skal ressurssykepleier gjøre for pasienter som trenger individuell plan?',
    locale: 'nb',
    who: 'nurse',
    expect: [TASKS],
    quote: 'IP',
  },
  {
    question: 'Hvem sender meldingen HSYRE ny pas?',
    locale: 'nb',
    who: 'fve',
    expect: [STEPS, `${CONFIG}/frist-fve-vurdering`],
    quote: 'HSYRE ny pas',
  },
  {
    question: 'Får hjemmesykepleien tilgang når HSYRE registreres?',
    locale: 'nb',
    who: 'nurse',
    expect: [STEPS],
    quote: 'tilgang',
  },
  {
    question: 'Hvor lang frist har ressurssykepleier på første telefon til pasienten?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${CONFIG}/frist-forste-kontakt`],
    quote: 'samme arbeidsdag',
  },
  {
    question: 'Hva er arbeidstiden fristene regnes etter?',
    locale: 'nb',
    who: 'fve',
    expect: [`${CONFIG}/arbeidstid`],
    quote: '08:00',
  },
  {
    question: 'Må hospiteringen skje det første året?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${PLAN}/hospitering`],
    quote: 'første året',
  },
  {
    question: 'Hvilke undervisningsformer brukes på introduksjonskurset?',
    locale: 'nb',
    who: 'nurse',
    expect: [INTRO_COURSE],
    quote: 'Forelesninger',
  },
  {
    question: 'Hvem deltar på de lokale nettverkssamlingene?',
    locale: 'nb',
    who: 'leader',
    expect: [`${PLAN}/lokale-nettverkssamlinger`],
    quote: 'Ressurssykepleiere',
  },
  {
    question: 'Er ressurssykepleier en ressursperson for pårørende også?',
    locale: 'nb',
    who: 'nurse',
    expect: [`${FUNCTION}/pasientrettet-arbeid`],
    quote: 'pårørende',
  },
  {
    question: 'Hvem får ansvar for å følge opp tiltak etter kartleggingen?',
    locale: 'nb',
    who: 'fve',
    expect: [`${PATHWAY}/ansvar-og-myndighet`],
    quote: 'følge opp',
  },
  {
    question: 'Må kommunen legge ut informasjon om pakkeforløp hjem på nettsidene sine?',
    locale: 'nb',
    who: 'fve',
    expect: [`${PATHWAY}/ansvar-og-myndighet`],
    quote: 'hjemmesider',
  },
  {
    question: 'Hvilke lover nevnes i handlingsplanen for nettverket?',
    locale: 'nb',
    who: 'leader',
    expect: [`${INNLANDET}/sentrale-dokumenter-og-foringer`],
    quote: 'loven',
  },
  {
    question: 'Hva er målet til klinisk utvalg?',
    locale: 'nb',
    who: 'leader',
    expect: [`${INNLANDET}/mal-for-klinisk-utvalg`],
  },
  {
    question: 'Hvordan er ressurssykepleienettverket i Innlandet forankret?',
    locale: 'nb',
    who: 'leader',
    expect: [`${INNLANDET}/organisasjonskart-og-forankring`],
  },
  {
    question: 'What happens when the resource nurse finds that the patient needs services?',
    locale: 'en',
    who: 'nurse',
    expect: [`${CONFIG}/frist-vedtak-tjenester`, STEPS],
  },
  {
    question: 'What if the message comes after working hours?',
    locale: 'en',
    who: 'nurse',
    expect: [`${CONFIG}/arbeidstid`, `${CONFIG}/frist-forste-kontakt`],
  },
  {
    question: 'Which symptom assessment tools should we offer?',
    locale: 'en',
    who: 'nurse',
    expect: [TASKS, INTRO_COURSE],
  },
  {
    question: 'Hvor finner jeg kartleggingsskjemaet?',
    locale: 'nb',
    who: 'nurse',
    expect: [
      `${PATHWAY}/kartleggingsskjema-temaomrader-for-behovskartleggingen`,
      `${PATHWAY}/aktivitet-og-beskrivelse`,
    ],
    quote: 'Helsedirektoratet',
  },
  {
    question: 'Skal ressurssykepleieren undervise kollegaene sine?',
    locale: 'nb',
    who: 'leader',
    expect: [TASKS, `${FUNCTION}/kvalifikasjonskrav`, `${PLAN}/lokale-nettverkssamlinger`],
  },
  {
    question: 'Hva står EHBT og HSY for?',
    locale: 'nb',
    who: 'fve',
    expect: [`${ROUTINE}/definisjoner`],
  },
];

/** Questions the knowledge base cannot answer; the bot must say it does not know. */
const ROUND1_OFF_TOPIC: readonly { question: string; locale: Locale }[] = [
  { question: 'Hva blir været i Bergen i morgen?', locale: 'nb' },
  { question: 'Hvordan søker jeg om ferie i sommer?', locale: 'nb' },
  { question: 'Hvem vant fotball-VM i 2022?', locale: 'nb' },
  { question: 'Hvordan tilbakestiller jeg passordet mitt i Teams?', locale: 'nb' },
  { question: 'Hva er det til middag i kantina i dag?', locale: 'nb' },
  { question: 'Hvor mye koster parkering ved sykehjemmet?', locale: 'nb' },
  { question: 'Hva er lønnstrinnet for en sykepleier?', locale: 'nb' },
  { question: 'Hvordan bestiller jeg nye arbeidsklær?', locale: 'nb' },
  { question: 'What is the capital of Australia?', locale: 'en' },
  { question: 'How do I book a meeting room?', locale: 'en' },
  // Held out, like HELD_OUT_QUESTIONS.
  { question: 'Når er neste lønnsutbetaling?', locale: 'nb' },
  { question: 'Hvordan logger jeg inn i journalsystemet?', locale: 'nb' },
  { question: 'Kan du anbefale en god restaurant i Bergen?', locale: 'nb' },
  { question: "What's the wifi password?", locale: 'en' },
  { question: 'Hvor mange feriedager har jeg igjen i år?', locale: 'nb' },
];

export const EVAL_QUESTIONS: readonly EvalQuestion[] = [...ROUND1_QUESTIONS, ...ROUND2_QUESTIONS];
/** Never used when tuning; reported on its own. */
export const HELD_OUT_QUESTIONS: readonly EvalQuestion[] = [...ROUND1_HELD_OUT, ...ROUND2_HELD_OUT];
export const OFF_TOPIC_QUESTIONS: readonly { question: string; locale: Locale }[] = [
  ...ROUND1_OFF_TOPIC,
  ...ROUND2_OFF_TOPIC,
];
