import type { PointNumber } from '../domain/pathway/config';
import type { PathwayCommand } from '../domain/pathway/pathway';
import type { StaffMember } from '../domain/roster';
import type { Store } from '../store/port';
import type { CaseView } from './case-reads';
import type { PathwayRead, PathwayReads } from './pathway-reads';
import { type PathwayReply, pathwayRefusal } from './pathway-reply';
import { commandPoint } from './pathway-service';
import type { PathwayWorkflow } from './pathway-workflow';
import { type MessageReply, message } from './reply';

/** A pathway card's button as the Teams adapter parsed it from the verb and the button's data. */
export type PathwayButton =
  | { kind: 'refresh'; pathwayId: string; point: PointNumber | null }
  | { kind: 'command'; pathwayId: string; version: number; command: PathwayCommand };

/** The one answer for every refused read, the same as for cases. */
export function refusedPathwayRead(read: Exclude<PathwayRead, { ok: true }>): MessageReply {
  if (read.reason === 'not_in_roster') return message('me.unknown');
  return read.code
    ? message('errors.unknown_case', { code: read.code })
    : message('errors.unknown_case_button');
}

/**
 * Every pathway button, and `sak <kode>` for a pathway: the read rule first (somebody who may
 * not see it gets the unknown-case answer, never a card), then the command through the
 * workflow. The answer is the current card with the outcome on it.
 */
export function createPathwayActions(deps: {
  store: Store;
  workflow: PathwayWorkflow;
  reads: PathwayReads;
}) {
  const { store, workflow, reads } = deps;

  /** The pathway for a typed code, or the refusal; `sak` asks this when no case has the code. */
  async function lookUp(
    member: StaffMember | undefined,
    typed: string,
    view: CaseView,
  ): Promise<PathwayReply | MessageReply> {
    const read = await reads.byCode(member, typed, view);
    return read.ok
      ? { kind: 'pathway', pathway: read.pathway, point: read.point, view }
      : refusedPathwayRead(read);
  }

  async function press(
    member: StaffMember | undefined,
    button: PathwayButton,
    view: CaseView,
  ): Promise<PathwayReply | MessageReply> {
    const point = button.kind === 'refresh' ? button.point : commandPoint(button.command);
    // The showing is logged here, before the command: every answer below shows the pathway.
    const read = await reads.byId(member, button.pathwayId, view, point);
    if (!read.ok) return refusedPathwayRead(read);
    if (button.kind === 'refresh') return { kind: 'pathway', pathway: read.pathway, point, view };

    const result = await workflow.act(button.pathwayId, button.command, read.member, {
      basedOnVersion: button.version,
      via: view,
    });
    if (!result.ok) {
      const current = (await store.pathways.get(button.pathwayId)) ?? read.pathway;
      const names = new Map((await store.roster.list()).map((m) => [m.id, m.name]));
      return {
        kind: 'pathway',
        pathway: current,
        point,
        view,
        note: { ...pathwayRefusal(result.error, names), tone: 'attention' },
      };
    }
    const note = message(result.changed ? 'pathways.messages.done' : 'pathways.messages.unchanged');
    return {
      kind: 'pathway',
      pathway: result.pathway,
      point,
      view,
      note: { ...note, tone: 'good' },
    };
  }

  return { lookUp, press };
}

export type PathwayActions = ReturnType<typeof createPathwayActions>;
