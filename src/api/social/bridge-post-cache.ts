/**
 * Bridge post objects through the head cache (head-cache.ts). A post's object as nobody in particular
 * sees it — its row, its biggest votes, its community and the author's role there — is loaded, built
 * and serialized once per head block, and kept with its JSON text. What an observer changes is laid on
 * top per request, from a few small queries: their own vote when it is not among those shown, the
 * votes of accounts they muted (left out), and their blacklist labels for the author. A post none of
 * that touches is served as the cached text; in one it touches, only the vote and label arrays are
 * written again. Options (a feed's reblogger, a truncated body…) build the object again.
 */
import type { IndexDatabase } from "../../index/db/database.ts";
import { RawJson } from "../rpc/raw-json.ts";
import { type HeadCache, cacheGet, cacheSet, cached, headCache } from "./head-cache.ts";
import { type LoadedPost, type PostVote, loadBlacklists, loadBridgePosts, mutedAccountsCached, ownVotes, sortBridgeVotes } from "./post-load.ts";
import { type BridgePostOptions, bridgePostObject, jsonInteger } from "./post-objects.ts";

interface CachedBridgePost {
  /** As nobody in particular sees it: no muted voters, no blacklist labels, no observer's vote added. */
  readonly post: LoadedPost;
  /** `bridgePostObject(post)` as JSON. */
  readonly text: string;
  readonly voters: ReadonlySet<string>;
  /** Where the `active_votes` array's text is in `text` ([start, end)). */
  readonly votesAt: readonly [number, number];
  /** Where the `blacklists` array's text is, and the labels it holds (the author's reputation labels). */
  readonly blacklistsAt: readonly [number, number];
  readonly reputationLabels: readonly string[];
  /** Each vote's JSON text, made when an observer first changes the votes (then shared by all who do). */
  voteTexts?: readonly string[];
}

/**
 * The cache entry of a post, with where its vote and label arrays are in the text. Both keys are found
 * by their last occurrence: only `json_metadata` (before them) can hold such a key, the values after them
 * are strings (which hold no unescaped quote) and fixed objects, and the arrays hold account names and
 * labels, which hold no `]`.
 */
function cacheEntry(post: LoadedPost): CachedBridgePost {
  const text = JSON.stringify(bridgePostObject(post));
  const span = (key: string): [number, number] => {
    const start = text.lastIndexOf(`,"${key}":[`) + key.length + 4;
    return [start, text.indexOf("]", start) + 1];
  };
  const votesAt = span("active_votes");
  const blacklistsAt = span("blacklists");
  return {
    post, text, voters: new Set(post.votes.map((vote) => vote.voter)), votesAt, blacklistsAt,
    reputationLabels: JSON.parse(text.slice(blacklistsAt[0], blacklistsAt[1])) as string[],
  };
}

/**
 * The entry's text with other votes and labels: the same as building the object with them (votes as
 * `bridgePostObject` shows them, the observer's labels before the reputation labels).
 */
function overlaidText(entry: CachedBridgePost, own: PostVote | null, muted: ReadonlySet<string>, labels: readonly string[]): string {
  const { text, votesAt, blacklistsAt, post } = entry;
  const voteText = (vote: PostVote) => JSON.stringify({ voter: vote.voter, rshares: jsonInteger(vote.rshares) });
  entry.voteTexts ??= post.votes.map(voteText);
  const parts: string[] = [];
  // The votes are in bridge order; the observer's own goes where that order puts it.
  const ownAt = own === null ? -1 : sortBridgeVotes([...post.votes, own]).indexOf(own);
  post.votes.forEach((vote, i) => {
    if (i === ownAt) parts.push(voteText(own!));
    if (!muted.has(vote.voter)) parts.push(entry.voteTexts![i]);
  });
  if (own !== null && ownAt === post.votes.length && !muted.has(own.voter)) parts.push(voteText(own));
  const votesText = `[${parts.join(",")}]`;
  const labelsText = JSON.stringify([...labels, ...entry.reputationLabels]);
  return text.slice(0, votesAt[0]) + votesText + text.slice(votesAt[1], blacklistsAt[0]) + labelsText + text.slice(blacklistsAt[1]);
}

/** A post as one observer sees it, with the JSON text of its object without options. */
export interface ObservedPost {
  readonly post: LoadedPost;
  readonly text: string;
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
      const entry = cacheEntry(post);
      entries.set(id, cacheSet(cache, kind, String(id), entry, 2 * (entry.text.length + post.row.body.length + post.row.json_metadata.length)));
    }
  }
  const out = new Map<number, ObservedPost>();
  if (observer === null) {
    for (const [id, entry] of entries) out.set(id, entry);
    return out;
  }
  const present = [...entries.keys()];
  const muted = await mutedAccountsCached(db, cache, observer);
  const ownByPost = present.length === 0 ? new Map<number, bigint>() : await ownVotes(db, observer, present);
  const authors = [...new Set([...entries.values()].map((entry) => entry.post.row.author))];
  const blacklists = authors.length > 0 && (await hasBlacklists(db, cache, observer)) ? await loadBlacklists(db, observer, authors) : new Map<string, string[]>();
  for (const [id, entry] of entries) {
    const ownRshares = ownByPost.get(id);
    const addOwn = ownRshares !== undefined && !entry.voters.has(observer);
    const labels = blacklists.get(entry.post.row.author) ?? [];
    const hidesVotes = muted.size > 0 && entry.post.votes.some((vote) => muted.has(vote.voter));
    if (!addOwn && labels.length === 0 && !hidesVotes) {
      out.set(id, { post: { ...entry.post, mutedVoters: muted }, text: entry.text });
      continue;
    }
    const own = addOwn ? { voter: observer, rshares: ownRshares } : null;
    const votes = own === null ? entry.post.votes : sortBridgeVotes([...entry.post.votes, own]);
    out.set(id, { post: { ...entry.post, votes, mutedVoters: muted, blacklists: labels }, text: overlaidText(entry, own, muted, labels) });
  }
  return out;
}

/** Whether the observer keeps a blacklist or follows one (else no author has labels for them), once per head. */
function hasBlacklists(db: IndexDatabase, cache: HeadCache, observer: string): Promise<boolean> {
  return cached(
    cache, "has-blacklists", observer,
    async () => (await db.get("SELECT 1 AS x FROM follows WHERE follower = ? AND (blacklisted <> 0 OR follow_blacklists <> 0) LIMIT 1", [observer])) !== undefined,
    () => 16,
  );
}

/** Options that leave the object as `bridgePostObject(post)` builds it, but perhaps for `reblogged_by`. */
function isPlain(options: BridgePostOptions): boolean {
  return !options.truncateBody && options.grayedByObserver !== true && (options.replies?.length ?? 0) === 0;
}

/**
 * Each post's JSON text in the order of `ids` (ids gone since are skipped). `reblogged_by`, the object's
 * last key, is appended to the text; other options build the object again.
 */
export function bridgePostTexts(ids: readonly number[], posts: ReadonlyMap<number, ObservedPost>, optionsOf: (post: LoadedPost) => BridgePostOptions): string[] {
  const texts: string[] = [];
  for (const id of ids) {
    const observed = posts.get(id);
    if (observed === undefined) continue;
    const options = optionsOf(observed.post);
    if (!isPlain(options)) texts.push(JSON.stringify(bridgePostObject(observed.post, options)));
    else if ((options.rebloggedBy?.length ?? 0) === 0) texts.push(observed.text);
    else texts.push(`${observed.text.slice(0, -1)},"reblogged_by":${JSON.stringify(options.rebloggedBy)}}`);
  }
  return texts;
}

/** A JSON array of already serialized values. */
export function jsonArray(texts: readonly string[]): RawJson {
  return new RawJson(`[${texts.join(",")}]`);
}
