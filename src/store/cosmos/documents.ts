import type { Container, SqlParameter } from '@azure/cosmos';
import type { z } from 'zod/v4';

/** What the container modules share: reading, querying and writing documents. */

export type Doc = Record<string, unknown>;

const SYSTEM_FIELDS = new Set(['_rid', '_self', '_etag', '_attachments', '_ts']);

/** What we stored, without what Cosmos DB added, so the strict domain schemas accept it. */
export function withoutSystemFields(doc: Doc): Doc {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !SYSTEM_FIELDS.has(k)));
}

export function parseDoc<T>(schema: z.ZodType<T>, doc: Doc | undefined): T | undefined {
  return doc === undefined ? undefined : schema.parse(withoutSystemFields(doc));
}

export async function readDoc(container: Container, id: string): Promise<Doc | undefined> {
  // The SDK answers a 404 on a point read with an empty resource instead of throwing.
  const { resource } = await container.item(id, id).read<Doc>();
  return resource;
}

export async function queryDocs(
  container: Container,
  query: string,
  parameters: SqlParameter[] = [],
): Promise<Doc[]> {
  const { resources } = await container.items.query<Doc>({ query, parameters }).fetchAll();
  return resources;
}

export function hasStatus(err: unknown, status: number): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === status;
}

/** Runs a write; the given status (409 on create, 412 on IfMatch) becomes false. */
export async function succeeds(
  write: () => Promise<unknown>,
  refusedWith: number,
): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (hasStatus(err, refusedWith)) return false;
    throw err;
  }
}

/** TOP needs a non-negative integer; SQLite's LIMIT is forgiving, so be forgiving here too. */
export const topCount = (limit: number): number => Math.max(0, Math.floor(limit));

/** A document's id for the report of a bad one: Cosmos DB requires it, so it is a string. */
export const docId = (doc: Doc): string => String(doc.id);
