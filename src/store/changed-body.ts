import type { z } from 'zod/v4';

type Shape = Record<string, z.ZodType>;

/**
 * Parses `value` with the object schema of `shape` (strict, no object-wide refinements), given
 * `base`: a frozen parse result of the same schema that `value` was changed from. A field that
 * is the very value `base` holds passed the schema when `base` was parsed, and cannot have
 * changed since, so only the other fields are parsed; of an array field (the history) only
 * the items after those it shares with `base`. A case saved after a command carries all but a
 * few of its fields unchanged, and parsing them all again was a fifth of a millisecond of
 * every claim. Anything unexpected (a field the schema lacks, a failure) goes to the whole
 * schema, for its error.
 */
export function parseChanged<T>(
  schema: z.ZodType<T> & { shape: Shape },
  value: Record<string, unknown>,
  base: Readonly<Record<string, unknown>> | undefined,
): T {
  if (!base || !Object.isFrozen(base)) return schema.parse(value);
  const shape = schema.shape;
  for (const key of Object.keys(value)) if (!(key in shape)) return schema.parse(value);
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const v = value[key];
    const was = base[key];
    if (v === was && key in value) {
      out[key] = v;
      continue;
    }
    const parsed = Array.isArray(v) && Array.isArray(was) ? changedItems(field, v, was) : undefined;
    const result = parsed ?? field.safeParse(v);
    if (!result.success) return schema.parse(value);
    if (result.data !== undefined || key in value) out[key] = result.data;
  }
  return out as T;
}

/** The array with the items after its shared prefix with `was` parsed, or undefined. */
function changedItems(
  field: z.ZodType,
  items: readonly unknown[],
  was: readonly unknown[],
): { success: true; data: unknown[] } | { success: false } | undefined {
  const element = (field as { element?: z.ZodType }).element;
  if (!element || items.length < was.length) return undefined;
  for (let i = 0; i < was.length; i++) if (items[i] !== was[i]) return undefined;
  const data = items.slice(0, was.length);
  for (let i = was.length; i < items.length; i++) {
    const result = element.safeParse(items[i]);
    if (!result.success) return { success: false };
    data.push(result.data);
  }
  return { success: true, data };
}
