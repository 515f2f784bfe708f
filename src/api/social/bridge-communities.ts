/**
 * bridge communities, subscribers, roles, trending topics and payout stats (named params), in Hive's
 * shapes and paging (openhive-network/hivemind `postgrest/bridge_api/*.sql`), which extend Steemit's
 * (steemit/hivemind `hive_api/community.py`, `stats.py`): `list_subscribers` pages by name with `last`
 * (Steemit returns the newest 250), `list_community_roles` caps `limit` at 1000.
 *
 * `list_communities`' `query` keeps the communities whose name, title or about contain every word of it,
 * ignoring ASCII case (Hive matches English stems with PostgreSQL full-text search; this is the same on
 * both engines).
 */
import type { IndexDatabase } from "../../index/db/database.ts";
import { formatTime } from "../format/json-time.ts";
import type { IndexMethodHandler } from "../methods/method-table.ts";
import { invalidParams } from "../rpc/rpc-error.ts";
import { namedParams } from "./account-params.ts";
import { bytewise, observerParam, requireAccount } from "./account-queries.ts";
import {
  adminsOf,
  type CommunityContext,
  type CommunityRow,
  communitiesByIds,
  communityParam,
  contextsOf,
  databaseTime,
  displayTitle,
  findCommunity,
  payoutStats,
  payoutStatsItemsMax,
  pendingStatsOfMany,
  rankedCommunities,
  requireCommunity,
  roleName,
  teamOf,
} from "./community-queries.ts";
import { cached, headCache } from "./head-cache.ts";
import { accountParam, indexOf, limitParam, optionalAccountParam, textParam } from "./params.ts";

export const listCommunitiesLimitMax = 100;
export const popCommunitiesLimitMax = 25;
export const subscribersLimitMax = 100;
export const communityRolesLimitDefault = 50;
export const communityRolesLimitMax = 1000;
export const trendingTopicsLimitDefault = 10;
export const trendingTopicsLimitMax = 25;
/** Kettle's cap on `list_all_subscriptions` (hivemind has none). */
export const allSubscriptionsMax = 1000;
/** `list_pop_communities` counts the subscriptions of this many seconds before the index's head block. */
export const popCommunitiesWindowSeconds = 30 * 24 * 60 * 60;
/** Tags `get_trending_topics` fills up with after the communities (Steemit's, in its order; Hive's too). */
export const trendingTopicFallbackTags = ["photography", "travel", "gaming", "crypto", "newsteem", "music", "food"] as const;

function parseSettings(text: string | null): unknown {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}

/** The fields every community object has, in Hive's order. */
async function liteObjects(db: IndexDatabase, rows: readonly CommunityRow[]) {
  const stats = await pendingStatsOfMany(db, rows.map((row) => row.name));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    title: displayTitle(row),
    about: row.about ?? "",
    lang: row.lang ?? "",
    type_id: row.type_id,
    is_nsfw: row.is_nsfw !== 0,
    subscribers: row.subscribers,
    ...stats.get(row.name)!,
    created_at: databaseTime(row.created_at),
  }));
}

async function getCommunity(db: IndexDatabase, params: unknown) {
  const p = namedParams(params, "bridge.get_community", ["name", "observer"]);
  const name = communityParam(p.name, "name");
  const observer = await observerParam(db, p.observer);
  // What everybody sees is read once per head block (every community page asks for it); the observer's context per call.
  const { id, community } = await cached(await headCache(db), "community", name, async () => {
    const row = await requireCommunity(db, name);
    const [lite] = await liteObjects(db, [row]);
    return {
      id: row.id,
      community: {
        ...lite, description: row.description ?? "", flag_text: row.flag_text ?? "", settings: parseSettings(row.settings), team: await teamOf(db, row.id),
      },
    };
  }, (kept) => 1024 + JSON.stringify(kept.community).length * 2);
  const context = observer === null ? {} : (await contextsOf(db, observer, [id])).get(id)!;
  const { team, ...rest } = community;
  // A fresh object per call (callers may add to it), with the keys in their order.
  return { ...rest, context, team };
}

async function getCommunityContext(db: IndexDatabase, params: unknown): Promise<CommunityContext> {
  const p = namedParams(params, "bridge.get_community_context", ["name", "account"]);
  const name = communityParam(p.name, "name");
  const account = accountParam(p.account, "account");
  const row = await requireCommunity(db, name);
  await requireAccount(db, account);
  return (await contextsOf(db, account, [row.id])).get(row.id)!;
}

// ------------------------------------------------------------------------------------------ list_communities

const communitySorts = ["rank", "new", "subs"] as const;
type CommunitySort = (typeof communitySorts)[number];

/** SQL (and params) keeping the communities that contain every word of `query`. */
function queryFilter(query: string | null): { sql: string; params: string[] } {
  const words = (query ?? "").toLowerCase().split(/\s+/).filter((word) => word !== "");
  const escaped = words.map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return {
    sql: escaped.map(() => "AND LOWER(name || ' ' || COALESCE(title, '') || ' ' || COALESCE(about, '')) LIKE ? ESCAPE '\\'").join(" "),
    params: escaped,
  };
}

/** One page of community ids in `sort` order after the community `last`. */
async function communityPage(db: IndexDatabase, sort: CommunitySort, last: CommunityRow | null, query: string | null, limit: number): Promise<number[]> {
  const filter = queryFilter(query);
  if (sort === "rank") {
    const [ranked, matching] = await Promise.all([
      rankedCommunities(db),
      filter.params.length === 0 ? null : db.all<{ id: number }>(`SELECT id FROM communities WHERE 1 = 1 ${filter.sql}`, filter.params),
    ]);
    const keep = matching === null ? null : new Set(matching.map((row) => row.id));
    const from = last === null ? 0 : ranked.findIndex((community) => community.id === last.id) + 1;
    return ranked.slice(from).filter((community) => keep === null || keep.has(community.id)).slice(0, limit).map((community) => community.id);
  }
  const [seek, seekParams] =
    last === null
      ? ["", []]
      : sort === "new"
        ? ["AND id < ?", [last.id]]
        : ["AND (subscribers < ? OR (subscribers = ? AND id < ?))", [last.subscribers, last.subscribers, last.id]];
  const order = sort === "new" ? "id DESC" : "subscribers DESC, id DESC";
  const rows = await db.all<{ id: number }>(`SELECT id FROM communities WHERE 1 = 1 ${seek} ${filter.sql} ORDER BY ${order} LIMIT ?`, [
    ...seekParams,
    ...filter.params,
    limit,
  ]);
  return rows.map((row) => row.id);
}

async function listCommunities(db: IndexDatabase, params: unknown) {
  const p = namedParams(params, "bridge.list_communities", ["last", "limit", "query", "sort", "observer"]);
  const limit = limitParam(p.limit, listCommunitiesLimitMax, listCommunitiesLimitMax);
  const query = p.query === undefined || p.query === null ? null : textParam(p.query, "query", 256);
  const sort = (p.sort === undefined || p.sort === null ? "rank" : textParam(p.sort, "sort", 16, communitySorts)) as CommunitySort;
  const lastName = p.last === undefined || p.last === null || p.last === "" ? null : communityParam(p.last, "last");
  const observer = await observerParam(db, p.observer);
  const last = lastName === null ? null : ((await findCommunity(db, lastName)) ?? null);
  if (lastName !== null && last === null) throw invalidParams(`last: community not found: \`${lastName}\``);
  const ids = await communityPage(db, sort, last, query, limit);
  const byId = new Map((await communitiesByIds(db, ids)).map((row) => [row.id, row]));
  const rows = ids.map((id) => byId.get(id)!);
  const [objects, contexts, admins] = await Promise.all([
    liteObjects(db, rows),
    observer === null ? null : contextsOf(db, observer, ids),
    adminsOf(db, ids),
  ]);
  return objects.map((object) => {
    const communityAdmins = admins.get(object.id);
    return { ...object, context: contexts?.get(object.id) ?? {}, ...(communityAdmins === undefined ? {} : { admins: communityAdmins }) };
  });
}

// ------------------------------------------------------------------------------------- lists of communities

/** `[name, title]` of the communities with the most subscriptions in the last 30 days, newest first on ties. */
async function listPopCommunities(db: IndexDatabase, params: unknown) {
  const p = namedParams(params, "bridge.list_pop_communities", ["limit"]);
  const limit = limitParam(p.limit, popCommunitiesLimitMax, popCommunitiesLimitMax);
  const head = await db.get<{ block_time: number }>("SELECT block_time FROM index_state WHERE id = 1");
  const rows = await db.all<{ name: string; title: string | null }>(
    `SELECT c.name, c.title FROM communities c
       JOIN (SELECT community_id, COUNT(*) AS newsubs FROM subscriptions WHERE created_at > ? GROUP BY community_id) stats ON stats.community_id = c.id
      ORDER BY stats.newsubs DESC, c.id DESC LIMIT ?`,
    [(head?.block_time ?? 0) - popCommunitiesWindowSeconds, limit],
  );
  return rows.map((row) => [row.name, row.title ?? ""]);
}

/** `[name, title]` of the top-ranked communities, then fallback tags as `[tag, '#tag']`, `limit` in all. */
async function getTrendingTopics(db: IndexDatabase, params: unknown) {
  const p = namedParams(params, "bridge.get_trending_topics", ["limit", "observer"]);
  const limit = limitParam(p.limit, trendingTopicsLimitDefault, trendingTopicsLimitMax);
  await observerParam(db, p.observer);
  const topics: [string, string][] = (await rankedCommunities(db)).slice(0, limit).map((community) => [community.name, community.title || community.name]);
  for (const tag of trendingTopicFallbackTags) if (topics.length < limit) topics.push([tag, `#${tag}`]);
  return topics;
}

/** `[name, title, role, role_title]` of the communities `account` subscribes to, highest role first, then by rank. */
async function listAllSubscriptions(db: IndexDatabase, params: unknown) {
  const p = namedParams(params, "bridge.list_all_subscriptions", ["account"]);
  const account = accountParam(p.account, "account");
  await requireAccount(db, account);
  const rows = await db.all<{ id: number; name: string; title: string | null; role: number | null; role_title: string | null }>(
    `SELECT c.id, c.name, c.title, r.role, r.title AS role_title
       FROM subscriptions s JOIN communities c ON c.id = s.community_id
       LEFT JOIN community_roles r ON r.community_id = s.community_id AND r.account = s.account
      WHERE s.account = ?`,
    [account],
  );
  const ranks = new Map((await rankedCommunities(db)).map((community) => [community.id, community.rank]));
  // A community newer than the ranking (made in a block after it) ranks last.
  const rankOf = (id: number) => ranks.get(id) ?? Number.MAX_SAFE_INTEGER;
  rows.sort((a, b) => (b.role ?? 0) - (a.role ?? 0) || rankOf(a.id) - rankOf(b.id));
  return rows.slice(0, allSubscriptionsMax).map((row) => [row.name, row.title ?? "", roleName(row.role), row.role_title ?? ""]);
}

/** `[account, role, title, subscribed_at]` of a community's subscribers by name after `last`; title null without a role row. */
async function listSubscribers(db: IndexDatabase, params: unknown) {
  const p = namedParams(params, "bridge.list_subscribers", ["community", "last", "limit"]);
  const community = await requireCommunity(db, communityParam(p.community, "community"));
  const last = optionalAccountParam(p.last, "last");
  const limit = limitParam(p.limit, subscribersLimitMax, subscribersLimitMax);
  const rows = await db.all<{ account: string; role: number | null; title: string | null; created_at: number; has_role: number }>(
    `SELECT s.account, r.role, r.title, s.created_at, CASE WHEN r.account IS NULL THEN 0 ELSE 1 END AS has_role
       FROM subscriptions s LEFT JOIN community_roles r ON r.community_id = s.community_id AND r.account = s.account
      WHERE s.community_id = ? ${last === null ? "" : `AND ${bytewise(db, "s.account")} > ?`}
      ORDER BY ${bytewise(db, "s.account")} LIMIT ?`,
    [community.id, ...(last === null ? [] : [last]), limit],
  );
  return rows.map((row) => [row.account, roleName(row.role), row.has_role === 0 ? null : (row.title ?? ""), formatTime(row.created_at)]);
}

/** `[account, role, title]` of the accounts holding a role other than guest: highest first, then by name, after `last`. */
async function listCommunityRoles(db: IndexDatabase, params: unknown) {
  const p = namedParams(params, "bridge.list_community_roles", ["community", "last", "limit"]);
  const community = await requireCommunity(db, communityParam(p.community, "community"));
  const last = optionalAccountParam(p.last, "last");
  const limit = limitParam(p.limit, communityRolesLimitDefault, communityRolesLimitMax);
  let seek = "";
  const seekParams: (string | number)[] = [];
  if (last !== null) {
    const lastRole = await db.get<{ role: number }>("SELECT role FROM community_roles WHERE community_id = ? AND account = ? AND role <> 0", [community.id, last]);
    if (lastRole === undefined) throw invalidParams(`last: \`${last}\` holds no role in ${community.name}`);
    seek = `AND (role < ? OR (role = ? AND ${bytewise(db, "account")} > ?))`;
    seekParams.push(lastRole.role, lastRole.role, last);
  }
  const rows = await db.all<{ account: string; role: number; title: string | null }>(
    `SELECT account, role, title FROM community_roles WHERE community_id = ? AND role <> 0 ${seek}
      ORDER BY role DESC, ${bytewise(db, "account")} LIMIT ?`,
    [community.id, ...seekParams, limit],
  );
  return rows.map((row) => [row.account, roleName(row.role), row.title ?? ""]);
}

// ------------------------------------------------------------------------------------------- payout stats

/**
 * The pending payout of each community (`[name, title, payout, posts, authors]`) and of each author's
 * content outside communities (`["@author", "@author", payout, posts, null]`), largest first; `total` is
 * everything pending, `blogs` the part outside communities.
 */
async function getPayoutStats(db: IndexDatabase, params: unknown) {
  const p = namedParams(params, "bridge.get_payout_stats", ["limit"]);
  const limit = limitParam(p.limit, payoutStatsItemsMax, payoutStatsItemsMax);
  const stats = await payoutStats(db);
  return { items: stats.items.slice(0, limit), total: stats.total, blogs: stats.blogs };
}

export const bridgeCommunityMethods: Record<string, IndexMethodHandler> = {
  "bridge.get_community": (context, params) => getCommunity(indexOf(context), params),
  "bridge.get_community_context": (context, params) => getCommunityContext(indexOf(context), params),
  "bridge.list_communities": (context, params) => listCommunities(indexOf(context), params),
  "bridge.list_pop_communities": (context, params) => listPopCommunities(indexOf(context), params),
  "bridge.get_trending_topics": (context, params) => getTrendingTopics(indexOf(context), params),
  "bridge.list_all_subscriptions": (context, params) => listAllSubscriptions(indexOf(context), params),
  "bridge.list_subscribers": (context, params) => listSubscribers(indexOf(context), params),
  "bridge.list_community_roles": (context, params) => listCommunityRoles(indexOf(context), params),
  "bridge.get_payout_stats": (context, params) => getPayoutStats(indexOf(context), params),
};
