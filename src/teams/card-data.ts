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

/** What a card about one item (a case, a pathway point, a plan) starts with. */
export interface ItemCardHeader {
  title: string;
  statusLine: string;
  headerStyle: ContainerStyle;
  facts: readonly Fact[];
}

/** An Action.Execute button as a template binds it whole. */
export interface ExecuteButton extends ExecuteAction {
  type: 'Action.Execute';
}

/**
 * cards/case.json. Its fact lists and buttons are bound whole (`"facts": "${facts}"`), not an
 * item template per element: the card is rendered on every press, and binding each field of
 * each item took three times as long.
 */
export interface CaseCardData extends ItemCardHeader {
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
  history: readonly Fact[];
  actions: readonly ExecuteButton[];
}

/**
 * cards/case-message.json: the outcome of the last action, under the case card's header; the
 * pathway and plan cards carry the same line in their own template.
 */
export interface CaseMessageCardData {
  /** '' shows none. */
  message: string;
  messageColor: TextColor;
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

/** cards/report.json */
export interface ReportCardData {
  title: string;
  subtitle: string;
  /** A heading (zone, all zones, own cases) and its headline figures each. */
  sections: readonly { heading: string; facts: readonly Fact[] }[];
  /** Shown when there are no sections; '' shows none. */
  empty: string;
  /** The target and where the definitions are; '' shows none. */
  note: string;
  open: string;
  /** The deep link to the tab; '' hides the button (no Teams app id known). */
  openUrl: string;
}

/** An Action.Execute a card offers: what it says, its verb, and the data it carries. */
export interface ExecuteAction {
  title: string;
  verb: string;
  data: Readonly<Record<string, unknown>>;
}

/** cards/zones.json */
export interface ZonesCardData {
  title: string;
  subtitle: string;
  /** The outcome of the last action; '' shows none. */
  message: string;
  messageColor: TextColor;
  /** Shown when there are no zones; '' shows none. */
  empty: string;
  zones: readonly {
    id: string;
    name: string;
    heading: string;
    facts: readonly Fact[];
    /** The rename button's title; '' shows none (not an admin, or no inputs here). */
    rename: string;
    /** The id of the rename input (one per zone, so the card's inputs never collide). */
    renameInput: string;
    /** What the rename button sends, besides the input. */
    data: Readonly<Record<string, unknown>>;
    /** Retire or reinstate. */
    buttons: readonly ExecuteAction[];
  }[];
  /** Why some changes are not offered here; '' shows none. */
  hint: string;
  /** The add-zone form (an admin in a personal chat). */
  showAdd: boolean;
  addData: Readonly<Record<string, unknown>>;
  labels: {
    add: string;
    newZoneId: string;
    newZoneIdPlaceholder: string;
    newZoneName: string;
    newZoneNamePlaceholder: string;
    create: string;
    newName: string;
    save: string;
  };
  /** Buttons that send a command as if typed (show retired zones). */
  commands: readonly { title: string; command: string }[];
}

/** cards/staff.json */
export interface StaffCardData {
  title: string;
  subtitle: string;
  /** The outcome of the last action; '' shows none. */
  message: string;
  messageColor: TextColor;
  /** Shown when nobody is listed; '' shows none. */
  empty: string;
  byZoneLabel: string;
  /** People per zone over the whole list; empty hides it. */
  byZone: readonly Fact[];
  people: readonly {
    heading: string;
    detail: string;
    reach: string;
    reachColor: TextColor;
    /** Newest first. */
    changes: readonly Fact[];
    /** How many older changes are left off; '' shows none. */
    moreChanges: string;
    /** Whether the change and remove buttons are shown. */
    editable: boolean;
    rolesInput: string;
    rolesValue: string;
    zonesInput: string;
    zonesValue: string;
    removeQuestion: string;
    /** What the person's buttons send: the person's id and the list to show after. */
    data: Readonly<Record<string, unknown>>;
    /** "No longer a resource nurse in <zone>", one per zone of the list the person nurses in. */
    dismiss: readonly { title: string; data: Readonly<Record<string, unknown>> }[];
  }[];
  /** Which part of the list the card shows; '' shows none. */
  shown: string;
  moreRows: readonly { buttons: readonly { title: string; command: string }[] }[];
  /** '' shows none. */
  hint: string;
  showAdd: boolean;
  /** The people picker's dataset: the whole directory, or the channel's members. */
  peopleDataset: string;
  roleChoices: readonly Choice[];
  /** Zones a person may be given or keeps (a retired one they still have is named so). */
  zoneChoices: readonly Choice[];
  /** Zones a new person may be given. */
  activeZoneChoices: readonly Choice[];
  addZonesValue: string;
  /** What the add button sends: the list to show after. */
  listData: Readonly<Record<string, unknown>>;
  labels: {
    add: string;
    people: string;
    peopleIds: string;
    peopleIdsPlaceholder: string;
    name: string;
    email: string;
    roles: string;
    zones: string;
    addButton: string;
    edit: string;
    saveRoles: string;
    saveZones: string;
    remove: string;
    removeFromList: string;
  };
}

/** cards/confirm.json: a question with its buttons, or (no buttons) the answer to it. */
export interface ConfirmCardData {
  title: string;
  text: string;
  color: TextColor;
  actions: readonly (ExecuteAction & { style: 'positive' | 'destructive' | 'default' })[];
}

/** cards/directory.json: one zone's resource nurses, leaders and network leaders. */
export interface DirectoryCardData {
  title: string;
  subtitle: string;
  groups: readonly {
    label: string;
    /** `chatUrl` '' shows no chat button (no address known). */
    people: readonly { name: string; chatUrl: string }[];
  }[];
  nobody: string;
  chat: string;
  note: string;
}

/** cards/pathway.json: one point of a Pakkeforløp hjem pathway, or the pathway as a whole. */
export interface PathwayCardData extends ItemCardHeader, CaseMessageCardData {
  /** Which inputs the personal card shows (never the channel card, where inputs may not arrive). */
  inputs: { held: boolean; declined: boolean; topic: boolean; close: boolean };
  labels: {
    heldOn: string;
    nextOfKinPresent: string;
    askAgainOn: string;
    topic: string;
    topicStatus: string;
    reason: string;
    note: string;
    history: string;
  };
  /** The local date (YYYY-MM-DD): the held date's default and latest value. */
  today: string;
  /** The 13 topic areas, each `value` a topic key. */
  topics: readonly Fact[];
  topicStatuses: readonly Fact[];
  /** Close reasons: `value` goes back in the action data. */
  reasons: readonly Fact[];
  /** '' shows none. */
  hint: string;
  history: readonly { at: string; text: string }[];
  actions: readonly { title: string; verb: string; data: Readonly<Record<string, unknown>> }[];
}

/** cards/pathway-form.json */
export interface PathwayFormCardData {
  title: string;
  intro: string;
  /** Why the last submission was refused; '' shows none. */
  message: string;
  zones: readonly Choice[];
  /** The preselected zone. */
  zoneId: string;
  /** The latest diagnosis date the form allows (YYYY-MM-DD). */
  today: string;
  labels: {
    zone: string;
    patientRef: string;
    diagnosisDate: string;
    hasServices: string;
    gpAgreement: string;
    caseCode: string;
    submit: string;
  };
}

/** A button: Action.Execute with its verb and data. */
export interface CardButton {
  title: string;
  verb: string;
  data: Readonly<Record<string, unknown>>;
}

/** cards/competence-plan.json */
export interface CompetencePlanCardData extends ItemCardHeader, CaseMessageCardData {
  requirementsTitle: string;
  requirements: readonly { name: string; status: string; color: TextColor; detail: string }[];
  activitiesTitle: string;
  /** Newest first; each with the buttons the reader may press on it. */
  activities: readonly { text: string; buttons: readonly CardButton[] }[];
  /** The activity form (new, or the one being changed); showForm false hides it. */
  showForm: boolean;
  form: {
    title: string;
    kinds: readonly Fact[];
    kind: string;
    date: string;
    hours: string;
    days: string;
    text: string;
    withLeader: string;
    /** The latest date the form accepts (YYYY-MM-DD). */
    today: string;
    labels: {
      kind: string;
      date: string;
      hours: string;
      days: string;
      text: string;
      withLeader: string;
    };
    submit: CardButton;
  };
  showProfile: boolean;
  profile: {
    title: string;
    appointedAt: string;
    level: string;
    levels: readonly Fact[];
    today: string;
    labels: { appointedAt: string; level: string };
    save: CardButton;
  };
  /** '' shows none. */
  hint: string;
  actions: readonly CardButton[];
}

/** cards/competence-overview.json */
export interface CompetenceOverviewCardData {
  title: string;
  statusLine: string;
  rows: readonly { heading: string; detail: string; color: TextColor; open: CardButton }[];
  /** How many rows the card leaves out (a long zone); '' hides the line. */
  more: string;
  notEvaluatedTitle: string;
  /** '' hides the line. */
  notEvaluated: string;
  actions: readonly CardButton[];
}

/** cards/competence-events.json */
export interface CompetenceEventsCardData {
  title: string;
  intro: string;
  /** The outcome of the last action; '' shows none. */
  message: string;
  messageColor: TextColor;
  events: readonly {
    heading: string;
    detail: string;
    /** Who attended (the network leader's view); '' hides the line. */
    attendance: string;
    /** Attendance can be recorded (the reader manages events and the day has come). */
    showAttend: boolean;
    /** The inputs' ids carry the event's id: one card holds the inputs of every event. */
    pickerId: string;
    listId: string;
    attend: CardButton;
    /** How many registered, and whether the reader is; '' hides the line. */
    registration: string;
    /** The reader may register or withdraw (a nurse, a planned event not yet begun). */
    showRegister: boolean;
    /** "Meld meg på" or "Meld meg av", carrying the event's version. */
    register: CardButton;
  }[];
  /** The people picker's dataset (Teams' directory search). */
  peopleDataset: string;
  labels: { picker: string; list: string; listPlaceholder: string };
  showForm: boolean;
  form: {
    title: string;
    kinds: readonly Fact[];
    today: string;
    labels: { kind: string; date: string; hours: string; place: string };
    submit: CardButton;
  };
  actions: readonly CardButton[];
}

/** Template name (its file in cards/, without .json) → the data it binds. */
export interface CardData {
  pathway: PathwayCardData;
  'pathway-form': PathwayFormCardData;
  help: HelpCardData;
  case: CaseCardData;
  'case-message': CaseMessageCardData;
  'referral-form': ReferralFormCardData;
  answer: AnswerCardData;
  section: SectionCardData;
  'no-answer': NoAnswerCardData;
  'due-list': DueListCardData;
  reminder: ReminderCardData;
  'access-log': AccessLogCardData;
  zones: ZonesCardData;
  staff: StaffCardData;
  confirm: ConfirmCardData;
  directory: DirectoryCardData;
  report: ReportCardData;
  'competence-plan': CompetencePlanCardData;
  'competence-overview': CompetenceOverviewCardData;
  'competence-events': CompetenceEventsCardData;
}

export type CardName = keyof CardData;
