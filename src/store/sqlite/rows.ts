/** A document row: the id beside the JSON text it was stored as. */
export type Row = { id: string; doc: string };

export const isConstraintError = (err: unknown): boolean =>
  (err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT') === true;
