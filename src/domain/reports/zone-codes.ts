/*
 * Zone ids as small numbers, the same in every report of this process: the per-case records
 * and the month columns hold numbers, not strings (stored facts name the zones by id). A
 * municipality has tens of zones; the table only grows by a zone id never seen before.
 */
const codes = new Map<string, number>();
const names: string[] = [];

export function zoneCode(zone: string): number {
  let code = codes.get(zone);
  if (code === undefined) {
    code = names.length;
    names.push(zone);
    codes.set(zone, code);
  }
  return code;
}

/** The code of a zone already seen, or -1 (a zone no fact names). */
export const knownZoneCode = (zone: string): number => codes.get(zone) ?? -1;

export const zoneName = (code: number): string => names[code];
