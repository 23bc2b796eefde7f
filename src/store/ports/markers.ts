/**
 * "Exactly once" markers: a key that can be created once, ever, across restarts and bot
 * instances. The first creator wins; everybody else learns that it exists.
 */
export interface Marker {
  key: string;
  /** e.g. 'intent' then 'sent' for a notification; free for the caller. */
  status: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Read strictly: a broken marker throws, because reading it as absent would send the
 * notification it guards a second time.
 */
export interface MarkerRepository {
  /** True when this call created the marker, false when it already existed. */
  create(key: string, status: string, at: string): Promise<boolean>;
  get(key: string): Promise<Marker | undefined>;
  setStatus(key: string, status: string, at: string): Promise<void>;
  /**
   * The markers whose key starts with `prefix` and whose status is `status`, in no particular
   * order (the compliance report counts the sent escalations).
   */
  list(prefix: string, status: string): Promise<Marker[]>;
}
