/**
 * Mentions of a new post or comment (hivemind): every existing account its body @-mentions, other than
 * its author, gets a `mentions` row; each of them, except the parent's author (who has the reply
 * notification), is notified — unless the post mentions more accounts than the author's score allows
 * (Steemit's cap, `mentionsNotifiedMax`), the author's score is not above 0, or the recipient muted the
 * author. Edits add no mentions (so an edit cannot notify anyone).
 */
import { existingAccounts } from "./project-accounts.ts";
import { insertNotification } from "./project-notifications.ts";
import { isMutedBy, reputationScoreOf } from "./project-social-notifications.ts";
import type { ProjectionContext } from "./projector.ts";
import { mentionNotificationScore } from "./rules/notifications.ts";
import { extractMentions } from "./rules/post-text.ts";

export interface MentioningPost {
  readonly id: number;
  readonly author: string;
  /** The parent post's author, or null for a top-level post. */
  readonly parentAuthor: string | null;
  readonly body: string;
}

export async function recordMentions(context: ProjectionContext, post: MentioningPost): Promise<void> {
  const candidates = extractMentions(post.body).filter((name) => name !== post.author);
  if (candidates.length === 0) return;
  const existing = await existingAccounts(context, candidates);
  const mentioned = candidates.filter((name) => existing.has(name));
  for (const account of mentioned) {
    await context.tx.run("INSERT INTO mentions (post_id, account) VALUES (?, ?) ON CONFLICT (post_id, account) DO NOTHING", [post.id, account]);
  }
  const notified = mentioned.filter((name) => name !== post.parentAuthor);
  if (notified.length === 0) return;
  const sourceScore = await reputationScoreOf(context, post.author);
  const score = mentionNotificationScore(sourceScore, notified.length);
  if (sourceScore <= 0 || score === null) return;
  for (const account of notified) {
    if (await isMutedBy(context, account, post.author)) continue;
    await insertNotification(context, { type: "mention", score, src: post.author, dst: account, postId: post.id });
  }
}
