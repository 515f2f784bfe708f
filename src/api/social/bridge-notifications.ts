/**
 * bridge notifications (named params), as Steemit's hivemind serves them (`hive_api/notify.py`); see
 * notification-queries.ts for the rendering.
 *
 * - `account_notifications`: the account's notifications with `score >= min_score` (default 25), newest
 *   first, `limit` ≤ 100, paged by `last_id`. For a community account (`hive-NNNNN`) it is everything
 *   about that community, whoever it was for, and `min_score` is 0 — Steemit's community activity log.
 * - `unread_notifications`: `{lastread, unread}`: how many of the account's notifications (score ≥
 *   `min_score`) are newer than its `setLastRead` mark; `lastread` as a database time
 *   (`1970-01-01 00:00:00` before the first setLastRead).
 * - `post_notifications`: the notifications about one post, paged the same way.
 */
import type { IndexDatabase } from "../../index/db/database.ts";
import { isCommunityName } from "../../index/rules/communities.ts";
import { notificationMinScoreDefault } from "../../index/rules/notifications.ts";
import type { IndexMethodHandler } from "../methods/method-table.ts";
import { integerParam, namedParams, notFound, optionalIdParam } from "./account-params.ts";
import { accountNotFound, requireAccount } from "./account-queries.ts";
import { databaseTime } from "./community-queries.ts";
import { notificationPage, unreadCount } from "./notification-queries.ts";
import { accountParam, indexOf, limitParam, permlinkParam } from "./params.ts";

export const notificationsLimitMax = 100;
/** Scores run from 0 to 100 (Hive validates `min_score` to that range). */
export const notificationScoreMax = 100;

function minScoreParam(value: unknown): number {
  return integerParam(value, "min_score", notificationMinScoreDefault, 0, notificationScoreMax);
}

async function accountNotifications(db: IndexDatabase, params: unknown) {
  const p = namedParams(params, "bridge.account_notifications", ["account", "min_score", "last_id", "limit"]);
  const account = accountParam(p.account, "account");
  const minScore = minScoreParam(p.min_score);
  const lastId = optionalIdParam(p.last_id, "last_id");
  const limit = limitParam(p.limit, notificationsLimitMax, notificationsLimitMax);
  await requireAccount(db, account);
  return isCommunityName(account)
    ? notificationPage(db, { by: "community", community: account }, { minScore: 0, lastId, limit })
    : notificationPage(db, { by: "dst", account }, { minScore, lastId, limit });
}

async function unreadNotifications(db: IndexDatabase, params: unknown) {
  const p = namedParams(params, "bridge.unread_notifications", ["account", "min_score"]);
  const account = accountParam(p.account, "account");
  const status = await unreadCount(db, account, minScoreParam(p.min_score));
  if (status === undefined) throw accountNotFound(account);
  return { lastread: databaseTime(status.lastreadAt), unread: status.unread };
}

async function postNotifications(db: IndexDatabase, params: unknown) {
  const p = namedParams(params, "bridge.post_notifications", ["author", "permlink", "min_score", "last_id", "limit"]);
  const author = accountParam(p.author, "author");
  const permlink = permlinkParam(p.permlink, "permlink");
  const minScore = minScoreParam(p.min_score);
  const lastId = optionalIdParam(p.last_id, "last_id");
  const limit = limitParam(p.limit, notificationsLimitMax, notificationsLimitMax);
  const post = await db.get<{ id: number }>("SELECT id FROM posts WHERE author = ? AND permlink = ?", [author, permlink]);
  if (post === undefined) throw notFound(`post not found: @${author}/${permlink}`);
  return notificationPage(db, { by: "post", postId: post.id }, { minScore, lastId, limit });
}

export const bridgeNotificationMethods: Record<string, IndexMethodHandler> = {
  "bridge.account_notifications": (context, params) => accountNotifications(indexOf(context), params),
  "bridge.unread_notifications": (context, params) => unreadNotifications(indexOf(context), params),
  "bridge.post_notifications": (context, params) => postNotifications(indexOf(context), params),
};
