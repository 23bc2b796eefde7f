import type { Container } from '@azure/cosmos';
import type { IdempotencyRecord, IdempotencyRepository } from '../ports/idempotency';
import { idempotencyRecordSchema, storedResponse, unknownIdempotencyKey } from '../records';
import { readDoc, succeeds, withoutSystemFields } from './documents';
import { markerId } from './markers-container';

/** The record as stored: the Cosmos id is the key mapped like a marker's. */
type IdempotencyDoc = IdempotencyRecord & { id: string };

export function idempotencyRepository(container: Container): IdempotencyRepository {
  return {
    begin(key, fingerprint, at) {
      const doc: IdempotencyDoc = {
        id: markerId(key),
        key,
        fingerprint,
        status: 'pending',
        createdAt: at,
        updatedAt: at,
      };
      return succeeds(() => container.items.create(doc), 409);
    },
    async get(key) {
      const doc = await readDoc(container, markerId(key));
      if (doc === undefined) return undefined;
      const { id: _id, ...record } = withoutSystemFields(doc);
      return idempotencyRecordSchema.parse(record);
    },
    async complete(key, response, at) {
      const valid = storedResponse(response);
      const id = markerId(key);
      const patched = await succeeds(
        () =>
          container.item(id, id).patch([
            { op: 'set', path: '/status', value: 'done' },
            { op: 'set', path: '/response', value: valid },
            { op: 'set', path: '/updatedAt', value: at },
          ]),
        404,
      );
      if (!patched) throw unknownIdempotencyKey(key);
    },
    async abandon(key) {
      const id = markerId(key);
      // Already gone is what the caller wants.
      await succeeds(() => container.item(id, id).delete(), 404);
    },
  };
}
