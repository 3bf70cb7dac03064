import { describe, expect, it } from 'vitest';
import { callerFrom } from '../src/caller.js';
import { loadGroup, loadReference } from '../src/references.js';

const caller = callerFrom({ userId: 'u1', accountId: 'a1', role: 'editor', scopes: ['read', 'write'] }, 'req-1');
const requestOf = (signedIn = true) => ({ caller: signedIn ? caller : null, cache: new Map<unknown, unknown>() });

describe('loadReference', () => {
  it('loads every reference asked in one tick with one call, in the order asked', async () => {
    const calls: string[][] = [];
    const find = async (_caller: unknown, ids: readonly string[]) => {
      calls.push([...ids]);
      return ids.filter((id) => id !== 'foreign').map((id) => ({ id, name: `site ${id}` }));
    };
    const ctx = requestOf();
    const loaded = await Promise.all(['s2', 'foreign', 's1'].map((id) => loadReference(ctx, 'Site', find, id)));
    expect(calls).toEqual([['s2', 'foreign', 's1']]);
    expect(loaded).toEqual([{ id: 's2', name: 'site s2' }, null, { id: 's1', name: 'site s1' }]);
  });

  it('passes the request caller to the domain and resolves nothing without one', async () => {
    const seen: unknown[] = [];
    const find = async (who: unknown, ids: readonly string[]) => {
      seen.push(who);
      return ids.map((id) => ({ id }));
    };
    expect(await loadReference(requestOf(), 'Site', find, 's1')).toEqual({ id: 's1' });
    expect(seen).toEqual([caller]);
    expect(await loadReference(requestOf(false), 'Site', find, 's1')).toBeNull();
    expect(seen).toHaveLength(1);
  });
});

describe('loadGroup', () => {
  it("answers each owner's rows from one call, an empty list for an owner with none", async () => {
    let calls = 0;
    const rows = [
      { id: 'x', siteId: 's1' },
      { id: 'y', siteId: 's2' },
      { id: 'z', siteId: 's1' },
    ];
    const find = async () => {
      calls++;
      return rows;
    };
    const ctx = requestOf();
    const groups = await Promise.all(
      ['s1', 's2', 's3'].map((id) => loadGroup(ctx, 'sectors', find, (r) => r.siteId, id)),
    );
    expect(calls).toBe(1);
    expect(groups.map((g) => g.map((r) => r.id))).toEqual([['x', 'z'], ['y'], []]);
  });
});
