/**
 * What the index-backed reads keep between requests while the index's head block stays the same: every
 * change to the index is a projected block, which moves the head (index_state) in the same transaction,
 * so anything computed at head N is exact for every later request that still reads head N. Every use of
 * the cache reads the head first (one small query; the head time, "now" for payout windows and feeds, is
 * read the same way) and gets the cache of that head; the first read of a new head starts an empty one.
 * Nothing needs to tell an API process that a block was projected, so the producer and every `kettle api`
 * process over PostgreSQL cache alike. (Kept post objects and ranked lists outlive a head: see
 * bridge-post-cache.ts and post-ranked.ts.)
 *
 * A result computed while a block was being projected (a read between two queries of one request) is
 * filed under the older head, which no request reads any more once the new head is visible.
 *
 * Memory is bounded: past `headCacheBytesMax` (an estimate of the strings held) the cache starts over.
 */
import type { IndexDatabase } from "../../index/db/database.ts";

export interface HeadCache {
  readonly blockNum: number;
  /** The head block's time (unix seconds): "now" for payout windows and the feed's month. */
  readonly blockTime: number;
  /** The last block in which an author turned gray or stopped being gray (index_state.gray_block). */
  readonly grayBlock: number;
  /** Entries by kind and key, e.g. ("post:100", "123"). */
  readonly maps: Map<string, Map<string, unknown>>;
  /** Estimated bytes held. */
  bytes: number;
}

/** Bytes of strings a head's cache may hold before it starts over. */
export const headCacheBytesMax = 96 * 1024 * 1024;

const caches = new WeakMap<IndexDatabase, HeadCache>();

/** The cache of the index's current head. */
export async function headCache(db: IndexDatabase): Promise<HeadCache> {
  const row = await db.get<{ block_num: number; block_time: number; gray_block: number | null }>("SELECT block_num, block_time, gray_block FROM index_state WHERE id = 1");
  const blockNum = row?.block_num ?? 0;
  const cached = caches.get(db);
  if (cached !== undefined && cached.blockNum === blockNum) return cached;
  const fresh: HeadCache = { blockNum, blockTime: row?.block_time ?? 0, grayBlock: row?.gray_block ?? 0, maps: new Map(), bytes: 0 };
  caches.set(db, fresh);
  return fresh;
}

/**
 * Values kept per index across head blocks, by key, at most `max` of them: keeping one makes it the most
 * recently used, and past `max` the least recently kept goes. Whoever keeps a value records the head it
 * is exact at and checks it against what moved since before using it.
 */
export class KeptAcrossHeads<V> {
  private readonly byDb = new WeakMap<IndexDatabase, Map<string, V>>();

  constructor(private readonly max: number) {}

  get(db: IndexDatabase, key: string): V | undefined {
    return this.byDb.get(db)?.get(key);
  }

  keep(db: IndexDatabase, key: string, value: V): void {
    let map = this.byDb.get(db);
    if (map === undefined) this.byDb.set(db, (map = new Map()));
    map.delete(key);
    map.set(key, value);
    if (map.size > this.max) map.delete(map.keys().next().value!);
  }
}

/** The entry of `kind`/`key`, or undefined. */
function cacheGet<T>(cache: HeadCache, kind: string, key: string): T | undefined {
  return cache.maps.get(kind)?.get(key) as T | undefined;
}

/** Files `value` (about `bytes` big) under `kind`/`key`; past the budget the cache is emptied first. */
function cacheSet<T>(cache: HeadCache, kind: string, key: string, value: T, bytes: number): T {
  if (cache.bytes + bytes > headCacheBytesMax) {
    cache.maps.clear();
    cache.bytes = 0;
  }
  let map = cache.maps.get(kind);
  if (map === undefined) cache.maps.set(kind, (map = new Map()));
  map.set(key, value);
  cache.bytes += bytes;
  return value;
}

/**
 * The cached value of `kind`/`key`, computing and filing it when missing. Concurrent requests for the
 * same missing entry share one computation (the promise is what is filed); a failed one is not kept.
 */
export function cached<T>(cache: HeadCache, kind: string, key: string, compute: () => Promise<T>, sizeOf: (value: T) => number): Promise<T> {
  const hit = cacheGet<Promise<T>>(cache, kind, key);
  if (hit !== undefined) return hit;
  const promise = compute();
  cacheSet(cache, kind, key, promise, key.length * 2 + 64);
  promise.then(
    (value) => {
      cache.bytes += sizeOf(value);
    },
    () => {
      cache.maps.get(kind)?.delete(key);
    },
  );
  return promise;
}
