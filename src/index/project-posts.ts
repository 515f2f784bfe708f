/**
 * Posts, comments and votes in the index, from `comment`, `comment_options`, `delete_comment` and the
 * virtual operations the chain reports for them: `effective_comment_vote` (project-votes.ts) and the
 * cashout's `comment_reward` (Hive's payout split) and `comment_payout_update`.
 *
 * A new post joins its community (project-communities.ts decides which and whether it starts muted), a
 * top-level one enters its author's `feed_cache` (hivemind's blog/feed source; hivemind puts community posts
 * there too and leaves them out of the blog at query time unless the author reblogged them), and its
 * title and body become searchable. A new comment notifies the parent's author (`reply` under a post,
 * `reply_comment` under a comment); a new post or comment notifies the accounts it mentions.
 */
import { applyBodyEdit } from "../core/operations/comment.ts";
import { cashoutWindowSeconds, maxAcceptedPayoutDefault, percent100 } from "../core/protocol/config.ts";
import type { Operation } from "../core/protocol/operation-schemas.ts";
import type { VirtualOperation } from "../core/protocol/virtual-operation-schemas.ts";
import type { SqlValue } from "./db/database.ts";
import { communityOfNewPost } from "./project-communities.ts";
import { recordMentions } from "./project-mentions.ts";
import { removePostText, writePostText } from "./project-search.ts";
import { notifyFromAccount } from "./project-social-notifications.ts";
import { countVote } from "./project-votes.ts";
import type { ProjectionContext } from "./projector.ts";
import { parseJsonMetadata, postTags, replaceNulCharacters } from "./rules/post-text.ts";
import { hotScore, trendingScore } from "./rules/scores.ts";

/** What the comment ops need of a post (its text is read only for an edit). */
interface PostRow {
  [column: string]: SqlValue;
  id: number;
  author: string;
  depth: number;
  category: string;
  community: string | null;
  root_id: number;
  parent_id: number | null;
  is_muted: number;
}

async function findPost(context: ProjectionContext, author: string, permlink: string): Promise<PostRow | undefined> {
  return context.tx.get<PostRow>(
    "SELECT id, author, depth, category, community, root_id, parent_id, is_muted FROM posts WHERE author = ? AND permlink = ?",
    [author, permlink],
  );
}

async function requirePost(context: ProjectionContext, author: string, permlink: string): Promise<PostRow> {
  const post = await findPost(context, author, permlink);
  if (post === undefined) throw new Error(`block ${context.blockNum} refers to @${author}/${permlink}, which the index does not have`);
  return post;
}

export async function projectPostOperation(context: ProjectionContext, operation: Operation): Promise<void> {
  switch (operation.type) {
    case "comment": {
      const existing = await findPost(context, operation.value.author, operation.value.permlink);
      if (existing === undefined) await createPost(context, operation.value);
      else await editPost(context, existing, operation.value);
      return;
    }
    case "comment_options":
      await setOptions(context, operation.value);
      return;
    case "delete_comment":
      await deletePost(context, await requirePost(context, operation.value.author, operation.value.permlink));
      return;
    default:
      return;
  }
}

type CommentBody = Extract<Operation, { type: "comment" }>["value"];

async function createPost(context: ProjectionContext, op: CommentBody): Promise<void> {
  const { tx, time } = context;
  const parent = op.parent_author === "" ? undefined : await requirePost(context, op.parent_author, op.parent_permlink);
  const id = context.takeId("next_post_id");
  const category = parent === undefined ? op.parent_permlink : parent.category;
  const depth = parent === undefined ? 0 : parent.depth + 1;
  const joined = await communityOfNewPost(context, {
    author: op.author, category, depth, parentCommunity: parent?.community ?? null, parentIsMuted: parent !== undefined && parent.is_muted !== 0,
  });
  const metadata = parseJsonMetadata(op.json_metadata);
  // Text is stored as hivemind stores it (each NUL as "[NUL]", which PostgreSQL can hold) on both engines alike.
  const title = replaceNulCharacters(op.title);
  const body = replaceNulCharacters(op.body);
  await tx.run(
    `INSERT INTO posts (id, author, permlink, parent_id, root_id, depth, category, community, title, body, json_metadata, created_at, updated_at, active_at,
       edits, children, net_rshares, abs_rshares, vote_rshares, total_votes, up_votes, cashout_at, payout_at, is_paidout, pending_payout, author_payout,
       curator_payout, payout, max_accepted_payout, percent_sbd, allow_replies, allow_votes, allow_curation, beneficiaries, is_deleted, is_muted,
       muted_reasons, is_pinned, is_nsfw, sc_trend, sc_hot, promoted, reblogs, author_rewards, beneficiary_payout, total_vote_weight, changed_block)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, ?, ?, 0, 0, 0, 0, 0, ?, ?, 1, 1, 1, '[]', 0, ?, ?, 0, ?, ?, ?, 0, 0, 0, 0, 0, ?)`,
    [
      id, op.author, op.permlink, parent?.id ?? null, parent?.root_id ?? id, depth, replaceNulCharacters(category), joined.community, title, body,
      replaceNulCharacters(op.json_metadata), time, time, time, time + cashoutWindowSeconds, time + cashoutWindowSeconds, maxAcceptedPayoutDefault, percent100,
      joined.isMuted ? 1 : 0, joined.mutedReasons, isNsfw(metadata) ? 1 : 0, trendingScore(0n, time), hotScore(0n, time), context.blockNum,
    ],
  );
  await writeTags(context, id, metadata, category);
  await tx.run("UPDATE accounts SET post_count = post_count + 1, active_at = ? WHERE name = ?", [time, op.author]);
  for (let ancestor: { id: number; parent_id: number | null } | undefined = parent; ancestor !== undefined; ) {
    await tx.run("UPDATE posts SET children = children + 1, active_at = ?, changed_block = ? WHERE id = ?", [time, context.blockNum, ancestor.id]);
    const next = ancestor.parent_id;
    ancestor = next === null ? undefined : await tx.get<{ id: number; parent_id: number | null }>("SELECT id, parent_id FROM posts WHERE id = ?", [next]);
  }
  if (depth === 0) await tx.run("INSERT INTO feed_cache (account, post_id, created_at) VALUES (?, ?, ?)", [op.author, id, time]);
  await writePostText(context, id, title, body);
  if (parent !== undefined) await notifyFromAccount(context, { type: depth === 1 ? "reply" : "reply_comment", src: op.author, dst: parent.author, postId: id });
  await recordMentions(context, { id, author: op.author, parentAuthor: parent?.author ?? null, body });
}

async function editPost(context: ProjectionContext, post: PostRow, op: CommentBody): Promise<void> {
  const text = await context.tx.get<{ title: string; body: string }>("SELECT title, body FROM posts WHERE id = ?", [post.id]);
  const body = replaceNulCharacters(applyBodyEdit(text!.body, op.body));
  const title = op.title.length > 0 ? replaceNulCharacters(op.title) : text!.title;
  const sets = ["title = ?", "body = ?", "updated_at = ?", "active_at = ?", "edits = edits + 1", "changed_block = ?"];
  const values: SqlValue[] = [title, body, context.time, context.time, context.blockNum];
  if (op.json_metadata.length > 0) {
    const metadata = parseJsonMetadata(op.json_metadata);
    sets.push("json_metadata = ?", "is_nsfw = ?");
    values.push(replaceNulCharacters(op.json_metadata), isNsfw(metadata) ? 1 : 0);
    await context.tx.run("DELETE FROM post_tags WHERE post_id = ?", [post.id]);
    await writeTags(context, post.id, metadata, post.category);
  }
  await context.tx.run(`UPDATE posts SET ${sets.join(", ")} WHERE id = ?`, [...values, post.id]);
  await writePostText(context, post.id, title, body);
}

async function writeTags(context: ProjectionContext, postId: number, metadata: Record<string, unknown>, category: string): Promise<void> {
  for (const tag of postTags(metadata, category)) {
    await context.tx.run("INSERT INTO post_tags (tag, post_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [tag, postId]);
  }
}

function isNsfw(metadata: Record<string, unknown>): boolean {
  const tags = metadata.tags;
  return Array.isArray(tags) && tags.some((tag) => typeof tag === "string" && tag.toLowerCase() === "nsfw");
}

type OptionsBody = Extract<Operation, { type: "comment_options" }>["value"];

async function setOptions(context: ProjectionContext, op: OptionsBody): Promise<void> {
  const post = await requirePost(context, op.author, op.permlink);
  const beneficiaries: { account: string; weight: number }[] = [];
  for (const extension of op.extensions) {
    if (extension.type === "comment_payout_beneficiaries") {
      for (const b of extension.value.beneficiaries) beneficiaries.push({ account: b.account, weight: b.weight });
    }
  }
  const sets = ["max_accepted_payout = ?", "percent_sbd = ?", "allow_votes = ?", "allow_curation = ?", "changed_block = ?"];
  const values: SqlValue[] = [op.max_accepted_payout.amount, op.percent_steem_dollars, op.allow_votes ? 1 : 0, op.allow_curation_rewards ? 1 : 0, context.blockNum];
  if (beneficiaries.length > 0) {
    sets.push("beneficiaries = ?");
    values.push(JSON.stringify(beneficiaries));
  }
  await context.tx.run(`UPDATE posts SET ${sets.join(", ")} WHERE id = ?`, [...values, post.id]);
}

/**
 * The chain deletes only comments without replies and positive rshares; the index drops its rows with it:
 * votes, tags, reblogs, its place in every blog and feed, its mentions, its search text, and the
 * notifications about it (nothing is left to link to).
 */
async function deletePost(context: ProjectionContext, post: PostRow): Promise<void> {
  const { tx } = context;
  for (const table of ["votes", "post_tags", "reblogs", "feed_cache", "mentions", "notifications"]) await tx.run(`DELETE FROM ${table} WHERE post_id = ?`, [post.id]);
  await removePostText(context, post.id);
  await tx.run("DELETE FROM posts WHERE id = ?", [post.id]);
  await tx.run("UPDATE accounts SET post_count = post_count - 1 WHERE name = ?", [post.author]);
  for (let ancestorId = post.parent_id; ancestorId !== null; ) {
    await tx.run("UPDATE posts SET children = children - 1, changed_block = ? WHERE id = ?", [context.blockNum, ancestorId]);
    const row: { parent_id: number | null } | undefined = await tx.get("SELECT parent_id FROM posts WHERE id = ?", [ancestorId]);
    ancestorId = row?.parent_id ?? null;
  }
}

export async function projectPostVirtualOperation(context: ProjectionContext, op: VirtualOperation): Promise<void> {
  switch (op.type) {
    case "effective_comment_vote":
      await countVote(context, op.value);
      return;
    case "comment_reward":
      await recordPayout(context, op.value);
      return;
    case "comment_payout_update": {
      // Every cashout reports this one, paid or not: the post leaves the pending lists.
      const post = await requirePost(context, op.value.author, op.value.permlink);
      await context.tx.run("UPDATE posts SET is_paidout = 1, payout_at = ?, pending_payout = 0, changed_block = ? WHERE id = ?", [context.time, context.blockNum, post.id]);
      return;
    }
    default:
      return;
  }
}

type CommentReward = Extract<VirtualOperation, { type: "comment_reward" }>["value"];

/**
 * Hive's payout split: the author's part (`total_payout_value`), the curators' and the beneficiaries', in
 * SBD, and the author's reward in tokens; `payout` is their total. Nothing is pending once it is paid.
 */
async function recordPayout(context: ProjectionContext, reward: CommentReward): Promise<void> {
  const post = await requirePost(context, reward.author, reward.permlink);
  const author = Number(reward.total_payout_value.amount) / 1000;
  const curators = Number(reward.curator_payout_value.amount) / 1000;
  const beneficiaries = Number(reward.beneficiary_payout_value.amount) / 1000;
  await context.tx.run(
    `UPDATE posts SET author_payout = author_payout + ?, curator_payout = curator_payout + ?, beneficiary_payout = beneficiary_payout + ?,
       author_rewards = author_rewards + ?, payout = payout + ?, pending_payout = 0, changed_block = ? WHERE id = ?`,
    [
      author, curators, beneficiaries, reward.author_rewards,
      Number(reward.total_payout_value.amount + reward.curator_payout_value.amount + reward.beneficiary_payout_value.amount) / 1000, context.blockNum, post.id,
    ],
  );
}
