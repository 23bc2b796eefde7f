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
export function sendMarkers(store: Store) {
  /** Sent, skipped, or an intent another send is still busy with. */
  const isHandled = (marker: Marker | undefined, now: Date): boolean =>
    marker !== undefined && !(marker.status === 'intent' && now.getTime() > staleAt(marker));

  return {
    isHandled,
    /** When a handled marker's send may be retried: the stale time of a pending intent. */
    retryAt: (marker: Marker): number | undefined =>
      marker.status === 'intent' ? staleAt(marker) : undefined,

    /** True when this instance owns the send: it created the intent, or took over a stale one. */
    async claim(key: string, now: Date): Promise<boolean> {
      const at = now.toISOString();
      if (await store.markers.create(key, 'intent', at)) return true;
      const marker = await store.markers.get(key);
      if (marker?.status !== 'intent' || isHandled(marker, now)) return false;
      await store.markers.setStatus(key, 'intent', at);
      return true;
    },

    sent: (key: string, now: Date) => store.markers.setStatus(key, 'sent', now.toISOString()),
    skipped: (key: string, now: Date) =>
      store.markers.create(key, 'skipped', now.toISOString()).then(() => undefined),
  };
}
