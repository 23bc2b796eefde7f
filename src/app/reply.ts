import type { Case } from '../domain/case';
import type { CaseView } from './case-reads';
import type { ServiceError } from './case-service';

/**
 * A message for the user, as a locale key with its values. `localised` values are locale keys
 * themselves (a state's name); `dates` are ISO times, written in the user's language and the
 * routine's time zone. The Teams adapter renders it; use cases never see a language.
 */
export interface MessageReply {
  kind: 'message';
  key: string;
  params?: Record<string, string>;
  localised?: Record<string, string>;
  dates?: Record<string, string>;
}

/** A case's card, in the view it is shown in, with an optional outcome on it. */
export interface CaseReply {
  kind: 'case';
  case: Case;
  view: CaseView;
  note?: MessageReply & { tone: 'good' | 'attention' };
  /** The history under the card; by default in the personal view only. */
  history?: boolean;
}

export const message = (
  key: string,
  params?: Record<string, string>,
  extra: Pick<MessageReply, 'localised' | 'dates'> = {},
): MessageReply => ({ kind: 'message', key, params, ...extra });

/** A refusal from the domain or the service, with staff ids in it turned into names. */
export function refusal(error: ServiceError, names: ReadonlyMap<string, string>): MessageReply {
  const { state, claimedBy, ...params } = error.params;
  return message(
    `errors.${error.code}`,
    { ...params, ...(claimedBy !== undefined && { claimedBy: names.get(claimedBy) ?? claimedBy }) },
    state === undefined ? {} : { localised: { state: `states.${state}` } },
  );
}
