import { createHash } from 'node:crypto';
import { boundedMemo } from './bounded-memo';

/** Sorted keys, so the same command always has the same digest. */
const canonical = (value: unknown): string =>
  typeof value === 'object' && value !== null
    ? `{${Object.keys(value)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
        .join(',')}}`
    : JSON.stringify(value);

/** Digests of commands seen lately: most commands are the same few (claim, grant, hand over). */
const digests = boundedMemo<string, string>(1000);

/** A short digest of a command with its payload, stored with the history entry it made. */
export function commandDigest(command: { type: string }): string {
  const text = canonical(command);
  return digests(text, () => createHash('sha256').update(text).digest('base64url').slice(0, 22));
}

interface Entry {
  version: number;
  action: string;
  actorId: string;
  commandDigest?: string;
}

/**
 * A card button carries the version the card showed. The same actor sending the same command
 * with the same payload again after it already happened since that version (a double tap, a
 * retried request) is a replay and changes nothing; anything else (another outcome, another
 * note) is a new action, judged on the current state. Entries without a digest (older ones)
 * match on actor and command alone, as before.
 */
export function isReplay(
  history: readonly Entry[],
  command: { type: string },
  actorId: string,
  basedOnVersion: number,
): boolean {
  let digest: string | undefined;
  return history.some((h) => {
    if (!(h.version > basedOnVersion && h.action === command.type && h.actorId === actorId)) {
      return false;
    }
    if (h.commandDigest === undefined) return true;
    digest ??= commandDigest(command);
    return h.commandDigest === digest;
  });
}
