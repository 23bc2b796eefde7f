/** A request the REST intake has answered, kept so a retry with the same key gets the same answer. */
export interface IdempotencyRecord {
  /** The caller's scope and key (e.g. `referrals:<hash of the key>`). */
  key: string;
  /** A hash of the request body: the same key with another body is refused, not replayed. */
  fingerprint: string;
  /** 'pending' while the first request runs, then 'done' with the answer. */
  status: 'pending' | 'done';
  response?: { status: number; body: unknown };
  createdAt: string;
  updatedAt: string;
}

/**
 * Read strictly: a broken record throws, because reading it as absent would answer a replay
 * anew.
 */
export interface IdempotencyRepository {
  /**
   * Creates the record as 'pending' when the key is new (true); false when it exists, for
   * every caller but one of several concurrent ones.
   */
  begin(key: string, fingerprint: string, at: string): Promise<boolean>;
  get(key: string): Promise<IdempotencyRecord | undefined>;
  /** Stores the answer of the request that began the key. */
  complete(key: string, response: { status: number; body: unknown }, at: string): Promise<void>;
  /** Forgets a key whose first request failed before answering, so a retry may run. */
  abandon(key: string): Promise<void>;
}
