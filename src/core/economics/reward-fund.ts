/**
 * The reward fund's running denominator and the step from rshares to STEEM (steemit/steem
 * `process_comment_cashout`, `util::get_rshare_reward`): `recent_claims` decays by the truncated
 * fraction Δt / 15 days every block, and a comment's payout is its share of the fund's balance.
 */
import { recentClaimsDecaySeconds } from "../protocol/config.ts";

/** `recent_claims` after `elapsedSeconds` more of decay, applied as one truncated step. */
export function decayRecentClaims(recentClaims: bigint, elapsedSeconds: number): bigint {
  return recentClaims - (recentClaims * BigInt(elapsedSeconds)) / BigInt(recentClaimsDecaySeconds);
}

/** STEEM (raw) for `claims` of a fund holding `rewardBalance` against `recentClaims` (which include them). */
export function getClaimPayout(claims: bigint, rewardBalance: bigint, recentClaims: bigint): bigint {
  return recentClaims === 0n ? 0n : (rewardBalance * claims) / recentClaims;
}
