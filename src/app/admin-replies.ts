import type { AdminError } from '../domain/admin-errors';
import type { Role, RosterChangeRecord } from '../domain/roster';
import { type MessageReply, message } from './reply';

/** One zone as the zone list shows it: enough to see what is set up and what is missing. */
export interface ZoneSummary {
  id: string;
  name: string;
  channelLinked: boolean;
  nurseCount: number;
  leaders: string[];
  /** Set for a retired zone (only listed when asked for). */
  retiredAt?: string;
}

export interface ZoneListReply {
  kind: 'zones';
  zones: ZoneSummary[];
}

/** A change record with the one who made it named. */
export interface ChangeLine extends RosterChangeRecord {
  byName: string;
}

export interface StaffEntry {
  id: string;
  name: string;
  email?: string;
  roles: Role[];
  zoneIds: string[];
  /** The zone names in the order of zoneIds (the id where a zone is unknown). */
  zoneNames: string[];
  /** The personal app is installed as far as the bot knows (a reminder can reach them). */
  reachable: boolean;
  removedAt?: string;
  /** Newest first. */
  changes: ChangeLine[];
}

export interface StaffListReply {
  kind: 'staff';
  /** The zone asked for; undefined for everybody the asker may see. */
  zoneId?: string;
  staff: StaffEntry[];
}

/** A member of staff as anyone may see them: a name, and how to reach them. */
export interface DirectoryPerson {
  name: string;
  email?: string;
}

export interface DirectoryZone {
  id: string;
  name: string;
  nurses: DirectoryPerson[];
  leaders: DirectoryPerson[];
  networkLeaders: DirectoryPerson[];
}

export interface DirectoryReply {
  kind: 'directory';
  zones: DirectoryZone[];
}

/**
 * A question before a change that cannot be undone from the card: the adapter shows the prompt
 * with a confirm button and calls the same use case again with `confirmed: true`.
 */
export interface ConfirmReply {
  kind: 'confirm';
  action: 'stepDown';
  prompt: MessageReply;
}

/**
 * A roster or zone refusal as a reply. Written out per code (no key built from a string) so
 * the locale check sees every key and a new code is a type error here until it has one.
 */
export function adminRefusal(error: AdminError): MessageReply {
  const p = error.params;
  switch (error.code) {
    case 'not_in_roster':
      return message('me.unknown');
    case 'forbidden':
      return message('staff.errors.forbidden');
    case 'invalid_zone_id':
      return message('staff.errors.invalidZoneId');
    case 'invalid_zone_name':
      return message('staff.errors.invalidZoneName');
    case 'zone_exists':
      return message('staff.errors.zoneExists', { zone: p.zone ?? '' });
    case 'unknown_zone':
      return message('staff.errors.unknownZone', { zone: p.zone ?? '' });
    case 'zone_retired':
      return message('staff.errors.zoneRetired', { zone: p.zone ?? '' });
    case 'zone_has_open_cases':
      return message('staff.errors.zoneHasOpenCases', {
        zone: p.zone ?? '',
        count: p.count ?? '',
      });
    case 'invalid_person_id':
      return message('staff.errors.invalidPersonId');
    case 'unknown_person':
      return message('staff.errors.unknownPerson');
    case 'already_in_roster':
      return message('staff.errors.alreadyInRoster', { name: p.name ?? '' });
    case 'invalid_name':
      return message('staff.errors.invalidName');
    case 'invalid_email':
      return message('staff.errors.invalidEmail');
    case 'no_roles':
      return message('staff.errors.noRoles');
    case 'zones_required':
      return message(
        'staff.errors.zonesRequired',
        {},
        { localised: { role: `roles.${p.role ?? 'nurse'}` } },
      );
    case 'last_admin':
      return message('staff.errors.lastAdmin', { name: p.name ?? '' });
    case 'not_a_nurse':
      return message('staff.errors.notANurse');
    case 'contains_national_id':
      return message('errors.contains_national_id', { field: p.field ?? '' });
  }
}
