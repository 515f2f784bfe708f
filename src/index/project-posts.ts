/**
 * Posts, comments and votes in the index, from `comment`, `comment_options`, `delete_comment` and the
 * virtual operations the chain reports for them: `effective_comment_vote` (a vote's rshares, curation
 * weight and the post's pending payout at that moment, as Hive reports it) and the cashout's
 * `comment_reward`. Reputation moves with each counted vote by the reputation plugin's rules — the same
 * functions the chain applies, so the index's reputations equal the chain's.
 */
import { applyVoteReputation, withdrawVoteReputation } from "../core/economics/reputation.ts";
import { applyBodyEdit } from "../core/operations/comment.ts";
import { cashoutWindowSeconds, maxAcceptedPayoutDefault, percent100 } from "../core/protocol/config.ts";
import type { Operation } from "../core/protocol/operation-schemas.ts";
import type { VirtualOperation } from "../core/protocol/virtual-operation-schemas.ts";
import type { SqlValue } from "./db/database.ts";
import type { ProjectionContext } from "./projector.ts";
import { parseJsonMetadata, postTags, replaceNulCharacters } from "./rules/post-text.ts";
import { hotScore, trendingScore } from "./rules/scores.ts";


interface PostRow {
  [column: string]: SqlValue;
  id: number;
  author: string;
  permlink: string;
  depth: number;
  category: string;
  community: string | null;
  root_id: number;
  parent_id: number | null;
  body: string;
  created_at: number;
  is_paidout: number;
}

async function findPost(context: ProjectionContext, author: string, permlink: string): Promise<PostRow | undefined> {
  return context.tx.get<PostRow>(
    "SELECT id, author, permlink, depth, category, community, root_id, parent_id, body, created_at, is_paidout FROM posts WHERE author = ? AND permlink = ?",
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
  const community = parent === undefined ? null : parent.community;
  const depth = parent === undefined ? 0 : parent.depth + 1;
  const metadata = parseJsonMetadata(op.json_metadata);
  await tx.run(
    `INSERT INTO posts (id, author, permlink, parent_id, root_id, depth, category, community, title, body, json_metadata, created_at, updated_at, active_at,
       edits, children, net_rshares, abs_rshares, vote_rshares, total_votes, up_votes, cashout_at, payout_at, is_paidout, pending_payout, author_payout,
       curator_payout, payout, max_accepted_payout, percent_sbd, allow_replies, allow_votes, allow_curation, beneficiaries, is_deleted, is_muted,
       muted_reasons, is_pinned, is_nsfw, sc_trend, sc_hot, promoted, reblogs, author_rewards, beneficiary_payout)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, ?, ?, 0, 0, 0, 0, 0, ?, ?, 1, 1, 1, '[]', 0, 0, 0, 0, ?, ?, ?, 0, 0, 0, 0)`,
    [
      id, op.author, op.permlink, parent?.id ?? null, parent?.root_id ?? id, depth, replaceNulCharacters(category), community, replaceNulCharacters(op.title), replaceNulCharacters(op.body), replaceNulCharacters(op.json_metadata), time, time, time,
      time + cashoutWindowSeconds, time + cashoutWindowSeconds, maxAcceptedPayoutDefault, percent100, isNsfw(metadata) ? 1 : 0, trendingScore(0n, time), hotScore(0n, time),
    ],
  );
  await writeTags(context, id, metadata, category);
  await tx.run("UPDATE accounts SET post_count = post_count + 1, active_at = ? WHERE name = ?", [time, op.author]);
  for (let ancestor = parent; ancestor !== undefined; ) {
    await tx.run("UPDATE posts SET children = children + 1, active_at = ? WHERE id = ?", [time, ancestor.id]);
    const next: number | null = ancestor.parent_id;
    ancestor = next === null ? undefined : await context.tx.get<PostRow>("SELECT id, parent_id FROM posts WHERE id = ?", [next]);
  }
}

async function editPost(context: ProjectionContext, post: PostRow, op: CommentBody): Promise<void> {
  // Text is stored as hivemind stores it (each NUL as "[NUL]", which PostgreSQL can hold) on both engines alike.
  const body = replaceNulCharacters(applyBodyEdit(post.body, op.body));
  const sets = ["body = ?", "updated_at = ?", "active_at = ?", "edits = edits + 1"];
  const values: SqlValue[] = [body, context.time, context.time];
  if (op.title.length > 0) {
    sets.push("title = ?");
    values.push(replaceNulCharacters(op.title));
  }
  if (op.json_metadata.length > 0) {
    const metadata = parseJsonMetadata(op.json_metadata);
    sets.push("json_metadata = ?", "is_nsfw = ?");
    values.push(replaceNulCharacters(op.json_metadata), isNsfw(metadata) ? 1 : 0);
    await context.tx.run("DELETE FROM post_tags WHERE post_id = ?", [post.id]);
    await writeTags(context, post.id, metadata, post.category);
  }
  await context.tx.run(`UPDATE posts SET ${sets.join(", ")} WHERE id = ?`, [...values, post.id]);
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
  const sets = ["max_accepted_payout = ?", "percent_sbd = ?", "allow_votes = ?", "allow_curation = ?"];
  const values: SqlValue[] = [op.max_accepted_payout.amount, op.percent_steem_dollars, op.allow_votes ? 1 : 0, op.allow_curation_rewards ? 1 : 0];
  if (beneficiaries.length > 0) {
    sets.push("beneficiaries = ?");
    values.push(JSON.stringify(beneficiaries));
  }
  await context.tx.run(`UPDATE posts SET ${sets.join(", ")} WHERE id = ?`, [...values, post.id]);
}

/** The chain deletes only comments without replies and positive rshares; the index drops its rows with it. */
async function deletePost(context: ProjectionContext, post: PostRow): Promise<void> {
  const { tx } = context;
  for (const table of ["votes", "post_tags", "reblogs"]) await tx.run(`DELETE FROM ${table} WHERE post_id = ?`, [post.id]);
  await tx.run("DELETE FROM posts WHERE id = ?", [post.id]);
  await tx.run("UPDATE accounts SET post_count = post_count - 1 WHERE name = ?", [post.author]);
  for (let ancestorId = post.parent_id; ancestorId !== null; ) {
    await tx.run("UPDATE posts SET children = children - 1 WHERE id = ?", [ancestorId]);
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
      await context.tx.run("UPDATE posts SET is_paidout = 1, payout_at = ?, pending_payout = 0 WHERE id = ?", [context.time, post.id]);
      return;
    }
    default:
      return;
  }
}

type EffectiveVote = Extract<VirtualOperation, { type: "effective_comment_vote" }>["value"];

const abs = (x: bigint) => (x < 0n ? -x : x);
const positive = (x: bigint) => (x > 0n ? x : 0n);

async function countVote(context: ProjectionContext, vote: EffectiveVote): Promise<void> {
  const { tx, time } = context;
  const post = await requirePost(context, vote.author, vote.permlink);
  const percent = context.operation?.type === "vote" ? context.operation.value.weight : 0;
  const old = await tx.get<{ rshares: number | bigint; num_changes: number }>("SELECT rshares, num_changes FROM votes WHERE post_id = ? AND voter = ?", [post.id, vote.voter]);
  const oldRshares = old === undefined ? null : BigInt(old.rshares);
  const rshares = vote.rshares;
  if (old === undefined) {
    await tx.run("INSERT INTO votes (post_id, voter, weight, rshares, percent, voted_at, num_changes) VALUES (?, ?, ?, ?, ?, ?, 0)", [post.id, vote.voter, vote.weight, rshares, percent, time]);
  } else {
    await tx.run("UPDATE votes SET weight = ?, rshares = ?, percent = ?, voted_at = ?, num_changes = num_changes + 1 WHERE post_id = ? AND voter = ?", [vote.weight, rshares, percent, time, post.id, vote.voter]);
  }
  const totals = await tx.get<{ net_rshares: number | bigint; abs_rshares: number | bigint; vote_rshares: number | bigint }>(
    "SELECT net_rshares, abs_rshares, vote_rshares FROM posts WHERE id = ?",
    [post.id],
  );
  const before = oldRshares ?? 0n;
  const net = BigInt(totals!.net_rshares) + rshares - before;
  const absolute = BigInt(totals!.abs_rshares) + abs(rshares) - abs(before);
  const up = BigInt(totals!.vote_rshares) + positive(rshares) - positive(before);
  const counts = await tx.get<{ total: number; up: number }>("SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN rshares > 0 THEN 1 ELSE 0 END), 0) AS up FROM votes WHERE post_id = ?", [post.id]);
  await tx.run(
    "UPDATE posts SET net_rshares = ?, abs_rshares = ?, vote_rshares = ?, total_votes = ?, up_votes = ?, pending_payout = ?, sc_trend = ?, sc_hot = ? WHERE id = ?",
    [net, absolute, up, counts!.total, counts!.up, Number(vote.pending_payout.amount) / 1000, trendingScore(net, post.created_at), hotScore(net, post.created_at), post.id],
  );
  await updateReputation(context, vote.voter, post.author, oldRshares, rshares);
}

/** The reputation plugin's update, exactly as the chain applies it (core/operations/vote.ts). */
async function updateReputation(context: ProjectionContext, voter: string, author: string, oldRshares: bigint | null, newRshares: bigint): Promise<void> {
  const read = async (name: string) => {
    const row = await context.tx.get<{ reputation: number | bigint | null }>("SELECT reputation FROM accounts WHERE name = ?", [name]);
    return row === undefined || row.reputation === null ? null : BigInt(row.reputation);
  };
  const before = await read(author);
  let reputation = before;
  if (oldRshares !== null) reputation = withdrawVoteReputation(reputation, await read(voter), oldRshares);
  const voterReputation = voter === author ? reputation : await read(voter);
  reputation = applyVoteReputation(reputation, voterReputation, newRshares);
  if (reputation !== before) await context.tx.run("UPDATE accounts SET reputation = ? WHERE name = ?", [reputation, author]);
}

type CommentReward = Extract<VirtualOperation, { type: "comment_reward" }>["value"];

async function recordPayout(context: ProjectionContext, reward: CommentReward): Promise<void> {
  const post = await requirePost(context, reward.author, reward.permlink);
  await context.tx.run("UPDATE posts SET payout = payout + ? WHERE id = ?", [Number(reward.payout.amount) / 1000, post.id]);
}
