/**
 * Which posts an account's lists and a thread show, in order: feeds, blogs (by keyset and by entry
 * position), an author's posts, comments and pending payouts, replies to an author, and the shape of a
 * discussion. Keyset pages seek on the list's index; `inclusive` pages start at the start post itself
 * (steemd's and condenser_api's convention), otherwise after it (bridge, as Hive).
 */
import type { IndexDatabase, SqlValue } from "../../index/db/database.ts";
import type { StartPost } from "./post-params.ts";
import { headCache } from "./head-cache.ts";
import { mutedAccountsCached } from "./post-load.ts";
import { bytewise, inList, notMutedBy } from "./post-sql.ts";

const hour = 3600;

/** Seconds a feed looks back (hivemind: one month). */
export const feedWindowSeconds = 30 * 24 * hour;

export interface FeedEntry {
  readonly id: number;
  /** Followed accounts that brought the post into the feed (its author among them when followed). */
  readonly accounts: readonly string[];
}

/**
 * How far back from a feed page's upper end the page is looked for first, widening in turn until the
 * page is full or the whole month has been read. A reader following hundreds of active accounts has
 * thousands of entries in a month, and the newest page almost always lies in the last day's.
 */
const feedWindowSteps = [24 * hour, 4 * 24 * hour, 16 * 24 * hour];

/**
 * An account's feed: posts and reblogs by the accounts it follows from the last month, each once, newest
 * first by when it first entered the feed, with the accounts that brought it. Reads each followed
 * account's `feed_cache` rows by (account, created_at) over a window back from the page's upper end (see
 * `feedWindowSteps`), leaving out posts that entered the feed before the window; the observer's mutes drop
 * entries.
 */
export async function feedEntries(
  db: IndexDatabase, account: string, start: StartPost | null, limit: number, observer: string | null, now: number, inclusive: boolean,
): Promise<FeedEntry[]> {
  const cutoff = now - feedWindowSeconds;
  let upper = now;
  let keyset: { readonly at: number; readonly id: number } | null = null;
  if (start !== null) {
    const first = await db.get<{ at: number | null }>(
      `SELECT MIN(fc.created_at) AS at FROM feed_cache fc JOIN follows f ON f.following = fc.account
       WHERE f.follower = ? AND f.state = 1 AND fc.post_id = ?`,
      [account, start.id],
    );
    if (first?.at === null || first?.at === undefined) return [];
    upper = first.at;
    keyset = { at: first.at, id: start.id };
  }
  const muted = observer === null ? new Set<string>() : await mutedAccountsCached(db, await headCache(db), observer);
  let rows: { id: number }[] = [];
  for (const step of [...feedWindowSteps, feedWindowSeconds]) {
    const lower = Math.max(cutoff, upper - step);
    rows = await feedWindow(db, { account, observer, muted, cutoff, lower, upper, keyset, inclusive, limit });
    if (rows.length >= limit || lower === cutoff) break;
  }
  if (rows.length === 0) return [];
  const list = inList(rows.map((row) => row.id));
  const sources = await db.all<{ post_id: number; account: string }>(
    // The page's posts' few entries first, then whether the reader follows each (SQLite keeps CROSS JOIN's order).
    `SELECT fc.post_id, fc.account FROM feed_cache fc CROSS JOIN follows f
     WHERE fc.post_id IN (${list.sql}) AND fc.created_at > ? AND f.follower = ? AND f.following = fc.account AND f.state = 1
     ORDER BY ${bytewise(db.dialect, "fc.account")}`,
    [...list.params, cutoff, account],
  );
  const accounts = new Map<number, string[]>();
  for (const source of sources) {
    const names = accounts.get(source.post_id) ?? [];
    names.push(source.account);
    accounts.set(source.post_id, names);
  }
  return rows.map((row) => ({ id: row.id, accounts: accounts.get(row.id) ?? [] }));
}

/** Most muted accounts passed to a feed query as a list of values. */
const mutedListMax = 1024;

interface FeedWindow {
  readonly account: string;
  readonly observer: string | null;
  /** Accounts the observer muted. */
  readonly muted: ReadonlySet<string>;
  /** The month's start: entries at or before it are not in the feed. */
  readonly cutoff: number;
  /** The window (lower, upper] whose entries are read. */
  readonly lower: number;
  readonly upper: number;
  readonly keyset: { readonly at: number; readonly id: number } | null;
  readonly inclusive: boolean;
  readonly limit: number;
}

/**
 * A feed page from the entries in (lower, upper]. A post's place is its first entry since the cutoff, so
 * a post with an entry in the window but an earlier one before it (an old post reblogged lately) is
 * left out here: it belongs to a wider window. Entries after `upper` cannot change the first entry of a
 * post at or before the page's start, so they are not read.
 */
async function feedWindow(db: IndexDatabase, w: FeedWindow): Promise<{ id: number }[]> {
  // The observer's mutes as a list when short (most mute nobody), else as the query that finds them.
  const list = w.muted.size === 0 || w.muted.size > mutedListMax ? null : inList([...w.muted]);
  const mute = (column: string) => (w.muted.size === 0 ? "" : `AND ${list === null ? notMutedBy(column) : `${column} NOT IN (${list.sql})`}`);
  const muteParams = w.muted.size === 0 ? [] : list === null ? [w.observer, w.observer] : list.params;
  const having: string[] = [];
  const havingParams: SqlValue[] = [];
  if (w.keyset !== null) {
    having.push(`(MIN(fc.created_at) < ? OR (MIN(fc.created_at) = ? AND fc.post_id ${w.inclusive ? "<=" : "<"} ?))`);
    havingParams.push(w.keyset.at, w.keyset.at, w.keyset.id);
  }
  if (w.lower > w.cutoff) {
    // The post's own few entries first, then whether the reader follows each (SQLite keeps CROSS JOIN's order).
    having.push(`NOT EXISTS (SELECT 1 FROM feed_cache e CROSS JOIN follows g
      WHERE e.post_id = fc.post_id AND e.created_at > ? AND e.created_at <= ? AND g.follower = ? AND g.following = e.account AND g.state = 1 ${mute("e.account")})`);
    havingParams.push(w.cutoff, w.lower, w.account, ...muteParams);
  }
  return db.all<{ id: number }>(
    `SELECT fc.post_id AS id, MIN(fc.created_at) AS feed_at FROM follows f JOIN feed_cache fc ON fc.account = f.following
     WHERE f.follower = ? AND f.state = 1 AND fc.created_at > ? AND fc.created_at <= ? ${mute("fc.account")}
     GROUP BY fc.post_id ${having.length === 0 ? "" : `HAVING ${having.join(" AND ")}`}
     ORDER BY feed_at DESC, id DESC LIMIT ?`,
    [w.account, w.lower, w.upper, ...muteParams, ...havingParams, w.limit],
  );
}

/**
 * An account's blog: its `feed_cache` rows (own top-level posts and reblogs), newest first. Bridge leaves
 * out community posts the account did not reblog (Hive: own community posts show on the blog only when
 * reblogged).
 */
export async function blogPostIds(
  db: IndexDatabase, account: string, start: StartPost | null, limit: number, options: { readonly bridge: boolean; readonly inclusive: boolean },
): Promise<number[]> {
  const where = ["fc.account = ?"];
  const params: SqlValue[] = [account];
  if (start !== null) {
    where.push(`(fc.created_at, fc.post_id) ${options.inclusive ? "<=" : "<"} (SELECT s.created_at, s.post_id FROM feed_cache s WHERE s.account = ? AND s.post_id = ?)`);
    params.push(account, start.id);
  }
  if (options.bridge) {
    where.push(`NOT EXISTS (SELECT 1 FROM posts cp WHERE cp.id = fc.post_id AND cp.community IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM reblogs r WHERE r.account = ? AND r.post_id = cp.id))`);
    params.push(account);
  }
  const rows = await db.all<{ id: number }>(
    `SELECT fc.post_id AS id FROM feed_cache fc WHERE ${where.join(" AND ")} ORDER BY fc.created_at DESC, fc.post_id DESC LIMIT ?`,
    [...params, limit],
  );
  return rows.map((row) => row.id);
}

/** A blog entry by position: `entry_id` counts the account's feed_cache rows oldest first from 0. */
export interface BlogEntry {
  readonly entryId: number;
  readonly id: number;
  readonly createdAt: number;
}

/** Blog entries `first`..`last` (entry ids, inclusive), newest first (condenser get_blog). */
export async function blogEntriesByIndex(db: IndexDatabase, account: string, first: number, last: number): Promise<BlogEntry[]> {
  const rows = await db.all<{ id: number; created_at: number }>(
    "SELECT post_id AS id, created_at FROM feed_cache WHERE account = ? ORDER BY created_at, post_id LIMIT ? OFFSET ?",
    [account, last - first + 1, first],
  );
  return rows.map((row, n) => ({ entryId: first + n, id: row.id, createdAt: row.created_at })).reverse();
}

/** How many entries an account's blog holds. */
export async function blogSize(db: IndexDatabase, account: string): Promise<number> {
  const row = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM feed_cache WHERE account = ?", [account]);
  return row?.n ?? 0;
}

/** An author's own posts (depth 0) or comments (depth > 0), newest first. */
export async function authorPostIds(
  db: IndexDatabase, author: string, kind: "posts" | "comments", start: StartPost | null, limit: number, inclusive: boolean,
): Promise<number[]> {
  const where = ["author = ?", kind === "posts" ? "depth = 0" : "depth > 0"];
  const params: SqlValue[] = [author];
  if (start !== null) {
    where.push(`id ${inclusive ? "<=" : "<"} ?`);
    params.push(start.id);
  }
  const rows = await db.all<{ id: number }>(`SELECT id FROM posts WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT ?`, [...params, limit]);
  return rows.map((row) => row.id);
}

/** An author's top-level posts under a tag, or in a community when `community` is set, newest first (Hive's get_account_posts_by_tag). */
export async function authorTaggedPostIds(
  db: IndexDatabase, author: string, tag: { readonly community: boolean; readonly name: string }, start: StartPost | null, limit: number,
): Promise<number[]> {
  const where = ["p.author = ?", "p.depth = 0", tag.community ? "p.community = ?" : "EXISTS (SELECT 1 FROM post_tags t WHERE t.tag = ? AND t.post_id = p.id)"];
  const params: SqlValue[] = [author, tag.name];
  if (start !== null) {
    where.push("p.id < ?");
    params.push(start.id);
  }
  const rows = await db.all<{ id: number }>(`SELECT p.id FROM posts p WHERE ${where.join(" AND ")} ORDER BY p.id DESC LIMIT ?`, [...params, limit]);
  return rows.map((row) => row.id);
}

/** An author's pending posts and comments by pending payout. */
export async function authorPayoutPostIds(db: IndexDatabase, author: string, start: StartPost | null, limit: number): Promise<number[]> {
  const where = ["p.author = ?", "p.is_paidout = 0"];
  const params: SqlValue[] = [author];
  if (start !== null) {
    where.push("(p.pending_payout, p.id) < (SELECT s.pending_payout, s.id FROM posts s WHERE s.id = ?)");
    params.push(start.id);
  }
  const rows = await db.all<{ id: number }>(
    `SELECT p.id FROM posts p WHERE ${where.join(" AND ")} ORDER BY p.pending_payout DESC, p.id DESC LIMIT ?`,
    [...params, limit],
  );
  return rows.map((row) => row.id);
}

/** Replies to anything `parentAuthor` wrote, newest first; the observer's mutes drop repliers. */
export async function repliesToAuthorIds(
  db: IndexDatabase, parentAuthor: string, start: StartPost | null, limit: number, observer: string | null, inclusive: boolean,
): Promise<number[]> {
  const where = ["p.author = ?"];
  const params: SqlValue[] = [parentAuthor];
  if (start !== null) {
    where.push(`c.id ${inclusive ? "<=" : "<"} ?`);
    params.push(start.id);
  }
  if (observer !== null) {
    where.push(notMutedBy("c.author"));
    params.push(observer, observer);
  }
  const rows = await db.all<{ id: number }>(
    `SELECT c.id FROM posts p JOIN posts c ON c.parent_id = p.id WHERE ${where.join(" AND ")} ORDER BY c.id DESC LIMIT ?`,
    [...params, limit],
  );
  return rows.map((row) => row.id);
}

/** A thread's shape: which posts it holds, breadth first, and each post's children in order. */
export interface DiscussionTree {
  readonly ids: readonly number[];
  readonly children: ReadonlyMap<number, readonly number[]>;
}

/** Most posts one discussion returns, and how many levels (its top included) it follows (Steemit's caps). */
export const discussionPostsMax = 500;
export const discussionDepthMax = 50;

/**
 * The thread under post `topId`, breadth first within Steemit's caps, without the subtrees of authors in
 * `mutedAuthors` (Hive). Reads the thread's id/parent/author columns once by `root_id`: every descendant
 * was created after `topId`, so has a larger id.
 */
export async function discussionTree(db: IndexDatabase, topId: number, rootId: number, mutedAuthors: ReadonlySet<string>): Promise<DiscussionTree> {
  const rows = await db.all<{ id: number; parent_id: number | null; author: string }>(
    "SELECT id, parent_id, author FROM posts WHERE root_id = ? AND id >= ? ORDER BY id",
    [rootId, topId],
  );
  const childrenOf = new Map<number, number[]>();
  let top: { id: number; author: string } | undefined;
  for (const row of rows) {
    if (row.id === topId) top = row;
    if (row.parent_id === null || mutedAuthors.has(row.author)) continue;
    const siblings = childrenOf.get(row.parent_id) ?? [];
    siblings.push(row.id);
    childrenOf.set(row.parent_id, siblings);
  }
  const ids: number[] = [];
  const children = new Map<number, number[]>();
  if (top === undefined || mutedAuthors.has(top.author)) return { ids, children };
  let level = [topId];
  for (let depth = 0; level.length > 0 && depth < discussionDepthMax; depth++) {
    const room = discussionPostsMax - ids.length;
    const taken = level.slice(0, room);
    ids.push(...taken);
    const next: number[] = [];
    for (const id of taken) {
      const kids = childrenOf.get(id) ?? [];
      children.set(id, kids);
      next.push(...kids);
    }
    if (taken.length < level.length) break;
    level = next;
  }
  return { ids, children };
}
