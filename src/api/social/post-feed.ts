/**
 * An account's feed: posts and reblogs by the accounts it follows from the last month (hivemind), each
 * once, newest first by when it first entered the feed, with the accounts that brought it.
 *
 * Any page is read by windows back from its upper end (`feedWindowSteps`). The first page, which is what
 * readers open, is also kept across head blocks and brought up to date at each new head rather than read
 * again, as ranked lists are (post-ranked.ts): its posts and the posts changed since — every new post,
 * reblog and undone reblog marks its post (`changed_block`) — are read again by id with the feed's rule,
 * which is exact down to the page's last post. It is read afresh when the account's follows or the
 * observer's mutes moved (their `follows_block`), when fewer than a page remain, or when the month's start
 * has passed the entries it was read with (a post whose first entry leaves the month moves to its next
 * one, so the posts with entries about to leave are read again with the page, for `agingSeconds`).
 */
import type { IndexDatabase, SqlRow, SqlValue } from "../../index/db/database.ts";
import { cached, type HeadCache, headCache, KeptAcrossHeads } from "./head-cache.ts";
import { type ObserverFollows, observerFollows } from "./observer-follows.ts";
import { byName } from "./post-load.ts";
import type { StartPost } from "./post-params.ts";
import { changedPostIds } from "./post-ranked.ts";
import { chunks, inList, notMutedBy } from "./post-sql.ts";

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
 * Reads each followed account's `feed_cache` rows by (account, created_at) over a window back from the
 * page's upper end (see `feedWindowSteps`), leaving out posts that entered the feed before the window;
 * the observer's mutes drop entries. The first page at the head's own time comes from `keptFirstPage`.
 */
export async function feedEntries(
  db: IndexDatabase, account: string, start: StartPost | null, limit: number, observer: string | null, now: number, inclusive: boolean,
): Promise<FeedEntry[]> {
  const cache = await headCache(db);
  const follows = observer === null ? null : await observerFollows(db, cache, observer);
  if (start === null && now === cache.blockTime) {
    const key = JSON.stringify([account, observer, limit]);
    const page = await cached(cache, "feed", key, () => keptFirstPage(db, cache, key, { account, follows, limit }), (rows) => 64 + rows.length * 64);
    return page.map((row) => ({ id: row.id, accounts: row.accounts }));
  }
  return (await readPage(db, { account, follows, limit }, start, now, inclusive)).map((row) => ({ id: row.id, accounts: row.accounts }));
}

interface FeedRequest {
  readonly account: string;
  /** The observer's follows (their mutes), null without an observer. */
  readonly follows: ObserverFollows | null;
  readonly limit: number;
}

/** A feed entry with its place: the time of its first entry in the month. */
interface FeedRow extends FeedEntry {
  readonly at: number;
}

async function readPage(db: IndexDatabase, request: FeedRequest, start: StartPost | null, now: number, inclusive: boolean): Promise<FeedRow[]> {
  const { account, follows, limit } = request;
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
  const observer = follows?.observer ?? null;
  const muted = follows?.muted ?? new Set<string>();
  let rows: { id: number; feed_at: number }[] = [];
  for (const step of [...feedWindowSteps, feedWindowSeconds]) {
    const lower = Math.max(cutoff, upper - step);
    rows = await feedWindow(db, { account, observer, muted, cutoff, lower, upper, keyset, inclusive, limit });
    if (rows.length >= limit || lower === cutoff) break;
  }
  if (rows.length === 0) return [];
  const sources = new Map<number, string[]>();
  for (const entry of await followedEntries(db, account, rows.map((row) => row.id), cutoff)) {
    const names = sources.get(entry.post_id) ?? [];
    names.push(entry.account);
    sources.set(entry.post_id, names);
  }
  return rows.map((row) => ({ id: row.id, at: row.feed_at, accounts: sources.get(row.id) ?? [] }));
}

interface FeedCacheRow extends SqlRow {
  post_id: number;
  account: string;
  created_at: number;
}

/** The month's entries of these posts by accounts `account` follows, by account name (bytewise). */
async function followedEntries(db: IndexDatabase, account: string, ids: readonly number[], cutoff: number): Promise<FeedCacheRow[]> {
  const rows: FeedCacheRow[] = [];
  for (const chunk of chunks(ids)) {
    const list = inList(chunk);
    rows.push(...(await db.all<FeedCacheRow>(
      // The posts' few entries first, then whether the reader follows each (SQLite keeps CROSS JOIN's order).
      `SELECT fc.post_id, fc.account, fc.created_at FROM feed_cache fc CROSS JOIN follows f
       WHERE fc.post_id IN (${list.sql}) AND fc.created_at > ? AND f.follower = ? AND f.following = fc.account AND f.state = 1`,
      [...list.params, cutoff, account],
    )));
  }
  return rows.sort((a, b) => byName(a.account, b.account));
}

/** A first page as last read, exact at head block `head`. */
interface KeptFeed {
  readonly head: number;
  /** The observer's follows it was read with (the same object while their mutes stay as they were). */
  readonly follows: ObserverFollows | null;
  /** The account's follows mark when read (when the observer is not the account itself). */
  readonly accountMark: number;
  readonly rows: readonly FeedRow[];
  /** The feed went on past `rows`. */
  readonly full: boolean;
  /** Posts with an entry by a followed account that leaves the month before head time `until`. */
  readonly aging: readonly number[];
  readonly until: number;
}

/** How long a first page's posts about to leave the month are covered: past it the page is read again. */
const agingSeconds = 3600;

/** First pages kept per index across head blocks; past this many the least recently read go. */
const keptFeeds = new KeptAcrossHeads<KeptFeed>(8192);

async function keptFirstPage(db: IndexDatabase, cache: HeadCache, key: string, request: FeedRequest): Promise<readonly FeedRow[]> {
  const kept = keptFeeds.get(db, key);
  // The account's own follows: the observer's kept follows cover them when the observer is the account.
  const accountMark = request.follows?.observer === request.account ? 0 : await followsMark(db, request.account);
  let next: KeptFeed | null = null;
  if (kept !== undefined && kept.head === cache.blockNum) next = kept;
  else if (kept !== undefined && kept.head < cache.blockNum && kept.follows === request.follows && kept.accountMark === accountMark && cache.blockTime <= kept.until) {
    next = await updatedPage(db, cache, request, kept);
  }
  if (next === null) next = await freshPage(db, cache, request, accountMark);
  keptFeeds.keep(db, key, next);
  return next.rows;
}

async function followsMark(db: IndexDatabase, account: string): Promise<number> {
  return (await db.get<{ mark: number | null }>("SELECT follows_block AS mark FROM accounts WHERE name = ?", [account]))?.mark ?? 0;
}

async function freshPage(db: IndexDatabase, cache: HeadCache, request: FeedRequest, accountMark: number): Promise<KeptFeed> {
  const now = cache.blockTime;
  const rows = await readPage(db, request, null, now, false);
  const full = rows.length >= request.limit;
  const cutoff = now - feedWindowSeconds;
  // A page shorter than the limit holds every post of the month: none can move into it.
  const aging = !full ? [] : (await db.all<{ id: number }>(
    `SELECT DISTINCT fc.post_id AS id FROM follows f JOIN feed_cache fc ON fc.account = f.following
     WHERE f.follower = ? AND f.state = 1 AND fc.created_at > ? AND fc.created_at <= ?`,
    [request.account, cutoff, cutoff + agingSeconds],
  )).map((row) => row.id);
  return { head: cache.blockNum, follows: request.follows, accountMark, rows, full, aging, until: now + agingSeconds };
}

/**
 * The kept page at the cache's head: its posts, the posts changed since and those about to leave the
 * month, ranked by the feed's rule; null when fewer than a page remain above the kept page's last post.
 */
async function updatedPage(db: IndexDatabase, cache: HeadCache, request: FeedRequest, kept: KeptFeed): Promise<KeptFeed | null> {
  const changed = await changedPostIds(db, cache, kept.head);
  if (changed === null) return null;
  const ids = [...new Set([...kept.rows.map((row) => row.id), ...changed, ...kept.aging])];
  const muted = request.follows?.muted ?? new Set<string>();
  const byPost = new Map<number, { at: number; accounts: string[] }>();
  for (const entry of ids.length === 0 ? [] : await followedEntries(db, request.account, ids, cache.blockTime - feedWindowSeconds)) {
    let post = byPost.get(entry.post_id);
    if (post === undefined) byPost.set(entry.post_id, (post = { at: Number.POSITIVE_INFINITY, accounts: [] }));
    post.accounts.push(entry.account);
    if (!muted.has(entry.account)) post.at = Math.min(post.at, entry.created_at);
  }
  let rows: FeedRow[] = [...byPost].filter(([, post]) => post.at !== Number.POSITIVE_INFINITY).map(([id, post]) => ({ id, at: post.at, accounts: post.accounts }));
  rows.sort((a, b) => b.at - a.at || b.id - a.id);
  if (kept.full) {
    const last = kept.rows[kept.rows.length - 1];
    rows = rows.filter((row) => row.at > last.at || (row.at === last.at && row.id >= last.id));
    if (rows.length < request.limit) return null;
  }
  return { ...kept, head: cache.blockNum, rows: rows.slice(0, request.limit), full: kept.full || rows.length >= request.limit };
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
async function feedWindow(db: IndexDatabase, w: FeedWindow): Promise<{ id: number; feed_at: number }[]> {
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
  return db.all<{ id: number; feed_at: number }>(
    `SELECT fc.post_id AS id, MIN(fc.created_at) AS feed_at FROM follows f JOIN feed_cache fc ON fc.account = f.following
     WHERE f.follower = ? AND f.state = 1 AND fc.created_at > ? AND fc.created_at <= ? ${mute("fc.account")}
     GROUP BY fc.post_id ${having.length === 0 ? "" : `HAVING ${having.join(" AND ")}`}
     ORDER BY feed_at DESC, id DESC LIMIT ?`,
    [w.account, w.lower, w.upper, ...muteParams, ...havingParams, w.limit],
  );
}

