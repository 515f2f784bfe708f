/**
 * Which posts a ranked list shows, in order: bridge.get_ranked_posts' and condenser's
 * get_discussions_by_* lists, a community's pinned posts, and trending tags. Lists seek by keyset (the
 * sort value, then the id, both descending) on an index of src/index/schema.ts, so page N costs what
 * page 1 costs. `inclusive` pages start at the start post itself (steemd's and condenser_api's
 * convention); otherwise they start after it (bridge, as Hive).
 */
import type { IndexDatabase, SqlRow, SqlValue } from "../../index/db/database.ts";
import { isCommunityName, mutedReasonsEnum, roles } from "../../index/rules/communities.ts";
import { grayReputationMax } from "../../index/rules/reputation-display.ts";
import { invalidParams } from "../rpc/rpc-error.ts";
import { cached, type HeadCache, headCache, KeptAcrossHeads } from "./head-cache.ts";
import { mutedAccountsCached } from "./observer-follows.ts";
import type { StartPost } from "./post-params.ts";
import { bytewise, grayAuthor, indexHeadTime, inList, notGrayAuthor, notMutedBy } from "./post-sql.ts";

/**
 * What a ranked list's tag selects: "" and "all" everything, "my" the observer's subscribed communities,
 * the name of a registered community that community, anything else a tag (Steemit: a community name that
 * is not registered is an ordinary tag). Null when "my" names no community.
 */
export async function rankedScope(db: IndexDatabase, tag: string, observer: string | null, allowMy: boolean): Promise<RankedScope | null> {
  if (tag === "" || (allowMy && tag === "all")) return { kind: "all" };
  if (allowMy && tag === "my") {
    if (observer === null) throw invalidParams("observer is required when tag is my");
    const rows = await db.all<{ name: string }>(
      "SELECT c.name FROM subscriptions s JOIN communities c ON c.id = s.community_id WHERE s.account = ?",
      [observer],
    );
    return rows.length === 0 ? null : { kind: "communities", names: rows.map((row) => row.name) };
  }
  if (isCommunityName(tag) && (await db.get("SELECT id FROM communities WHERE name = ?", [tag])) !== undefined) {
    return { kind: "communities", names: [tag] };
  }
  return { kind: "tag", tag };
}

/** Trending tags per index, for the current minute of index time: key "start_tag/limit". */
const trendingTagsCache = new WeakMap<IndexDatabase, { minute: number; lists: Map<string, readonly Record<string, unknown>[]> }>();
const trendingTagsCacheSize = 256;

/**
 * Categories of pending content by total pending payout (Steemit), from `start_tag` on (inclusive, as
 * steemd's); ties by name. The totals aggregate every pending post, so a list is computed at most once
 * per minute of index time (Steemit caches it for five).
 */
export async function trendingTags(db: IndexDatabase, startTag: string, limit: number): Promise<readonly Record<string, unknown>[]> {
  const minute = Math.floor((await indexHeadTime(db)) / 60);
  let cache = trendingTagsCache.get(db);
  if (cache === undefined || cache.minute !== minute) trendingTagsCache.set(db, (cache = { minute, lists: new Map() }));
  const key = `${startTag}/${limit}`;
  const cached = cache.lists.get(key);
  if (cached !== undefined) return cached;
  const list = await computeTrendingTags(db, startTag, limit);
  if (cache.lists.size >= trendingTagsCacheSize) cache.lists.clear();
  cache.lists.set(key, list);
  return list;
}

/** Sums are compared in whole thousandths, so a tag's total is the same number however it was summed. */
async function computeTrendingTags(db: IndexDatabase, startTag: string, limit: number): Promise<Record<string, unknown>[]> {
  const total = "CAST(ROUND(SUM(pending_payout) * 1000) AS BIGINT)";
  const name = bytewise(db.dialect, "category");
  const params: (string | number)[] = [];
  let having = "";
  if (startTag !== "") {
    const startTotal = `(SELECT ${total} FROM posts WHERE is_paidout = 0 AND category = ?)`;
    having = `HAVING ${total} < ${startTotal} OR (${total} = ${startTotal} AND ${name} >= ?)`;
    params.push(startTag, startTag, startTag);
  }
  const rows = await db.all<{ name: string; total_posts: number; top_posts: number; total: number | bigint }>(
    `SELECT category AS name, COUNT(*) AS total_posts, SUM(CASE WHEN depth = 0 THEN 1 ELSE 0 END) AS top_posts, ${total} AS total
     FROM posts WHERE is_paidout = 0 GROUP BY category ${having} ORDER BY total DESC, ${name} LIMIT ?`,
    [...params, limit],
  );
  return rows.map((row) => ({
    name: row.name, comments: row.total_posts - row.top_posts, top_posts: row.top_posts, total_payouts: `${(Number(row.total) / 1000).toFixed(3)} SBD`,
  }));
}

export const rankedSorts = ["trending", "hot", "created", "promoted", "payout", "payout_comments", "muted"] as const;
export type RankedSort = (typeof rankedSorts)[number];

/** Where a ranked list draws from: everything, one tag, or some communities. */
export type RankedScope =
  | { readonly kind: "all" }
  | { readonly kind: "tag"; readonly tag: string }
  | { readonly kind: "communities"; readonly names: readonly string[] };

export interface RankedQuery {
  readonly sort: RankedSort;
  readonly scope: RankedScope;
  readonly start: StartPost | null;
  readonly limit: number;
  readonly observer: string | null;
  /** The index's head block time (unix seconds): the payout window is measured from it. */
  readonly now: number;
  /** bridge: `payout` is any pending content paying out 12–36 h from now; condenser: pending top-level posts. */
  readonly flavor: "bridge" | "condenser";
  readonly inclusive: boolean;
  /** Leave pinned posts out (bridge lists them first on a community's trending and created pages). */
  readonly excludePinned: boolean;
  /** Hive's `muted_reasons_filter` as a mask: leave out posts muted for any of these reasons (0: none). */
  readonly mutedReasonsFilter: number;
}

/**
 * Conditions leaving out posts shown with any muted reason in `mask` (Hive's `muted_reasons_filter`):
 * the reasons stored on the post, plus the two derived when reading — the author gray, the author's role
 * in the community muted.
 */
function mutedReasonsConditions(mask: number): Statement {
  if (mask === 0) return { sql: "", params: [] };
  const parts = ["(p.muted_reasons & ?) = 0"];
  const params: SqlValue[] = [mask];
  if (mask & (1 << mutedReasonsEnum.MUTED_REPUTATION)) {
    parts.push("COALESCE((SELECT ra.reputation FROM accounts ra WHERE ra.name = p.author), 0) > ?");
    params.push(grayReputationMax);
  }
  if (mask & (1 << mutedReasonsEnum.MUTED_ROLE_COMMUNITY)) {
    parts.push(`NOT EXISTS (SELECT 1 FROM community_roles rr JOIN communities rc ON rc.id = rr.community_id
      WHERE rc.name = p.community AND rr.account = p.author AND rr.role = ?)`);
    params.push(roles.muted);
  }
  return { sql: parts.join(" AND "), params };
}

interface SortSpec {
  /** The column the list is ordered by (then id); "id" for created. */
  readonly column: string;
  readonly conditions: readonly string[];
  readonly params: readonly SqlValue[];
  readonly gray: "exclude" | "only" | "any";
}

const hour = 3600;

/**
 * What each sort selects (reference/social-layer.md §3.2). Pending lists order by `pending_payout`,
 * which for unpaid posts is hivemind's `payout + pending_payout`. `created` leaves gray authors out and
 * `muted` shows only them (Hive); the observer's mutes apply to every sort but `muted`.
 */
function sortSpec(query: RankedQuery): SortSpec {
  const pending = "p.is_paidout = 0";
  switch (query.sort) {
    case "trending":
      return { column: "sc_trend", conditions: [pending, "p.depth = 0"], params: [], gray: "any" };
    case "hot":
      return { column: "sc_hot", conditions: [pending, "p.depth = 0"], params: [], gray: "any" };
    case "created":
      return { column: "id", conditions: ["p.depth = 0"], params: [], gray: "exclude" };
    case "promoted":
      return { column: "promoted", conditions: [pending, "p.depth = 0", "p.promoted > 0"], params: [], gray: "any" };
    case "payout":
      return query.flavor === "bridge"
        ? { column: "pending_payout", conditions: [pending, "p.payout_at BETWEEN ? AND ?"], params: [query.now + 12 * hour, query.now + 36 * hour], gray: "any" }
        : { column: "pending_payout", conditions: [pending, "p.depth = 0"], params: [], gray: "any" };
    case "payout_comments":
      // `+depth` keeps SQLite on posts_pending_payout (stopping after `limit` rows) rather than sorting every pending comment.
      return { column: "pending_payout", conditions: [pending, "+p.depth > 0"], params: [], gray: "any" };
    case "muted":
      return { column: "pending_payout", conditions: [pending, "p.pending_payout > 0"], params: [], gray: "only" };
  }
}

interface Statement {
  readonly sql: string;
  readonly params: SqlValue[];
}

/** Tags on fewer posts than this are read from `post_tags` and sorted; commoner ones by walking the list's own index. */
const rareTagPosts = 1000;
/** The same for lists of pending top-level posts, counting only posts from `pendingRootFloor` on. */
const rareTagPendingPosts = 600;

/**
 * Where a tag's rows in `post_tags` are worth reading from when the tag is rare for this list (its posts
 * are then read and sorted), or null when the list's own index is walked instead. Lists of pending
 * top-level posts read only the ids from `pendingRootFloor` on (a week of a month's posts).
 */
async function rareTagFloor(db: IndexDatabase, query: RankedQuery, tag: string): Promise<number | null> {
  const pendingRoots = query.sort === "trending" || query.sort === "hot" || query.sort === "promoted";
  const floor = pendingRoots ? await pendingRootFloor(db, query.now) : 0;
  const limit = pendingRoots ? rareTagPendingPosts : rareTagPosts;
  const row = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM (SELECT 1 FROM post_tags WHERE tag = ? AND post_id >= ? LIMIT ?) t", [tag, floor, limit]);
  return (row?.n ?? 0) < limit ? floor : null;
}

/** How long (in index time) a floor of pending post ids is used before it is read again. */
const pendingFloorSeconds = 600;
const pendingFloors = new WeakMap<IndexDatabase, { floor: number; at: number }>();

/**
 * A lower bound of the ids of pending top-level posts. A paid-out post never pends again and new posts
 * take higher ids, so a bound read once stays one: it is read again every ten minutes of index time only
 * to stay tight. (The condition on `depth + 0` keeps SQLite on posts_trending, which holds the pending
 * roots together, rather than walking every root by id.)
 */
async function pendingRootFloor(db: IndexDatabase, now: number): Promise<number> {
  const kept = pendingFloors.get(db);
  if (kept !== undefined && now >= kept.at && now - kept.at < pendingFloorSeconds) return kept.floor;
  const row = await db.get<{ floor: number | null }>("SELECT MIN(id) AS floor FROM posts WHERE is_paidout = 0 AND depth + 0 = 0");
  const floor = Math.max(row?.floor ?? 0, kept?.floor ?? 0);
  pendingFloors.set(db, { floor, at: now });
  return floor;
}

/**
 * One source's ranked ids and sort values, ordered and limited (community: null = not restricted). A
 * rare tag's posts are found through `post_tags` first, from post id `rareTag` on (SQLite takes CROSS
 * JOIN's order as given); a common tag's (`rareTag` null) by walking the sort's index, where matches come soon.
 */
function rankedStatement(query: RankedQuery, spec: SortSpec, community: string | null, rareTag: number | null, onlyIds: readonly number[] | null = null): Statement {
  // Given ids, the posts are read by id: a unary `+` keeps SQLite off the sort's index, which it would walk
  // over every pending post looking for them (20 ms for a tag's list on a full-size index, bench:web).
  const byId = (condition: string) => (onlyIds !== null && condition.startsWith("p.") ? `+${condition}` : condition);
  const where = spec.conditions.map(byId);
  const params: SqlValue[] = [...spec.params];
  if (onlyIds !== null) {
    const list = inList(onlyIds);
    where.push(`p.id IN (${list.sql})`);
    params.push(...list.params);
  }
  let from = "posts p";
  const joins: string[] = [];
  if (spec.gray !== "any") {
    joins.push("LEFT JOIN accounts a ON a.name = p.author");
    where.push(spec.gray === "exclude" ? notGrayAuthor : grayAuthor);
    params.push(grayReputationMax);
  }
  if (community !== null) {
    where.push(byId("p.community = ?"));
    params.push(community);
  } else if (query.scope.kind === "tag") {
    const tag = query.scope.tag;
    // Payout lists match the category only, as steemd's tags plugin did (Steemit); the others any tag.
    if (query.sort === "payout" || query.sort === "payout_comments") {
      // A root's category is its first tag, and its comments share it: a rare one is reached through its roots.
      if (rareTag !== null) {
        from = "post_tags t CROSS JOIN posts p";
        where.push("p.root_id = t.post_id", "t.tag = ?");
        params.push(tag);
      }
      where.push("p.category = ?");
      params.push(tag);
    } else {
      if (rareTag !== null) from = "post_tags t CROSS JOIN posts p";
      else joins.push("JOIN post_tags t ON t.post_id = p.id");
      where.push("t.post_id = p.id", "t.tag = ?");
      params.push(tag);
      if (rareTag !== null && rareTag > 0) {
        where.push("t.post_id >= ?");
        params.push(rareTag);
      }
    }
  }
  if (query.excludePinned) where.push("p.is_pinned = 0");
  if (query.start !== null) {
    const op = query.inclusive ? "<=" : "<";
    if (spec.column === "id") {
      where.push(`p.id ${op} ?`);
      params.push(query.start.id);
    } else {
      where.push(`(p.${spec.column}, p.id) ${op} (SELECT s.${spec.column}, s.id FROM posts s WHERE s.id = ?)`);
      params.push(query.start.id);
    }
  }
  if (query.observer !== null && query.sort !== "muted") {
    where.push(notMutedBy("p.author"));
    params.push(query.observer, query.observer);
  }
  const reasons = mutedReasonsConditions(query.mutedReasonsFilter);
  if (reasons.sql !== "") {
    where.push(reasons.sql);
    params.push(...reasons.params);
  }
  const rank = spec.column === "id" ? "p.id" : `p.${spec.column}`;
  params.push(query.limit);
  return {
    sql: `SELECT p.id AS id, p.author AS author, ${rank} AS rank_value FROM ${from} ${joins.join(" ")} WHERE ${where.join(" AND ")}
          ORDER BY ${rank} DESC, p.id DESC LIMIT ?`,
    params,
  };
}

/** Communities merged per statement for `tag=my` (each is its own ordered, limited index scan). */
const communitiesPerStatement = 32;

/**
 * Extra posts the shared list of a ranked page holds, so that an observer who muted a few of its authors
 * still finds a full page in it.
 */
const rankedOverfetch = 20;

/**
 * The ids of a ranked list (bridge.get_ranked_posts, condenser get_discussions_by_*). The observer only
 * leaves out authors they muted, so everybody's list — with `rankedOverfetch` more posts — is kept and
 * filtered per observer; only when the mutes leave less than a page of it is the observer's list read
 * from the index. Everybody's list is brought up to each new head block once (see `currentList`).
 */
export async function rankedPostIds(db: IndexDatabase, query: RankedQuery): Promise<number[]> {
  const cache = await headCache(db);
  const muted = query.observer !== null && query.sort !== "muted" ? await mutedAccountsCached(db, cache, query.observer) : new Set<string>();
  const common = { ...query, observer: null, limit: query.limit + rankedOverfetch };
  if (common.start !== null) {
    const page = await pageOfFirstList(db, cache, common, muted, query.limit);
    if (page !== null) return page;
  }
  const key = listKey(common);
  const rows = await cached(cache, "ranked", key, () => currentList(db, cache, common, key), keptListSize);
  return observerPage(rows, common.limit, muted, query.limit, () => computeRankedPosts(db, query));
}

/**
 * A next page (`common`, with a start post) taken from everybody's first page of the same list, when that
 * holds the start post and a full page after it for the observer: every first page is kept with
 * `rankedOverfetch` more posts than asked for, exact down to its last, so a reader's second page — the one
 * most often asked for after the first — needs no read of its own. Null when the first page does not
 * reach that far (the list is read from the start post, as any later page).
 */
async function pageOfFirstList(db: IndexDatabase, cache: HeadCache, common: RankedQuery, muted: ReadonlySet<string>, limit: number): Promise<number[] | null> {
  const first = { ...common, start: null };
  if (!isUpdatable(first)) return null;
  const key = listKey(first);
  const rows = await cached(cache, "ranked", key, () => currentList(db, cache, first, key), keptListSize);
  const at = rows.findIndex((row) => row.id === common.start!.id);
  if (at < 0) return null;
  const after = rows.slice(common.inclusive ? at : at + 1);
  const shown = muted.size === 0 ? after : after.filter((row) => !muted.has(row.author));
  // A first page shorter than asked for is the whole list: what follows the start post is all there is.
  if (shown.length >= limit || rows.length < first.limit) return shown.slice(0, limit).map((row) => row.id);
  return null;
}

/** What a kept list costs the head cache, roughly. */
const keptListSize = (list: readonly unknown[]) => 64 + list.length * 48;

/**
 * The observer's page of everybody's list (`rows`, read with limit `fetched`): the posts of authors they
 * did not mute; their own list (`readOwn`) only when their mutes leave less than a page of a full list.
 */
async function observerPage(
  rows: readonly { id: number; author: string }[], fetched: number, muted: ReadonlySet<string>, limit: number, readOwn: () => Promise<readonly { id: number }[]>,
): Promise<number[]> {
  const kept = muted.size === 0 ? rows : rows.filter((row) => !muted.has(row.author));
  if (kept.length >= limit || rows.length < fetched) return kept.slice(0, limit).map((row) => row.id);
  return (await readOwn()).map((row) => row.id);
}

/** A list as last read: its first posts (all of them when not `full`), exact at head block `head`. */
interface KeptList {
  readonly head: number;
  readonly rows: readonly RankedRow[];
  /** The list went on past `rows` (they were cut at the query's limit). */
  readonly full: boolean;
}

/** Lists kept per index across head blocks; past this many the least recently read go. */
const keptLists = new KeptAcrossHeads<KeptList>(4096);

/** Changed posts past which a list is read again rather than brought up to date. */
const changedPostsMax = 2000;

/**
 * Lists that can be brought up to date from the posts that changed: the first page of a sort on values
 * stored in the post's own row (scores, payouts, promotion, id), whose conditions read only that row, its
 * tags and its community, and whether its author is gray (`created` and `muted` leave out or keep only
 * gray authors: such a list is read again after a block where some author crossed the gray line) — not
 * the head time (bridge's `payout` window), not roles (muted reasons).
 */
function isUpdatable(query: RankedQuery): boolean {
  if (query.start !== null || query.mutedReasonsFilter !== 0) return false;
  if (query.scope.kind === "communities" && query.scope.names.length !== 1) return false;
  switch (query.sort) {
    case "trending":
    case "hot":
    case "created":
    case "promoted":
    case "payout_comments":
    case "muted":
      return true;
    case "payout":
      return query.flavor === "condenser";
    default:
      return false;
  }
}

function listKey(query: RankedQuery): string {
  // An updatable list does not depend on the head time: one key across blocks.
  return JSON.stringify(isUpdatable(query) ? { ...query, now: 0 } : query);
}

/**
 * Everybody's list at the cache's head (`key`: its `listKey`). An updatable list kept from an earlier head is brought up to
 * date rather than read again: every change to a post sets its `changed_block`, so the posts of the list
 * and those changed since are read again with the list's own conditions (one statement, by id). Any
 * other post is as it was, below the list's last, so the result is exact down to that last post; when
 * fewer than a page remain above it, or too many posts changed, the list is read from its index.
 */
async function currentList(db: IndexDatabase, cache: HeadCache, query: RankedQuery, key: string): Promise<RankedRow[]> {
  if (!isUpdatable(query)) return computeRankedPosts(db, query);
  const kept = keptLists.get(db, key);
  let next: KeptList | null = null;
  if (kept !== undefined && kept.head === cache.blockNum) next = kept;
  else if (kept !== undefined && kept.head < cache.blockNum) next = await updatedList(db, cache, query, kept);
  if (next === null) {
    const rows = await computeRankedPosts(db, query);
    next = { head: cache.blockNum, rows, full: rows.length >= query.limit };
  }
  keptLists.keep(db, key, next);
  return [...next.rows];
}

async function updatedList(db: IndexDatabase, cache: HeadCache, query: RankedQuery, kept: KeptList): Promise<KeptList | null> {
  const spec = sortSpec(query);
  if (spec.gray !== "any" && cache.grayBlock > kept.head) return null;
  const changed = await changedPostIds(db, cache, kept.head);
  if (changed === null) return null;
  const ids = [...new Set([...kept.rows.map((row) => row.id), ...changed])];
  const community = query.scope.kind === "communities" ? query.scope.names[0] : null;
  const statement = rankedStatement({ ...query, limit: ids.length }, spec, community, null, ids);
  let rows = ids.length === 0 ? [] : await db.all<RankedRow>(statement.sql, statement.params);
  if (kept.full) {
    const last = kept.rows[kept.rows.length - 1];
    rows = rows.filter((row) => row.rank_value > last.rank_value || (row.rank_value === last.rank_value && row.id >= last.id));
    if (rows.length < query.limit) return null;
  }
  return { head: cache.blockNum, rows: rows.slice(0, query.limit), full: kept.full || rows.length >= query.limit };
}

/** The posts changed in the blocks after `since` up to the head (null past `changedPostsMax`), read once per head. */
export function changedPostIds(db: IndexDatabase, cache: HeadCache, since: number): Promise<readonly number[] | null> {
  return cached(
    cache, "changed", String(since),
    async () => {
      const rows = await db.all<{ id: number }>("SELECT id FROM posts WHERE changed_block > ? AND changed_block <= ? LIMIT ?", [since, cache.blockNum, changedPostsMax + 1]);
      return rows.length > changedPostsMax ? null : rows.map((row) => row.id);
    },
    (ids) => 64 + (ids?.length ?? 0) * 8,
  );
}

interface RankedRow extends SqlRow {
  readonly id: number;
  readonly author: string;
  readonly rank_value: number;
}

/** A list's ids read from the index alone, with nothing kept: what every kept list must equal. */
export async function rankedPostIdsFromIndex(db: IndexDatabase, query: RankedQuery): Promise<number[]> {
  return (await computeRankedPosts(db, query)).map((row) => row.id);
}

async function computeRankedPosts(db: IndexDatabase, query: RankedQuery): Promise<RankedRow[]> {
  const spec = sortSpec(query);
  if (query.scope.kind !== "communities") {
    const rareTag = query.scope.kind === "tag" ? await rareTagFloor(db, query, query.scope.tag) : null;
    const statement = rankedStatement(query, spec, null, rareTag);
    return db.all<RankedRow>(statement.sql, statement.params);
  }
  // Several communities (tag=my): each community's top `limit` from its own index, merged. This is the
  // query users report timing out on hivemind, which sorts all of the communities' posts instead.
  const rows: RankedRow[] = [];
  const names = query.scope.names;
  for (let i = 0; i < names.length; i += communitiesPerStatement) {
    const parts = names.slice(i, i + communitiesPerStatement).map((name) => rankedStatement(query, spec, name, null));
    const sql = `${parts.map((part, n) => `SELECT id, author, rank_value FROM (${part.sql}) s${n}`).join(" UNION ALL ")} ORDER BY rank_value DESC, id DESC LIMIT ?`;
    rows.push(...(await db.all<RankedRow>(sql, [...parts.flatMap((part) => part.params), query.limit])));
  }
  rows.sort((a, b) => b.rank_value - a.rank_value || b.id - a.id);
  return rows.slice(0, query.limit);
}

/**
 * A community's pinned posts, newest first, those older than `beforeId` when paging through them. As
 * ranked lists, everybody's list is computed once per head block and filtered by the observer's mutes;
 * only when they leave it short is the observer's list read.
 */
export async function pinnedPostIds(
  db: IndexDatabase, community: string, beforeId: number | null, limit: number, observer: string | null, mutedReasonsFilter: number,
): Promise<readonly number[]> {
  const cache = await headCache(db);
  const key = JSON.stringify([community, beforeId, limit, mutedReasonsFilter]);
  const rows = await cached(cache, "pinned", key, () => computePinnedPostIds(db, community, beforeId, limit, null, mutedReasonsFilter), (list) => 64 + list.length * 48);
  const muted = observer === null ? new Set<string>() : await mutedAccountsCached(db, cache, observer);
  return observerPage(rows, limit, muted, limit, () => computePinnedPostIds(db, community, beforeId, limit, observer, mutedReasonsFilter));
}

async function computePinnedPostIds(
  db: IndexDatabase, community: string, beforeId: number | null, limit: number, observer: string | null, mutedReasonsFilter: number,
): Promise<{ id: number; author: string }[]> {
  const where = ["p.community = ?", "p.is_pinned = 1"];
  const params: SqlValue[] = [community];
  if (beforeId !== null) {
    where.push("p.id < ?");
    params.push(beforeId);
  }
  if (observer !== null) {
    where.push(notMutedBy("p.author"));
    params.push(observer, observer);
  }
  const reasons = mutedReasonsConditions(mutedReasonsFilter);
  if (reasons.sql !== "") {
    where.push(reasons.sql);
    params.push(...reasons.params);
  }
  return db.all<{ id: number; author: string }>(`SELECT p.id, p.author FROM posts p WHERE ${where.join(" AND ")} ORDER BY p.id DESC LIMIT ?`, [...params, limit]);
}
