import type { Marker, Store } from '../store/port';

/** A send that started this long ago without being marked sent is taken to have crashed. */
export const STALE_INTENT_MS = 5 * 60_000;

const staleAt = (marker: Marker) => Date.parse(marker.updatedAt) + STALE_INTENT_MS;

/**
 * Exactly-once sending over the store's create-once markers: the intent is recorded before a
 * send (the store lets one instance create it) and marked sent after. A crash between Teams'
 * acceptance and the mark can repeat that one message once the intent is stale; it can never
 * lose it.
 */
export type SendOutcome =
  | { outcome: 'sent' }
  | { outcome: 'taken' }
  | { outcome: 'failed'; error: unknown };

export function sendMarkers(store: Store) {
  /** Sent, skipped, or an intent another send is still busy with. */
  const isHandled = (marker: Marker | undefined, now: Date): boolean =>
    marker !== undefined && !(marker.status === 'intent' && now.getTime() > staleAt(marker));

  /** True when this instance owns the send: it created the intent, or took over a stale one. */
  async function claim(key: string, now: Date): Promise<boolean> {
    const at = now.toISOString();
    if (await store.markers.create(key, 'intent', at)) return true;
    const marker = await store.markers.get(key);
    if (marker?.status !== 'intent' || isHandled(marker, now)) return false;
    // Several instances (or two overlapping passes) may find the same stale intent: a
    // create-once marker named after that intent's time lets exactly one of them take it over.
    if (!(await store.markers.create(`${key}#retry:${marker.updatedAt}`, 'takeover', at))) {
      return false;
    }
    await store.markers.setStatus(key, 'intent', at);
    return true;
  }

  return {
    isHandled,
    /** When a handled marker's send may be retried: the stale time of a pending intent. */
    retryAt: (marker: Marker): number | undefined =>
      marker.status === 'intent' ? staleAt(marker) : undefined,

    /**
     * Runs `send` once across restarts and instances: `taken` when another send has it (or it
     * is done), `failed` when `send` threw (the intent stays, so a later call retries once it
     * is stale), `sent` once it is marked.
     */
    async sendOnce(key: string, now: Date, send: () => Promise<void>): Promise<SendOutcome> {
      if (!(await claim(key, now))) return { outcome: 'taken' };
      try {
        await send();
      } catch (error) {
        return { outcome: 'failed', error };
      }
      await store.markers.setStatus(key, 'sent', now.toISOString());
      return { outcome: 'sent' };
    },

    skipped: (key: string, now: Date) =>
      store.markers.create(key, 'skipped', now.toISOString()).then(() => undefined),
  };
}
