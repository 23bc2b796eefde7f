/**
 * A refusal from the domain. `code` is also the locale key (errors.<code>), `params` fill the
 * message; the Teams and HTTP adapters turn it into a localised reply or a 4xx body.
 */
export interface DomainError {
  readonly kind: 'domain-error';
  readonly code: DomainErrorCode;
  readonly params: Readonly<Record<string, string>>;
}

export type DomainErrorCode =
  | 'forbidden_role'
  | 'not_in_zone'
  | 'wrong_state'
  | 'already_claimed'
  | 'not_responsible'
  | 'not_a_zone_nurse'
  | 'unknown_zone'
  | 'zone_not_linked'
  | 'contains_national_id'
  | 'hospital_contact_in_future'
  | 'invalid_snooze';

export const domainError = (
  code: DomainErrorCode,
  params: Record<string, string> = {},
): DomainError => ({ kind: 'domain-error', code, params });

export const isDomainError = (value: unknown): value is DomainError =>
  typeof value === 'object' && value !== null && (value as DomainError).kind === 'domain-error';
