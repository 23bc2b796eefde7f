/** Waits until the caller may send; resolves at most `perSecond` times a second, in order. */
export type Pacer = () => Promise<void>;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Spaces sends evenly at `perSecond`, so a pass with many due cases stays under Teams'
 * throttle (about 50 requests a second per app and tenant, card updates included) instead of
 * bursting into 429s. Real time on purpose: it paces requests, not the domain's clock.
 */
export function createPacer(
  perSecond: number,
  { now = () => performance.now(), sleep = realSleep } = {},
): Pacer {
  const spacing = 1000 / perSecond;
  let nextSlot = 0;
  return async () => {
    const t = now();
    const slot = Math.max(t, nextSlot);
    nextSlot = slot + spacing;
    if (slot > t) await sleep(slot - t);
  };
}
