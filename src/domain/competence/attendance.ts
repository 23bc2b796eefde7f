import { hasRole, type StaffMember } from '../roster';

/** The most names one attendance list may hold: a network gathering is some dozens of nurses. */
export const MAX_ATTENDEES = 200;

export interface ResolvedAttendees {
  nurseIds: string[];
  /** How many entries matched no resource nurse (or more than one); never which. */
  unknown: number;
}

/**
 * The nurses an attendance list names: picked roster ids (the people picker) and typed entries
 * (a name or an e-mail each, separated by commas, semicolons or lines), each matched against
 * the roster's resource nurses, case-insensitively. A name two nurses share matches neither:
 * the leader is told to use the e-mail. Duplicates count once.
 */
export function resolveAttendees(
  roster: readonly StaffMember[],
  picked: readonly string[],
  typed: string,
): ResolvedAttendees {
  const nurses = roster.filter((m) => hasRole(m, 'nurse'));
  const byId = new Map(nurses.map((n) => [n.id.toLowerCase(), n.id]));
  const byEmail = new Map(
    nurses.flatMap((n) => (n.email ? [[n.email.toLowerCase(), n.id] as const] : [])),
  );
  const byName = new Map<string, string | null>();
  for (const n of nurses) {
    const key = n.name.trim().toLowerCase();
    byName.set(key, byName.has(key) ? null : n.id);
  }
  const entries = [...picked, ...typed.split(/[,;\n\r]+/)]
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '')
    .slice(0, MAX_ATTENDEES);
  const found = new Set<string>();
  let unknown = 0;
  for (const entry of entries) {
    const id = byId.get(entry) ?? byEmail.get(entry) ?? byName.get(entry) ?? undefined;
    if (id) found.add(id);
    else unknown += 1;
  }
  return { nurseIds: [...found], unknown };
}
