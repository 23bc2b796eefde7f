import { type AdminError, adminError } from './admin-errors';
import { findNationalIdField } from './privacy';
import { hasRole, isActive, type StaffMember } from './roster';
import type { Zone } from './zone';

/**
 * A new zone's id: it is typed in chat (`koble sone nord`) and stored on every case, so short,
 * lowercase, no spaces, and neither starting nor ending with a dash. Stored zones are read with
 * the looser zoneSchema, so an id made before this rule stays valid.
 */
export const NEW_ZONE_ID = /^[a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])$/;
export const ZONE_NAME_MAX = 80;

export type ZoneCommand =
  | { type: 'add'; id: string; name: string }
  | { type: 'rename'; id: string; name: string }
  /** `openCases` is the caller's count of the zone's cases not closed. */
  | { type: 'retire'; id: string; openCases: number }
  /** Takes a retired zone back into use, optionally under a new name. */
  | { type: 'reinstate'; id: string; name?: string };

export type ZoneDecision =
  | { ok: true; zone: Zone; changed: boolean }
  | { ok: false; error: AdminError };

export const isZoneActive = (zone: Zone): boolean => zone.retiredAt === undefined;

/** The zones that take new referrals: what the referral form and the directory offer. */
export const activeZones = <T extends Zone>(zones: readonly T[]): T[] => zones.filter(isZoneActive);

/** Zone ids are typed by people; `NORD ` is `nord`. */
export const normaliseZoneId = (id: string): string => id.trim().toLowerCase();

function zoneName(name: string): string | AdminError {
  const trimmed = name.trim();
  // A leading = + - @ would make a spreadsheet run the exported name as a formula.
  if (trimmed.length < 1 || trimmed.length > ZONE_NAME_MAX || /^[=+\-@]|\p{Cc}/u.test(trimmed)) {
    return adminError('invalid_zone_name');
  }
  // The name is shown on every card in the zone: the national-id rule covers it as any input.
  if (findNationalIdField({ name: trimmed })) {
    return adminError('contains_national_id', { field: 'name' });
  }
  return trimmed;
}

const fail = (error: AdminError): ZoneDecision => ({ ok: false, error });

/**
 * Zone maintenance is the admin's alone (a leader links their zone's channel, but does not make
 * or retire zones). Pure: the caller reads the zones and counts the open cases, and stores the
 * zone it gets back.
 */
export function decideZoneCommand(
  ctx: { actor: StaffMember | undefined; zones: readonly Zone[]; now: Date },
  command: ZoneCommand,
): ZoneDecision {
  const { actor, zones } = ctx;
  if (!actor || !isActive(actor)) return fail(adminError('not_in_roster'));
  if (!hasRole(actor, 'admin'))
    return fail(adminError('forbidden', { action: `zone.${command.type}` }));
  const id = normaliseZoneId(command.id);
  const existing = zones.find((z) => z.id === id);

  if (command.type === 'add') {
    if (!NEW_ZONE_ID.test(id)) return fail(adminError('invalid_zone_id'));
    const name = zoneName(command.name);
    if (typeof name !== 'string') return fail(name);
    if (existing) {
      // A retired zone keeps its id: old cases name it. Taking it back is a reinstate.
      return fail(
        adminError(isZoneActive(existing) ? 'zone_exists' : 'zone_retired', {
          zone: existing.name,
        }),
      );
    }
    return { ok: true, zone: { id, name, channel: null }, changed: true };
  }

  if (!existing) return fail(adminError('unknown_zone', { zone: id }));
  switch (command.type) {
    case 'rename': {
      const name = zoneName(command.name);
      if (typeof name !== 'string') return fail(name);
      if (name === existing.name) return { ok: true, zone: existing, changed: false };
      return { ok: true, zone: { ...existing, name }, changed: true };
    }
    case 'retire': {
      if (!isZoneActive(existing)) return { ok: true, zone: existing, changed: false };
      if (command.openCases > 0) {
        return fail(
          adminError('zone_has_open_cases', {
            zone: existing.name,
            count: String(command.openCases),
          }),
        );
      }
      return {
        ok: true,
        zone: { ...existing, retiredAt: ctx.now.toISOString(), retiredBy: actor.id },
        changed: true,
      };
    }
    case 'reinstate': {
      const name = command.name === undefined ? existing.name : zoneName(command.name);
      if (typeof name !== 'string') return fail(name);
      if (isZoneActive(existing) && name === existing.name) {
        return { ok: true, zone: existing, changed: false };
      }
      const { retiredAt: _at, retiredBy: _by, ...kept } = existing;
      return { ok: true, zone: { ...kept, name }, changed: true };
    }
  }
}
