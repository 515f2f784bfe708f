/**
 * Curation weight at vote time (Steem HF21 `hf20_vote_evaluator`): a vote earns the growth it causes in
 * W(vote_rshares) = convergent_square_root, discounted linearly over the first 5 minutes after the post
 * (the reverse auction). The comment's total counts the full growth, so the discount returns to the pool.
 */
import { reverseAuctionSeconds } from "../protocol/config.ts";
import { contentConstant, convergentSquareRoot } from "./curves.ts";

export interface CurationWeight {
  /** Added to the comment's total_vote_weight. */
  readonly maxVoteWeight: bigint;
  /** The vote's own weight, after the reverse auction. */
  readonly weight: bigint;
}

/** The weight of an eligible upvote adding `rshares` to a comment whose vote_rshares were `voteRsharesBefore`. */
export function getCurationWeight(voteRsharesBefore: bigint, rshares: bigint, voteTime: number, commentCreated: number): CurationWeight {
  const before = convergentSquareRoot(voteRsharesBefore, contentConstant);
  const after = convergentSquareRoot(voteRsharesBefore + rshares, contentConstant);
  // W can drop by one at powers of two; such a vote earns nothing (the guard of steemd 0.22.1).
  if (before >= after) return { maxVoteWeight: 0n, weight: 0n };
  const maxVoteWeight = after - before;
  const age = voteTime - commentCreated;
  const auction = BigInt(age < reverseAuctionSeconds ? age : reverseAuctionSeconds);
  return { maxVoteWeight, weight: (maxVoteWeight * auction) / BigInt(reverseAuctionSeconds) };
}
