// Loading records by id within one request, batched: what entity references (`_entities`) and
// fields that point at other records go through. Every load of one purpose asked in the same tick
// becomes one call of `find` — one SQL statement per `_entities` batch, however many
// representations the gateway sends.
import DataLoader from 'dataloader';
import type { Caller } from './caller.js';
import type { RequestContext } from './context.js';

type LoaderContext = Pick<RequestContext, 'cache' | 'caller'>;

/** One DataLoader per request and purpose (`name`), kept in the request's cache. */
export function loaderFor<K, V>(
  ctx: Pick<RequestContext, 'cache'>,
  name: string,
  batch: (keys: readonly K[]) => Promise<readonly V[]>,
): DataLoader<K, V> {
  const key = `loader:${name}`;
  let loader = ctx.cache.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(async (keys) => [...(await batch(keys))]);
    ctx.cache.set(key, loader);
  }
  return loader;
}

/** Orders rows by the keys asked for; missing ones become null. */
export function byKeys<V, K>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

/** A record by id (shared data, such as the plan catalogue); null for an id `find` does not return. */
export function loadById<T extends { id: string }>(
  ctx: Pick<RequestContext, 'cache'>,
  name: string,
  find: (ids: readonly string[]) => Promise<readonly T[]>,
  id: string,
): Promise<T | null> {
  return loaderFor<string, T | null>(ctx, name, async (ids) => byKeys(ids, await find(ids), (row) => row.id)).load(id);
}

/**
 * A record of the caller's account by id: how every entity reference resolves. `find` is the
 * domain's by-ids function (tenant-scoped), so an unknown id and another account's id are both
 * null, and so is every reference of a request without a credential.
 */
export function loadReference<T extends { id: string }>(
  ctx: LoaderContext,
  type: string,
  find: (caller: Caller, ids: readonly string[]) => Promise<readonly T[]>,
  id: string,
): Promise<T | null> {
  const caller = ctx.caller;
  if (!caller) return Promise.resolve(null);
  return loadById(ctx, `reference:${type}`, (ids) => find(caller, ids), id);
}

/** The records that belong to one owner (a site's sectors), for many owners in one call of `find`. */
export function loadGroup<T>(
  ctx: Pick<RequestContext, 'cache'>,
  name: string,
  find: (ownerIds: readonly string[]) => Promise<readonly T[]>,
  ownerOf: (row: T) => string,
  ownerId: string,
): Promise<T[]> {
  return loaderFor<string, T[]>(ctx, name, async (ownerIds) => {
    const groups = new Map<string, T[]>();
    for (const row of await find(ownerIds)) groups.set(ownerOf(row), [...(groups.get(ownerOf(row)) ?? []), row]);
    return ownerIds.map((owner) => groups.get(owner) ?? []);
  }).load(ownerId);
}
