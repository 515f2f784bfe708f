/**
 * condenser_api/follow_api followers, following and follow counts over the index.
 *
 * Params come positionally (`[account, start, type, limit]`, condenser_api and steem-js's follow_api) or
 * named (`{account, start, type | follow_type, limit}`, follow_api's appbase form and hivemind's named
 * condenser_api form), as both forks of hivemind accept them.
 *
 * Paging is steemd's: lists are in account-name order and `start` is the first name returned (the last
 * name of the previous page, so clients skip one repeat). Hive returns names after `start`; Steemit pages
 * by follow time with `start` included. Each entry is `{follower, following, what: [type]}` as on Hive and
 * steemd (Steemit adds the follower's reputation and a two-slot `what`).
 *
 * `get_account_reputations` is not here: the chain serves it (methods/economics-methods.ts) with the
 * same values the index holds.
 */
import type { IndexDatabase } from "../../index/db/database.ts";
import type { IndexMethodHandler } from "../methods/method-table.ts";
import { invalidParams } from "../rpc/rpc-error.ts";
import { integerParam } from "./account-params.ts";
import { accountNotFound, bytewise, followStates, requireAccount } from "./account-queries.ts";
import { accountParam, indexOf, limitParam, optionalAccountParam } from "./params.ts";

/** hivemind's cap on followers/following per call (and its default). */
export const followListLimitMax = 1000;
/** hivemind's cap on `page_size` of the `*_by_page` variants. */
export const followPageSizeMax = 100;

type FollowType = "blog" | "ignore";

interface FollowListArgs {
  account: string;
  start: string | null;
  type: FollowType;
  limit: number;
}

/** Reads `[account, start, type, limit]` or `{account, start, type|follow_type, limit}`. */
function followListArgs(params: unknown, method: string): FollowListArgs {
  const p = argsOf(params, method, ["account", "start", "type", "limit"], 1);
  return {
    account: accountParam(p.account, "account"),
    start: optionalAccountParam(p.start, "start"),
    type: followTypeParam(p.type),
    limit: limitParam(p.limit, followListLimitMax, followListLimitMax),
  };
}

/**
 * Params by name from a positional array (`order` gives the names) or a named object; `follow_type` is
 * read as `type`, hivemind's workaround for the Python keyword.
 */
function argsOf(params: unknown, method: string, order: readonly string[], required: number): Record<string, unknown> {
  if (Array.isArray(params)) {
    if (params.length < required || params.length > order.length) throw invalidParams(`${method} takes ${required} to ${order.length} params, got ${params.length}`);
    return Object.fromEntries(order.map((name, i) => [name, params[i]]));
  }
  if (typeof params !== "object" || params === null) throw invalidParams(`${method} takes an array of params or an object of named params`);
  const record = { ...(params as Record<string, unknown>) };
  if (record.type === undefined && "follow_type" in record) {
    record.type = record.follow_type;
    delete record.follow_type;
  }
  const unknown = Object.keys(record).filter((key) => !order.includes(key));
  if (unknown.length > 0) throw invalidParams(`${method} does not take ${unknown.join(", ")} (it takes ${order.join(", ")})`);
  return record;
}

function followTypeParam(value: unknown): FollowType {
  if (value === undefined || value === null || value === "") return "blog";
  if (value === "blog" || value === "ignore") return value;
  throw invalidParams(`follow_type must be blog or ignore, got ${JSON.stringify(value)}`);
}

const stateOf = (type: FollowType) => (type === "blog" ? followStates.follow : followStates.mute);

/** Who follows (or mutes) `account`, from `start` on in name order. */
async function followers(db: IndexDatabase, args: FollowListArgs) {
  await requireAccount(db, args.account);
  const seek = args.start === null ? "" : `AND ${bytewise(db, "follower")} >= ?`;
  const rows = await db.all<{ follower: string }>(
    `SELECT follower FROM follows WHERE following = ? AND state = ? ${seek} ORDER BY ${bytewise(db, "follower")} LIMIT ?`,
    [args.account, stateOf(args.type), ...(args.start === null ? [] : [args.start]), args.limit],
  );
  return rows.map((row) => ({ follower: row.follower, following: args.account, what: [args.type] }));
}

/** Whom `account` follows (or mutes), from `start` on in name order. */
async function following(db: IndexDatabase, args: FollowListArgs) {
  await requireAccount(db, args.account);
  const seek = args.start === null ? "" : `AND ${bytewise(db, "following")} >= ?`;
  const rows = await db.all<{ following: string }>(
    `SELECT following FROM follows WHERE follower = ? AND state = ? ${seek} ORDER BY ${bytewise(db, "following")} LIMIT ?`,
    [args.account, stateOf(args.type), ...(args.start === null ? [] : [args.start]), args.limit],
  );
  return rows.map((row) => ({ follower: args.account, following: row.following, what: [args.type] }));
}

interface FollowPageArgs {
  account: string;
  page: number;
  pageSize: number;
  type: FollowType;
}

/** Steemit's `*_by_page`: `[account, page, page_size, type]`, page counted from 0, in name order. */
function followPageArgs(params: unknown, method: string): FollowPageArgs {
  const p = argsOf(params, method, ["account", "page", "page_size", "type"], 2);
  if (p.page === undefined || p.page === null) throw invalidParams("page must be given");
  return {
    account: accountParam(p.account, "account"),
    page: integerParam(p.page, "page", 0, 0, 1_000_000),
    pageSize: limitParam(p.page_size, followPageSizeMax, followPageSizeMax, "page_size"),
    type: followTypeParam(p.type),
  };
}

async function followPage(db: IndexDatabase, args: FollowPageArgs, side: "followers" | "following") {
  await requireAccount(db, args.account);
  const [self, other] = side === "followers" ? ["following", "follower"] : ["follower", "following"];
  const rows = await db.all<{ name: string }>(
    `SELECT ${other} AS name FROM follows WHERE ${self} = ? AND state = ? ORDER BY ${bytewise(db, other)} LIMIT ? OFFSET ?`,
    [args.account, stateOf(args.type), args.pageSize, args.page * args.pageSize],
  );
  return rows.map((row) =>
    side === "followers"
      ? { follower: row.name, following: args.account, what: [args.type] }
      : { follower: args.account, following: row.name, what: [args.type] },
  );
}

async function followCount(db: IndexDatabase, params: unknown, method: string) {
  const account = accountParam(argsOf(params, method, ["account"], 1).account, "account");
  const row = await db.get<{ followers: number; following: number }>("SELECT followers, following FROM accounts WHERE name = ?", [account]);
  if (row === undefined) throw accountNotFound(account);
  return { account, following_count: row.following, follower_count: row.followers };
}

/** By bare name; the same handlers answer follow_api's positional (legacy) and named (appbase) forms. */
export const condenserFollowMethods: Record<string, IndexMethodHandler> = {
  get_followers: (context, params) => followers(indexOf(context), followListArgs(params, "get_followers")),
  get_following: (context, params) => following(indexOf(context), followListArgs(params, "get_following")),
  get_followers_by_page: (context, params) => followPage(indexOf(context), followPageArgs(params, "get_followers_by_page"), "followers"),
  get_following_by_page: (context, params) => followPage(indexOf(context), followPageArgs(params, "get_following_by_page"), "following"),
  get_follow_count: (context, params) => followCount(indexOf(context), params, "get_follow_count"),
};

/** follow_api's named-param (appbase) entries, answered as hivemind answers them: the same plain results. */
export const followApiMethods: Record<string, IndexMethodHandler> = Object.fromEntries(
  Object.entries(condenserFollowMethods).map(([name, handler]) => [`follow_api.${name}`, handler]),
);
