import type Database from 'better-sqlite3';
import { zoneSchema } from '../../domain/zone';
import type { ZoneRepository } from '../ports/zones';
import type { SetAside } from '../set-aside';
import { documentTable } from './document-table';

export function zonesTable(db: Database.Database, setAside: SetAside): ZoneRepository {
  return documentTable(db, 'zones', zoneSchema, 'id', setAside);
}
