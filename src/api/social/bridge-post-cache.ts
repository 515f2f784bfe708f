/**
 * Bridge post objects, built once and kept while the post stays as it was. A post's object as nobody in
 * particular sees it — its row, its biggest votes, its community and the author's role there — is
 * loaded, built and serialized once, and kept with its JSON text across blocks: at each new head block,
 * the first request that shows it checks, in one small query per page, what the object was built from —
 * the block that last changed the post's row or votes and its root's (`posts.changed_block`, set by every
 * change the projector makes), the author's reputation, the community's title and the author's role there
 * — and builds it again only when one of them moved. What an observer changes is laid on top per request,
 * from a few small queries: their own vote when it is not among those shown, the votes of accounts they
 * muted (left out), and their blacklist labels for the author. A post none of that touches is served as
 * the kept text; in one it touches, only the vote and label arrays are written again. Options (a feed's
 * reblogger, a truncated body…) build the object again.
 */
import type { IndexDatabase, SqlRow } from "../../index/db/database.ts";
import { jsonArrayParts, RawJson } from "../rpc/raw-json.ts";
import { headCache } from "./head-cache.ts";
import { observerFollows } from "./observer-follows.ts";
import { communityTitle, type LoadedPost, loadBlacklists, loadBridgePosts, ownVotes, type PostVote, sortBridgeVotes } from "./post-load.ts";
import { type BridgePostOptions, bridgePostObject, jsonInteger } from "./post-objects.ts";
import { inList } from "./post-sql.ts";

interface CachedBridgePost {
  /** As nobody in particular sees it: no muted voters, no blacklist labels, no observer's vote added. */
  readonly post: LoadedPost;
  /** `bridgePostObject(post)` as JSON. */
  readonly text: string;
  /** `text` in UTF-8, copied into responses as it is. */
  readonly bytes: Buffer;
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
    post, text, bytes: Buffer.from(text), voters: new Set(post.votes.map((vote) => vote.voter)), votesAt, blacklistsAt,
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
  /** `text` in UTF-8, when it is the kept post's. */
  readonly bytes?: Buffer;
}

/** Bytes of kept posts (an estimate of the strings held) per index; past it the least recently checked go. */
export const keptPostsBytesMax = 256 * 1024 * 1024;

interface KeptPost {
  readonly entry: CachedBridgePost;
  /** The head block at which it was last known to be the post as it is. */
  checkedAt: number;
  readonly bytes: number;
}

/** Kept posts by "votesMax:id", least recently checked first. */
interface KeptPosts {
  readonly posts: Map<string, KeptPost>;
  bytes: number;
  /** Loads under way, by the same keys. */
  readonly loading: Map<string, Promise<CachedBridgePost | undefined>>;
}

const keptByDb = new WeakMap<IndexDatabase, KeptPosts>();

function keptPosts(db: IndexDatabase): KeptPosts {
  let kept = keptByDb.get(db);
  if (kept === undefined) keptByDb.set(db, (kept = { posts: new Map(), bytes: 0, loading: new Map() }));
  return kept;
}

function keep(kept: KeptPosts, key: string, post: KeptPost): void {
  const old = kept.posts.get(key);
  if (old !== undefined) {
    kept.posts.delete(key);
    kept.bytes -= old.bytes;
  }
  kept.posts.set(key, post);
  kept.bytes += post.bytes;
  if (kept.bytes <= keptPostsBytesMax) return;
  for (const [oldest, value] of kept.posts) {
    if (kept.bytes <= (keptPostsBytesMax * 3) / 4) break;
    kept.posts.delete(oldest);
    kept.bytes -= value.bytes;
  }
}

interface PostStamp extends SqlRow {
  id: number;
  changed_block: number;
  root_changed_block: number;
  reputation: number | bigint | null;
  community: string | null;
  community_title: string | null;
  role: number | null;
  role_title: string | null;
}

/** What each post's object is built from but its text, as the index holds it now (posts gone are absent). */
async function postStamps(db: IndexDatabase, ids: readonly number[]): Promise<Map<number, PostStamp>> {
  const list = inList(ids);
  const rows = await db.all<PostStamp>(
    `SELECT p.id, p.changed_block, r.changed_block AS root_changed_block, a.reputation, p.community, c.title AS community_title, cr.role, cr.title AS role_title
     FROM posts p
     LEFT JOIN posts r ON r.id = p.root_id
     LEFT JOIN accounts a ON a.name = p.author
     LEFT JOIN communities c ON c.name = p.community
     LEFT JOIN community_roles cr ON cr.community_id = c.id AND cr.account = p.author
     WHERE p.id IN (${list.sql})`,
    list.params,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** Whether `post` was built from what `stamp` says the index holds now. */
function isCurrent(post: LoadedPost, stamp: PostStamp): boolean {
  const { row, community } = post;
  if (row.changed_block !== stamp.changed_block || row.root_changed_block !== stamp.root_changed_block) return false;
  if (post.authorReputation !== BigInt(stamp.reputation ?? 0)) return false;
  if (stamp.community === null || community === null) return stamp.community === null && community === null;
  return (
    community.title === communityTitle(stamp.community, stamp.community_title) && community.role === (stamp.role ?? 0) && community.roleTitle === (stamp.role_title ?? "")
  );
}

/**
 * Loads, builds and keeps these posts (ids gone are absent). Requests that miss the same post at once —
 * every reader of a page right after a block changed its posts — share one load.
 */
async function loadKept(db: IndexDatabase, kept: KeptPosts, ids: readonly number[], votesMax: number, head: number): Promise<Map<number, CachedBridgePost>> {
  const waits: Promise<readonly [number, CachedBridgePost | undefined]>[] = [];
  const toLoad: number[] = [];
  for (const id of ids) {
    const loading = kept.loading.get(`${votesMax}:${id}`);
    if (loading === undefined) toLoad.push(id);
    else waits.push(loading.then((entry) => [id, entry] as const));
  }
  if (toLoad.length > 0) {
    const batch = loadBridgePosts(db, toLoad, null, votesMax).then((posts) => {
      const built = new Map<number, CachedBridgePost>();
      for (const [id, post] of posts) {
        const entry = cacheEntry(post);
        keep(kept, `${votesMax}:${id}`, { entry, checkedAt: head, bytes: 3 * entry.text.length + 2 * (post.row.body.length + post.row.json_metadata.length) + 256 });
        built.set(id, entry);
      }
      return built;
    });
    for (const id of toLoad) {
      const key = `${votesMax}:${id}`;
      const one = batch.then((built) => built.get(id));
      kept.loading.set(key, one);
      const done = () => {
        if (kept.loading.get(key) === one) kept.loading.delete(key);
      };
      one.then(done, done);
      waits.push(one.then((entry) => [id, entry] as const));
    }
  }
  const out = new Map<number, CachedBridgePost>();
  for (const [id, entry] of await Promise.all(waits)) if (entry !== undefined) out.set(id, entry);
  return out;
}

/** Checks per statement (each a few index lookups). */
const stampsPerStatement = 100;

/** The posts with these ids as `observer` sees them (ids gone since are absent), with at most `votesMax` biggest votes each. */
export async function observedBridgePosts(db: IndexDatabase, ids: readonly number[], observer: string | null, votesMax: number): Promise<Map<number, ObservedPost>> {
  const cache = await headCache(db);
  const head = cache.blockNum;
  const kept = keptPosts(db);
  const entries = new Map<number, CachedBridgePost>();
  const stale: number[] = [];
  const missing: number[] = [];
  for (const id of new Set(ids)) {
    const hit = kept.posts.get(`${votesMax}:${id}`);
    if (hit === undefined) missing.push(id);
    else if (hit.checkedAt === head) entries.set(id, hit.entry);
    else stale.push(id);
  }
  for (let i = 0; i < stale.length; i += stampsPerStatement) {
    const chunk = stale.slice(i, i + stampsPerStatement);
    const stamps = await postStamps(db, chunk);
    for (const id of chunk) {
      const key = `${votesMax}:${id}`;
      const hit = kept.posts.get(key);
      const stamp = stamps.get(id);
      if (hit === undefined || stamp === undefined || !isCurrent(hit.entry.post, stamp)) {
        if (stamp !== undefined) missing.push(id);
        continue;
      }
      if (hit.checkedAt < head) {
        hit.checkedAt = head;
        keep(kept, key, hit);
      }
      entries.set(id, hit.entry);
    }
  }
  if (missing.length > 0) {
    for (const [id, entry] of await loadKept(db, kept, missing, votesMax, head)) entries.set(id, entry);
  }
  const out = new Map<number, ObservedPost>();
  if (observer === null) {
    for (const [id, entry] of entries) out.set(id, entry);
    return out;
  }
  const present = [...entries.keys()];
  const follows = await observerFollows(db, cache, observer);
  const muted = follows.muted;
  const ownByPost = present.length === 0 ? new Map<number, bigint>() : await ownVotes(db, observer, present);
  const authors = [...new Set([...entries.values()].map((entry) => entry.post.row.author))];
  const blacklists = authors.length > 0 && follows.hasBlacklists ? await loadBlacklists(db, observer, authors) : new Map<string, string[]>();
  for (const [id, entry] of entries) {
    const ownRshares = ownByPost.get(id);
    const addOwn = ownRshares !== undefined && !entry.voters.has(observer);
    const labels = blacklists.get(entry.post.row.author) ?? [];
    const hidesVotes = muted.size > 0 && mutesAVoter(muted, entry.voters);
    if (!addOwn && labels.length === 0 && !hidesVotes) {
      out.set(id, { post: { ...entry.post, mutedVoters: muted }, text: entry.text, bytes: entry.bytes });
      continue;
    }
    const own = addOwn ? { voter: observer, rshares: ownRshares } : null;
    const votes = own === null ? entry.post.votes : sortBridgeVotes([...entry.post.votes, own]);
    out.set(id, { post: { ...entry.post, votes, mutedVoters: muted, blacklists: labels }, text: overlaidText(entry, own, muted, labels) });
  }
  return out;
}

/** Whether any of `muted` voted: a look-up per muted account, or per voter when they are fewer (popular posts have thousands). */
function mutesAVoter(muted: ReadonlySet<string>, voters: ReadonlySet<string>): boolean {
  if (muted.size <= voters.size) {
    for (const name of muted) if (voters.has(name)) return true;
    return false;
  }
  for (const name of voters) if (muted.has(name)) return true;
  return false;
}

/** Options that leave the object as `bridgePostObject(post)` builds it, but perhaps for `reblogged_by`. */
function isPlain(options: BridgePostOptions): boolean {
  return !options.truncateBody && options.grayedByObserver !== true && (options.replies?.length ?? 0) === 0;
}

/**
 * Each post's JSON text in the order of `ids` (ids gone since are skipped), as the kept bytes when the
 * object is the kept one. `reblogged_by`, the object's last key, is appended to the text; other options
 * build the object again.
 */
export function bridgePostTexts(ids: readonly number[], posts: ReadonlyMap<number, ObservedPost>, optionsOf: (post: LoadedPost) => BridgePostOptions): (string | Buffer)[] {
  const texts: (string | Buffer)[] = [];
  for (const id of ids) {
    const observed = posts.get(id);
    if (observed === undefined) continue;
    const options = optionsOf(observed.post);
    if (!isPlain(options)) texts.push(JSON.stringify(bridgePostObject(observed.post, options)));
    else if ((options.rebloggedBy?.length ?? 0) === 0) texts.push(observed.bytes ?? observed.text);
    else texts.push(`${observed.text.slice(0, -1)},"reblogged_by":${JSON.stringify(options.rebloggedBy)}}`);
  }
  return texts;
}

/** A JSON array of already serialized values. */
export function jsonArray(texts: readonly (string | Buffer)[]): RawJson {
  return new RawJson(jsonArrayParts(texts.map((text) => [text])));
}
