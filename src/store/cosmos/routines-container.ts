import type { Container } from '@azure/cosmos';
import type { RoutineBackend } from '../routine-snapshots';
import { docId, queryDocs, readDoc, succeeds, withoutSystemFields } from './documents';

/**
 * The routine snapshots: created once (409 when it exists), never replaced, read by id. The
 * case codec serves the port's reads from it.
 */
export function routineBackend(container: Container): RoutineBackend {
  return {
    async read(ref) {
      const doc = await readDoc(container, ref);
      return doc === undefined ? undefined : withoutSystemFields(doc);
    },
    create: (doc) => succeeds(() => container.items.create(doc), 409),
    async list() {
      const docs = await queryDocs(container, 'SELECT * FROM c ORDER BY c.id ASC');
      return docs.map((d) => ({ id: docId(d), stored: withoutSystemFields(d) }));
    },
  };
}
