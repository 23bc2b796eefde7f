import type { Container } from '@azure/cosmos';
import { zoneSchema } from '../../domain/zone';
import type { ZoneRepository } from '../ports/zones';
import type { SetAside } from '../set-aside';
import { documentRepository } from './document-container';

export function zonesRepository(container: Container, setAside: SetAside): ZoneRepository {
  return documentRepository(container, 'zones', zoneSchema, 'c.id ASC', setAside);
}
