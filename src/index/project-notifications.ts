/**
 * Writing notifications: one row per notification, its id from the projector's counter (block order), so
 * live and rebuilt indexes agree. The message and URL are rendered at read time from the row
 * (rules/notifications.ts), as hivemind does.
 */
import type { ProjectionContext } from "./projector.ts";
import { type NotifyTypeName, notifyTypes } from "./rules/notifications.ts";

export interface NewNotification {
  readonly type: NotifyTypeName;
  readonly score: number;
  /** Account that caused it (null for `new_community`). */
  readonly src: string | null;
  /** Account it is for (for community-wide ones, the community account). */
  readonly dst: string | null;
  readonly community?: string | null;
  readonly postId?: number | null;
  readonly payload?: string | null;
}

/** Adds a notification dated at the block's time; returns its id. */
export async function insertNotification(context: ProjectionContext, notification: NewNotification): Promise<number> {
  const id = context.takeId("next_notification_id");
  await context.tx.run(
    "INSERT INTO notifications (id, type_id, score, created_at, block_num, src, dst, community, post_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [
      id, notifyTypes[notification.type], notification.score, context.time, context.blockNum, notification.src, notification.dst,
      notification.community ?? null, notification.postId ?? null, notification.payload ?? null,
    ],
  );
  return id;
}
