/**
 * Votes in the index, from the chain's `effective_comment_vote` (a vote's rshares and curation weight, and
 * the post's pending payout after it). Votes are most of what the chain carries, so each one costs three
 * or four indexed statements: one read of the post with the voter's earlier vote and both reputations,
 * the vote's row, the post's aggregates (net/abs/positive rshares, vote counts, scores, pending payout)
 * moved by the difference between the old and the new vote, and the author's reputation, moved by the
 * chain's own rules.
 *
 * A vote worth at least $0.02 notifies the author (hivemind's `vote` notification), once per voter and post.
 */
import { applyVoteReputation, withdrawVoteReputation } from "../core/economics/reputation.ts";
import type { VirtualOperation } from "../core/protocol/virtual-operation-schemas.ts";
import { insertNotification } from "./project-notifications.ts";
import { isMutedBy } from "./project-social-notifications.ts";
import type { ProjectionContext } from "./projector.ts";
import { grayReputationMax } from "./rules/reputation-display.ts";
import { notifyTypes, voteNotificationPayload, voteNotificationRsharesMin, voteNotificationScore, voteValueThousandths } from "./rules/notifications.ts";
import { hotScore, trendingScore } from "./rules/scores.ts";

type EffectiveVote = Extract<VirtualOperation, { type: "effective_comment_vote" }>["value"];

type Integer = number | bigint;

/** The post a vote is on, with the voter's earlier vote on it and the author's and voter's reputations. */
interface VotedPost {
  [column: string]: Integer | string | null;
  id: number;
  author: string;
  created_at: number;
  net_rshares: Integer;
  abs_rshares: Integer;
  vote_rshares: Integer;
  total_votes: number;
  up_votes: number;
  payout: number;
  /** Null when the voter has not voted on the post before. */
  old_rshares: Integer | null;
  author_reputation: Integer | null;
  voter_reputation: Integer | null;
}

const votedPostSql = `SELECT p.id, p.author, p.created_at, p.net_rshares, p.abs_rshares, p.vote_rshares, p.total_votes, p.up_votes, p.payout,
    v.rshares AS old_rshares, a.reputation AS author_reputation, va.reputation AS voter_reputation
  FROM posts p
  LEFT JOIN votes v ON v.post_id = p.id AND v.voter = ?
  LEFT JOIN accounts a ON a.name = p.author
  LEFT JOIN accounts va ON va.name = ?
  WHERE p.author = ? AND p.permlink = ?`;

const abs = (x: bigint) => (x < 0n ? -x : x);
const positive = (x: bigint) => (x > 0n ? x : 0n);
const isUpvote = (x: bigint | null) => (x !== null && x > 0n ? 1 : 0);
/** Steemit's `total_votes` counts the votes that carry rshares. */
const isCounted = (x: bigint | null) => (x !== null && x !== 0n ? 1 : 0);

export async function countVote(context: ProjectionContext, vote: EffectiveVote): Promise<void> {
  const { tx, time } = context;
  const post = await tx.get<VotedPost>(votedPostSql, [vote.voter, vote.voter, vote.author, vote.permlink]);
  if (post === undefined) throw new Error(`block ${context.blockNum} refers to @${vote.author}/${vote.permlink}, which the index does not have`);
  const percent = context.operation?.type === "vote" ? context.operation.value.weight : 0;
  const oldRshares = post.old_rshares === null ? null : BigInt(post.old_rshares);
  const rshares = vote.rshares;
  if (oldRshares === null) {
    await tx.run("INSERT INTO votes (post_id, voter, weight, rshares, percent, voted_at, num_changes) VALUES (?, ?, ?, ?, ?, ?, 0)", [post.id, vote.voter, vote.weight, rshares, percent, time]);
  } else {
    await tx.run("UPDATE votes SET weight = ?, rshares = ?, percent = ?, voted_at = ?, num_changes = num_changes + 1 WHERE post_id = ? AND voter = ?", [vote.weight, rshares, percent, time, post.id, vote.voter]);
  }

  const before = oldRshares ?? 0n;
  const net = BigInt(post.net_rshares) + rshares - before;
  const absolute = BigInt(post.abs_rshares) + abs(rshares) - abs(before);
  const up = BigInt(post.vote_rshares) + positive(rshares) - positive(before);
  const totalVotes = post.total_votes + isCounted(rshares) - isCounted(oldRshares);
  const upVotes = post.up_votes + isUpvote(rshares) - isUpvote(oldRshares);
  await tx.run(
    "UPDATE posts SET net_rshares = ?, abs_rshares = ?, vote_rshares = ?, total_votes = ?, up_votes = ?, total_vote_weight = ?, pending_payout = ?, sc_trend = ?, sc_hot = ?, changed_block = ? WHERE id = ?",
    [
      net, absolute, up, totalVotes, upVotes, vote.total_vote_weight, Number(vote.pending_payout.amount) / 1000, trendingScore(net, post.created_at), hotScore(net, post.created_at),
      context.blockNum, post.id,
    ],
  );
  await updateReputation(context, post, vote.voter, oldRshares, rshares);

  // The post's payout after the vote: what it was paid (if anything) and what it now has pending.
  const payout = BigInt(Math.round(post.payout * 1000)) + vote.pending_payout.amount;
  await notifyVote(context, { postId: post.id, author: post.author, voter: vote.voter, rshares, netRshares: net, payout, revote: oldRshares !== null });
}

interface CountedVote {
  readonly postId: number;
  readonly author: string;
  readonly voter: string;
  readonly rshares: bigint;
  readonly netRshares: bigint;
  /** The post's total payout, SBD thousandths. */
  readonly payout: bigint;
  readonly revote: boolean;
}

/**
 * hivemind's vote notification: at least 10^10 rshares and a share of the payout of at least $0.020, not
 * the author's own vote, not from a voter the author muted; a changed vote notifies only if the voter's
 * earlier votes on the post never did (Steemit's rule).
 */
async function notifyVote(context: ProjectionContext, vote: CountedVote): Promise<void> {
  if (vote.voter === vote.author || vote.rshares < voteNotificationRsharesMin) return;
  const value = Number(voteValueThousandths(vote.payout, vote.netRshares, vote.rshares)) / 1000;
  const score = voteNotificationScore(value);
  if (score < 0 || (await isMutedBy(context, vote.author, vote.voter))) return;
  if (vote.revote) {
    const earlier = await context.tx.get("SELECT 1 AS notified FROM notifications WHERE post_id = ? AND src = ? AND type_id = ? LIMIT 1", [vote.postId, vote.voter, notifyTypes.vote]);
    if (earlier !== undefined) return;
  }
  await insertNotification(context, { type: "vote", score, src: vote.voter, dst: vote.author, postId: vote.postId, payload: voteNotificationPayload(value) });
}

/** The reputation plugin's update, exactly as the chain applies it (core/operations/vote.ts). */
async function updateReputation(context: ProjectionContext, post: VotedPost, voter: string, oldRshares: bigint | null, newRshares: bigint): Promise<void> {
  const optional = (value: Integer | null) => (value === null ? null : BigInt(value));
  const before = optional(post.author_reputation);
  const voterBefore = optional(post.voter_reputation);
  let reputation = before;
  if (oldRshares !== null) reputation = withdrawVoteReputation(reputation, voterBefore, oldRshares);
  const voterReputation = voter === post.author ? reputation : voterBefore;
  reputation = applyVoteReputation(reputation, voterReputation, newRshares);
  if (reputation === before) return;
  await context.tx.run("UPDATE accounts SET reputation = ? WHERE name = ?", [reputation, post.author]);
  // An author turning gray, or no longer gray, changes lists that leave out or keep only gray authors.
  if (isGray(before) !== isGray(reputation)) await context.tx.run("UPDATE index_state SET gray_block = ? WHERE id = 1", [context.blockNum]);
}

/** Whether a raw reputation is gray (no record counts as 0). */
const isGray = (raw: bigint | null) => (raw ?? 0n) <= grayReputationMax;
