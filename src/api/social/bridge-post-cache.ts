/**
 * Bridge post objects through the head cache (head-cache.ts). A post's object as nobody in particular
 * sees it — its row, its biggest votes, its community and the author's role there — is loaded, built
 * and serialized once per head block, and kept with its JSON text. What an observer changes is laid on
 * top per request, from a few small queries: their own vote when it is not among those shown, the
 * votes of accounts they muted (left out), and their blacklist labels for the author. A post none of
 * that touches is served as the cached text; one it touches is built again from the cached data.
 */
import type { IndexDatabase } from "../../index/db/database.ts";
import { RawJson } from "../rpc/raw-json.ts";
import { type HeadCache, cacheGet, cacheSet, cached, headCache } from "./head-cache.ts";
import { type LoadedPost, loadBlacklists, loadBridgePosts, mutedAccountsOf, ownVotes, sortBridgeVotes } from "./post-load.ts";
import { type BridgePostOptions, bridgePostObject } from "./post-objects.ts";

interface CachedBridgePost {
  /** As nobody in particular sees it: no muted voters, no blacklist labels, no observer's vote added. */
  readonly post: LoadedPost;
  /** `bridgePostObject(post)` as JSON. */
  readonly text: string;
  readonly voters: ReadonlySet<string>;
}

/** A post as one observer sees it, with its JSON text when that is the cached one (no options). */
export interface ObservedPost {
  readonly post: LoadedPost;
  readonly text: string | null;
}

/** The posts with these ids as `observer` sees them (ids gone since are absent), with at most `votesMax` biggest votes each. */
export async function observedBridgePosts(db: IndexDatabase, ids: readonly number[], observer: string | null, votesMax: number): Promise<Map<number, ObservedPost>> {
  const cache = await headCache(db);
  const kind = `bridge-post:${votesMax}`;
  const entries = new Map<number, CachedBridgePost>();
  const missing: number[] = [];
  for (const id of new Set(ids)) {
    const hit = cacheGet<CachedBridgePost>(cache, kind, String(id));
    if (hit === undefined) missing.push(id);
    else entries.set(id, hit);
  }
  if (missing.length > 0) {
    for (const [id, post] of await loadBridgePosts(db, missing, null, votesMax)) {
      const text = JSON.stringify(bridgePostObject(post));
      const entry: CachedBridgePost = { post, text, voters: new Set(post.votes.map((vote) => vote.voter)) };
      entries.set(id, cacheSet(cache, kind, String(id), entry, 2 * (text.length + post.row.body.length + post.row.json_metadata.length)));
    }
  }
  const out = new Map<number, ObservedPost>();
  if (observer === null) {
    for (const [id, entry] of entries) out.set(id, entry);
    return out;
  }
  const present = [...entries.keys()];
  const muted = await mutedAccountsCached(db, cache, observer);
  const own = present.length === 0 ? new Map<number, bigint>() : await ownVotes(db, observer, present);
  const authors = [...new Set([...entries.values()].map((entry) => entry.post.row.author))];
  const blacklists = authors.length > 0 && (await hasBlacklists(db, cache, observer)) ? await loadBlacklists(db, observer, authors) : new Map<string, string[]>();
  for (const [id, entry] of entries) {
    const ownRshares = own.get(id);
    const addOwn = ownRshares !== undefined && !entry.voters.has(observer);
    const labels = blacklists.get(entry.post.row.author) ?? [];
    const hidesVotes = muted.size > 0 && entry.post.votes.some((vote) => muted.has(vote.voter));
    if (!addOwn && labels.length === 0 && !hidesVotes) {
      out.set(id, { post: { ...entry.post, mutedVoters: muted }, text: entry.text });
      continue;
    }
    const votes = addOwn ? sortBridgeVotes([...entry.post.votes, { voter: observer, rshares: ownRshares }]) : entry.post.votes;
    out.set(id, { post: { ...entry.post, votes, mutedVoters: muted, blacklists: labels }, text: null });
  }
  return out;
}

/** Accounts the observer muted (directly or through followed mute lists), once per head. */
export function mutedAccountsCached(db: IndexDatabase, cache: HeadCache, observer: string): Promise<ReadonlySet<string>> {
  return cached(cache, "muted", observer, () => mutedAccountsOf(db, observer), (set) => 64 + set.size * 48);
}

/** Whether the observer keeps a blacklist or follows one (else no author has labels for them), once per head. */
function hasBlacklists(db: IndexDatabase, cache: HeadCache, observer: string): Promise<boolean> {
  return cached(
    cache, "has-blacklists", observer,
    async () => (await db.get("SELECT 1 AS x FROM follows WHERE follower = ? AND (blacklisted <> 0 OR follow_blacklists <> 0) LIMIT 1", [observer])) !== undefined,
    () => 16,
  );
}

/** Options that leave the object as `bridgePostObject(post)` builds it. */
function isPlain(options: BridgePostOptions): boolean {
  return !options.truncateBody && (options.rebloggedBy?.length ?? 0) === 0 && options.grayedByObserver !== true && (options.replies?.length ?? 0) === 0;
}

/** Each post's JSON text in the order of `ids` (ids gone since are skipped), built again only when options or the observer change it. */
export function bridgePostTexts(ids: readonly number[], posts: ReadonlyMap<number, ObservedPost>, optionsOf: (post: LoadedPost) => BridgePostOptions): string[] {
  const texts: string[] = [];
  for (const id of ids) {
    const observed = posts.get(id);
    if (observed === undefined) continue;
    const options = optionsOf(observed.post);
    texts.push(observed.text !== null && isPlain(options) ? observed.text : JSON.stringify(bridgePostObject(observed.post, options)));
  }
  return texts;
}

/** A JSON array of already serialized values. */
export function jsonArray(texts: readonly string[]): RawJson {
  return new RawJson(`[${texts.join(",")}]`);
}
