/**
 * Communities as the bridge methods read them: lookups, the pending-payout stats and rank, an account's
 * role, title and subscription, the team and admins.
 *
 * Stats and rank are computed when read, from the pending (not paid out) posts and comments of each
 * community: `sum_pending` is their pending payout rounded to whole dollars, `num_pending` their count,
 * `num_authors` their distinct authors. Rank orders communities by those three, then subscribers, titled
 * before untitled, newer first — hivemind's `update_communities_posts_data_and_rank` (Hive; Steemit's
 * `recalc_pending_payouts` without the last tie-break), which hivemind runs periodically: the ranking
 * and the payout stats, aggregates over every pending post, are computed once per block of the index (the
 * ranking's from a running tally of the pending community posts: see `pendingTally`).
 */
import type { IndexDatabase, SqlRunner, SqlValue } from "../../index/db/database.ts";
import { isCommunityName, type RoleId, roleNames, roles } from "../../index/rules/communities.ts";
import { formatTime } from "../format/json-time.ts";
import { invalidParams, type RpcError } from "../rpc/rpc-error.ts";
import { notFound } from "./account-params.ts";
import { bytewise, placeholders } from "./account-queries.ts";

/** A community name param (`hive-` then 5 to 7 digits, the first 1–3). */
export function communityParam(value: unknown, what: string): string {
  if (typeof value !== "string" || !isCommunityName(value)) throw invalidParams(`${what} must be a community name (hive-NNNNN), got ${JSON.stringify(value)?.slice(0, 60)}`);
  return value;
}

export function communityNotFound(name: string): RpcError {
  return notFound(`community not found: \`${name}\``);
}

export interface CommunityRow {
  [column: string]: SqlValue;
  id: number;
  name: string;
  type_id: number;
  title: string;
  about: string;
  lang: string;
  is_nsfw: number;
  description: string;
  flag_text: string;
  settings: string;
  created_at: number;
  subscribers: number;
}

const communityColumns = "id, name, type_id, title, about, lang, is_nsfw, description, flag_text, settings, created_at, subscribers";

export async function findCommunity(db: SqlRunner, name: string): Promise<CommunityRow | undefined> {
  return db.get<CommunityRow>(`SELECT ${communityColumns} FROM communities WHERE name = ?`, [name]);
}

export async function requireCommunity(db: SqlRunner, name: string): Promise<CommunityRow> {
  const row = await findCommunity(db, name);
  if (row === undefined) throw communityNotFound(name);
  return row;
}

export async function communitiesByIds(db: SqlRunner, ids: readonly number[]): Promise<CommunityRow[]> {
  if (ids.length === 0) return [];
  return db.all<CommunityRow>(`SELECT ${communityColumns} FROM communities WHERE id IN (${placeholders(ids.length)})`, ids);
}

/** The title a community shows: its own, or `@name` before one is set (both forks). */
export function displayTitle(community: { name: string; title: string | null }): string {
  return community.title ? community.title : `@${community.name}`;
}

/** Times as hivemind prints a community's `created_at` (a database timestamp): `2024-01-31 12:00:00`. */
export function databaseTime(seconds: number): string {
  return formatTime(seconds).replace("T", " ");
}

// ---------------------------------------------------------------------------------------------- stats, rank

export interface PendingStats {
  sum_pending: number;
  num_pending: number;
  num_authors: number;
}

const noPending: PendingStats = { sum_pending: 0, num_pending: 0, num_authors: 0 };

/** Each ranking's stats by community name, made once per ranking (so once per block). */
const statsByRanking = new WeakMap<readonly RankedCommunity[], ReadonlyMap<string, PendingStats>>();

/**
 * Pending stats of each of `names` (none pending: zeros), taken from the ranking, which holds every
 * community's and is computed once per block: aggregating a community's pending posts on each call cost
 * 5–10 ms per community on a full-size index (bench:web), and every community page and list asks.
 */
export async function pendingStatsOfMany(db: SqlRunner, names: readonly string[]): Promise<Map<string, PendingStats>> {
  if (names.length === 0) return new Map();
  const ranking = await rankedCommunities(db);
  let byName = statsByRanking.get(ranking);
  if (byName === undefined) {
    byName = new Map(ranking.map((c) => [c.name, { sum_pending: c.sum_pending, num_pending: c.num_pending, num_authors: c.num_authors }]));
    statsByRanking.set(ranking, byName);
  }
  const found = byName;
  return new Map(names.map((name) => [name, found.get(name) ?? noPending]));
}

/** A pending community post's part in its community's stats. */
interface PendingPart {
  readonly community: string;
  readonly author: string;
  /** Pending payout in thousandths (SBD), so that sums are exact however they were added up. */
  readonly milli: number;
}

/** A community's running totals over its pending posts. */
interface CommunityTotals {
  milli: number;
  posts: number;
  /** Pending posts per author. */
  readonly authors: Map<string, number>;
}

/** The pending community posts of an index as of `blockNum`, and their totals per community. */
interface PendingTally {
  blockNum: number;
  /** The block of the last full read. */
  readonly readAt: number;
  readonly parts: Map<number, PendingPart>;
  readonly totals: Map<string, CommunityTotals>;
}

/**
 * Blocks between full reads of the pending community posts (hivemind recomputes its community stats
 * every 200 blocks). In between, the tally follows the posts that changed: every change the projector
 * makes to a post sets its `changed_block` (a vote's new pending payout, the payout, a new post), but a
 * deleted post leaves no row to see. Steem deletes only posts without positive votes, so all a deletion
 * can leave behind until the next full read is one post too many in `num_pending`, and perhaps an author.
 */
export const pendingFullReadBlocks = 200;

/** Changed posts past which the tally is read again in full rather than brought up to date. */
const pendingChangedMax = 5000;

const tallies = new WeakMap<SqlRunner, PendingTally>();

function addPart(tally: PendingTally, id: number, part: PendingPart): void {
  tally.parts.set(id, part);
  let totals = tally.totals.get(part.community);
  if (totals === undefined) tally.totals.set(part.community, (totals = { milli: 0, posts: 0, authors: new Map() }));
  totals.milli += part.milli;
  totals.posts++;
  totals.authors.set(part.author, (totals.authors.get(part.author) ?? 0) + 1);
}

function removePart(tally: PendingTally, id: number): void {
  const part = tally.parts.get(id);
  if (part === undefined) return;
  tally.parts.delete(id);
  const totals = tally.totals.get(part.community)!;
  totals.milli -= part.milli;
  totals.posts--;
  const left = totals.authors.get(part.author)! - 1;
  if (left === 0) totals.authors.delete(part.author);
  else totals.authors.set(part.author, left);
  if (totals.posts === 0) tally.totals.delete(part.community);
}

interface PendingPostRow {
  [column: string]: SqlValue;
  id: number;
  community: string | null;
  author: string;
  pending_payout: number;
  is_paidout: number;
}

/**
 * The pending community posts as of `blockNum`: read in full at first and every `pendingFullReadBlocks`
 * (a full read touches every pending community post: 180 ms on bench:index's data), otherwise the tally
 * of an earlier block brought up to date with the posts changed since (a few milliseconds). CROSS JOIN
 * keeps SQLite's join order for the full read: communities outside, each one's pending posts a range of
 * the community index, so other pending posts are never read.
 */
async function pendingTally(db: SqlRunner, blockNum: number): Promise<PendingTally> {
  const kept = tallies.get(db);
  if (kept !== undefined && kept.blockNum <= blockNum && blockNum - kept.readAt < pendingFullReadBlocks) {
    if (kept.blockNum === blockNum) return kept;
    const changed = await db.all<PendingPostRow>(
      "SELECT id, community, author, pending_payout, is_paidout FROM posts WHERE changed_block > ? AND changed_block <= ? LIMIT ?",
      [kept.blockNum, blockNum, pendingChangedMax + 1],
    );
    // Another call may have brought it further meanwhile; then it is already as current as this one.
    if (changed.length <= pendingChangedMax && tallies.get(db) === kept && kept.blockNum < blockNum) {
      for (const row of changed) {
        removePart(kept, row.id);
        if (Number(row.is_paidout) === 0 && row.community !== null) {
          addPart(kept, row.id, { community: row.community, author: row.author, milli: Math.round(Number(row.pending_payout) * 1000) });
        }
      }
      kept.blockNum = blockNum;
    }
    if (changed.length <= pendingChangedMax) return tallies.get(db)!;
  }
  const rows = await db.all<PendingPostRow>(
    `SELECT p.id, p.community, p.author, p.pending_payout, p.is_paidout
       FROM communities c CROSS JOIN posts p
      WHERE p.community = c.name AND p.is_paidout = 0`,
  );
  const tally: PendingTally = { blockNum, readAt: blockNum, parts: new Map(), totals: new Map() };
  for (const row of rows) addPart(tally, row.id, { community: row.community!, author: row.author, milli: Math.round(Number(row.pending_payout) * 1000) });
  tallies.set(db, tally);
  return tally;
}

/** Pending stats of every community with pending posts, by name, as of `blockNum`. */
async function allPendingStats(db: SqlRunner, blockNum: number): Promise<Map<string, PendingStats>> {
  const tally = await pendingTally(db, blockNum);
  const out = new Map<string, PendingStats>();
  for (const [name, totals] of tally.totals) {
    out.set(name, { sum_pending: Math.round(totals.milli / 1000), num_pending: totals.posts, num_authors: totals.authors.size });
  }
  return out;
}

export interface RankedCommunity extends PendingStats {
  readonly id: number;
  readonly name: string;
  readonly title: string;
  readonly subscribers: number;
  /** 1 for the top community. */
  readonly rank: number;
}

/**
 * Every community with its stats, best first (rank 1 first). The aggregate reads every pending community
 * post, so it is computed once per block of the index (hivemind recomputes it only periodically).
 */
export function rankedCommunities(db: SqlRunner): Promise<readonly RankedCommunity[]> {
  return oncePerBlock(db, "ranking", (blockNum) => computeRanking(db, blockNum));
}

/** The last result of each aggregate on each database, and the index head block it was computed at. */
const aggregates = new WeakMap<SqlRunner, Map<string, { blockNum: number; value: Promise<unknown> }>>();

/**
 * `compute()`'s result, computed again only once the index has moved to another block; concurrent calls
 * share one computation, and a failed one is not kept.
 */
export async function oncePerBlock<T>(db: SqlRunner, key: string, compute: (blockNum: number) => Promise<T>): Promise<T> {
  const head = await db.get<{ block_num: number }>("SELECT block_num FROM index_state WHERE id = 1");
  const blockNum = head?.block_num ?? 0;
  const byKey = aggregates.get(db) ?? new Map();
  aggregates.set(db, byKey);
  const cached = byKey.get(key);
  if (cached !== undefined && cached.blockNum === blockNum) return cached.value as Promise<T>;
  const entry = { blockNum, value: compute(blockNum) };
  byKey.set(key, entry);
  entry.value.catch(() => {
    if (byKey.get(key) === entry) byKey.delete(key);
  });
  return entry.value;
}

async function computeRanking(db: SqlRunner, blockNum: number): Promise<RankedCommunity[]> {
  const [rows, stats] = await Promise.all([
    db.all<{ id: number; name: string; title: string; subscribers: number }>("SELECT id, name, title, subscribers FROM communities"),
    allPendingStats(db, blockNum),
  ]);
  const list = rows.map((row) => ({ ...row, ...(stats.get(row.name) ?? noPending) }));
  list.sort(
    (a, b) =>
      b.sum_pending - a.sum_pending || b.num_authors - a.num_authors || b.num_pending - a.num_pending || b.subscribers - a.subscribers ||
      Number(a.title === "") - Number(b.title === "") || b.id - a.id,
  );
  return list.map((community, i) => ({ ...community, rank: i + 1 }));
}

// ------------------------------------------------------------------------------------------- payout stats

/** `[url, label, payout, posts, authors]`: a community, or (`@author`, authors null) an author's posts outside communities. */
export type PayoutStatsItem = [string, string, number, number, number | null];

export interface PayoutStats {
  /** Largest payout first (then by name), at most `payoutStatsItemsMax`. */
  readonly items: readonly PayoutStatsItem[];
  /** Everything pending. */
  readonly total: number;
  /** What is pending outside communities. */
  readonly blogs: number;
}

/** `bridge.get_payout_stats`' cap, and how many items are kept. */
export const payoutStatsItemsMax = 250;

interface PayoutGroupRow {
  [column: string]: SqlValue;
  name: string;
  payout: number;
  posts: number;
  authors: number | null;
}

/**
 * hivemind's `payout_stats` (pending payout of each community, and of each author outside communities,
 * over posts and comments), once per block of the index: it reads every pending post (hivemind rebuilds
 * it hourly).
 */
export function payoutStats(db: IndexDatabase): Promise<PayoutStats> {
  return oncePerBlock(db, "payout_stats", () => computePayoutStats(db));
}

async function computePayoutStats(db: IndexDatabase): Promise<PayoutStats> {
  const [authors, communities, totals] = await Promise.all([
    db.all<PayoutGroupRow>(
      `SELECT author AS name, SUM(pending_payout) AS payout, COUNT(*) AS posts, NULL AS authors FROM posts WHERE is_paidout = 0 AND community IS NULL
        GROUP BY author ORDER BY payout DESC, ${bytewise(db, "author")} LIMIT ?`,
      [payoutStatsItemsMax],
    ),
    db.all<PayoutGroupRow>(
      `SELECT community AS name, SUM(pending_payout) AS payout, COUNT(*) AS posts, COUNT(DISTINCT author) AS authors FROM posts
        WHERE is_paidout = 0 AND community IS NOT NULL GROUP BY community ORDER BY payout DESC, ${bytewise(db, "community")} LIMIT ?`,
      [payoutStatsItemsMax],
    ),
    db.get<{ total: number | null; blogs: number | null }>(
      "SELECT SUM(pending_payout) AS total, SUM(CASE WHEN community IS NULL THEN pending_payout END) AS blogs FROM posts WHERE is_paidout = 0",
    ),
  ]);
  const titles = await displayTitles(db, communities.map((row) => row.name));
  const items: PayoutStatsItem[] = [
    ...authors.map((row): PayoutStatsItem => [`@${row.name}`, `@${row.name}`, row.payout, row.posts, null]),
    ...communities.map((row): PayoutStatsItem => [row.name, titles.get(row.name) ?? `@${row.name}`, row.payout, row.posts, row.authors]),
  ];
  items.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { items: items.slice(0, payoutStatsItemsMax), total: totals?.total ?? 0, blogs: totals?.blogs ?? 0 };
}

async function displayTitles(db: SqlRunner, names: readonly string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows = await db.all<{ name: string; title: string | null }>(`SELECT name, title FROM communities WHERE name IN (${placeholders(names.length)})`, names);
  return new Map(rows.map((row) => [row.name, displayTitle(row)]));
}

// ------------------------------------------------------------------------------------ roles and membership

export function roleName(role: number | null | undefined): string {
  return roleNames[(role ?? 0) as RoleId] ?? roleNames[0];
}

export interface CommunityContext {
  role: string;
  subscribed: boolean;
  title: string;
}

/** `account`'s role, title and subscription in each of `communityIds` (guest, unsubscribed, '' by default). */
export async function contextsOf(db: SqlRunner, account: string, communityIds: readonly number[]): Promise<Map<number, CommunityContext>> {
  const out = new Map<number, CommunityContext>(communityIds.map((id) => [id, { role: roleName(0), subscribed: false, title: "" }]));
  if (communityIds.length === 0) return out;
  const inList = placeholders(communityIds.length);
  const [roleRows, subscriptionRows] = await Promise.all([
    db.all<{ community_id: number; role: number; title: string | null }>(
      `SELECT community_id, role, title FROM community_roles WHERE account = ? AND community_id IN (${inList})`,
      [account, ...communityIds],
    ),
    db.all<{ community_id: number }>(`SELECT community_id FROM subscriptions WHERE account = ? AND community_id IN (${inList})`, [account, ...communityIds]),
  ]);
  for (const row of roleRows) {
    const context = out.get(row.community_id)!;
    context.role = roleName(row.role);
    context.title = row.title ?? "";
  }
  for (const row of subscriptionRows) out.get(row.community_id)!.subscribed = true;
  return out;
}

/** `[name, role, title]` of the mods, admins and owner, highest role first, then by name. */
export async function teamOf(db: IndexDatabase, communityId: number): Promise<[string, string, string][]> {
  const rows = await db.all<{ account: string; role: number; title: string | null }>(
    `SELECT account, role, title FROM community_roles WHERE community_id = ? AND role >= ? ORDER BY role DESC, ${bytewise(db, "account")}`,
    [communityId, roles.mod],
  );
  return rows.map((row) => [row.account, roleName(row.role), row.title ?? ""]);
}

/** The admins of each community, by name. */
export async function adminsOf(db: IndexDatabase, communityIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (communityIds.length === 0) return out;
  const rows = await db.all<{ community_id: number; account: string }>(
    `SELECT community_id, account FROM community_roles WHERE role = ? AND community_id IN (${placeholders(communityIds.length)})
      ORDER BY ${bytewise(db, "account")}`,
    [roles.admin, ...communityIds],
  );
  for (const row of rows) out.set(row.community_id, [...(out.get(row.community_id) ?? []), row.account]);
  return out;
}
