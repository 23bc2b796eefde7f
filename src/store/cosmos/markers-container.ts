import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { z } from 'zod/v4';
import type { Marker, MarkerRepository } from '../ports/markers';
import { parseDoc, queryDocs, readDoc, succeeds } from './documents';

const SAFE_ID = /^[A-Za-z0-9_.:@=+,;-]{1,200}$/;
const HASHED = 'sha256~';

/**
 * Cosmos DB ids cannot hold '/', '\', '?' or '#', break on '%' in point operations and end at
 * 255 characters; any other key becomes a hash. The '~' never occurs in a key kept as is, so
 * the mapping stays one-to-one and deterministic, which exactly-once depends on.
 */
export function markerId(key: string): string {
  return SAFE_ID.test(key) ? key : `${HASHED}${createHash('sha256').update(key).digest('hex')}`;
}

/** Only the Marker fields: a case-code reservation's caseId stays inside the adapter. */
const markerDocSchema = z.object({
  key: z.string(),
  status: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type MarkerDoc = Marker & {
  id: string;
  /** Set on case-code reservations: which case holds the code. */
  caseId?: string;
};

export const markerDoc = (key: string, status: string, at: string): MarkerDoc => ({
  id: markerId(key),
  key,
  status,
  createdAt: at,
  updatedAt: at,
});

export function markersRepository(container: Container): MarkerRepository {
  const setStatus = (key: string, status: string, at: string) => {
    const id = markerId(key);
    return container.item(id, id).patch([
      { op: 'set', path: '/status', value: status },
      { op: 'set', path: '/updatedAt', value: at },
    ]);
  };
  return {
    create: (key, status, at) =>
      succeeds(() => container.items.create(markerDoc(key, status, at)), 409),
    async get(key) {
      return parseDoc(markerDocSchema, await readDoc(container, markerId(key)));
    },
    async setStatus(key, status, at) {
      // A patch leaves createdAt alone; a marker nobody created yet starts at `at`.
      if (await succeeds(() => setStatus(key, status, at), 404)) return;
      if (await succeeds(() => container.items.create(markerDoc(key, status, at)), 409)) return;
      await setStatus(key, status, at);
    },
    async list(prefix, status) {
      // Only the id is indexed: a key kept as its id starts with the prefix in the id; the
      // hashed ones (rare: keys with characters an id cannot hold) are all read and sifted.
      const docs = await queryDocs(
        container,
        'SELECT * FROM c WHERE STARTSWITH(c.id, @prefix) OR STARTSWITH(c.id, @hashed)',
        [
          { name: '@prefix', value: prefix },
          { name: '@hashed', value: HASHED },
        ],
      );
      return docs.flatMap((doc) => {
        const marker = parseDoc(markerDocSchema, doc);
        return marker?.key.startsWith(prefix) && marker.status === status ? [marker] : [];
      });
    },
  };
}
