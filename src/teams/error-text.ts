import type { ServiceError } from '../app/case-service';
import type { Translate } from '../i18n/i18n';

/** A refusal in the user's language; staff ids in the message become names. */
export function errorText(
  error: ServiceError,
  t: Translate,
  names: ReadonlyMap<string, string>,
): string {
  const params: Record<string, string> = { ...error.params };
  if (params.claimedBy) params.claimedBy = names.get(params.claimedBy) ?? params.claimedBy;
  if (params.state) params.state = t(`states.${params.state}`);
  return t(`errors.${error.code}`, params);
}
