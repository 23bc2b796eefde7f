import { performance } from 'node:perf_hooks';
import type { StaffMember } from '../domain/roster';
import type { Store } from '../store/port';

/** How old a kept roster may get: the bound for writes this process cannot see (another instance's). */
export const CARD_ROSTER_MAX_AGE_MS = 10_000;

export interface CardRoster {
  /** The whole roster, as store.roster.list() gives it; for what a card shows, nothing else. */
  list(): Promise<StaffMember[]>;
}

/**
 * The roster as case cards show it (staff names, the zone's staff to refresh the card for, the
 * nurses to reassign to), kept between renderings: reading and validating every member is the
 * largest part of rendering a card after the template. Only for display: who may do what is
 * always read fresh, member by member (store.roster.get), never from here.
 *
 * Every roster write in this process goes through store.roster.put, and put is wrapped here so
 * that a write ends the kept copy wherever in the app it is made; a list read while a write
 * runs is not kept. Another instance's writes are seen within CARD_ROSTER_MAX_AGE_MS.
 */
export function createCardRoster(store: Store, maxAgeMs = CARD_ROSTER_MAX_AGE_MS): CardRoster {
  /** Moves at the start and at the end of every write: a read is kept only if it did not move. */
  let generation = 0;
  let kept: { members: Promise<StaffMember[]>; at: number; generation: number } | undefined;

  const put = store.roster.put.bind(store.roster);
  store.roster.put = async (member) => {
    generation += 1;
    try {
      await put(member);
    } finally {
      generation += 1;
    }
  };

  return {
    list() {
      const now = performance.now();
      if (kept && kept.generation === generation && now - kept.at < maxAgeMs) return kept.members;
      const members = store.roster.list();
      const entry = { members, at: now, generation };
      kept = entry;
      // A failed read is not kept: the next card asks the store again.
      members.catch(() => {
        if (kept === entry) kept = undefined;
      });
      return members;
    },
  };
}
