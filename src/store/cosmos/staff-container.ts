import type { Container } from '@azure/cosmos';
import { staffMemberSchema } from '../../domain/roster';
import type { StaffRepository } from '../ports/staff';
import type { SetAside } from '../set-aside';
import { documentRepository } from './document-container';

export function staffRepository(container: Container, setAside: SetAside): StaffRepository {
  // Ties by id: the composite index (name, id) in containers.ts serves exactly this order.
  return documentRepository(
    container,
    'staff',
    staffMemberSchema,
    'c.name ASC, c.id ASC',
    setAside,
  );
}
