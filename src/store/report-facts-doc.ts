import { type ReportFactsDoc, reportFactsDocSchema } from '../domain/reports/kept-case';

/**
 * Stored facts as both adapters read them: anything that is not JSON or not of the schema reads
 * as none (they are derived, and worked out again from the case), never as an error.
 */
export function readFacts(stored: unknown): ReportFactsDoc | undefined {
  let raw = stored;
  if (typeof stored === 'string') {
    try {
      raw = JSON.parse(stored);
    } catch {
      return undefined;
    }
  }
  const parsed = reportFactsDocSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
