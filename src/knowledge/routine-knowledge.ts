import type {
  Anchor,
  DeadlineKey,
  DeadlineRule,
  EscalationLevel,
  Routine,
  WorkingTime,
} from '../domain/routine';
import type { KnowledgeDocument, LocalisedText, Passage, Section } from './model';
import type { Variant } from './thesaurus';

/**
 * The routine configuration as knowledge: a question about a deadline is answered from what
 * this municipality has configured now (config/routine.json), not from the document's table,
 * which may be older. Generated in both languages because, unlike the source documents, this
 * text is ours.
 */

export const ROUTINE_DOCUMENT_ID = 'rutinekonfigurasjon';

type Bilingual<T> = { nb: T; en: T };

/** An anchor as the clause "after <event>" / "the same working day as <event>" needs it. */
const ANCHOR_EVENT: Record<Anchor, LocalisedText> = {
  hospitalContact: {
    nb: 'sykehuset tok kontakt med FVE',
    en: 'the hospital contacted FVE',
  },
  hsyreRegistered: {
    nb: 'FVE registrerte HSYRE og sendte meldingen «HSYRE ny pas.» til sonen',
    en: 'FVE registered HSYRE and sent the message "HSYRE ny pas." to the zone',
  },
  firstContact: {
    nb: 'ressurssykepleieren hadde første kontakt med pasienten',
    en: "the resource nurse's first contact with the patient",
  },
  servicesReported: {
    nb: 'behovet for tjenester ble meldt til FVE',
    en: 'the need for services was reported to FVE',
  },
  hsyGranted: {
    nb: 'pasienten fikk innvilget hjemmesykepleie (HSY)',
    en: 'the patient was granted home nursing (HSY)',
  },
};

interface StepText {
  title: LocalisedText;
  /** What has to be done, in the routine's words. */
  activity: LocalisedText;
  /** Who has the deadline, as written mid-sentence ("For alvorlig syke har <who> frist ..."). */
  who: LocalisedText;
}

const STEPS: Record<DeadlineKey, StepText> = {
  fveAssessment: {
    title: {
      nb: 'Frist for Forvaltningens vurdering og registrering av HSYRE (trinn 3–4)',
      en: "Deadline for FVE's assessment and registration of HSYRE (steps 3–4)",
    },
    activity: {
      nb: 'Forvaltningen (FVE) kontakter pasienten, gir nødvendig informasjon og vurderer om det er behov for kontakt med ressurssykepleier eller om det skal iverksettes tjenester. Er det behov for ressurssykepleier, registrerer FVE tjenesten HSYRE og sender meldingen «HSYRE ny pas.» til sonen.',
      en: 'The allocation office (FVE) contacts the patient, gives the necessary information and assesses whether a resource nurse should contact the patient or services should be started. If a resource nurse is needed, FVE registers the service HSYRE and sends the message "HSYRE ny pas." to the zone.',
    },
    who: { nb: 'Forvaltningen (FVE)', en: 'the allocation office (FVE)' },
  },
  firstContact: {
    title: {
      nb: 'Frist for ressurssykepleiers første kontakt med pasienten (trinn 5)',
      en: "Deadline for the resource nurse's first contact with the patient (step 5)",
    },
    activity: {
      nb: 'Ressurssykepleier i aktuell sone tar kontakt med pasienten på telefon og avtaler eventuelt hjemmebesøk. Et forsøk som ikke når pasienten, oppfyller ikke fristen.',
      en: 'A resource nurse in the zone phones the patient and may agree a home visit. An attempt that does not reach the patient does not meet the deadline.',
    },
    who: { nb: 'ressurssykepleieren', en: 'the resource nurse' },
  },
  followUpReview: {
    title: {
      nb: 'Frist for å vurdere videre oppfølging med leder (trinn 6)',
      en: 'Deadline for reviewing further follow-up with the leader (step 6)',
    },
    activity: {
      nb: 'Kontakt og oppfølging fra ressurssykepleier vurderes i dialog med leder for gruppen pasienten tilhører. Rutinen sier «fortløpende»; kommunen har satt en frist for når oppfølgingen skal vurderes.',
      en: 'Contact and follow-up from the resource nurse are reviewed with the leader of the patient\'s group. The routine says "continuously"; the municipality has set a deadline for the review.',
    },
    who: { nb: 'ressurssykepleieren og lederen', en: 'the resource nurse and the leader' },
  },
  serviceDecision: {
    title: {
      nb: 'Frist for vedtak om tjenester (trinn 8)',
      en: 'Deadline for the decision on services (step 8)',
    },
    activity: {
      nb: 'Dersom det avdekkes behov for tjenester, meldes dette til FVE, som i samarbeid med ressurssykepleier fatter vedtak om tjenester.',
      en: 'When a need for services is found, it is reported to FVE, which decides on services together with the resource nurse.',
    },
    who: { nb: 'Forvaltningen (FVE)', en: 'the allocation office (FVE)' },
  },
  handover: {
    title: {
      nb: 'Frist for å avslutte HSYRE og overføre til primærkontakt (trinn 9–10)',
      en: 'Deadline for ending HSYRE and handing over to the primary contact (steps 9–10)',
    },
    activity: {
      nb: 'HSYRE avsluttes når pasienten får innvilget hjemmesykepleie (HSY), og leder HSY overfører oppfølgingen fra ressurssykepleier til pasientens primærkontakt.',
      en: "HSYRE ends when the patient is granted home nursing (HSY), and the home nursing leader hands the follow-up over from the resource nurse to the patient's primary contact.",
    },
    who: { nb: 'FVE og leder HSY', en: 'FVE and the home nursing leader' },
  },
};

const STEP_SLUG: Record<DeadlineKey, string> = {
  fveAssessment: 'frist-fve-vurdering',
  firstContact: 'frist-forste-kontakt',
  followUpReview: 'frist-oppfolging',
  serviceDecision: 'frist-vedtak-tjenester',
  handover: 'frist-avslutning-overforing',
};

const days = (n: number): Bilingual<string> => ({
  nb: n === 1 ? '1 dag' : `${n} dager`,
  en: n === 1 ? '1 day' : `${n} days`,
});

/**
 * A deadline rule in words, e.g. "innen 3 dager etter at sykehuset tok kontakt med FVE"; without
 * its events ("innen 3 dager") when `events` is false.
 */
export function describeRule(rule: DeadlineRule, events = true): LocalisedText {
  switch (rule.kind) {
    case 'withinDays': {
      const event = ANCHOR_EVENT[rule.from];
      const n = days(rule.days);
      return events
        ? { nb: `innen ${n.nb} etter at ${event.nb}`, en: `within ${n.en} after ${event.en}` }
        : { nb: `innen ${n.nb}`, en: `within ${n.en}` };
    }
    case 'sameWorkingDay': {
      const event = ANCHOR_EVENT[rule.from];
      return events
        ? { nb: `samme arbeidsdag som ${event.nb}`, en: `on the same working day as ${event.en}` }
        : { nb: 'samme arbeidsdag', en: 'on the same working day' };
    }
    case 'earliestOf': {
      const parts = rule.rules.map((r) => describeRule(r, events));
      const join = (texts: string[], or: string, tail: string) =>
        texts.length === 1
          ? texts[0]
          : `${texts.slice(0, -1).join(', ')}${or}${texts[texts.length - 1]}${tail}`;
      return {
        nb: join(
          parts.map((p) => p.nb),
          ', eller ',
          ', det som kommer først',
        ),
        en: join(
          parts.map((p) => p.en),
          ', or ',
          ', whichever comes first',
        ),
      };
    }
  }
}

/** The events a rule counts from, each once: another step's action, not this one's. */
function ruleEvents(rule: DeadlineRule): Anchor[] {
  const anchors = rule.kind === 'earliestOf' ? rule.rules.flatMap(ruleEvents) : [rule.from];
  return [...new Set(anchors)];
}

const sameRule = (a: DeadlineRule, b: DeadlineRule): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

function deadlineSection(
  key: DeadlineKey,
  deadline: { normal: DeadlineRule; seriouslyIll: DeadlineRule },
): Omit<Section, 'id' | 'documentId'> & { slug: string } {
  const step = STEPS[key];
  /*
   * A rule's text names the event the deadline counts from ("after FVE registered HSYRE"),
   * which is another step's action: the index reads the rule without it, and the event as
   * context at a list lead's weight, so "how long does FVE have to register HSYRE" finds FVE's
   * deadline, not the next step's that counts from the registration.
   */
  const rule = (
    variant: Variant | undefined,
    deadlineRule: DeadlineRule,
    text: (described: LocalisedText) => LocalisedText,
  ): Omit<Passage, 'id' | 'kind'> => {
    const events = ruleEvents(deadlineRule).map((a) => ANCHOR_EVENT[a]);
    return {
      text: text(describeRule(deadlineRule)),
      searchText: text(describeRule(deadlineRule, false)),
      context: { nb: events.map((e) => e.nb).join('. '), en: events.map((e) => e.en).join('. ') },
      ...(variant ? { variant } : {}),
    };
  };
  const rules = sameRule(deadline.normal, deadline.seriouslyIll)
    ? [
        rule(undefined, deadline.normal, (d) => ({
          nb: `For alle pasienter, også alvorlig syke, har ${step.who.nb} frist ${d.nb}.`,
          en: `For all patients, seriously ill ones included, ${step.who.en} must act ${d.en}.`,
        })),
      ]
    : [
        rule('normal', deadline.normal, (d) => ({
          nb: `${upperFirst(step.who.nb)} har frist ${d.nb}.`,
          en: `${upperFirst(step.who.en)} must act ${d.en}.`,
        })),
        rule('seriouslyIll', deadline.seriouslyIll, (d) => ({
          nb: `For alvorlig syke har ${step.who.nb} frist ${d.nb}.`,
          en: `For seriously ill patients, ${step.who.en} must act ${d.en}.`,
        })),
      ];
  return {
    slug: STEP_SLUG[key],
    title: step.title,
    // The activity names who does it, so it answers "who".
    passages: [{ text: step.activity, responsible: step.who }, ...rules].map(
      (passage, i): Passage => ({ id: `p${i + 1}`, kind: 'paragraph', ...passage }),
    ),
  };
}

const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const WEEKDAYS: Bilingual<string[]> = {
  nb: ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

function describeDays(isoDays: number[], locale: 'nb' | 'en'): string {
  const sorted = [...new Set(isoDays)].sort((a, b) => a - b);
  const names = sorted.map((d) => WEEKDAYS[locale][d - 1]);
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1);
  if (contiguous && sorted.length > 2) return `${names[0]}–${names[names.length - 1]}`;
  return names.join(', ');
}

function regionName(code: string, locale: 'nb' | 'en'): string {
  try {
    return (
      new Intl.DisplayNames([locale === 'nb' ? 'nb' : 'en'], { type: 'region' }).of(code) ?? code
    );
  } catch {
    return code;
  }
}

function workingTimeSection(w: WorkingTime): Omit<Section, 'id' | 'documentId'> & { slug: string } {
  const texts: LocalisedText[] = [
    {
      nb: `Fristene regnes i arbeidstid: ${describeDays(w.days, 'nb')} kl. ${w.start}–${w.end} (tidssone ${w.timeZone}). Offentlige helligdager i ${regionName(w.holidayCountry, 'nb')} er ikke arbeidsdager.`,
      en: `Deadlines are counted in working time: ${describeDays(w.days, 'en')} ${w.start}–${w.end} (time zone ${w.timeZone}). Public holidays in ${regionName(w.holidayCountry, 'en')} are not working days.`,
    },
    {
      nb: '«Samme arbeidsdag» betyr innen arbeidstidens slutt samme dag; kommer hendelsen etter arbeidstid eller på en dag som ikke er arbeidsdag, er fristen slutten av neste arbeidsdag.',
      en: '"The same working day" means by the end of working time that day; when the event comes after working time or on a non-working day, the deadline is the end of the next working day.',
    },
    w.nonWorkingDayFallback === 'previous'
      ? {
          nb: '«Innen N dager» regnes i kalenderdager fra hendelsen og slutter ved arbeidstidens slutt dag N. Er dag N ikke en arbeidsdag, er fristen slutten av siste arbeidsdag før; fristen forlenges aldri.',
          en: '"Within N days" counts calendar days from the event and ends at the end of working time on day N. When day N is not a working day, the deadline is the end of the last working day before it; a deadline is never stretched.',
        }
      : {
          nb: '«Innen N dager» regnes i kalenderdager fra hendelsen og slutter ved arbeidstidens slutt dag N. Er dag N ikke en arbeidsdag, er fristen slutten av neste arbeidsdag.',
          en: '"Within N days" counts calendar days from the event and ends at the end of working time on day N. When day N is not a working day, the deadline is the end of the next working day.',
        },
  ];
  if (w.closedDates.length > 0) {
    const dates = [...w.closedDates].sort().join(', ');
    texts.push({
      nb: `Kommunen har i tillegg stengt disse dagene: ${dates}.`,
      en: `The municipality is also closed on these days: ${dates}.`,
    });
  }
  return {
    slug: 'arbeidstid',
    title: {
      nb: 'Arbeidstid og hvordan fristene regnes',
      en: 'Working time and how deadlines are counted',
    },
    passages: texts.map((text, i) => ({ id: `p${i + 1}`, kind: 'paragraph', text })),
  };
}

function duration(minutes: number): Bilingual<string> {
  const m = Math.abs(minutes);
  if (m % 1440 === 0 && m >= 2880) return { nb: `${m / 1440} døgn`, en: `${m / 1440} days` };
  if (m % 60 === 0) {
    const h = m / 60;
    return { nb: `${h} ${h === 1 ? 'time' : 'timer'}`, en: `${h} ${h === 1 ? 'hour' : 'hours'}` };
  }
  return { nb: `${m} minutter`, en: `${m} minutes` };
}

const NOTIFIED: Record<EscalationLevel['notify'], LocalisedText> = {
  responsible: {
    nb: 'en påminnelse til ressurssykepleieren som har saken (i sonens kanal så lenge ingen har tatt den)',
    en: 'a reminder to the resource nurse who has the case (in the zone channel while nobody has claimed it)',
  },
  zoneLeader: { nb: 'et varsel til soneleder', en: 'an alert to the zone leader' },
  fve: { nb: 'et varsel til Forvaltningen (FVE)', en: 'an alert to the allocation office (FVE)' },
};

function escalationSection(
  levels: EscalationLevel[],
): Omit<Section, 'id' | 'documentId'> & { slug: string } {
  const texts: LocalisedText[] = levels.map((level) => {
    const who = NOTIFIED[level.notify];
    if (level.offsetMinutes === 0) {
      return {
        nb: `Når fristen er nådd: ${who.nb}, og saken regnes som forfalt.`,
        en: `When the deadline is reached: ${who.en}, and the case counts as overdue.`,
      };
    }
    const d = duration(level.offsetMinutes);
    return level.offsetMinutes < 0
      ? { nb: `${d.nb} før fristen: ${who.nb}.`, en: `${d.en} before the deadline: ${who.en}.` }
      : {
          nb: `${d.nb} etter fristen: ${who.nb}.`,
          en: `${d.en} after the deadline: ${who.en}.`,
        };
  });
  texts.push({
    nb: 'Hver påminnelse og hvert varsel sendes én gang per sak, frist og nivå.',
    en: 'Each reminder and alert is sent once per case, deadline and level.',
  });
  return {
    slug: 'paminnelser-og-varsler',
    title: {
      nb: 'Påminnelser og varsler før og etter fristen',
      en: 'Reminders and alerts before and after a deadline',
    },
    passages: texts.map((text, i) => ({ id: `p${i + 1}`, kind: 'paragraph', text })),
  };
}

const STEP_ORDER: DeadlineKey[] = [
  'fveAssessment',
  'firstContact',
  'followUpReview',
  'serviceDecision',
  'handover',
];

/** The municipality's current routine configuration as a document of sections. */
export function routineKnowledge(routine: Routine): KnowledgeDocument {
  const { policy } = routine;
  const drafts = [
    ...STEP_ORDER.filter((key) => policy.deadlines[key]).map((key) =>
      deadlineSection(key, policy.deadlines[key]),
    ),
    workingTimeSection(policy.workingTime),
    escalationSection(policy.escalation),
  ];
  const sections: Section[] = drafts.map(({ slug, title, passages }) => {
    const id = `${ROUTINE_DOCUMENT_ID}/${slug}`;
    return {
      id,
      documentId: ROUTINE_DOCUMENT_ID,
      title,
      passages: passages.map((p: Passage) => ({ ...p, id: `${id}#${p.id}` })),
    };
  });
  return {
    id: ROUTINE_DOCUMENT_ID,
    title: {
      nb: `Kommunens rutinekonfigurasjon, versjon ${routine.version}`,
      en: `The municipality's routine configuration, version ${routine.version}`,
    },
    kind: 'config',
    source: `config/routine.json ${routine.version}`,
    sections,
  };
}
