/**
 * The data each template in cards/ binds, one interface per file. The templating library leaves
 * a `${...}` it cannot resolve in the card as literal text, so a misspelt or missing field
 * would reach the user; typing the data makes the compiler catch it instead.
 *
 * Conventions the templates rely on: an empty string hides the element its `$when` guards,
 * an empty array hides its container, and every string is already in the reader's language.
 */

/** Adaptive Card 1.5 container styles. */
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';

/** Adaptive Card 1.5 text colours. */
export type TextColor = 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';

export interface Fact {
  title: string;
  value: string;
}

export interface Choice {
  id: string;
  name: string;
}

/** cards/help.json */
export interface HelpCardData {
  title: string;
  intro: string;
  /** The command as the reader types it, and what it does. */
  commands: readonly { name: string; description: string }[];
  examplesTitle: string;
  examples: readonly { text: string }[];
  privacy: string;
}

/** cards/case.json */
export interface CaseCardData {
  title: string;
  statusLine: string;
  headerStyle: ContainerStyle;
  /** The outcome of the last action; '' shows none. */
  message: string;
  messageColor: TextColor;
  facts: readonly Fact[];
  /** Whether the visit date, note, nurse and reason inputs are shown (personal cards only). */
  showInputs: boolean;
  labels: {
    visitDate: string;
    note: string;
    nurse: string;
    reason: string;
    history: string;
  };
  nurses: readonly Choice[];
  /** Close reasons: `value` goes back in the action data. */
  reasons: readonly Fact[];
  /** '' shows none. */
  hint: string;
  history: readonly { at: string; text: string }[];
  actions: readonly { title: string; verb: string; data: Readonly<Record<string, unknown>> }[];
}

/** cards/referral-form.json */
export interface ReferralFormCardData {
  title: string;
  intro: string;
  /** Why the last submission was refused; '' shows none. */
  message: string;
  zones: readonly Choice[];
  /** The preselected zone. */
  zoneId: string;
  /** The default hospital contact date and time, as the inputs take them (YYYY-MM-DD, HH:mm). */
  today: string;
  nowTime: string;
  labels: {
    zone: string;
    seriouslyIll: string;
    hospitalContactDate: string;
    hospitalContactTime: string;
    patientRef: string;
    note: string;
    registerHsyre: string;
    submit: string;
  };
}

/** cards/answer.json */
export interface AnswerCardData {
  /** The quoted passages; `lead` ('' for none) is the sentence that introduces a list item. */
  quote: readonly { text: string; lead: string }[];
  source: string;
  /** '' shows none. */
  note: string;
  /** '' shows none. */
  related: string;
  disclaimer: string;
  showSection: string;
  verb: string;
  sectionId: string;
}

/** cards/section.json */
export interface SectionCardData {
  title: string;
  source: string;
  passages: readonly { text: string }[];
  /** '' shows none. */
  note: string;
}

/** cards/no-answer.json */
export interface NoAnswerCardData {
  title: string;
  text: string;
  rephrase: string;
  examples: readonly { question: string }[];
  whomToAsk: string;
}

/** cards/due-list.json */
export interface DueListCardData {
  title: string;
  subtitle: string;
  /** Shown when nothing is due; '' shows none. */
  empty: string;
  /** The counts of the whole list, also the part left off the card; '' shows none. */
  summary: string;
  byZoneLabel: string;
  /** Count per zone; empty hides the group (a one-zone list). */
  byZone: readonly Fact[];
  byStepLabel: string;
  byStep: readonly Fact[];
  items: readonly {
    heading: string;
    detail: string;
    color: TextColor;
    /** The button's title. */
    open: string;
    /** What the button sends back as if typed, e.g. "sak K7M2Q". */
    command: string;
  }[];
  /** Which part of the list the card shows; '' shows none. */
  shown: string;
  /** Rows of "more" buttons, each sending its command as if typed. */
  moreRows: readonly { buttons: readonly { title: string; command: string }[] }[];
}

/** cards/reminder.json */
export interface ReminderCardData {
  text: string;
  open: string;
  command: string;
  /** `<at>` mentions of the people the bot could not reach; '' shows none. */
  mention: string;
  /** One Action.Execute per snooze choice; empty in the channel. */
  snooze: readonly { title: string; caseId: string; v: number; minutes: number }[];
}

/** cards/access-log.json */
export interface AccessLogCardData {
  title: string;
  subtitle: string;
  /** Shown when `entries` is empty. */
  empty: string;
  entries: readonly { when: string; what: string }[];
  /** How many older entries are left off the card; '' shows none. */
  more: string;
}

/** Template name (its file in cards/, without .json) → the data it binds. */
export interface CardData {
  help: HelpCardData;
  case: CaseCardData;
  'referral-form': ReferralFormCardData;
  answer: AnswerCardData;
  section: SectionCardData;
  'no-answer': NoAnswerCardData;
  'due-list': DueListCardData;
  reminder: ReminderCardData;
  'access-log': AccessLogCardData;
}

export type CardName = keyof CardData;
