import type { Container } from '@azure/cosmos';
import type { z } from 'zod/v4';
import type { DocumentCollection, SetAside } from '../set-aside';
import { type Doc, docId, queryDocs, readDoc, withoutSystemFields } from './documents';

/** A container of whole documents by id, for an area that needs nothing more (staff, zones). */
export interface DocumentRepository<T extends { id: string }> {
  get(id: string): Promise<T | undefined>;
  put(doc: T): Promise<void>;
  list(): Promise<T[]>;
}

/** Whole documents read by id, upserted, and listed in a fixed order. */
export function documentRepository<T extends { id: string }>(
  container: Container,
  collection: DocumentCollection,
  schema: z.ZodType<T>,
  orderBy: string,
  setAside: SetAside,
): DocumentRepository<T> {
  const parse = (doc: Doc) =>
    setAside.parse(collection, docId(doc), schema, withoutSystemFields(doc));
  return {
    async get(id) {
      const doc = await readDoc(container, id);
      return doc === undefined ? undefined : parse(doc);
    },
    async put(doc) {
      await container.items.upsert(schema.parse(doc));
    },
    async list() {
      const docs = await queryDocs(container, `SELECT * FROM c ORDER BY ${orderBy}`);
      return docs.flatMap((d) => parse(d) ?? []);
    },
  };
}
