/**
 * Which posts an account's lists and a thread show, in order: blogs (by keyset and by entry position), an author's posts, comments and pending payouts, replies to an author, and the shape of a
 * discussion. Keyset pages seek on the list's index; `inclusive` pages start at the start post itself
 * (steemd's and condenser_api's convention), otherwise after it (bridge, as Hive).
 */
import type { IndexDatabase, SqlValue } from "../../index/db/database.ts";
import type { StartPost } from "./post-params.ts";
import { notMutedBy } from "./post-sql.ts";

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
