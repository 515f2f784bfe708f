/**
 * Reblogs (hivemind): a `reblogs` row, the post in the reblogger's `feed_cache` (what its followers' feeds
 * and its blog show) dated at the reblog, the post's `reblogs` count, and a `reblog` notification to the
 * author. `"delete": "delete"` undoes all of it but the notification. A reblog of a post the index does not
 * have (never written, or deleted), of a comment (Steemit's rule; condenser offers reblogs of top-level
 * posts only) or a repeated one changes nothing.
 *
 * Reblogging one's own post is recorded as hivemind records it — no notification, and the feed_cache row
 * is the post's own — because the blog shows an author's own community posts only once the author has
 * reblogged them. Undoing such a reblog leaves the post's own feed_cache row in place (Hive's delete
 * would drop it, and with it the post from its author's blog).
 */
import { notifyFromAccount } from "./project-social-notifications.ts";
import type { ProjectionContext } from "./projector.ts";
import type { ReblogAction } from "./rules/custom-json.ts";

export async function projectReblog(context: ProjectionContext, action: ReblogAction): Promise<void> {
  const { tx, time } = context;
  const post = await tx.get<{ id: number; depth: number }>("SELECT id, depth FROM posts WHERE author = ? AND permlink = ?", [action.author, action.permlink]);
  if (post === undefined || post.depth !== 0) return;
  const ownPost = action.account === action.author;

  if (action.delete) {
    if ((await tx.run("DELETE FROM reblogs WHERE account = ? AND post_id = ?", [action.account, post.id])) === 0) return;
    await tx.run("UPDATE posts SET reblogs = reblogs - 1, changed_block = ? WHERE id = ?", [context.blockNum, post.id]);
    if (!ownPost) await tx.run("DELETE FROM feed_cache WHERE account = ? AND post_id = ?", [action.account, post.id]);
    return;
  }

  const added = await tx.run("INSERT INTO reblogs (account, post_id, created_at) VALUES (?, ?, ?) ON CONFLICT (account, post_id) DO NOTHING", [action.account, post.id, time]);
  if (added === 0) return;
  await tx.run("UPDATE posts SET reblogs = reblogs + 1, changed_block = ? WHERE id = ?", [context.blockNum, post.id]);
  await tx.run("INSERT INTO feed_cache (account, post_id, created_at) VALUES (?, ?, ?) ON CONFLICT (account, post_id) DO NOTHING", [action.account, post.id, time]);
  await notifyFromAccount(context, { type: "reblog", src: action.account, dst: action.author, postId: post.id });
}
