import type { PointNumber } from '../domain/pathway/config';
import {
  type Pathway,
  type PathwayError,
  type PathwayErrorCode,
  pointStateSchema,
} from '../domain/pathway/pathway';
import type { CaseView } from './case-reads';
import { type MessageReply, message } from './reply';

/** What a pathway use case refuses with: the domain's codes, an unknown pathway, a lost race. */
export type PathwayServiceError =
  | PathwayError
  | { kind: 'not-found'; code: 'unknown_case'; params: Record<string, string> }
  | { kind: 'conflict'; code: 'conflict'; params: Record<string, string> };

/**
 * A pathway's card in the view it is shown in: one point's card, or (point null) the whole
 * pathway with both points and the closing. The personal view adds the record reference, the
 * inputs and the history.
 */
export interface PathwayReply {
  kind: 'pathway';
  pathway: Pathway;
  point: PointNumber | null;
  view: CaseView;
  note?: MessageReply & { tone: 'good' | 'attention' };
  /** The history under the card; by default in the personal view only. */
  history?: boolean;
}

/**
 * The refusals worded for a pathway (`pathways.errors.<code>`), where a case's wording would be
 * wrong ("the case is taken"); the rest read as for cases (`errors.<code>`).
 */
export const PATHWAY_OWN_ERRORS = [
  'diagnosis_date_out_of_range',
  'held_date_out_of_range',
  'ask_again_out_of_range',
  'not_the_performer',
  'note_required',
  'already_claimed',
  'not_responsible',
  'wrong_state',
] as const satisfies readonly PathwayErrorCode[];
const OWN_WORDING: ReadonlySet<string> = new Set(PATHWAY_OWN_ERRORS);

const POINT_STATES: ReadonlySet<string> = new Set(pointStateSchema.options);

/** A refusal as a message: staff ids become names, states and performers the reader's words. */
export function pathwayRefusal(
  error: PathwayServiceError,
  names: ReadonlyMap<string, string>,
): MessageReply {
  const { state, claimedBy, performer, ...params } = error.params;
  const localised: Record<string, string> = {};
  if (state !== undefined) {
    localised.state = POINT_STATES.has(state)
      ? `pathways.pointStates.${state}`
      : `pathways.states.${state}`;
  }
  if (performer !== undefined) localised.performer = `pathways.performers.${performer}`;
  return message(
    OWN_WORDING.has(error.code) ? `pathways.errors.${error.code}` : `errors.${error.code}`,
    {
      ...params,
      ...(claimedBy !== undefined && { claimedBy: names.get(claimedBy) ?? claimedBy }),
    },
    Object.keys(localised).length > 0 ? { localised } : {},
  );
}
