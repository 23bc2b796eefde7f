import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { groupCommit } from '../../src/store/sqlite/group-commit';

/** A file with a table of one column, a second connection to watch it, and a flush by hand. */
function harness() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-group-'));
  const file = path.join(dir, 'g.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (v TEXT PRIMARY KEY)');
  const watcher = new Database(file, { readonly: true });
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const stored = () => watcher.prepare('SELECT v FROM t ORDER BY rowid').pluck().all();
  let flushes: (() => void)[] = [];
  const commit = groupCommit(db, (run) => flushes.push(run));
  const flush = () => {
    const due = flushes;
    flushes = [];
    for (const run of due) run();
  };
  /** A transaction function, as the tables give: one row. */
  const write = (v: string) => db.transaction(() => insert.run(v).changes);
  const close = () => {
    watcher.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { db, file, commit, flush, write, stored, close, pending: () => flushes.length };
}

const settled = async <T>(promise: Promise<T>) => {
  const out: { value?: T; err?: unknown } = {};
  promise.then(
    (value) => {
      out.value = value;
    },
    (err) => {
      out.err = err;
    },
  );
  await Promise.resolve();
  return out;
};

/** After a failed batch (nothing stored), the next turn's write commits as usual. */
async function expectNextTurnCommits(h: ReturnType<typeof harness>) {
  const next = h.commit(h.write('c'));
  h.flush();
  await expect(next).resolves.toBe(1);
  expect(h.stored()).toEqual(['c']);
}

describe('SQLite group commit', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });
  afterEach(() => h.close());

  it("answers no write before the turn's flush has committed it, and every write of the turn after it", async () => {
    const answers = ['a', 'b', 'c'].map((v) => h.commit(h.write(v)));
    const early = await settled(Promise.race(answers));
    expect(early).toEqual({});
    expect(h.stored()).toEqual([]);
    expect(h.pending()).toBe(1);
    h.flush();
    expect(await Promise.all(answers)).toEqual([1, 1, 1]);
    expect(h.stored()).toEqual(['a', 'b', 'c']);
  });

  it('runs the writes of a batch in one transaction, in the order asked for', async () => {
    const seen: unknown[][] = [];
    const peek = h.db.transaction(() => {
      seen.push(h.stored());
      return 0;
    });
    const answers = [h.commit(h.write('a')), h.commit(peek), h.commit(h.write('b'))];
    h.flush();
    await Promise.all(answers);
    expect(seen).toEqual([[]]);
    expect(h.stored()).toEqual(['a', 'b']);
  });

  it('undoes only the write that failed, and tells only its caller', async () => {
    const twice = h.db.transaction(() => {
      h.db.prepare("INSERT INTO t (v) VALUES ('x')").run();
      h.db.prepare("INSERT INTO t (v) VALUES ('a')").run();
    });
    const answers = [h.commit(h.write('a')), h.commit(twice), h.commit(h.write('b'))];
    h.flush();
    const [a, failed, b] = await Promise.allSettled(answers);
    expect(a).toEqual({ status: 'fulfilled', value: 1 });
    expect(failed.status).toBe('rejected');
    expect(b).toEqual({ status: 'fulfilled', value: 1 });
    expect(h.stored()).toEqual(['a', 'b']);
  });

  it('fails the whole batch, storing none of it, when an error ends its transaction', async () => {
    const ends = () => {
      h.db.exec('ROLLBACK');
      throw new Error('the disk is gone');
    };
    const answers = [h.commit(h.write('a')), h.commit(ends), h.commit(h.write('b'))];
    h.flush();
    const outcomes = await Promise.allSettled(answers);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(h.stored()).toEqual([]);
    await expectNextTurnCommits(h);
  });

  it('fails the waiting writes, storing none, while another connection holds the file, and commits the next', async () => {
    h.db.pragma('busy_timeout = 0');
    const other = new Database(h.file);
    other.exec('BEGIN IMMEDIATE');
    const answers = [h.commit(h.write('a')), h.commit(h.write('b'))];
    h.flush();
    const outcomes = await Promise.allSettled(answers);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    other.exec('ROLLBACK');
    other.close();
    expect(h.stored()).toEqual([]);
    await expectNextTurnCommits(h);
  });

  it('commits what waits at once when drained (before the store closes), and nothing twice', async () => {
    const answers = [h.commit(h.write('a')), h.commit(h.write('b'))];
    h.commit.drain();
    expect(h.stored()).toEqual(['a', 'b']);
    expect(await Promise.all(answers)).toEqual([1, 1]);
    h.flush();
    expect(h.stored()).toEqual(['a', 'b']);
    h.commit.drain();
    expect(h.stored()).toEqual(['a', 'b']);
  });

  it('commits a lone write by itself, and a write asked for after a flush in the next batch', async () => {
    const first = h.commit(h.write('a'));
    h.flush();
    await expect(first).resolves.toBe(1);
    const second = h.commit(h.write('b'));
    expect(h.pending()).toBe(1);
    expect(h.stored()).toEqual(['a']);
    h.flush();
    await expect(second).resolves.toBe(1);
    expect(h.stored()).toEqual(['a', 'b']);
  });
});
