import type Database from 'better-sqlite3';

/**
 * Runs `write` in a transaction that has committed (synced to disk) when the promise settles.
 * `write` must be a better-sqlite3 transaction function: alone it commits itself, and inside
 * a batch it is a savepoint of its own, so its failure undoes only its part.
 */
export interface GroupCommit {
  <T>(write: () => T): Promise<T>;
  /** Commits what is waiting now, rather than when the event loop comes round (before close). */
  drain(): void;
}

interface Pending {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; err: unknown };

/**
 * Writes asked for while the process is busy with other requests commit together, in one
 * transaction and one sync, when the event loop next comes round: under load the sync and
 * the shared index pages (write order, access log) are paid once per batch instead of once
 * per write. A caller is answered only after its batch has committed, so an answered write
 * is as durable as before; the writes of a batch run one after the other in the order they
 * were asked for, so conditional saves still have exactly one winner.
 */
export function groupCommit(
  db: Database.Database,
  defer: (run: () => void) => void = setImmediate,
): GroupCommit {
  let queue: Pending[] = [];

  const runAll = db.transaction((batch: Pending[]): Outcome[] =>
    batch.map(({ write }) => {
      try {
        return { ok: true, value: write() };
      } catch (err) {
        // An error that ended the whole transaction (disk full, I/O) fails the batch.
        if (!db.inTransaction) throw err;
        return { ok: false, err };
      }
    }),
  );

  const flush = () => {
    const batch = queue;
    if (batch.length === 0) return;
    queue = [];
    let outcomes: Outcome[];
    try {
      // IMMEDIATE: a file locked by another writer fails the batch once, after one busy
      // timeout, rather than each of its writes after one of its own.
      outcomes =
        batch.length === 1 ? [{ ok: true, value: batch[0].write() }] : runAll.immediate(batch);
    } catch (err) {
      outcomes = batch.map(() => ({ ok: false, err }));
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.err);
    });
  };

  const commit = <T>(write: () => T) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (queue.length === 1) defer(flush);
    });
  // The deferred flush then finds the queue empty.
  const drain = () => {
    if (queue.length > 0) flush();
  };
  return Object.assign(commit, { drain });
}
