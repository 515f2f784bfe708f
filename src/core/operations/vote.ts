/** vote: up- or down-vote with weight −100%…+100%, spending voting mana for rshares (hf20_vote_evaluator). */
import { getAccountOrThrow, regenerateAccountManabars, updateAccount } from "../chain/accounts.ts";
import { getCommentOrThrow } from "../chain/comments.ts";
import { type Account, type ChainState, type Comment, type Vote, commentKey } from "../chain/state.ts";
import { ensure } from "../errors.ts";
import { getCurationWeight } from "../economics/curation.ts";
import { getPendingPayoutSbd } from "../economics/pending-payout.ts";
import { applyVoteReputation, withdrawVoteReputation } from "../economics/reputation.ts";
import { downvotePoolPercent, maxVoteChanges, minVoteIntervalSeconds, percent100, timeNever, upvoteLockoutSeconds, voteDustThreshold, votePowerReserveRate, voteRegenerationSeconds } from "../protocol/config.ts";
import { validateAccountName, validatePermlinkSize } from "../protocol/validation.ts";
import type { OperationHandler } from "./operation-handler.ts";

export const vote: OperationHandler<"vote"> = {
  validate(op) {
    validateAccountName(op.voter, "voter");
    validateAccountName(op.author, "author");
    validatePermlinkSize(op.permlink, "permlink");
    ensure(op.weight >= -percent100 && op.weight <= percent100, "weight_out_of_range", "vote weight must be between -10000 and 10000 (−100%…+100%)");
  },
  collectAuthorities(op, into) {
    into.posting.add(op.voter);
  },
  apply({ state, now }, op) {
    const voter = getAccountOrThrow(state, op.voter);
    const target = getCommentOrThrow(state, op.author, op.permlink);
    const existing = state.votes.get(op.author, op.permlink, op.voter);
    ensure(voter.can_vote, "voting_rights_declined", () => `"${op.voter}" has declined its voting rights`);
    ensure(op.weight <= 0 || target.allow_votes, "votes_not_allowed", "this post does not accept votes");
    if (existing === undefined) ensure(op.weight !== 0, "vote_weight_zero", "a new vote must have a non-zero weight");
    else {
      ensure(existing.num_changes < maxVoteChanges, "vote_changes_exhausted", () => `a vote can be changed at most ${maxVoteChanges} times`);
      ensure(existing.vote_percent !== op.weight, "vote_unchanged", "the vote already has this weight");
    }
    if (target.cashout_time === timeNever) return recordVoteAfterPayout(state, { voter: voter.name, author: target.author, permlink: target.permlink, weight: op.weight }, existing, now);
    ensure(now - voter.last_vote_time >= minVoteIntervalSeconds, "voting_too_soon", () => `"${op.voter}" may vote once every ${minVoteIntervalSeconds} seconds`);
    const { rshares, absRshares, charged } = spendVotingMana(voter, op.weight, target, now);
    updateAccount(state, voter, { ...charged, last_vote_time: now, lifetime_vote_count: voter.lifetime_vote_count + 1 });
    if (existing === undefined) addVote(state, target, { voter: voter.name, weight: op.weight }, rshares, absRshares, now);
    else changeVote(state, target, existing, op.weight, rshares, absRshares, now);
    updateReputation(state, voter.name, target.author, existing?.rshares ?? null, rshares);
    reportEffectiveVote(state, voter.name, target.author, target.permlink);
  },
};

/** The reputation plugin's update: the voter's earlier vote on the comment is taken back, then this one counts (§7). */
function updateReputation(state: ChainState, voterName: string, authorName: string, oldRshares: bigint | null, newRshares: bigint): void {
  const author = getAccountOrThrow(state, authorName);
  let reputation = author.reputation;
  if (oldRshares !== null) reputation = withdrawVoteReputation(reputation, getAccountOrThrow(state, voterName).reputation, oldRshares);
  const voterReputation = voterName === authorName ? reputation : getAccountOrThrow(state, voterName).reputation;
  reputation = applyVoteReputation(reputation, voterReputation, newRshares);
  if (reputation !== author.reputation) updateAccount(state, author, { reputation });
}

/** Hive's effective_comment_vote: what the vote did, with the comment's pending payout after it. */
function reportEffectiveVote(state: ChainState, voter: string, author: string, permlink: string): void {
  const comment = getCommentOrThrow(state, author, permlink);
  const stored = state.votes.get(author, permlink, voter)!;
  const fund = state.rewardFund.value;
  const pending = getPendingPayoutSbd(comment.net_rshares, fund.reward_balance, fund.recent_claims, state.feed.value.current_median_history);
  state.virtualOps.push({
    type: "effective_comment_vote",
    value: {
      voter, author, permlink, weight: stored.weight, rshares: stored.rshares, total_vote_weight: comment.total_vote_weight,
      pending_payout: { amount: pending, symbol: "SBD" },
    },
  });
}

/** Mana cost and rshares of a vote, and the voter's bars after paying (steps 3–9 of §3.2). */
function spendVotingMana(voter: Account, weight: number, target: Comment, now: number) {
  const bars = regenerateAccountManabars(voter, now);
  const votingMana = bars.voting_manabar.current_mana;
  const downvoteMana = bars.downvote_manabar.current_mana;
  const denominator = BigInt(votePowerReserveRate * voteRegenerationSeconds);
  const absWeight = BigInt(Math.abs(weight));
  let base = votingMana;
  if (weight < 0) {
    const scaled = (downvoteMana * BigInt(percent100)) / BigInt(downvotePoolPercent);
    if (scaled > base) base = scaled;
  }
  let used = (base * absWeight * 86400n) / BigInt(percent100);
  used = (used + denominator - 1n) / denominator;
  let voting = bars.voting_manabar;
  let downvote = bars.downvote_manabar;
  if (weight > 0) {
    ensure(votingMana >= used, "voting_mana_insufficient", () => `"${voter.name}" does not have enough voting mana for this vote`);
    voting = { ...voting, current_mana: votingMana - used };
  } else {
    ensure(votingMana + downvoteMana > used, "voting_mana_insufficient", () => `"${voter.name}" does not have enough downvote mana for this vote`);
    const fromDownvote = used < downvoteMana ? used : downvoteMana;
    downvote = { ...downvote, current_mana: downvoteMana - fromDownvote };
    voting = { ...voting, current_mana: votingMana - (used - fromDownvote) };
  }
  let absRshares = used - voteDustThreshold;
  if (absRshares < 0n) absRshares = 0n;
  const untilCashout = target.cashout_time - now;
  if (untilCashout < upvoteLockoutSeconds) absRshares = (absRshares * BigInt(untilCashout)) / BigInt(upvoteLockoutSeconds);
  return { rshares: weight < 0 ? -absRshares : absRshares, absRshares, charged: { voting_manabar: voting, downvote_manabar: downvote } };
}

function addVote(state: ChainState, target: Comment, op: { voter: string; weight: number }, rshares: bigint, absRshares: bigint, now: number): void {
  const voteRshares = rshares > 0n ? target.vote_rshares + rshares : target.vote_rshares;
  const { maxVoteWeight: maxWeight, weight } = rshares > 0n && target.allow_curation_rewards
    ? getCurationWeight(target.vote_rshares, rshares, now, target.created)
    : { maxVoteWeight: 0n, weight: 0n };
  const props = state.props.value;
  state.props.value = { ...props, next_vote_id: props.next_vote_id + 1 };
  state.votes.set({
    id: props.next_vote_id, voter: op.voter, author: target.author, permlink: target.permlink, weight, rshares,
    vote_percent: op.weight, last_update: now, num_changes: 0,
  });
  state.comments.set(commentKey(target.author, target.permlink), {
    ...target,
    net_rshares: target.net_rshares + rshares,
    abs_rshares: target.abs_rshares + absRshares,
    vote_rshares: voteRshares,
    total_vote_weight: target.total_vote_weight + maxWeight,
    net_votes: target.net_votes + (rshares > 0n ? 1 : rshares < 0n ? -1 : 0),
  });
}

function changeVote(state: ChainState, target: Comment, existing: Vote, weight: number, rshares: bigint, absRshares: bigint, now: number): void {
  const oldSign = existing.rshares > 0n ? 1 : existing.rshares < 0n ? -1 : 0;
  const newSign = rshares > 0n ? 1 : rshares < 0n ? -1 : 0;
  state.votes.set({
    ...existing,
    rshares, vote_percent: weight, last_update: now, weight: 0n, num_changes: existing.num_changes + 1,
  });
  state.comments.set(commentKey(target.author, target.permlink), {
    ...target,
    net_rshares: target.net_rshares - existing.rshares + rshares,
    abs_rshares: target.abs_rshares + absRshares,
    total_vote_weight: target.total_vote_weight - existing.weight,
    net_votes: target.net_votes - oldSign + newSign,
  });
}

/** After payout a vote is only recorded: no mana, no rshares, no effect. */
function recordVoteAfterPayout(state: ChainState, op: { voter: string; author: string; permlink: string; weight: number }, existing: Vote | undefined, now: number): void {
  if (existing !== undefined) {
    state.votes.set({ ...existing, vote_percent: op.weight, last_update: now, num_changes: existing.num_changes + 1 });
    return;
  }
  const props = state.props.value;
  state.props.value = { ...props, next_vote_id: props.next_vote_id + 1 };
  state.votes.set({ id: props.next_vote_id, voter: op.voter, author: op.author, permlink: op.permlink, weight: 0n, rshares: 0n, vote_percent: op.weight, last_update: now, num_changes: 0 });
}
