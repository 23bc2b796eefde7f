import type { CaseCommand } from '../domain/case-commands';
import type { StaffMember } from '../domain/roster';
import type { Store } from '../store/port';
import type { CaseRead, CaseReads, CaseView } from './case-reads';
import type { CaseWorkflow } from './case-workflow';
import type { PathwayReply } from './pathway-reply';
import { type CaseReply, type MessageReply, message, refusal } from './reply';

/** A card button as the Teams adapter parsed it from the verb and the button's data. */
export type CaseButton =
  | { kind: 'refresh'; caseId: string }
  | { kind: 'command'; caseId: string; version: number; command: CaseCommand };

/** The one answer for every refused read: the same for an unknown case and somebody else's. */
export function refusedRead(read: Exclude<CaseRead, { ok: true }>): MessageReply {
  if (read.reason === 'not_in_roster') return message('me.unknown');
  return read.code
    ? message('errors.unknown_case', { code: read.code })
    : message('errors.unknown_case_button');
}

/**
 * Every case button, and `sak <kode>`: the read rule first (somebody who may not see the case
 * gets the unknown-case answer, never a card), then the command through the workflow. The
 * answer is the case's current card with the outcome on it.
 */
export function createCaseActions(deps: {
  store: Store;
  workflow: CaseWorkflow;
  reads: CaseReads;
  /** `sak <kode>` for a Pakkeforløp hjem pathway (`K7QXR`) or point (`K7QXR-2`), when no case has it. */
  pathways?: {
    lookUp(
      member: StaffMember | undefined,
      typed: string,
      view: CaseView,
    ): Promise<PathwayReply | MessageReply>;
  };
}) {
  const { store, workflow, reads } = deps;

  async function lookUp(
    member: StaffMember | undefined,
    typed: string,
    view: CaseView,
  ): Promise<CaseReply | MessageReply | PathwayReply> {
    const read = await reads.byCode(member, typed, view);
    if (read.ok) return { kind: 'case', case: read.case, view };
    if (read.reason === 'unknown_case' && deps.pathways) {
      const pathway = await deps.pathways.lookUp(member, typed, view);
      // Its answer also when the text was no case code at all (`K7QXR-2`).
      if (pathway.kind === 'pathway' || read.code === undefined) return pathway;
    }
    return refusedRead(read);
  }

  async function press(
    member: StaffMember | undefined,
    button: CaseButton,
    view: CaseView,
  ): Promise<CaseReply | MessageReply> {
    // The showing is logged here, before the command: every answer below shows the case.
    const read = await reads.byId(member, button.caseId, view);
    if (!read.ok) return refusedRead(read);
    if (button.kind === 'refresh') return { kind: 'case', case: read.case, view };

    const result = await workflow.act(button.caseId, button.command, read.member, {
      basedOnVersion: button.version,
      via: view,
      current: read.case,
    });
    if (!result.ok) {
      const current = (await store.cases.get(button.caseId)) ?? read.case;
      const names = new Map((await store.roster.list()).map((m) => [m.id, m.name]));
      return {
        kind: 'case',
        case: current,
        view,
        note: { ...refusal(result.error, names), tone: 'attention' },
      };
    }
    const { snoozedUntil, code } = result.case;
    const note = !result.changed
      ? message('cases.messages.unchanged')
      : button.command.type === 'snooze' && snoozedUntil
        ? message('cases.messages.snoozed', { code }, { dates: { until: snoozedUntil } })
        : undefined;
    return { kind: 'case', case: result.case, view, note: note && { ...note, tone: 'good' } };
  }

  return { lookUp, press };
}

export type CaseActions = ReturnType<typeof createCaseActions>;
