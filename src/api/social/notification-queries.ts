/**
 * Reading notifications: one page of rows, newest first, rendered as `{id, type, score, date, msg, url}`.
 *
 * Rendering follows Steemit's hivemind (`hive_api/notify.py`) throughout: type 4 is `set_label`, `msg` in
 * its third-person wording ("@alice set @bob mod", "@bob resteemed your post"), and a community's `url`
 * is `trending/<name>`. Its wording stays right where Steemit shows a community account everything
 * about its community (Hive's "set your role to mod" would not), and its URLs are condenser's routes.
 * One change: `<comm>` reads the community's display title (`@name` until a title is set) rather than
 * an empty string.
 *
 * A deleted post takes its notifications with it (project-posts.ts), as hivemind hides them.
 */
import type { IndexDatabase, SqlValue } from "../../index/db/database.ts";
import { isNotifyTypeId, notificationMessage, notificationTypeName, notificationUrl, notifyTypeNames } from "../../index/rules/notifications.ts";
import { formatTime } from "../format/json-time.ts";
import { displayTitle } from "./community-queries.ts";

/** Where notifications are read from: one account's, everything about a community, or one post's. */
export type NotificationTarget = { by: "dst"; account: string } | { by: "community"; community: string } | { by: "post"; postId: number };

export interface NotificationPage {
  minScore: number;
  /** Only notifications older than this id (the last one of the previous page). */
  lastId: number | null;
  limit: number;
}

export interface RenderedNotification {
  id: number;
  type: string;
  score: number;
  date: string;
  msg: string;
  url: string | null;
}

/** A notifications row with its post's key and its community's title, as `notificationColumns` selects it. */
export interface NotificationRow {
  [column: string]: SqlValue;
  id: number;
  type_id: number;
  score: number;
  created_at: number;
  src: string | null;
  dst: string | null;
  payload: string | null;
  community: string | null;
  community_title: string | null;
  author: string | null;
  permlink: string | null;
}

/** The select list and joins (`FROM notifications n` …) that make a `NotificationRow`. */
export const notificationColumns = "n.id, n.type_id, n.score, n.created_at, n.src, n.dst, n.payload, n.community, c.title AS community_title, p.author, p.permlink";
export const notificationJoins = "FROM notifications n LEFT JOIN posts p ON p.id = n.post_id LEFT JOIN communities c ON c.name = n.community";

const targetColumns: Readonly<Record<NotificationTarget["by"], string>> = { dst: "n.dst", community: "n.community", post: "n.post_id" };

function targetValue(target: NotificationTarget): string | number {
  return target.by === "dst" ? target.account : target.by === "community" ? target.community : target.postId;
}

/** One page, newest first; each target has an index on (target, id), so a page is one range scan. */
export async function notificationPage(db: IndexDatabase, target: NotificationTarget, page: NotificationPage): Promise<RenderedNotification[]> {
  const rows = await db.all<NotificationRow>(
    `SELECT ${notificationColumns} ${notificationJoins}
      WHERE ${targetColumns[target.by]} = ? AND n.score >= ? ${page.lastId === null ? "" : "AND n.id < ?"}
      ORDER BY n.id DESC LIMIT ?`,
    [targetValue(target), page.minScore, ...(page.lastId === null ? [] : [page.lastId]), page.limit],
  );
  return rows.filter((row) => isNotifyTypeId(row.type_id)).map(renderNotification);
}

/** A row as the API shows it: {id, type, score, date, msg, url} in Steemit's wording, a community by its display title. */
export function renderNotification(row: NotificationRow): RenderedNotification {
  const typeId = row.type_id as keyof typeof notifyTypeNames;
  const fields = {
    src: row.src,
    dst: row.dst,
    author: row.author,
    permlink: row.permlink,
    community: row.community,
    communityTitle: row.community === null ? null : displayTitle({ name: row.community, title: row.community_title }),
    payload: row.payload,
  };
  return {
    id: row.id,
    type: notificationTypeName(typeId, "steemit"),
    score: row.score,
    date: formatTime(row.created_at),
    msg: notificationMessage(notifyTypeNames[typeId], fields, "steemit"),
    url: notificationUrl(fields, "steemit"),
  };
}

/**
 * Notifications to `account` newer than its last-read mark with at least `minScore`, and that mark.
 * Ids follow block order, so `created_at` never decreases as ids grow: the newest notification the mark
 * covers is found walking the account's notifications newest first, and the unread ones are those after
 * it — both range scans of (dst, id) that read only the unread notifications.
 */
export async function unreadCount(db: IndexDatabase, account: string, minScore: number): Promise<{ lastreadAt: number; unread: number } | undefined> {
  const row = await db.get<{ lastread_at: number | null }>("SELECT lastread_at FROM accounts WHERE name = ?", [account]);
  if (row === undefined) return undefined;
  const lastreadAt = row.lastread_at ?? 0;
  const lastRead = await db.get<{ id: number }>("SELECT id FROM notifications WHERE dst = ? AND created_at <= ? ORDER BY id DESC LIMIT 1", [account, lastreadAt]);
  const count = await db.get<{ unread: number }>("SELECT COUNT(*) AS unread FROM notifications WHERE dst = ? AND id > ? AND score >= ?", [account, lastRead?.id ?? 0, minScore]);
  return { lastreadAt, unread: count?.unread ?? 0 };
}
