import { z } from 'zod/v4';
import type { AccessLogEntry } from './ports/access-log';
import type { IdempotencyRecord } from './ports/idempotency';

/**
 * The stored shapes of the access log and the idempotency records, shared by both adapters so
 * a row read back from either is checked against the same rules before the app sees it.
 */

/**
 * Entry ids become Cosmos DB document ids as they are, so they are held to what a Cosmos id
 * may be in both stores: a store that accepted an id the other refuses would not be a
 * drop-in replacement. A UUID fits.
 */
const entryIdSchema = z.string().regex(/^[A-Za-z0-9_.:@=+,;-]{1,200}$/);

export const accessLogEntrySchema = z
  .object({
    id: entryIdSchema,
    // Exactly toISOString's form: the stores order and compare `at` as text, and text order is
    // time order only when every value has the same precision and the same zone (Z).
    at: z.iso.datetime({ precision: 3 }),
    actorId: z.string().min(1),
    caseId: z.string().min(1),
    caseCode: z.string().min(1),
    action: z.string().min(1),
    via: z.enum(['personal', 'channel', 'rest', 'system']),
  })
  .strict() satisfies z.ZodType<AccessLogEntry>;

/** Not strict: a caller's extra fields (headers, say) are not part of the kept answer. */
const idempotencyResponseSchema = z.object({ status: z.int().min(100).max(599), body: z.json() });

/**
 * The answer as it is kept: the body as its JSON text carries it (undefined properties dropped,
 * dates as strings), which is what the first caller received and what a replay must send. An
 * absent body becomes null. Refusing such a body instead would fail the write after the work
 * was done, leaving the key pending and every retry refused.
 */
export function storedResponse(response: { status: number; body: unknown }) {
  const body: unknown =
    response.body === undefined ? null : JSON.parse(JSON.stringify(response.body));
  return idempotencyResponseSchema.parse({ status: response.status, body });
}

export const idempotencyRecordSchema = z
  .object({
    key: z.string().min(1),
    fingerprint: z.string(),
    status: z.enum(['pending', 'done']),
    response: idempotencyResponseSchema.optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict() satisfies z.ZodType<IdempotencyRecord>;

/** An audit trail that silently kept one of two entries under one id would be lying. */
export function duplicateAccessLogEntry(id: string): Error {
  return new Error(`access log entry '${id}' already exists; entries are never overwritten`);
}

/** Completing a key nobody began (or one abandoned meanwhile) would store an answer to nothing. */
export function unknownIdempotencyKey(key: string): Error {
  return new Error(`idempotency key '${key}' was never begun or has been abandoned`);
}
