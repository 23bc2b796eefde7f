import type { EscalationSent } from './report-index';

/** The send markers of escalation messages: escalationKey in domain/escalation.ts. */
export const ESCALATION_MARKER_PREFIX = 'escalation:';

/**
 * The escalation a sent marker records (`escalation:<case>:<deadline key>:<due time>:<level>`,
 * sent at its updatedAt), or undefined for a key of another form. The due time holds colons;
 * case ids and level ids hold none.
 */
export function escalationSent(marker: {
  key: string;
  updatedAt: string;
}): EscalationSent | undefined {
  if (!marker.key.startsWith(ESCALATION_MARKER_PREFIX)) return undefined;
  const parts = marker.key.slice(ESCALATION_MARKER_PREFIX.length).split(':');
  if (parts.length < 4 || parts[0] === '' || parts[parts.length - 1] === '') return undefined;
  return { caseId: parts[0], level: parts[parts.length - 1], at: marker.updatedAt };
}
