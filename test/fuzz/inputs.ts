import type { OutgoingHttpHeaders } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { type CaseCommandType, GUARDS } from '../../src/domain/case-commands';
import type { Role } from '../../src/domain/roster';
import { REFRESH_VERB } from '../../src/teams/case-card';
import {
  deepValue,
  hostileJson,
  hostileKey,
  hostileScalar,
  hostileString,
  hugeString,
  objectOf,
  wideValue,
  withIds,
  withoutIds,
  wrongTyped,
} from './hostile-values';
import { textWithNationalId, writtenNationalId } from './national-id-forms';
import type { RawRequest } from './raw-http';

/*
 * Plans for hostile requests. A plan is plain data (fast-check prints it as the counterexample
 * and shrinks it); `build*` turns it into bytes against the running app's world, where "the
 * case with index n" and "its current version" are only known at send time.
 */

export type SenderKey = 'fve' | 'nurse' | 'leader' | 'admin' | 'stranger';
export const SENDERS: readonly SenderKey[] = ['fve', 'nurse', 'leader', 'admin', 'stranger'];

/** What a plan is built against: the seeded app as it is when the request goes out. */
export interface World {
  serviceUrl: string;
  /** An address on the fake connector that answers every call with 404 at once. */
  refusingServiceUrl: string;
  apiKey: string;
  channelId: string;
  /** Roster ids by sender; the stranger is in no roster. */
  memberIds: Record<SenderKey, string>;
  /** The stored cases as they are now. */
  cases(): { id: string; code: string; state: string; version: number; activityId?: string }[];
}

/** A field of the plan that is either what the app would expect, or something else. */
export type Slot<T = null> =
  | { use: 'real'; hint?: T }
  | { use: 'value'; value: unknown }
  | { use: 'omit' };

const slot = <T>(real: fc.Arbitrary<T>, other: fc.Arbitrary<unknown>, realWeight = 6) =>
  fc.oneof(
    { weight: realWeight, arbitrary: real.map((hint): Slot<T> => ({ use: 'real', hint })) },
    { weight: 2, arbitrary: other.map((value): Slot<T> => ({ use: 'value', value })) },
    { weight: 1, arbitrary: fc.constant<Slot<T>>({ use: 'omit' }) },
  );

/* ----------------------------------------------------------------------------------------------
 * Activity envelopes and mutations
 * -------------------------------------------------------------------------------------------- */

/** Fields of an activity a mutation may delete or replace; nested ones as paths. */
const ACTIVITY_PATHS: readonly string[][] = [
  ['type'],
  ['id'],
  ['timestamp'],
  ['localTimestamp'],
  ['channelId'],
  ['serviceUrl'],
  ['from'],
  ['from', 'id'],
  ['from', 'aadObjectId'],
  ['from', 'name'],
  ['from', 'role'],
  ['recipient'],
  ['recipient', 'id'],
  ['conversation'],
  ['conversation', 'id'],
  ['conversation', 'conversationType'],
  ['conversation', 'tenantId'],
  ['conversation', 'isGroup'],
  ['text'],
  ['textFormat'],
  ['value'],
  ['name'],
  ['locale'],
  ['entities'],
  ['entities', '0'],
  ['entities', '0', 'mentioned'],
  ['attachments'],
  ['channelData'],
  ['channelData', 'tenant'],
  ['channelData', 'channel'],
  ['channelData', 'team'],
  ['replyToId'],
  ['membersAdded'],
  ['membersRemoved'],
  ['reactionsAdded'],
  ['relatesTo'],
  ['deliveryMode'],
  ['callerId'],
  ['value', 'action'],
  ['value', 'action', 'verb'],
  ['value', 'action', 'data'],
  ['value', 'action', 'type'],
  ['value', 'trigger'],
];

const ACTIVITY_TYPES = [
  'message',
  'invoke',
  'conversationUpdate',
  'messageReaction',
  'installationUpdate',
  'messageUpdate',
  'messageDelete',
  'event',
  'typing',
  'endOfConversation',
  'invokeResponse',
  'trace',
  'handoff',
  'command',
  'Message',
  ' message',
];

/** Values that mean something to botbuilder in particular fields. */
const MEANINGFUL = fc.constantFrom<unknown>(
  'expectReplies',
  'notification',
  'ephemeral',
  'urn:botframework:azure',
  'personal',
  'channel',
  'groupChat',
  'msteams',
  'emulator',
  'directline',
  'bot',
  'user',
  'plain',
  'markdown',
  'xml',
  'http://127.0.0.1:1/',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'http://[::1',
  'https://',
  '28:bot-id',
  [{ id: '29:x', name: 'x' }],
  [{ type: 'mention', mentioned: 'x', text: 5 }],
  [{ contentType: 'application/vnd.microsoft.card.adaptive', content: null }],
  { id: '19:other@thread.tacv2' },
);

export type Mutation =
  | { op: 'delete'; path: readonly string[] }
  | { op: 'set'; path: readonly string[]; value: unknown }
  | { op: 'add'; key: string; value: unknown };

/** The fields a person writes in (message text, card inputs); the rest Teams fills in. */
const USER_WRITTEN = new Set(['text', 'value']);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), path: fc.constantFrom(...ACTIVITY_PATHS) }),
  fc.constantFrom(...ACTIVITY_PATHS).chain((path) =>
    fc.record({
      op: fc.constant('set' as const),
      path: fc.constant(path),
      value: fc.oneof(
        USER_WRITTEN.has(path[0]) ? withIds.wrongTyped : withoutIds.wrongTyped,
        MEANINGFUL,
        fc.constantFrom<unknown>(...ACTIVITY_TYPES),
      ),
    }),
  ),
  // A key no activity has: nothing may store or repeat it, national ids included.
  fc.record({ op: fc.constant('add' as const), key: hostileKey, value: wrongTyped }),
);

function applyMutation(target: Record<string, unknown>, m: Mutation): void {
  if (m.op === 'add') {
    // defineProperty, so "__proto__" is an own key that JSON.stringify writes out.
    Object.defineProperty(target, m.key, {
      value: m.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return;
  }
  let node: unknown = target;
  for (const key of m.path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return;
    node = (node as Record<string, unknown>)[key];
  }
  if (typeof node !== 'object' || node === null) return;
  const last = m.path[m.path.length - 1];
  if (m.op === 'delete') delete (node as Record<string, unknown>)[last];
  else
    Object.defineProperty(node, last, {
      value: m.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

export type Where = 'personal' | 'channel' | 'groupChat' | 'cardThread';

export interface Envelope {
  sender: SenderKey;
  where: Where;
  /** Which channel a channel message is in: the zone's, another, or junk. */
  channel: Slot;
  serviceUrl: 'connector' | 'refusing';
  locale: Slot<string>;
  mutations: Mutation[];
  /** Rarely the whole body is replaced: an array of activities, a scalar, random JSON. */
  replaceBody?: unknown;
}

const envelope = (wheres: readonly Where[], mutated = 4): fc.Arbitrary<Envelope> =>
  fc.record({
    sender: fc.constantFrom(...SENDERS),
    where: fc.constantFrom(...wheres),
    channel: slot(fc.constant(null), withoutIds.string, 8),
    serviceUrl: fc.constantFrom('connector', 'connector', 'connector', 'connector', 'refusing'),
    locale: slot(fc.constantFrom('nb-NO', 'en-US', 'nn-NO', 'sv'), withoutIds.scalar, 8),
    mutations: fc.oneof(
      { weight: 3, arbitrary: fc.constant<Mutation[]>([]) },
      { weight: mutated, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }) },
    ),
    // Mostly the envelope stands; about one input in 25 replaces the whole body.
    replaceBody: fc.oneof(
      { weight: 24, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.oneof(
          fc.constant([]),
          fc.constant(null),
          hostileScalar,
          hostileJson,
          deepValue,
          wideValue,
        ),
      },
    ),
  });

function baseActivity(world: World, e: Envelope, cardActivityId: string | undefined) {
  const memberId = world.memberIds[e.sender];
  const channel =
    e.channel.use === 'real'
      ? world.channelId
      : e.channel.use === 'value'
        ? e.channel.value
        : undefined;
  const conversation =
    e.where === 'personal'
      ? { id: `a:${memberId}`, conversationType: 'personal', tenantId: 'tenant-1' }
      : e.where === 'groupChat'
        ? {
            id: '19:group-chat@thread.v2',
            conversationType: 'groupChat',
            isGroup: true,
            tenantId: 'tenant-1',
          }
        : {
            id: `${String(channel)};messageid=${e.where === 'cardThread' ? (cardActivityId ?? '1') : '1700000000000'}`,
            conversationType: 'channel',
            isGroup: true,
            tenantId: 'tenant-1',
          };
  const inChannel = e.where === 'channel' || e.where === 'cardThread';
  const activity: Record<string, unknown> = {
    type: 'message',
    id: 'fuzz-activity',
    timestamp: '2026-03-02T09:00:00.000Z',
    channelId: 'msteams',
    serviceUrl: e.serviceUrl === 'connector' ? world.serviceUrl : world.refusingServiceUrl,
    from: { id: `29:${memberId}`, aadObjectId: memberId, name: `Fuzz ${e.sender}` },
    conversation,
    recipient: { id: '28:bot-id', name: 'HSYRE-boten' },
    channelData: inChannel
      ? {
          tenant: { id: 'tenant-1' },
          team: { id: '19:team@thread.tacv2' },
          channel: { id: channel },
        }
      : { tenant: { id: 'tenant-1' } },
  };
  if (e.locale.use === 'real') activity.locale = e.locale.hint;
  if (e.locale.use === 'value') activity.locale = e.locale.value;
  if (inChannel) {
    activity.entities = [
      {
        type: 'mention',
        mentioned: { id: '28:bot-id', name: 'HSYRE-boten' },
        text: '<at>HSYRE-boten</at>',
      },
    ];
  }
  if (e.where === 'cardThread') activity.replyToId = cardActivityId;
  return activity;
}

function finish(activity: Record<string, unknown>, e: Envelope): unknown {
  for (const m of e.mutations) applyMutation(activity, m);
  return e.replaceBody === undefined ? activity : e.replaceBody;
}

export const jsonRequest = (
  path: string,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): RawRequest => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify(body) ?? 'null', 'utf8'),
});

/* ----------------------------------------------------------------------------------------------
 * Messages
 * -------------------------------------------------------------------------------------------- */

/** An argument of a command: a stored case's code, a zone, or anything. */
export type Argument = { use: 'code'; pick: number } | { use: 'text'; value: string };

const COMMAND_WORDS = [
  'sak',
  'case',
  'SAK',
  'ny',
  'new',
  'NY',
  'forfalte',
  'overdue',
  'uke',
  'week',
  'koble sone',
  'link zone',
  'koble  sone',
  'tilgangslogg',
  'access log',
  'hjelp',
  'help',
  '?',
  'meg',
  'hvem er jeg',
];

const argument: fc.Arbitrary<Argument> = fc.oneof(
  { weight: 3, arbitrary: fc.nat().map((pick): Argument => ({ use: 'code', pick })) },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.constantFrom('nord', 'sor', 'NORD', 'vest', 'QQQQQ', 'ACDEF', '*', "nord' OR 1=1"),
        hostileString,
        textWithNationalId,
        writtenNationalId,
      )
      .map((value): Argument => ({ use: 'text', value })),
  },
);

export type MessageText =
  | { kind: 'command'; word: string; arg?: Argument; pad: string; mention: boolean }
  | { kind: 'free'; value: unknown };

const messageText: fc.Arbitrary<MessageText> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        kind: fc.constant('command' as const),
        word: fc.constantFrom(...COMMAND_WORDS),
        arg: argument,
        pad: fc.constantFrom(' ', '  ', '\t', '\u00a0', '\u200b', '\n'),
        mention: fc.boolean(),
      },
      { requiredKeys: ['kind', 'word', 'pad', 'mention'] },
    ),
  },
  {
    weight: 4,
    arbitrary: fc
      .oneof(
        { weight: 3, arbitrary: textWithNationalId },
        { weight: 3, arbitrary: hostileString },
        { weight: 1, arbitrary: hugeString },
        { weight: 1, arbitrary: wrongTyped },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
      .map((value): MessageText => ({ kind: 'free', value })),
  },
);

export interface MessagePlan {
  envelope: Envelope;
  text: MessageText;
  /** A card's Action.Submit arrives as a message with a value. */
  value?: unknown;
}

export const messagePlan: fc.Arbitrary<MessagePlan> = fc.record(
  {
    envelope: envelope(['personal', 'personal', 'channel', 'groupChat']),
    text: messageText,
    value: fc.oneof(hostileJson, fc.record({ caseId: hostileString, note: textWithNationalId })),
  },
  { requiredKeys: ['envelope', 'text'] },
);

const pickOf = <T>(list: readonly T[], n: number): T | undefined =>
  list[n % Math.max(1, list.length)];

function textOf(world: World, t: MessageText): unknown {
  if (t.kind === 'free') return t.value;
  const arg =
    t.arg === undefined
      ? ''
      : t.arg.use === 'text'
        ? t.arg.value
        : (pickOf(world.cases(), t.arg.pick)?.code ?? 'ZZZZZ');
  const line = arg === '' ? t.word : `${t.word}${t.pad}${arg}`;
  return t.mention ? `<at>HSYRE-boten</at> ${line}` : line;
}

export function buildMessage(world: World, plan: MessagePlan): RawRequest {
  const activity = baseActivity(world, plan.envelope, undefined);
  activity.text = textOf(world, plan.text);
  if (plan.value !== undefined) activity.value = plan.value;
  return jsonRequest('/api/messages', finish(activity, plan.envelope));
}

/* ----------------------------------------------------------------------------------------------
 * Invokes
 * -------------------------------------------------------------------------------------------- */

/** Every case verb the bot knows, from the domain's own table, so a new command is fuzzed too. */
export const CASE_VERBS = [REFRESH_VERB, ...Object.keys(GUARDS).map((type) => `case.${type}`)];

/** The inputs a person would give each command, for the plans that act as the right person. */
const SENSIBLE_FIELDS: Partial<Record<CaseCommandType, Record<string, unknown>>> = {
  reassign: { nurseId: 'aad-fuzz-nurse' },
  snooze: { minutes: 60 },
  logContact: { outcome: 'reached', note: 'Ringt' },
  recordDecision: { outcome: 'no_services' },
  close: { reason: 'declined' },
  setAdmitted: { admitted: true },
  updateChecklist: { patch: { informedAboutServices: true } },
};

/** Roles the fuzz roster has no one for fall back to the leader (who gets a refusal card). */
const SENDER_FOR_ROLE: Partial<Record<Role, SenderKey>> = {
  nurse: 'nurse',
  fve: 'fve',
  leader: 'leader',
  admin: 'admin',
};

const OTHER_VERBS = [
  'referral.submit',
  'knowledge.section',
  'case.',
  'case',
  'case.__proto__',
  'case.constructor',
  'case.toString',
  'case.claim ',
  'CASE.CLAIM',
  'case.claim.extra',
];

const INVOKE_NAMES = [
  'adaptiveCard/action',
  'composeExtension/query',
  'composeExtension/submitAction',
  'task/fetch',
  'task/submit',
  'signin/verifyState',
  'signin/tokenExchange',
  'fileConsent/invoke',
  'actionableMessage/executeAction',
  'config/fetch',
  'tab/fetch',
  'healthCheck',
  'message/submitAction',
  'handoff/action',
  'adaptiveCard/action/',
];

/** Sensible and senseless values for the fields the case commands read. */
const commandFields = fc.record(
  {
    outcome: fc.oneof(
      fc.constantFrom('reached', 'not_reached', 'visit_agreed', 'other_services', 'no_services'),
      hostileScalar,
    ),
    note: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('Ringt', 'Avtalt besøk', '   ') },
      { weight: 1, arbitrary: textWithNationalId },
      { weight: 1, arbitrary: hostileString },
    ),
    visitDate: fc.oneof(
      fc.constantFrom('2026-03-05', '2026-02-30', '0001-01-01', '2026-03-05T10:00:00Z'),
      hostileScalar,
    ),
    minutes: fc.oneof(fc.constantFrom(60, 0, -5, 1.5, 1e12, '60'), hostileScalar),
    nurseId: fc.oneof(fc.constantFrom('aad-fuzz-nurse', 'aad-fuzz-fve', 'nobody'), hostileScalar),
    reason: fc.oneof(
      fc.constantFrom('declined', 'not_needed', 'moved', 'died', 'handed_over'),
      hostileScalar,
    ),
    admitted: fc.oneof(fc.boolean(), hostileScalar),
    patch: fc.oneof(
      fc.record(
        {
          informedAboutServices: fc.oneof(fc.boolean(), hostileScalar),
          assessmentOffered: fc.oneof(fc.constantFrom('ESAS-r', 'MOBID-2', null), hostileScalar),
          ipNeeded: fc.oneof(fc.boolean(), fc.constant(null)),
        },
        { requiredKeys: [] },
      ),
      wrongTyped,
    ),
  },
  { requiredKeys: [] },
);

/** The referral form's inputs as Teams sends them: every value a string (or not, if hostile). */
const formFields = fc.record(
  {
    zoneId: fc.oneof(fc.constantFrom('nord', 'sor', 'vest', ''), hostileScalar),
    seriouslyIll: fc.oneof(fc.constantFrom('true', 'false'), hostileScalar),
    hospitalContactDate: fc.oneof(
      fc.constantFrom(
        '2026-03-02',
        '2026-02-27',
        '2026-02-30',
        '1999-12-31',
        '0001-01-01',
        '2027-01-01',
      ),
      hostileScalar,
    ),
    hospitalContactTime: fc.oneof(
      fc.constantFrom('08:15', '09:59', '25:00', '8:15', '08:15:00'),
      hostileScalar,
    ),
    patientRef: fc.oneof(
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9._:-]{0,12}$/),
      writtenNationalId,
      hostileScalar,
    ),
    note: fc.oneof(textWithNationalId, hostileString),
    registerHsyre: fc.oneof(fc.constantFrom('true', 'false'), hostileScalar),
  },
  { requiredKeys: ['zoneId', 'hospitalContactDate', 'hospitalContactTime', 'patientRef'] },
);

/** The form filled in as FVE would, so a submit from FVE really registers a case. */
const goodForm = fc.record(
  {
    zoneId: fc.constant<unknown>('nord'),
    seriouslyIll: fc.constantFrom<unknown>('true', 'false'),
    hospitalContactDate: fc.constantFrom<unknown>('2026-03-02', '2026-02-27'),
    hospitalContactTime: fc.constantFrom<unknown>('08:15', '09:59'),
    patientRef: fc.stringMatching(/^[A-Za-z][A-Za-z0-9._:-]{0,12}$/),
    note: fc.constantFrom<unknown>('Ønsker oppringning etter kl 12', ''),
    registerHsyre: fc.constantFrom<unknown>('true', 'false'),
  },
  { requiredKeys: ['zoneId', 'hospitalContactDate', 'hospitalContactTime', 'patientRef'] },
);

export type InvokeData =
  | {
      kind: 'case';
      pick: number;
      caseId: Slot;
      v: Slot<'current' | 'stale' | 'next'>;
      fields: Record<string, unknown>;
    }
  /**
   * A command the stored case's state allows, by someone whose role may give it, with
   * sensible inputs: so commands are applied, not only refused, and cases move on.
   */
  | { kind: 'fitting'; pick: number; n: number }
  | { kind: 'form'; fields: Record<string, unknown> }
  | { kind: 'raw'; value: unknown };

const invokeData: fc.Arbitrary<InvokeData> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('case' as const),
      pick: fc.nat(),
      caseId: slot(fc.constant(null), fc.oneof(hostileScalar, writtenNationalId), 8),
      v: slot(
        fc.constantFrom('current' as const, 'current' as const, 'stale' as const, 'next' as const),
        hostileScalar,
        8,
      ),
      fields: commandFields,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('fitting' as const), pick: fc.nat(), n: fc.nat() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('form' as const),
      fields: fc.oneof(goodForm, formFields),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), value: wrongTyped }) },
);

export interface InvokePlan {
  envelope: Envelope;
  name: Slot;
  verb: Slot<string>;
  data: InvokeData;
  /** How the invoke's value is shaped: as Teams sends it, or broken in one of several ways. */
  shape: 'teams' | 'noAction' | 'actionScalar' | 'valueScalar' | 'noValue' | 'extraAction';
}

export const invokePlan: fc.Arbitrary<InvokePlan> = fc.record({
  // Fewer broken envelopes than for messages: the handlers behind a well-formed invoke matter.
  envelope: envelope(['personal', 'personal', 'cardThread', 'cardThread', 'channel'], 2),
  name: slot(fc.constant(null), fc.oneof(fc.constantFrom(...INVOKE_NAMES), hostileScalar), 20),
  verb: slot(
    fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...CASE_VERBS) },
      { weight: 1, arbitrary: fc.constantFrom(...OTHER_VERBS) },
    ),
    fc.oneof(hostileScalar, textWithNationalId),
    20,
  ),
  data: invokeData,
  shape: fc.oneof(
    { weight: 12, arbitrary: fc.constant('teams' as const) },
    {
      weight: 5,
      arbitrary: fc.constantFrom(
        'noAction' as const,
        'actionScalar' as const,
        'valueScalar' as const,
        'noValue' as const,
        'extraAction' as const,
      ),
    },
  ),
});

interface InvokeParts {
  data: unknown;
  target?: { id: string; activityId?: string };
  /** Set for a fitting command: its verb and who gives it, in place of the plan's. */
  verb?: string;
  sender?: SenderKey;
}

function fittingCommand(world: World, pick: number, n: number): InvokeParts {
  const target = pickOf(world.cases(), pick);
  const allowed = (Object.keys(GUARDS) as CaseCommandType[]).filter((type) =>
    GUARDS[type].from.some((state) => state === target?.state),
  );
  const type = pickOf(allowed, n);
  if (!target || !type) return { data: { caseId: target?.id }, target, verb: REFRESH_VERB };
  return {
    data: { caseId: target.id, v: target.version, ...SENSIBLE_FIELDS[type] },
    target,
    verb: `case.${type}`,
    sender: SENDER_FOR_ROLE[GUARDS[type].roles[0]] ?? 'leader',
  };
}

function partsOf(world: World, d: InvokeData): InvokeParts {
  if (d.kind === 'raw') return { data: d.value };
  if (d.kind === 'form') return { data: objectOf(Object.entries(d.fields)) };
  if (d.kind === 'fitting') return fittingCommand(world, d.pick, d.n);
  const target = pickOf(world.cases(), d.pick);
  const data: Record<string, unknown> = objectOf(Object.entries(d.fields));
  if (d.caseId.use === 'real') data.caseId = target?.id ?? 'no-case';
  if (d.caseId.use === 'value') data.caseId = d.caseId.value;
  if (d.v.use === 'value') data.v = d.v.value;
  if (d.v.use === 'real') {
    const version = target?.version ?? 1;
    data.v = d.v.hint === 'current' ? version : d.v.hint === 'stale' ? version - 1 : version + 1;
  }
  return { data, target };
}

export function buildInvoke(world: World, plan: InvokePlan): RawRequest {
  const parts = partsOf(world, plan.data);
  const { data, target } = parts;
  const envelope = parts.sender ? { ...plan.envelope, sender: parts.sender } : plan.envelope;
  const activity = baseActivity(world, envelope, target?.activityId);
  activity.type = 'invoke';
  if (plan.name.use === 'real') activity.name = 'adaptiveCard/action';
  if (plan.name.use === 'value') activity.name = plan.name.value;
  const verb =
    plan.verb.use === 'value'
      ? plan.verb.value
      : plan.verb.use === 'omit'
        ? undefined
        : (parts.verb ?? (plan.data.kind === 'form' ? 'referral.submit' : plan.verb.hint));
  const action: Record<string, unknown> = { type: 'Action.Execute', verb, data };
  const value: Record<string, unknown> = { action, trigger: 'manual' };
  if (plan.shape === 'teams') activity.value = value;
  if (plan.shape === 'noAction') activity.value = { trigger: 'manual' };
  if (plan.shape === 'actionScalar') activity.value = { action: verb, trigger: 'manual' };
  if (plan.shape === 'valueScalar') activity.value = verb;
  if (plan.shape === 'extraAction')
    activity.value = { ...value, action: { ...action, type: 'Action.Submit', id: 'x' } };
  return jsonRequest('/api/messages', finish(activity, plan.envelope));
}

/* ----------------------------------------------------------------------------------------------
 * Referrals over REST
 * -------------------------------------------------------------------------------------------- */

const GOOD_TIMES = [
  '2026-03-02T08:30:00+01:00',
  '2026-03-02T09:00:00.000Z',
  '2026-03-01T23:59:59Z',
  '2026-02-27T09:15:00.123456+01:00',
  '2000-01-01T00:00:00Z',
  '2026-03-02T10:00:00+01:00',
];

const BAD_TIMES = [
  '2026-03-02T08:30:00+99:99',
  '2026-03-02T08:30:00+24:00',
  '2026-03-02T08:30:00-00:60',
  '0001-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '1999-12-31T23:59:59Z',
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-03-02T24:00:00Z',
  '2026-03-02T23:59:60Z',
  '2026-03-02 08:30',
  '2026-03-02',
  '2026-03-02T08:30:00',
  '2999-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-03-02T08:30:00+01:00\u200b',
  '２０２６-03-02T08:30:00Z',
  'now',
  'Mon, 02 Mar 2026 08:30:00 GMT',
];

const hospitalContactAt = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(...GOOD_TIMES) },
  {
    weight: 2,
    arbitrary: fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2026-03-02T09:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString()),
  },
  { weight: 4, arbitrary: fc.constantFrom<unknown>(...BAD_TIMES) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(1772440200000, null, true) },
  { weight: 1, arbitrary: wrongTyped },
);

const patientRef = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9._:-]{0,20}$/) },
  // A record reference that spells an id with the characters the format allows.
  { weight: 2, arbitrary: writtenNationalId.filter((w) => /^[0-9._:-]+$/.test(w)) },
  { weight: 1, arbitrary: writtenNationalId },
  { weight: 2, arbitrary: hostileString },
  { weight: 1, arbitrary: wrongTyped },
);

const referralFields = fc.record(
  {
    zoneId: fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom<unknown>('nord', 'nord', 'sor', 'vest', 'NORD', ' nord', ''),
      },
      { weight: 1, arbitrary: wrongTyped },
    ),
    seriouslyIll: fc.oneof(
      { weight: 6, arbitrary: fc.boolean() },
      { weight: 1, arbitrary: fc.constantFrom<unknown>('true', 0, 1, null) },
    ),
    hospitalContactAt,
    patientRef,
    note: fc.oneof(
      textWithNationalId,
      hostileString,
      fc.constantFrom<unknown>('Ringes etter 12', null),
    ),
    registerHsyre: fc.oneof(fc.boolean(), fc.constantFrom<unknown>('false', null)),
  },
  { requiredKeys: ['zoneId', 'seriouslyIll', 'hospitalContactAt', 'patientRef'] },
);

/** Bodies that are not JSON, or JSON in a form a lenient parser would read differently. */
const RAW_BODIES = [
  '',
  '{',
  '{"zoneId":"nord",}',
  "{'zoneId':'nord'}",
  '\ufeff{"zoneId":"nord"}',
  '{"zoneId":"nord","zoneId":"sor","seriouslyIll":true,"hospitalContactAt":"2026-03-02T08:30:00+01:00","patientRef":"DUP-1"}',
  '{"__proto__":{"admin":true},"zoneId":"nord"}',
  '{"constructor":{"prototype":{"x":1}}}',
  'null',
  '"just a string"',
  '12',
  '[]',
  'NaN',
  '{"a":1}{"b":2}',
  '{"zoneId":"nord\\u0000"}',
  '{"note":"\\ud800"}',
  '{"zoneId":"nord","seriouslyIll":true,"hospitalContactAt":"2026-03-02T08:30:00+01:00","patientRef":"X1","note":"\\u0031\\u0035\\u0030\\u0033\\u0038\\u0035\\u0031\\u0032\\u0033\\u0034\\u0035"}',
  '{"a":1e999999}',
];

export type ReferralBody =
  | { kind: 'fields'; fields: Record<string, unknown>; mutations: Mutation[] }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string };

const referralMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('delete' as const),
    path: fc.constantFrom(
      ['zoneId'],
      ['seriouslyIll'],
      ['hospitalContactAt'],
      ['patientRef'],
      ['note'],
    ),
  }),
  fc.record({
    op: fc.constant('set' as const),
    path: fc.constantFrom(
      ['zoneId'],
      ['seriouslyIll'],
      ['hospitalContactAt'],
      ['patientRef'],
      ['note'],
      ['registerHsyre'],
    ),
    value: wrongTyped,
  }),
  fc.record({ op: fc.constant('add' as const), key: hostileKey, value: hostileScalar }),
  fc.record({
    op: fc.constant('add' as const),
    key: fc.constant('patientRef'),
    value: hostileScalar,
  }),
);

/** A referral the app should take, so the path that stores a case runs often enough. */
const goodReferral = fc.record(
  {
    zoneId: fc.constant<unknown>('nord'),
    seriouslyIll: fc.boolean(),
    hospitalContactAt: fc.constantFrom<unknown>(...GOOD_TIMES),
    patientRef: fc.stringMatching(/^[A-Za-z][A-Za-z0-9._:-]{0,20}$/),
    note: fc.constantFrom<unknown>('Ringes etter 12', 'Pårørende svarer', 'x'.repeat(500)),
    registerHsyre: fc.boolean(),
  },
  { requiredKeys: ['zoneId', 'seriouslyIll', 'hospitalContactAt', 'patientRef'] },
);

const referralBody: fc.Arbitrary<ReferralBody> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('fields' as const),
      fields: goodReferral,
      mutations: fc.oneof(
        { weight: 3, arbitrary: fc.constant<Mutation[]>([]) },
        { weight: 2, arbitrary: fc.array(referralMutation, { minLength: 1, maxLength: 2 }) },
      ),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('fields' as const),
      fields: referralFields,
      mutations: fc.oneof(
        { weight: 3, arbitrary: fc.constant<Mutation[]>([]) },
        { weight: 2, arbitrary: fc.array(referralMutation, { minLength: 1, maxLength: 3 }) },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('json' as const),
      value: fc.oneof(
        hostileJson,
        deepValue,
        wideValue,
        fc.constant({ note: 'x'.repeat(300_000) }),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      text: fc.constantFrom(...RAW_BODIES),
    }),
  },
);

export type ReferralAuth =
  | 'x-api-key'
  | 'bearer'
  | 'apikey-scheme'
  | 'wrong-key'
  | 'none'
  | 'garbage';

export interface ReferralPlan {
  auth: ReferralAuth;
  garbage: string;
  /** A key from a small pool (so replays and reuse with another body happen), or a bad one. */
  idempotencyKey?: { use: 'pool'; n: number } | { use: 'value'; value: string };
  body: ReferralBody;
}

/** Header-safe text: Node's client refuses CR, LF and anything past U+00FF. */
export const headerText = (maxLength: number) =>
  fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    maxLength,
  });

export const referralPlan: fc.Arbitrary<ReferralPlan> = fc.record(
  {
    auth: fc.constantFrom<ReferralAuth>(
      'x-api-key',
      'x-api-key',
      'x-api-key',
      'bearer',
      'apikey-scheme',
      'wrong-key',
      'none',
      'garbage',
    ),
    garbage: fc.oneof(
      headerText(60),
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'Basic Zm9vOmJhcg==',
        'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJSZWZlcnJhbHMuV3JpdGUiXX0.',
        'ApiKey  ',
        'bearer x'.repeat(500),
      ),
    ),
    idempotencyKey: fc.oneof(
      { weight: 3, arbitrary: fc.nat(5).map((n) => ({ use: 'pool' as const, n })) },
      { weight: 1, arbitrary: headerText(30).map((value) => ({ use: 'value' as const, value })) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom('', ' ', 'x'.repeat(201), 'æøå', 'a\tb')
          .map((value) => ({ use: 'value' as const, value })),
      },
    ),
    body: referralBody,
  },
  { requiredKeys: ['auth', 'garbage', 'body'] },
);

function referralBytes(b: ReferralBody): Buffer {
  if (b.kind === 'raw') return Buffer.from(b.text, 'utf8');
  if (b.kind === 'json') return Buffer.from(JSON.stringify(b.value) ?? 'null', 'utf8');
  const body = objectOf(Object.entries(b.fields));
  for (const m of b.mutations) applyMutation(body, m);
  return Buffer.from(JSON.stringify(body), 'utf8');
}

function authHeaders(world: World, auth: ReferralAuth, garbage: string): OutgoingHttpHeaders {
  switch (auth) {
    case 'x-api-key':
      return { 'x-api-key': world.apiKey };
    case 'bearer':
      return { authorization: `Bearer ${world.apiKey}` };
    case 'apikey-scheme':
      return { authorization: `ApiKey ${world.apiKey}` };
    case 'wrong-key':
      return { 'x-api-key': `${world.apiKey.slice(0, -1)}X` };
    case 'none':
      return {};
    case 'garbage':
      return { authorization: garbage, 'x-api-key': garbage };
  }
}

export function buildReferral(world: World, plan: ReferralPlan): RawRequest {
  const headers: OutgoingHttpHeaders = {
    'content-type': 'application/json',
    ...authHeaders(world, plan.auth, plan.garbage),
  };
  if (plan.idempotencyKey) {
    headers['idempotency-key'] =
      plan.idempotencyKey.use === 'pool'
        ? `fuzz-key-${plan.idempotencyKey.n}`
        : plan.idempotencyKey.value;
  }
  return { method: 'POST', path: '/api/referrals', headers, body: referralBytes(plan.body) };
}

/* ----------------------------------------------------------------------------------------------
 * Headers and encodings
 * -------------------------------------------------------------------------------------------- */

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset="UTF-8"',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json;;;',
  'application/json; boundary=x',
  'application/vnd.api+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzzboundary',
  'multipart/form-data',
  'text/plain',
  'text/json',
  'application/octet-stream',
  'application/xml',
  '*/*',
  '',
  ';',
  'application/json, text/plain',
];

const ENCODINGS = [
  'gzip',
  'deflate',
  'br',
  'identity',
  'gzip, deflate',
  'x-gzip',
  'compress',
  'GZIP',
  'garbage',
  '',
  'identity, gzip',
  'chunked',
];

export interface HeadersPlan {
  method: string;
  path: string;
  payload: 'activity' | 'referral' | 'junk' | 'none';
  sender: SenderKey;
  contentType?: string;
  /** The Content-Encoding said, and how the body really is compressed. */
  encoding?: { label: string; really: 'gzip' | 'deflate' | 'br' | 'none' | 'truncated-gzip' };
  multipart: boolean;
  chunked: boolean;
  authorization?: string;
  apiKey?: 'valid' | 'junk' | 'twice';
  extra: [string, string][];
}

/** A header name Node will send: an HTTP token, never one that changes the framing. */
const headerName = fc
  .stringMatching(/^[a-z][a-z0-9-]{0,24}$/)
  .filter(
    (n) =>
      ![
        'content-length',
        'transfer-encoding',
        'host',
        'connection',
        'expect',
        'upgrade',
        'keep-alive',
        'te',
        'trailer',
      ].includes(n),
  );

/** Node's server takes 16 KiB of headers in all; one value stays well below that. */
const hugeHeaderValue = fc
  .tuple(
    fc.constantFrom('a', 'æ', ' ', ',', '=', 'ÿ'),
    fc.constantFrom(1_000, 4_000, 8_000, 12_000),
  )
  .map(([unit, n]) => unit.repeat(n));

export const headersPlan: fc.Arbitrary<HeadersPlan> = fc.record(
  {
    method: fc.constantFrom(
      'POST',
      'POST',
      'POST',
      'POST',
      'GET',
      'PUT',
      'PATCH',
      'DELETE',
      'OPTIONS',
      'HEAD',
    ),
    path: fc.constantFrom(
      '/api/messages',
      '/api/messages',
      '/api/referrals',
      '/api/referrals',
      '/api/messages?x=1&x=2&__proto__=1',
      '/api/referrals/',
      '/API/REFERRALS',
      '/api/messages/../referrals',
      '/api/%2e%2e/referrals',
      '/healthz',
      '/nowhere',
      '//api/messages',
    ),
    payload: fc.constantFrom('activity', 'activity', 'referral', 'referral', 'junk', 'none'),
    sender: fc.constantFrom(...SENDERS),
    contentType: fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerText(40)),
    encoding: fc.record({
      label: fc.oneof(fc.constantFrom(...ENCODINGS), headerText(20)),
      really: fc.constantFrom('gzip', 'deflate', 'br', 'none', 'truncated-gzip'),
    }),
    multipart: fc.boolean(),
    chunked: fc.boolean(),
    authorization: fc.oneof(
      headerText(80),
      fc.constantFrom(
        'Bearer',
        'Bearer null',
        'Basic',
        'Negotiate YII=',
        'Bearer a.b.c',
        'Bearer eyJ.eyJ.sig',
      ),
      hugeHeaderValue,
    ),
    apiKey: fc.constantFrom('valid', 'junk', 'twice'),
    extra: fc.array(fc.tuple(headerName, fc.oneof(headerText(60), hugeHeaderValue)), {
      maxLength: 3,
    }),
  },
  { requiredKeys: ['method', 'path', 'payload', 'sender', 'multipart', 'chunked', 'extra'] },
);

function compress(body: Buffer, how: NonNullable<HeadersPlan['encoding']>['really']): Buffer {
  switch (how) {
    case 'gzip':
      return gzipSync(body);
    case 'deflate':
      return deflateSync(body);
    case 'br':
      return brotliCompressSync(body);
    case 'truncated-gzip':
      return gzipSync(body).subarray(0, 12);
    case 'none':
      return body;
  }
}

/** A valid body for the route, so only the headers make it wrong (or right). */
function payloadOf(world: World, plan: HeadersPlan): Buffer | undefined {
  if (plan.payload === 'none') return undefined;
  if (plan.payload === 'junk') return Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0xc3, 0x28, 0x0a]);
  if (plan.payload === 'referral') {
    return Buffer.from(
      JSON.stringify({
        zoneId: 'nord',
        seriouslyIll: false,
        hospitalContactAt: '2026-03-02T08:00:00+01:00',
        patientRef: 'HDR-1',
      }),
    );
  }
  const memberId = world.memberIds[plan.sender];
  return Buffer.from(
    JSON.stringify({
      type: 'message',
      id: 'fuzz-headers',
      channelId: 'msteams',
      serviceUrl: world.serviceUrl,
      from: { id: `29:${memberId}`, aadObjectId: memberId },
      recipient: { id: '28:bot-id' },
      conversation: { id: `a:${memberId}`, conversationType: 'personal', tenantId: 'tenant-1' },
      text: 'hjelp',
      locale: 'nb-NO',
    }),
  );
}

export function buildHeaders(world: World, plan: HeadersPlan): RawRequest {
  const headers: OutgoingHttpHeaders = {};
  let body = payloadOf(world, plan);
  if (body && plan.multipart) {
    body = Buffer.concat([
      Buffer.from(
        '--fuzzboundary\r\nContent-Disposition: form-data; name="body"\r\nContent-Type: application/json\r\n\r\n',
      ),
      body,
      Buffer.from('\r\n--fuzzboundary--\r\n'),
    ]);
  }
  if (body && plan.encoding) {
    body = compress(body, plan.encoding.really);
    headers['content-encoding'] = plan.encoding.label;
  }
  if (plan.contentType !== undefined) headers['content-type'] = plan.contentType;
  if (plan.authorization !== undefined) headers.authorization = plan.authorization;
  if (plan.apiKey === 'valid') headers['x-api-key'] = world.apiKey;
  if (plan.apiKey === 'junk') headers['x-api-key'] = 'k'.repeat(39);
  if (plan.apiKey === 'twice') headers['x-api-key'] = [world.apiKey, world.apiKey];
  for (const [name, value] of plan.extra) headers[name] = value;
  if (body && plan.chunked) headers['transfer-encoding'] = 'chunked';
  return { method: plan.method, path: plan.path, headers, body };
}
