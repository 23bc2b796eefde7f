import type { EvalQuestion } from './eval-set';

/**
 * The second round (issue 17), one group per kind of miss the first round left: negation and
 * contrast, who-questions, other names for the same thing, numbers, questions that do not choose
 * between normal and seriously ill, and English. Written from the documents in the words of
 * nurses, leaders and case officers, before the engine was changed for them.
 *
 * ROUND2_HELD_OUT was written at the same time and is never looked at when tuning: its misses
 * are reported, not fixed one by one.
 */

const CONFIG = 'rutinekonfigurasjon';
const STEPS = 'rutine/handling-aktivitet-ansvar-og-frist';
const TASKS = 'rutine/ressurssykepleiers-oppgaver';
const FVE_DEADLINE = `${CONFIG}/frist-fve-vurdering`;
const FIRST_CONTACT = `${CONFIG}/frist-forste-kontakt`;
const FOLLOW_UP = `${CONFIG}/frist-oppfolging`;
const DECISION = `${CONFIG}/frist-vedtak-tjenester`;
const HANDOVER = `${CONFIG}/frist-avslutning-overforing`;
const INTRO = 'kompetanseplan/introduksjonskurs';
const SHADOWING = 'kompetanseplan/hospitering';
const LOCAL_MEETINGS = 'kompetanseplan/lokale-nettverkssamlinger';
const STUDY_DAY = 'kompetanseplan/felles-arlig-fagdag';
const PATHWAY_INTRO = 'pakkeforlop/innledning';
const PATHWAY_ACTIVITY = 'pakkeforlop/aktivitet-og-beskrivelse';
const PATHWAY_RESPONSIBILITY = 'pakkeforlop/ansvar-og-myndighet';
const YEAR_WHEEL = 'handlingsplan/arshjul-for-klinisk-utvalg-og-arbeidsgruppen';

export const ROUND2_QUESTIONS: readonly EvalQuestion[] = [
  // Negation and contrast: the normal deadline, not the seriously ill one.
  {
    question: 'Hva er fristen for FVE når pasienten ikke er alvorlig syk?',
    locale: 'nb',
    who: 'fve',
    expect: [FVE_DEADLINE],
    quoteAll: ['14 dager'],
    quoteNot: ['3 dager'],
  },
  {
    question: 'Pasienten er ikke alvorlig syk – når må ressurssykepleier ringe?',
    locale: 'nb',
    who: 'nurse',
    expect: [FIRST_CONTACT],
    quoteAll: ['samme arbeidsdag'],
    quoteNot: ['alvorlig syke'],
  },
  {
    question:
      'Hvor lang tid har vi på å vurdere oppfølging med leder for en pasient som ikke er alvorlig syk?',
    locale: 'nb',
    who: 'leader',
    expect: [FOLLOW_UP],
    quoteAll: ['14 dager'],
    quoteNot: ['7 dager'],
  },
  {
    question: "What is FVE's deadline for a patient who is not seriously ill?",
    locale: 'en',
    who: 'fve',
    expect: [FVE_DEADLINE],
    quoteAll: ['14 days'],
    quoteNot: ['3 days'],
    answerLocale: 'en',
  },
  {
    question: 'Frist for første kontakt med en vanlig pasient, altså ikke alvorlig syk?',
    locale: 'nb',
    who: 'nurse',
    expect: [FIRST_CONTACT],
    quoteNot: ['alvorlig syke'],
  },
  {
    question: 'For pasienter som ikke er alvorlig syke: hvor lenge kan Forvaltningen bruke?',
    locale: 'nb',
    who: 'fve',
    expect: [FVE_DEADLINE],
    quoteAll: ['14 dager'],
    quoteNot: ['3 dager'],
  },
  {
    question:
      'Deadline for reviewing follow-up with the leader when the patient is not seriously ill?',
    locale: 'nb',
    who: 'leader',
    expect: [FOLLOW_UP],
    quoteAll: ['14 days'],
    quoteNot: ['7 days'],
    answerLocale: 'en',
  },
  {
    question:
      'Hva er fristen for oppfølgingsvurderingen når pasienten har kreft men ikke er alvorlig syk?',
    locale: 'nb',
    who: 'leader',
    expect: [FOLLOW_UP],
    quoteNot: ['7 dager'],
  },

  // Who-questions: the routine table's responsible party.
  {
    question: 'Hvem har ansvaret for å registrere HSYRE?',
    locale: 'nb',
    who: 'fve',
    expect: [STEPS, FVE_DEADLINE],
    responsible: 'FVE',
  },
  {
    question: 'Hvem skal ringe pasienten etter at meldingen er sendt til sonen?',
    locale: 'nb',
    who: 'nurse',
    expect: [STEPS, FIRST_CONTACT],
    responsible: 'ressurssykepleier',
  },
  {
    question: 'Hvem fatter vedtak om tjenester?',
    locale: 'nb',
    who: 'fve',
    expect: [STEPS, DECISION],
    responsible: 'FVE',
  },
  {
    question: 'Hvem avslutter HSYRE når pasienten får innvilget hjemmesykepleie?',
    locale: 'nb',
    who: 'fve',
    expect: [STEPS, HANDOVER],
    responsible: 'FVE',
  },
  {
    question: 'Hvem fordeler de elektroniske meldingene når en HSYRE-pasient er innlagt?',
    locale: 'nb',
    who: 'fve',
    expect: [STEPS],
    responsible: 'meldingsmottak',
  },
  {
    question: 'Who decides whether a resource nurse should contact the patient?',
    locale: 'en',
    who: 'fve',
    expect: [STEPS, FVE_DEADLINE],
    responsible: 'FVE',
    answerLocale: 'en',
  },
  {
    question: 'Hvem vurderer videre oppfølging sammen med ressurssykepleieren?',
    locale: 'nb',
    who: 'leader',
    expect: [STEPS, FOLLOW_UP],
    responsible: 'leder',
  },
  {
    question: 'Who hands the patient over to the primary contact?',
    locale: 'en',
    who: 'leader',
    expect: [STEPS, HANDOVER],
    responsible: ['leder HSY', 'home nursing leader'],
    answerLocale: 'en',
  },

  // Other names for the same thing.
  {
    question: 'Hva gjør tildelingskontoret når sykehuset melder fra om en ny pasient?',
    locale: 'nb',
    who: 'fve',
    expect: [STEPS, FVE_DEADLINE],
  },
  {
    question: 'Hvilket smerteverktøy skal pasienten få tilbud om?',
    locale: 'nb',
    who: 'nurse',
    expect: [TASKS],
    quote: 'MOBID',
  },
  {
    question: 'Når skal vi ha den første samtalen i kommunen etter kreftdiagnosen?',
    locale: 'nb',
    who: 'nurse',
    expect: [PATHWAY_INTRO, PATHWAY_ACTIVITY],
    quote: '3–4',
  },
  {
    question: 'Kan legen ta den siste behovskartleggingen?',
    locale: 'nb',
    who: 'leader',
    expect: [PATHWAY_RESPONSIBILITY],
    quote: 'fastlegen',
  },
  {
    question: 'Hva skal kreftkoordinatoren gjøre i pakkeforløp hjem?',
    locale: 'nb',
    who: 'nurse',
    expect: [PATHWAY_RESPONSIBILITY],
    quote: 'kreftkoordinator',
  },
  {
    question: 'Hvem blir pasientens faste sykepleier når HSYRE avsluttes?',
    locale: 'nb',
    who: 'leader',
    expect: [STEPS, HANDOVER],
  },
  {
    question: 'Hva er symptomregistrering med ESAS?',
    locale: 'nb',
    who: 'nurse',
    expect: [TASKS, INTRO],
    quote: 'ESAS',
  },
  {
    question: 'Gjelder kreftpakken hjem også unge pasienter og barn?',
    locale: 'nb',
    who: 'nurse',
    expect: [PATHWAY_INTRO],
    quote: 'barn',
  },

  // Numbers, which the documents write as digits.
  {
    question: 'Hvor mange samhandlingspunkter har pakkeforløp hjem?',
    locale: 'nb',
    who: 'nurse',
    expect: [PATHWAY_INTRO, PATHWAY_ACTIVITY],
    quote: '3 samhandlingspunkt',
  },
  {
    question: 'Hvor mange timer veiledning gir én dag hospitering?',
    locale: 'nb',
    who: 'nurse',
    expect: [SHADOWING],
    quote: 'fire timers',
  },
  {
    question: 'Hvor mange møter har arbeidsgruppen i året?',
    locale: 'nb',
    who: 'leader',
    expect: [YEAR_WHEEL],
    quote: '4 årlige',
  },
  {
    question: 'Hvor mange timer varer introduksjonskurset minst?',
    locale: 'nb',
    who: 'leader',
    expect: [INTRO],
    quote: '6 timer',
  },
  {
    question: 'How many local network meetings a year should a resource nurse attend?',
    locale: 'en',
    who: 'nurse',
    expect: [LOCAL_MEETINGS],
    quote: '2 samlinger',
    answerLocale: 'en',
  },
  {
    question: 'Hvor mange nye ressurssykepleiere må det være før det blir et ekstra introkurs?',
    locale: 'nb',
    who: 'leader',
    expect: [INTRO],
    quote: '10 nye',
  },
  {
    question: 'Hvor mange måneder etter diagnosen kommer tredje samhandlingspunkt?',
    locale: 'nb',
    who: 'nurse',
    expect: [PATHWAY_INTRO, PATHWAY_ACTIVITY, PATHWAY_RESPONSIBILITY],
    quote: '12–18',
  },
  {
    question: 'Hvor mange timer i året er de lokale nettverkssamlingene til sammen?',
    locale: 'nb',
    who: 'nurse',
    expect: [LOCAL_MEETINGS],
    quote: '12 timer',
  },

  // Questions that do not choose between normal and seriously ill: both.
  {
    question: 'Hva er fristen for FVE?',
    locale: 'nb',
    who: 'fve',
    expect: [FVE_DEADLINE],
    quoteAll: ['14 dager', '3 dager'],
  },
  {
    question: 'Når må første kontakt med pasienten skje?',
    locale: 'nb',
    who: 'nurse',
    expect: [FIRST_CONTACT],
    quoteAll: ['samme arbeidsdag', 'alvorlig syke'],
  },
  {
    question: 'Hvor lang tid har vi på å vurdere oppfølgingen med lederen?',
    locale: 'nb',
    who: 'leader',
    expect: [FOLLOW_UP],
    quoteAll: ['14 dager', '7 dager'],
  },
  {
    question: "What is the deadline for FVE's assessment?",
    locale: 'en',
    who: 'fve',
    expect: [FVE_DEADLINE],
    quoteAll: ['14 days', '3 days'],
    answerLocale: 'en',
  },
  {
    question: 'Hvor lang tid har forvaltningen på å registrere HSYRE?',
    locale: 'nb',
    who: 'fve',
    expect: [FVE_DEADLINE],
    quoteAll: ['14 dager', '3 dager'],
  },
  {
    question: 'Frist for første telefon til pasienten?',
    locale: 'nb',
    who: 'nurse',
    expect: [FIRST_CONTACT],
    quoteAll: ['samme arbeidsdag', 'alvorlig syke'],
  },
  {
    question: 'How quickly must the resource nurse call a new patient?',
    locale: 'nb',
    who: 'nurse',
    expect: [FIRST_CONTACT],
    quoteAll: ['same working day', 'seriously ill'],
    answerLocale: 'en',
  },
  {
    question: 'Hvor lenge kan det gå før oppfølgingen skal vurderes sammen med leder?',
    locale: 'nb',
    who: 'leader',
    expect: [FOLLOW_UP],
    quoteAll: ['14 dager', '7 dager'],
  },

  // English, answered in English with the Norwegian source quoted.
  {
    question: 'Who registers HSYRE?',
    locale: 'nb',
    who: 'fve',
    expect: [STEPS, FVE_DEADLINE],
    responsible: 'FVE',
    answerLocale: 'en',
  },
  {
    question: 'What should the resource nurse do before home nursing is in place?',
    locale: 'nb',
    who: 'nurse',
    expect: [TASKS],
    quote: 'kontaktperson',
    answerLocale: 'en',
  },
  {
    question: 'What topics can the needs assessment cover?',
    locale: 'en',
    who: 'nurse',
    expect: ['pakkeforlop/kartleggingsskjema-temaomrader-for-behovskartleggingen'],
    answerLocale: 'en',
  },
  {
    question: 'Should the GP get a copy of the note after the needs assessment?',
    locale: 'nb',
    who: 'nurse',
    expect: [PATHWAY_ACTIVITY, PATHWAY_RESPONSIBILITY],
    quote: 'fastlege',
    answerLocale: 'en',
  },
  {
    question: 'What do I have to do when I stop being a resource nurse?',
    locale: 'en',
    who: 'nurse',
    expect: ['funksjonsbeskrivelse/kvalifikasjonskrav'],
    quote: 'fratres',
    answerLocale: 'en',
  },
  {
    question: 'How many collaboration points are there in the cancer pathway home?',
    locale: 'en',
    who: 'nurse',
    expect: [PATHWAY_INTRO, PATHWAY_ACTIVITY],
    quote: '3 samhandlingspunkt',
    answerLocale: 'en',
  },
];

export const ROUND2_HELD_OUT: readonly EvalQuestion[] = [
  {
    question: 'Når må FVE ha vurdert en pasient som ikke er alvorlig syk?',
    locale: 'nb',
    who: 'fve',
    expect: [FVE_DEADLINE],
    quoteAll: ['14 dager'],
    quoteNot: ['3 dager'],
  },
  {
    question: "What's the first-contact deadline for patients who aren't seriously ill?",
    locale: 'en',
    who: 'nurse',
    expect: [FIRST_CONTACT],
    quoteNot: ['seriously ill'],
    answerLocale: 'en',
  },
  {
    question:
      'Hvis pasienten ikke er alvorlig syk, hvor mange dager har vi på oppfølgingsvurderingen?',
    locale: 'nb',
    who: 'leader',
    expect: [FOLLOW_UP],
    quoteAll: ['14 dager'],
    quoteNot: ['7 dager'],
  },
  {
    question: 'Hvem tar først kontakt med Forvaltningen?',
    locale: 'nb',
    who: 'fve',
    expect: [STEPS],
    responsible: 'sykehus',
  },
  {
    question: 'Hvem har ansvar for å utpeke ressurssykepleier?',
    locale: 'nb',
    who: 'leader',
    expect: [STEPS],
    responsible: 'soneleder',
  },
  {
    question: 'Who is the contact point in the municipality for the cancer pathway home?',
    locale: 'en',
    who: 'fve',
    expect: [PATHWAY_RESPONSIBILITY],
    quote: 'kontaktpunkt',
    answerLocale: 'en',
  },
  {
    question: 'Hvem overfører oppfølgingen til primærkontakten?',
    locale: 'nb',
    who: 'leader',
    expect: [STEPS, HANDOVER],
    responsible: 'leder HSY',
  },
  {
    question: 'Hva gjør saksbehandleren når sykehuset har tatt kontakt?',
    locale: 'nb',
    who: 'fve',
    expect: [STEPS, FVE_DEADLINE],
  },
  {
    question: 'Skal pasienten tilbys et verktøy for å kartlegge smerte?',
    locale: 'nb',
    who: 'nurse',
    expect: [TASKS],
    quote: 'MOBID',
  },
  {
    question: 'Hvor mye veiledning teller en hospiteringsdag hos NSF?',
    locale: 'nb',
    who: 'nurse',
    expect: [SHADOWING],
    quote: 'fire timers',
  },
  {
    question: 'Hvor mange ganger i året møtes Klinisk utvalg?',
    locale: 'nb',
    who: 'leader',
    expect: [YEAR_WHEEL],
    quote: '3 årlige',
  },
  {
    question: 'How many hours does the yearly study day last?',
    locale: 'en',
    who: 'nurse',
    expect: [STUDY_DAY],
    quote: '6 timer',
    answerLocale: 'en',
  },
  {
    question: 'Hvor mange ressurssykepleiere har nettverket i Innlandet?',
    locale: 'nb',
    who: 'leader',
    expect: ['handlingsplan/organisasjonskart-og-forankring'],
    quote: '170',
  },
  {
    question: 'Hva er fristen for ressurssykepleiers første kontakt?',
    locale: 'nb',
    who: 'nurse',
    expect: [FIRST_CONTACT],
    quoteAll: ['samme arbeidsdag', 'alvorlig syke'],
  },
  {
    question: 'When must the follow-up be reviewed with the leader?',
    locale: 'en',
    who: 'leader',
    expect: [FOLLOW_UP],
    quoteAll: ['14 days', '7 days'],
    answerLocale: 'en',
  },
  {
    question: 'Hvor mange dager har Forvaltningen på vurderingen?',
    locale: 'nb',
    who: 'fve',
    expect: [FVE_DEADLINE],
    quoteAll: ['14 dager', '3 dager'],
  },
  {
    question: 'Does the cancer pathway home apply to children as well?',
    locale: 'en',
    who: 'nurse',
    expect: [PATHWAY_INTRO],
    quote: 'barn',
    answerLocale: 'en',
  },
  {
    question: 'Who takes over the follow-up when the patient is granted home nursing?',
    locale: 'nb',
    who: 'leader',
    expect: [STEPS, HANDOVER],
    responsible: ['leder HSY', 'home nursing leader'],
    answerLocale: 'en',
  },
  {
    question: 'Should the resource nurse attend the network meetings?',
    locale: 'en',
    who: 'nurse',
    expect: [TASKS, LOCAL_MEETINGS, 'funksjonsbeskrivelse/kvalifikasjonskrav'],
    answerLocale: 'en',
  },
  {
    question: 'Hvor mange nivåer har fagnettverket i Innlandet?',
    locale: 'nb',
    who: 'leader',
    expect: ['handlingsplan/organisasjonskart-og-forankring'],
    quote: '3 nivåer',
  },
];

/** More questions the bot must decline, some close to the domain's words. */
export const ROUND2_OFF_TOPIC: readonly Pick<EvalQuestion, 'question' | 'locale'>[] = [
  { question: 'Hvem er ordfører i kommunen?', locale: 'nb' },
  { question: 'Hva er fristen for å levere skattemeldingen?', locale: 'nb' },
  { question: 'When is the Christmas party?', locale: 'en' },
  { question: 'Hvordan søker jeg om permisjon?', locale: 'nb' },
  { question: 'Who won the football match yesterday?', locale: 'en' },
  { question: 'Hvor mange egenmeldingsdager har jeg?', locale: 'nb' },
];
