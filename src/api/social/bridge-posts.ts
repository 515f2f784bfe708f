/**
 * bridge post lists, single posts and threads: get_ranked_posts, get_account_posts,
 * get_account_posts_by_tag, get_post, get_post_header, get_discussion, normalize_post.
 *
 * Params, defaults and caps as hivemind's (reference/social-layer.md §1.3); pages start after the start
 * post (Hive). A community's trending and created first page begins with its pinned posts. The
 * observer's mutes (direct or through followed mute lists) drop authors from ranked lists (but `muted`),
 * feeds, replies and threads; an account's own lists turn gray for an observer who muted it (Hive).
 */
import type { IndexDatabase } from "../../index/db/database.ts";
import { isCommunityName } from "../../index/rules/communities.ts";
import type { IndexMethodHandler } from "../methods/method-table.ts";
import { RawJson } from "../rpc/raw-json.ts";
import { invalidParams } from "../rpc/rpc-error.ts";
import { bridgePostTexts, jsonArray, observedBridgePosts } from "./bridge-post-cache.ts";
import { headCache } from "./head-cache.ts";
import { mutedAccountsCached } from "./observer-follows.ts";
import { accountParam, indexOf, limitParam, permlinkParam } from "./params.ts";
import { feedEntries } from "./post-feed.ts";
import { type LoadedPost, votesShown } from "./post-load.ts";
import { type BridgePostOptions, bridgePostObject } from "./post-objects.ts";
import {
  choiceParam, existingAccountParam, mutedReasonsFilterParam, namedParams, optionalExistingAccountParam, postIdOf, postsPerCallDefault,
  postsPerCallMax, startPostParam, tagParam,
} from "./post-params.ts";
import { authorPayoutPostIds, authorPostIds, authorTaggedPostIds, blogPostIds, repliesToAuthorIds } from "./post-queries.ts";
import { pinnedPostIds, rankedPostIds, rankedScope, rankedSorts } from "./post-ranked.ts";
import { indexHeadTime } from "./post-sql.ts";
import { loadThread } from "./post-thread.ts";

/** Bridge objects for `ids` in that order (ids gone since are skipped), with a list's share of votes, as one JSON array. */
async function bridgePosts(
  db: IndexDatabase, ids: readonly number[], observer: string | null, optionsOf: (post: LoadedPost) => BridgePostOptions = () => ({}),
  votesMax: number = votesShown.list,
): Promise<RawJson> {
  return jsonArray(bridgePostTexts(ids, await observedBridgePosts(db, ids, observer, votesMax), optionsOf));
}

/** One post's bridge object with a post page's share of votes. */
async function bridgePost(db: IndexDatabase, id: number, observer: string | null): Promise<RawJson | undefined> {
  const [text] = bridgePostTexts([id], await observedBridgePosts(db, [id], observer, votesShown.post), () => ({}));
  return text === undefined ? undefined : new RawJson([text]);
}

/** Whether the observer muted `account` (Hive grays an account's own lists for them rather than hiding them). */
async function observerMuted(db: IndexDatabase, observer: string | null, account: string): Promise<boolean> {
  return observer !== null && (await mutedAccountsCached(db, await headCache(db), observer)).has(account);
}

const getRankedPosts: IndexMethodHandler = async (context, params) => {
  const p = namedParams(params, "bridge.get_ranked_posts", ["sort", "tag", "observer", "start_author", "start_permlink", "limit", "muted_reasons_filter"]);
  const db = indexOf(context);
  const sort = choiceParam(p.sort, "sort", rankedSorts);
  const tag = tagParam(p.tag);
  const limit = limitParam(p.limit, postsPerCallDefault, postsPerCallMax);
  const mutedReasonsFilter = mutedReasonsFilterParam(p.muted_reasons_filter);
  const observer = await optionalExistingAccountParam(db, p.observer, "observer");
  const start = await startPostParam(db, p.start_author, p.start_permlink);
  const scope = await rankedScope(db, tag, observer, true);
  if (scope === null) return [];
  const query = { sort, scope, start, limit, observer, now: await indexHeadTime(db), flavor: "bridge", inclusive: false, excludePinned: false, mutedReasonsFilter } as const;
  // A community's own trending and created pages list its pinned posts first (tag=my does not).
  const pinnedCommunity = tag !== "my" && scope.kind === "communities" && (sort === "trending" || sort === "created") ? scope.names[0] : null;
  if (pinnedCommunity === null) return bridgePosts(db, await rankedPostIds(db, query), observer);
  const startIsPinned = start !== null && (await db.get("SELECT id FROM posts WHERE id = ? AND community = ? AND is_pinned = 1", [start.id, pinnedCommunity])) !== undefined;
  // Paging through the pinned posts continues with them, then the list proper starts from its top.
  const ids = start === null || startIsPinned ? [...(await pinnedPostIds(db, pinnedCommunity, start?.id ?? null, limit, observer, mutedReasonsFilter))] : [];
  if (ids.length < limit) {
    ids.push(...(await rankedPostIds(db, { ...query, start: startIsPinned ? null : start, limit: limit - ids.length, excludePinned: true })));
  }
  return bridgePosts(db, ids, observer);
};

const accountSorts = ["blog", "feed", "posts", "comments", "replies", "payout"] as const;

const getAccountPosts: IndexMethodHandler = async (context, params) => {
  const p = namedParams(params, "bridge.get_account_posts", ["sort", "account", "start_author", "start_permlink", "limit", "observer"]);
  const db = indexOf(context);
  const sort = choiceParam(p.sort, "sort", accountSorts);
  const limit = limitParam(p.limit, postsPerCallDefault, postsPerCallMax);
  const account = await existingAccountParam(db, p.account, "account");
  const observer = await optionalExistingAccountParam(db, p.observer, "observer");
  const start = await startPostParam(db, p.start_author, p.start_permlink);
  const grayedByObserver = await observerMuted(db, observer, account);
  switch (sort) {
    case "blog": {
      const ids = await blogPostIds(db, account, start, limit, { bridge: true, inclusive: false });
      return bridgePosts(db, ids, observer, (post) => ({ grayedByObserver, rebloggedBy: post.row.author === account ? [] : [account] }));
    }
    case "feed": {
      const entries = await feedEntries(db, account, start, limit, observer, await indexHeadTime(db), false);
      const sources = new Map(entries.map((entry) => [entry.id, entry.accounts]));
      return bridgePosts(db, entries.map((entry) => entry.id), observer, (post) => ({
        rebloggedBy: (sources.get(post.row.id) ?? []).filter((name) => name !== post.row.author),
      }));
    }
    case "posts":
    case "comments":
      return bridgePosts(db, await authorPostIds(db, account, sort, start, limit, false), observer, () => ({ grayedByObserver }));
    case "replies":
      return bridgePosts(db, await repliesToAuthorIds(db, account, start, limit, observer, false), observer);
    case "payout":
      return bridgePosts(db, await authorPayoutPostIds(db, account, start, limit), observer, () => ({ grayedByObserver }));
  }
};

const getAccountPostsByTag: IndexMethodHandler = async (context, params) => {
  const p = namedParams(params, "bridge.get_account_posts_by_tag", ["account", "tag", "start_author", "start_permlink", "limit", "observer"]);
  const db = indexOf(context);
  const tag = tagParam(p.tag);
  if (tag === "") throw invalidParams("tag is required");
  const limit = limitParam(p.limit, postsPerCallDefault, postsPerCallMax);
  const account = await existingAccountParam(db, p.account, "account");
  const observer = await optionalExistingAccountParam(db, p.observer, "observer");
  const start = await startPostParam(db, p.start_author, p.start_permlink);
  const grayedByObserver = await observerMuted(db, observer, account);
  const ids = await authorTaggedPostIds(db, account, { community: isCommunityName(tag), name: tag }, start, limit);
  return bridgePosts(db, ids, observer, () => ({ grayedByObserver }));
};

/** `author` and `permlink` params of a single-post method. */
function postKeyParams(p: Record<string, unknown>): [string, string] {
  const author = accountParam(p.author, "author");
  const permlink = permlinkParam(p.permlink, "permlink");
  if (permlink === "") throw invalidParams("permlink must not be empty");
  return [author, permlink];
}

const getPost: IndexMethodHandler = async (context, params) => {
  const p = namedParams(params, "bridge.get_post", ["author", "permlink", "observer"]);
  const db = indexOf(context);
  const [author, permlink] = postKeyParams(p);
  const observer = await optionalExistingAccountParam(db, p.observer, "observer");
  return bridgePost(db, await postIdOf(db, author, permlink), observer);
};

const getPostHeader: IndexMethodHandler = async (context, params) => {
  const p = namedParams(params, "bridge.get_post_header", ["author", "permlink"]);
  const db = indexOf(context);
  const [author, permlink] = postKeyParams(p);
  const row = await db.get<{ category: string; depth: number }>("SELECT category, depth FROM posts WHERE author = ? AND permlink = ?", [author, permlink]);
  if (row === undefined) throw invalidParams(`Post ${author}/${permlink} does not exist`);
  return { author, permlink, category: row.category, depth: row.depth };
};

const getDiscussion: IndexMethodHandler = async (context, params) => {
  const p = namedParams(params, "bridge.get_discussion", ["author", "permlink", "observer", "muted_reasons_filter"]);
  const db = indexOf(context);
  const [author, permlink] = postKeyParams(p);
  const mutedReasonsFilter = mutedReasonsFilterParam(p.muted_reasons_filter);
  const observer = await optionalExistingAccountParam(db, p.observer, "observer");
  const top = await db.get<{ id: number; root_id: number }>("SELECT id, root_id FROM posts WHERE author = ? AND permlink = ?", [author, permlink]);
  if (top === undefined) throw invalidParams(`Post ${author}/${permlink} does not exist`);
  // Hidden posts (Steemit) and posts muted for a filtered reason (Hive) leave with their subtrees.
  return loadThread(db, top.id, top.root_id, {
    observer,
    load: async (ids) => new Map([...(await observedBridgePosts(db, ids, observer, votesShown.post))].map(([id, observed]) => [id, observed.post])),
    format: (post) => {
      const object = bridgePostObject(post);
      const stats = object.stats as { hide: boolean; muted_reasons?: number[] };
      const filtered = (stats.muted_reasons ?? []).some((reason) => (mutedReasonsFilter & (1 << reason)) !== 0);
      return stats.hide || filtered ? null : object;
    },
  });
};

/** normalize_post: a condenser-style post object back in bridge form, read from the index. */
const normalizePost: IndexMethodHandler = async (context, params) => {
  const p = namedParams(params, "bridge.normalize_post", ["post"]);
  const db = indexOf(context);
  const post = p.post;
  if (typeof post !== "object" || post === null || Array.isArray(post)) throw invalidParams("post must be a post object with author and permlink");
  const [author, permlink] = postKeyParams(post as Record<string, unknown>);
  return bridgePost(db, await postIdOf(db, author, permlink), null);
};

export const bridgePostMethods: Record<string, IndexMethodHandler> = {
  "bridge.get_ranked_posts": getRankedPosts,
  "bridge.get_account_posts": getAccountPosts,
  "bridge.get_account_posts_by_tag": getAccountPostsByTag,
  "bridge.get_post": getPost,
  "bridge.get_post_header": getPostHeader,
  "bridge.get_discussion": getDiscussion,
  "bridge.normalize_post": normalizePost,
};
