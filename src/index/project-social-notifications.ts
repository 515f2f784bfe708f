/**
 * The social notifications (reply, reply_comment, reblog, follow, mention, vote) share hivemind's (Hive)
 * filters: never to oneself, never from an account the recipient muted — directly or through a mute list
 * the recipient follows (`follow_muted`) — and, for those scored by the source's reputation, only while
 * that score is above 0 (openhive-network/hivemind `massive_sync.sql` `flush_*_notifications_for_blocks`).
 */
import type { ProjectionContext } from "./projector.ts";
import { insertNotification } from "./project-notifications.ts";
import type { NotifyTypeName } from "./rules/notifications.ts";
import { notificationScoreOfReputation } from "./rules/reputation-display.ts";

/** The score a notification from `account` carries: its reputation on Hive's 7.5-point scale (25 without one). */
export async function reputationScoreOf(context: ProjectionContext, account: string): Promise<number> {
  const row = await context.tx.get<{ reputation: number | bigint | null }>("SELECT reputation FROM accounts WHERE name = ?", [account]);
  return notificationScoreOfReputation(BigInt(row?.reputation ?? 0));
}

/** Whether `recipient` muted `source`, itself or through the mute list of an account whose list it follows. */
export async function isMutedBy(context: ProjectionContext, recipient: string, source: string): Promise<boolean> {
  const row = await context.tx.get(
    `SELECT 1 AS muted FROM follows WHERE follower = ? AND following = ? AND state = 2
     UNION ALL
     SELECT 1 AS muted FROM follows lists JOIN follows mutes ON mutes.follower = lists.following AND mutes.following = ? AND mutes.state = 2
      WHERE lists.follower = ? AND lists.follow_muted <> 0
     LIMIT 1`,
    [recipient, source, source, recipient],
  );
  return row !== undefined;
}

export interface SocialNotification {
  readonly type: NotifyTypeName;
  readonly src: string;
  readonly dst: string;
  readonly postId?: number | null;
}

/** Writes a notification scored by its source's reputation, unless hivemind's filters drop it. */
export async function notifyFromAccount(context: ProjectionContext, notification: SocialNotification): Promise<void> {
  const { src, dst } = notification;
  if (src === dst) return;
  const score = await reputationScoreOf(context, src);
  if (score <= 0 || (await isMutedBy(context, dst, src))) return;
  await insertNotification(context, { type: notification.type, score, src, dst, postId: notification.postId ?? null });
}
