/**
 * condenser_api (and tags_api/follow_api, which jussi maps onto it) discussions from the index:
 * get_discussions_by_*, get_replies_by_last_update, get_*_discussions_by_payout, get_blog,
 * get_blog_entries, get_reblogged_by, get_trending_tags and get_state.
 *
 * Params are positional as steemd took them; a single query object in the first place is unpacked into
 * named params (steemit/hivemind `nested_query_compat`), which is how the get_discussions_by_* methods
 * are called. Pages include their start post, as steemd's did. Objects are condenser discussions in the
 * shape chain state's get_content answers with (post-objects.ts). get_content, get_content_replies and
 * get_active_votes stay on chain state (methods/content-methods.ts).
 */
import type { IndexDatabase } from "../../index/db/database.ts";
import { formatTime } from "../format/json-time.ts";
import type { IndexMethodHandler } from "../methods/method-table.ts";
import { invalidParams } from "../rpc/rpc-error.ts";
import { indexOf, limitParam, optionalPermlinkParam, permlinkParam } from "./params.ts";
import { feedEntries } from "./post-feed.ts";
import { loadCondenserPosts } from "./post-load.ts";
import { condenserPostObject } from "./post-objects.ts";
import {
  existingAccountParam, optionalExistingAccountParam, postIdOf, postsPerCallDefault, postsPerCallMax, type StartPost,startPostParam, 
  tagParam, truncateBodyParam,
} from "./post-params.ts";
import { authorPostIds, type BlogEntry, blogEntriesByIndex, blogPostIds, blogSize, repliesToAuthorIds } from "./post-queries.ts";
import { type RankedSort, rankedPostIds, rankedScope, trendingTags } from "./post-ranked.ts";
import { bytewise, indexHeadTime, inList } from "./post-sql.ts";

/**
 * A condenser method's params by name: `[{...}]` (one query object) is read as named params, anything
 * else as positional params in `names` order. Unknown names and too many params are refused.
 */
export function condenserArgs(params: unknown, method: string, names: readonly string[]): Record<string, unknown> {
  const list = params === undefined || params === null ? [] : params;
  if (!Array.isArray(list)) throw invalidParams(`${method} takes an array of params`);
  if (list.length === 1 && typeof list[0] === "object" && list[0] !== null && !Array.isArray(list[0])) {
    const query = list[0] as Record<string, unknown>;
    for (const key of Object.keys(query)) {
      if (!names.includes(key)) throw invalidParams(`${method} does not take a param named ${JSON.stringify(key).slice(0, 40)}`);
    }
    return query;
  }
  if (list.length > names.length) throw invalidParams(`${method} takes at most ${names.length} params, got ${list.length}`);
  return Object.fromEntries(list.map((value, index) => [names[index], value]));
}

/** steemd's `filter_tags` was never supported by hivemind: it must be absent or empty. */
function noFilterTags(value: unknown): void {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return;
  throw invalidParams("filter_tags not supported");
}

/** Condenser objects for `ids` in that order. */
async function condenserPosts(
  db: IndexDatabase, ids: readonly number[], truncateBody: number, rebloggedBy: (id: number, author: string) => readonly string[] = () => [],
): Promise<Record<string, unknown>[]> {
  const posts = await loadCondenserPosts(db, ids);
  return ids.flatMap((id) => {
    const post = posts.get(id);
    return post === undefined ? [] : [condenserPostObject(post, { truncateBody, rebloggedBy: rebloggedBy(id, post.row.author) })];
  });
}

const queryNames = ["start_author", "start_permlink", "limit", "tag", "truncate_body", "filter_tags", "observer"] as const;

/** get_discussions_by_{trending,hot,created,promoted} and the payout lists: the bridge ranking without pinned posts. */
function rankedDiscussions(method: string, sort: RankedSort): IndexMethodHandler {
  return async (context, params) => {
    const q = condenserArgs(params, method, queryNames);
    const db = indexOf(context);
    noFilterTags(q.filter_tags);
    const tag = tagParam(q.tag);
    const limit = limitParam(q.limit, postsPerCallDefault, postsPerCallMax);
    const truncateBody = truncateBodyParam(q.truncate_body);
    const observer = await optionalExistingAccountParam(db, q.observer, "observer");
    const start = await startPostParam(db, q.start_author, q.start_permlink);
    const scope = await rankedScope(db, tag, observer, false);
    if (scope === null) return [];
    const ids = await rankedPostIds(db, {
      sort, scope, start, limit, observer, now: await indexHeadTime(db), flavor: "condenser", inclusive: true, excludePinned: false, mutedReasonsFilter: 0,
    });
    return condenserPosts(db, ids, truncateBody);
  };
}

/** The account named by a blog/feed query's `tag`. */
async function queryAccount(db: IndexDatabase, value: unknown): Promise<string> {
  if (value === undefined || value === null || value === "") throw invalidParams("tag (the account) cannot be blank");
  return existingAccountParam(db, value, "tag");
}

/** The query of get_discussions_by_blog and _by_feed: an account's list from a start post. */
async function accountListQuery(db: IndexDatabase, params: unknown, method: string) {
  const q = condenserArgs(params, method, ["tag", "start_author", "start_permlink", "limit", "truncate_body", "filter_tags", "observer"]);
  noFilterTags(q.filter_tags);
  const limit = limitParam(q.limit, postsPerCallDefault, postsPerCallMax);
  const truncateBody = truncateBodyParam(q.truncate_body);
  const account = await queryAccount(db, q.tag);
  const observer = await optionalExistingAccountParam(db, q.observer, "observer");
  const start = await startPostParam(db, q.start_author, q.start_permlink);
  return { limit, truncateBody, account, observer, start };
}

const getDiscussionsByBlog: IndexMethodHandler = async (context, params) => {
  const db = indexOf(context);
  const { limit, truncateBody, account, start } = await accountListQuery(db, params, "get_discussions_by_blog");
  return condenserPosts(db, await blogPostIds(db, account, start, limit, { bridge: false, inclusive: true }), truncateBody);
};

const getDiscussionsByFeed: IndexMethodHandler = async (context, params) => {
  const db = indexOf(context);
  const { limit, truncateBody, account, observer, start } = await accountListQuery(db, params, "get_discussions_by_feed");
  const entries = await feedEntries(db, account, start, limit, observer, await indexHeadTime(db), true);
  const sources = new Map(entries.map((entry) => [entry.id, entry.accounts]));
  return condenserPosts(db, entries.map((entry) => entry.id), truncateBody, (id, author) => (sources.get(id) ?? []).filter((name) => name !== author));
};

/** The start post of an author's own list: `start_author` names the author, `start_permlink` (optional) the post. */
async function authorStart(db: IndexDatabase, author: string, permlinkValue: unknown): Promise<StartPost | null> {
  const permlink = optionalPermlinkParam(permlinkValue, "start_permlink");
  return permlink === null ? null : { id: await postIdOf(db, author, permlink), author, permlink };
}

const getDiscussionsByComments: IndexMethodHandler = async (context, params) => {
  const q = condenserArgs(params, "get_discussions_by_comments", ["start_author", "start_permlink", "limit", "truncate_body", "filter_tags"]);
  const db = indexOf(context);
  noFilterTags(q.filter_tags);
  const limit = limitParam(q.limit, postsPerCallDefault, postsPerCallMax);
  const truncateBody = truncateBodyParam(q.truncate_body);
  if (q.start_author === undefined || q.start_author === null || q.start_author === "") throw invalidParams("start_author cannot be blank");
  const author = await existingAccountParam(db, q.start_author, "start_author");
  const start = await authorStart(db, author, q.start_permlink);
  return condenserPosts(db, await authorPostIds(db, author, "comments", start, limit, true), truncateBody);
};

/**
 * Replies to an author's posts and comments, newest first. The first page names the author in
 * `start_author`; later pages pass the last reply, whose parent's author is the one listed.
 */
const getRepliesByLastUpdate: IndexMethodHandler = async (context, params) => {
  const q = condenserArgs(params, "get_replies_by_last_update", ["start_author", "start_permlink", "limit", "truncate_body"]);
  const db = indexOf(context);
  const limit = limitParam(q.limit, postsPerCallDefault, postsPerCallMax);
  const truncateBody = truncateBodyParam(q.truncate_body);
  if (q.start_author === undefined || q.start_author === null || q.start_author === "") throw invalidParams("start_author cannot be blank");
  const start = await startPostParam(db, q.start_author, q.start_permlink);
  let parentAuthor: string;
  if (start === null) {
    parentAuthor = await existingAccountParam(db, q.start_author, "start_author");
  } else {
    const parent = await db.get<{ author: string }>("SELECT pp.author FROM posts c JOIN posts pp ON pp.id = c.parent_id WHERE c.id = ?", [start.id]);
    if (parent === undefined) return [];
    parentAuthor = parent.author;
  }
  return condenserPosts(db, await repliesToAuthorIds(db, parentAuthor, start, limit, null, true), truncateBody);
};

/** An author's top-level posts without reblogs; `before_date` is accepted and ignored, as by steemd and both hiveminds. */
const getDiscussionsByAuthorBeforeDate: IndexMethodHandler = async (context, params) => {
  const q = condenserArgs(params, "get_discussions_by_author_before_date", ["author", "start_permlink", "before_date", "limit", "truncate_body", "observer"]);
  const db = indexOf(context);
  const limit = limitParam(q.limit, 10, postsPerCallMax);
  const truncateBody = truncateBodyParam(q.truncate_body);
  if (q.before_date !== undefined && q.before_date !== null && typeof q.before_date !== "string") throw invalidParams("before_date must be a date string");
  if (q.author === undefined || q.author === null || q.author === "") throw invalidParams("author cannot be blank");
  const author = await existingAccountParam(db, q.author, "author");
  await optionalExistingAccountParam(db, q.observer, "observer");
  const start = await authorStart(db, author, q.start_permlink);
  return condenserPosts(db, await authorPostIds(db, author, "posts", start, limit, true), truncateBody);
};

/** get_blog's and get_blog_entries' cap. */
const blogEntriesMax = 500;

/**
 * Blog entries by position (steemit/hivemind `_get_blog`): `start_entry_id` is the newest entry wanted
 * (0 or -1: the latest), `limit` how many going back from there (default: just the latest, or every
 * entry down to 0 from a given id; at most 500).
 */
async function blogEntryPage(db: IndexDatabase, params: unknown, method: string): Promise<{ account: string; entries: BlogEntry[] }> {
  const q = condenserArgs(params, method, ["account", "start_entry_id", "limit", "observer"]);
  const account = await existingAccountParam(db, q.account, "account");
  await optionalExistingAccountParam(db, q.observer, "observer");
  const startEntry = q.start_entry_id ?? 0;
  if (typeof startEntry !== "number" || !Number.isSafeInteger(startEntry) || startEntry < -1) {
    throw invalidParams(`start_entry_id must be an entry id (-1 or 0 for the latest), got ${JSON.stringify(startEntry)}`);
  }
  const defaultLimit = startEntry <= 0 ? 1 : Math.min(startEntry + 1, blogEntriesMax);
  const limit = q.limit === 0 ? defaultLimit : limitParam(q.limit, defaultLimit, blogEntriesMax);
  const size = await blogSize(db, account);
  const newest = startEntry <= 0 ? size - 1 : Math.min(startEntry, size - 1);
  if (newest < 0) return { account, entries: [] };
  return { account, entries: await blogEntriesByIndex(db, account, Math.max(0, newest - limit + 1), newest) };
}

const getBlog: IndexMethodHandler = async (context, params) => {
  const db = indexOf(context);
  const { account, entries } = await blogEntryPage(db, params, "get_blog");
  const posts = await loadCondenserPosts(db, entries.map((entry) => entry.id));
  return entries.flatMap((entry) => {
    const post = posts.get(entry.id);
    if (post === undefined) return [];
    return [{ blog: account, entry_id: entry.entryId, comment: condenserPostObject(post), reblogged_on: rebloggedOn(post.row.author, account, entry.createdAt) }];
  });
};

const getBlogEntries: IndexMethodHandler = async (context, params) => {
  const db = indexOf(context);
  const { account, entries } = await blogEntryPage(db, params, "get_blog_entries");
  if (entries.length === 0) return [];
  const list = inList(entries.map((entry) => entry.id));
  const keys = new Map<number, { author: string; permlink: string }>();
  for (const row of await db.all<{ id: number; author: string; permlink: string }>(`SELECT id, author, permlink FROM posts WHERE id IN (${list.sql})`, list.params)) {
    keys.set(row.id, row);
  }
  return entries.flatMap((entry) => {
    const key = keys.get(entry.id);
    if (key === undefined) return [];
    return [{ blog: account, entry_id: entry.entryId, author: key.author, permlink: key.permlink, reblogged_on: rebloggedOn(key.author, account, entry.createdAt) }];
  });
};

/** When the account reblogged the post; the epoch for its own posts. */
function rebloggedOn(author: string, account: string, createdAt: number): string {
  return formatTime(author === account ? 0 : createdAt);
}

/** Accounts that reblogged a post, by name (both hiveminds leave the author out). */
const getRebloggedBy: IndexMethodHandler = async (context, params) => {
  const q = condenserArgs(params, "get_reblogged_by", ["author", "permlink"]);
  const db = indexOf(context);
  const author = await existingAccountParam(db, q.author, "author");
  const permlink = permlinkParam(q.permlink, "permlink");
  const id = await postIdOf(db, author, permlink);
  const rows = await db.all<{ account: string }>(`SELECT account FROM reblogs WHERE post_id = ? ORDER BY ${bytewise(db.dialect, "account")}`, [id]);
  return rows.map((row) => row.account).filter((name) => name !== author);
};

/** get_trending_tags' cap and default. */
const trendingTagsMax = 250;

const getTrendingTags: IndexMethodHandler = async (context, params) => {
  const q = condenserArgs(params, "get_trending_tags", ["start_tag", "limit"]);
  const db = indexOf(context);
  return trendingTags(db, tagParam(q.start_tag, "start_tag"), limitParam(q.limit, trendingTagsMax, trendingTagsMax));
};

export const condenserDiscussionMethods: Record<string, IndexMethodHandler> = {
  get_discussions_by_trending: rankedDiscussions("get_discussions_by_trending", "trending"),
  get_discussions_by_hot: rankedDiscussions("get_discussions_by_hot", "hot"),
  get_discussions_by_created: rankedDiscussions("get_discussions_by_created", "created"),
  get_discussions_by_promoted: rankedDiscussions("get_discussions_by_promoted", "promoted"),
  get_post_discussions_by_payout: rankedDiscussions("get_post_discussions_by_payout", "payout"),
  get_comment_discussions_by_payout: rankedDiscussions("get_comment_discussions_by_payout", "payout_comments"),
  get_discussions_by_blog: getDiscussionsByBlog,
  get_discussions_by_feed: getDiscussionsByFeed,
  get_discussions_by_comments: getDiscussionsByComments,
  get_replies_by_last_update: getRepliesByLastUpdate,
  get_discussions_by_author_before_date: getDiscussionsByAuthorBeforeDate,
  get_blog: getBlog,
  get_blog_entries: getBlogEntries,
  get_reblogged_by: getRebloggedBy,
  get_trending_tags: getTrendingTags,
};
