import { canonicalJson, routineRef } from '../../src/store/routine-snapshots';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { defaultRoutine } from '../support/domain-fixtures';
import { storedCase } from './store-contract';

describe('routine snapshot refs', () => {
  it('hash the content, not the order its keys were written in', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
    const policy = defaultRoutine().policy;
    const reordered = Object.fromEntries(Object.entries(policy).reverse());
    expect(routineRef('2026.1', reordered)).toBe(routineRef('2026.1', policy));
    expect(routineRef('2026.1', policy)).toMatch(/^2026\.1:[0-9a-f]{16}$/);
  });

  it('tell versions and contents apart, and keep a version that cannot be an id out of it', () => {
    const policy = defaultRoutine().policy;
    const changed = { ...policy, escalation: policy.escalation.slice(0, 1) };
    const refs = [
      routineRef('2026.1', policy),
      routineRef('2026.2', policy),
      routineRef('2026.1', changed),
      routineRef('a/b', policy),
      routineRef('', policy),
    ];
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs[3]).toMatch(/^~:[0-9a-f]{16}$/);
    expect(refs[4]).toMatch(/^~:[0-9a-f]{16}$/);
  });
});

describe('routine snapshots in memory', () => {
  it('give every case of a routine the one frozen policy, read back or freshly stored', async () => {
    const store = openSqliteStore(':memory:');
    const a = storedCase();
    const b = storedCase();
    const created = await store.cases.create(a);
    await store.cases.create(b);
    const [readA, readB] = await Promise.all([store.cases.get(a.id), store.cases.get(b.id)]);
    expect(readA?.policy).toBe(readB?.policy);
    expect(created.ok && created.case.policy).toBe(readA?.policy);
    expect(Object.isFrozen(readA?.policy.escalation[0])).toBe(true);
    // The caller's own copy is left as it was.
    expect(Object.isFrozen(a.policy)).toBe(false);
    await store.close();
  });

  it('store the snapshot once per ref even when many creates race for it', async () => {
    const store = openSqliteStore(':memory:');
    const results = await Promise.all(
      Array.from({ length: 30 }, () => store.cases.create(storedCase())),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await store.routines.list()).toHaveLength(1);
    await store.close();
  });
});
