/**
 * A refusal of a roster or zone change. Kept apart from the case refusals (DomainError): these
 * never reach a case card or the REST intake, and their wording is the roster's own
 * (locales/*.staff.json). `params` hold staff names, zone names and counts, never a value
 * that could be patient data.
 */
export interface AdminError {
  readonly kind: 'admin-error';
  readonly code: AdminErrorCode;
  readonly params: Readonly<Record<string, string>>;
}

export type AdminErrorCode =
  /** The one acting is not (or no longer) in the roster. */
  | 'not_in_roster'
  /** Their roles do not allow this change; `action` names it. */
  | 'forbidden'
  | 'invalid_zone_id'
  | 'invalid_zone_name'
  | 'zone_exists'
  | 'unknown_zone'
  | 'zone_retired'
  | 'zone_has_open_cases'
  | 'invalid_person_id'
  | 'unknown_person'
  | 'already_in_roster'
  | 'invalid_name'
  | 'invalid_email'
  | 'no_roles'
  | 'zones_required'
  | 'last_admin'
  | 'not_a_nurse'
  | 'contains_national_id';

export const adminError = (
  code: AdminErrorCode,
  params: Record<string, string> = {},
): AdminError => ({ kind: 'admin-error', code, params });

export const isAdminError = (value: unknown): value is AdminError =>
  typeof value === 'object' && value !== null && (value as AdminError).kind === 'admin-error';
