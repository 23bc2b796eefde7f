import type { Case } from '../domain/case';
import type { Store } from '../store/port';

/** How often a change is re-run on fresh state after losing a conditional save. */
export const MAX_SAVE_ATTEMPTS = 5;

/**
 * Applies `change` to the case and saves it conditionally, re-reading and re-applying on a lost
 * race. `change` answers undefined when the (fresh) case needs nothing. Returns the case as
 * stored afterwards, or undefined when it is gone or every attempt lost the race.
 */
export async function updateCase(
  store: Store,
  first: Case,
  change: (current: Case) => Case | undefined,
): Promise<Case | undefined> {
  let current: Case | undefined = first;
  for (let attempt = 0; current && attempt < MAX_SAVE_ATTEMPTS; attempt++) {
    const next = change(current);
    if (!next) return current;
    const saved = await store.cases.save(next);
    if (saved.ok) return saved.case;
    current = await store.cases.get(first.id);
  }
  return undefined;
}
