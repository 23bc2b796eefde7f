import type Database from 'better-sqlite3';
import { staffMemberSchema } from '../../domain/roster';
import type { StaffRepository } from '../ports/staff';
import type { SetAside } from '../set-aside';
import { documentTable } from './document-table';

export function staffTable(db: Database.Database, setAside: SetAside): StaffRepository {
  // json_extract fails the whole statement on one row that is not JSON; json_valid first
  // lets the list set that row aside instead.
  return documentTable(
    db,
    'staff',
    staffMemberSchema,
    "CASE WHEN json_valid(doc) THEN json_extract(doc, '$.name') END, id",
    setAside,
  );
}
