/**
 * condenser_api.get_state: the old steemd "state" blob for a page path, as steemit/hivemind rebuilds it
 * (`condenser_api/get_state.py`). Content comes from the index as condenser discussions; the chain parts
 * (accounts, props, feed_price) from chain state, formatted as get_accounts and
 * get_dynamic_global_properties format them.
 *
 * Routes: `/`, `/<sort>[/<tag>]` (trending, hot, created, promoted, payout, payout_comments),
 * `/@user[/blog|feed|comments|recent-replies|posts]`, `/<category>/@author/permlink` and
 * `/@author/permlink` (a thread), `/tags`, and condenser's static pages (just the props).
 */
import type { Account } from "../../core/chain/state.ts";
import type { IndexDatabase } from "../../index/db/database.ts";
import { formatAccount, formatGlobalProperties } from "../format/chain-objects.ts";
import { formatPrice } from "../format/economics-objects.ts";
import type { MethodHandler } from "../methods/method-table.ts";
import { expectString, positional } from "../methods/method-table.ts";
import type { ApiContext } from "../ports.ts";
import { invalidParams } from "../rpc/rpc-error.ts";
import { indexOf } from "./params.ts";
import { feedEntries } from "./post-feed.ts";
import { loadCondenserPosts } from "./post-load.ts";
import { condenserPostObject } from "./post-objects.ts";
import { tagParam } from "./post-params.ts";
import { authorPostIds, blogPostIds, repliesToAuthorIds } from "./post-queries.ts";
import { type RankedSort, rankedPostIds, rankedScope, trendingTags } from "./post-ranked.ts";
import { indexHeadTime } from "./post-sql.ts";
import { loadThread } from "./post-thread.ts";

/** Account tabs and the state key each fills (steemd's names). */
const accountTabKeys: Readonly<Record<string, string>> = { blog: "blog", feed: "feed", comments: "comments", "recent-replies": "recent_replies", posts: "posts" };
/** Account pages condenser renders from the account alone. */
const accountTabsWithoutContent = new Set(["followed", "followers", "permissions", "password", "settings", "transfers"]);
/** Pages condenser asks state for without needing any content. */
const staticPaths = new Set([
  "create_account", "approval", "recover_account_step_1", "recover_account_step_2", "submit.html", "market", "change_password", "login.html",
  "welcome", "tos.html", "privacy.html", "support.html", "faq.html", "about.html", "pick_account", "waiting_list.html",
]);
const listSorts: readonly RankedSort[] = ["trending", "hot", "created", "promoted", "payout", "payout_comments"];

/** Posts per state page, and trending tags listed in `tag_idx` (steemit/hivemind). */
const statePostsMax = 20;
const stateTagsMax = 50;

/** The path's three parts: leading "/" and any query string dropped, "" meaning trending (steemit/hivemind `_normalize_path`). */
export function statePathParts(path: string): [string, string, string] {
  let text = path.startsWith("/") ? path.slice(1) : path;
  text = text.split("?")[0];
  if (text === "") text = "trending";
  if (text.includes("#")) throw invalidParams("path contains hash mark (#)");
  const parts = text.split("/");
  if (parts.length === 4 && parts[3] === "") parts.pop();
  if (parts.length > 3) throw invalidParams(`too many parts in path: ${JSON.stringify(path).slice(0, 80)}`);
  while (parts.length < 3) parts.push("");
  return [parts[0], parts[1], parts[2]];
}

export const getState: MethodHandler = async (context, params) => {
  const [pathValue] = positional(params, 1, 1, "get_state");
  const [first, second, third] = statePathParts(expectString(pathValue, "path", 512));
  const db = indexOf(context);
  const chain = context.node.state;
  const state: Record<string, unknown> = {
    feed_price: formatPrice(chain.feed.value.current_median_history, "legacy"),
    props: formatGlobalProperties(chain.props.value, "legacy"),
    tags: {},
    accounts: {} as Record<string, unknown>,
    content: {} as Record<string, unknown>,
    tag_idx: { trending: [] as string[] },
    discussion_idx: { "": {} },
  };
  if (first.startsWith("@")) {
    const name = first.slice(1);
    const tab = second === "" ? "blog" : second;
    if (tab in accountTabKeys || accountTabsWithoutContent.has(tab)) {
      if (third !== "") throw invalidParams(`unexpected account path part ${JSON.stringify(third).slice(0, 40)}`);
      const account = accountObject(context, name);
      for (const key of Object.values(accountTabKeys)) account[key] = [];
      const key = accountTabKeys[tab];
      if (key !== undefined) {
        const content = await accountTabContent(db, name, tab);
        state.content = content;
        account[key] = Object.keys(content);
      }
      state.accounts = { [name]: account };
    } else {
      await addThread(context, db, state, name, tab);
    }
  } else if (second.startsWith("@")) {
    await addThread(context, db, state, second.slice(1), third);
  } else if ((listSorts as readonly string[]).includes(first)) {
    if (third !== "") throw invalidParams(`unexpected discussion path part ${JSON.stringify(third).slice(0, 40)}`);
    const sort = first as RankedSort;
    const tag = tagParam(second.toLowerCase());
    const scope = await rankedScope(db, tag, null, false);
    const ids = scope === null ? [] : await rankedPostIds(db, {
      sort, scope, start: null, limit: statePostsMax, observer: null, now: await indexHeadTime(db), flavor: "condenser", inclusive: true,
      excludePinned: false, mutedReasonsFilter: 0,
    });
    state.content = await keyedPosts(db, ids);
    state.discussion_idx = { [tag]: { [sort]: Object.keys(state.content as object) } };
    state.tag_idx = { trending: (await trendingTagRows(db, stateTagsMax)).map((row) => row.name) };
  } else if (first === "tags") {
    if (second !== "" || third !== "") throw invalidParams("invalid /tags request");
    const rows = await trendingTagRows(db, 250);
    state.tag_idx = { trending: rows.map((row) => row.name) };
    state.tags = Object.fromEntries(rows.map((row) => [row.name, row]));
  } else if (!staticPaths.has(first) || second !== "" || third !== "") {
    throw invalidParams(`unhandled path: /${[first, second, third].filter((part) => part !== "").join("/").slice(0, 80)}`);
  }
  return state;
};

async function trendingTagRows(db: IndexDatabase, limit: number): Promise<readonly (Record<string, unknown> & { name: string })[]> {
  return (await trendingTags(db, "", limit)) as readonly (Record<string, unknown> & { name: string })[];
}

/** An account as get_accounts shows it, or an error when the chain has none. */
function accountObject(context: ApiContext, name: string): Record<string, unknown> {
  const account: Account | undefined = context.node.state.accounts.get(name);
  if (account === undefined) throw invalidParams(`account not found: ${JSON.stringify(name).slice(0, 40)}`);
  return formatAccount(account, context.node.state.props.value, { addressPrefix: context.addressPrefix }, "legacy", true);
}

/** The first page of an account tab, keyed "author/permlink". */
async function accountTabContent(db: IndexDatabase, account: string, tab: string): Promise<Record<string, unknown>> {
  switch (tab) {
    case "blog":
      return keyedPosts(db, await blogPostIds(db, account, null, statePostsMax, { bridge: false, inclusive: true }));
    case "feed": {
      const entries = await feedEntries(db, account, null, statePostsMax, null, await indexHeadTime(db), true);
      const sources = new Map(entries.map((entry) => [entry.id, entry.accounts]));
      return keyedPosts(db, entries.map((entry) => entry.id), (id, author) => (sources.get(id) ?? []).filter((name) => name !== author));
    }
    case "comments":
      return keyedPosts(db, await authorPostIds(db, account, "comments", null, statePostsMax, true));
    case "posts":
      return keyedPosts(db, await authorPostIds(db, account, "posts", null, statePostsMax, true));
    default:
      return keyedPosts(db, await repliesToAuthorIds(db, account, null, statePostsMax, null, true));
  }
}

async function keyedPosts(db: IndexDatabase, ids: readonly number[], rebloggedBy: (id: number, author: string) => readonly string[] = () => []): Promise<Record<string, unknown>> {
  const posts = await loadCondenserPosts(db, ids);
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    const post = posts.get(id);
    if (post !== undefined) out[`${post.row.author}/${post.row.permlink}`] = condenserPostObject(post, { rebloggedBy: rebloggedBy(id, post.row.author) });
  }
  return out;
}

/** A thread page: every post of the thread in `content` (with `replies`), its authors in `accounts`. */
async function addThread(context: ApiContext, db: IndexDatabase, state: Record<string, unknown>, author: string, permlink: string): Promise<void> {
  if (permlink === "") throw invalidParams("permlink cannot be blank");
  const top = await db.get<{ id: number; root_id: number }>("SELECT id, root_id FROM posts WHERE author = ? AND permlink = ?", [author, permlink]);
  if (top === undefined) return;
  const content = await loadThread(db, top.id, top.root_id, { observer: null, load: (ids) => loadCondenserPosts(db, ids), format: (post) => condenserPostObject(post) });
  state.content = content;
  const accounts: Record<string, unknown> = {};
  for (const post of Object.values(content)) {
    const name = post.author as string;
    if (!(name in accounts) && context.node.state.accounts.get(name) !== undefined) accounts[name] = accountObject(context, name);
  }
  state.accounts = accounts;
}
