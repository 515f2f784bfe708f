/**
 * The pending payout condenser shows on a post before its cashout (steemd condenser_api
 * `set_pending_payout`, HF17+): the share of the reward fund its author-curve claims would take if it paid
 * out now, priced in SBD at the median feed.
 *
 *   pot     = reward_balance (STEEM) × median                 (SBD; stays STEEM when there is no feed)
 *   claims  = convergent_linear(net_rshares)                  (0 unless net_rshares > 0)
 *   pending = ⌊claims × pot / recent_claims⌋                  (0 when recent_claims is 0)
 *
 * As in steemd the denominator is the fund's stored `recent_claims`, which does not yet include this
 * post's own claims (the cashout adds them before dividing, so the real payout comes out a little lower),
 * and neither the 0.020 SBD dust threshold nor `max_accepted_payout` is applied. A paid-out comment (its
 * cashout time is "never") shows 0.
 */
import type { Asset } from "../../core/asset.ts";
import { getPendingPayoutSbd } from "../../core/economics/pending-payout.ts";
import type { Price } from "../../core/economics/sbd.ts";
import { timeNever } from "../../core/protocol/config.ts";

export interface PendingPayoutInput {
  readonly netRshares: bigint;
  readonly cashoutTime: number;
  /** The "post" fund's reward_balance (raw STEEM). */
  readonly rewardBalance: bigint;
  /** The fund's recent_claims as stored. */
  readonly recentClaims: bigint;
  /** The median feed (SBD per STEEM); null before the first feed. */
  readonly median: Price | null;
}

/** The pending payout: SBD, or STEEM when there is no price feed (steemd then leaves the pot in STEEM). */
export function getPendingPayout(input: PendingPayoutInput): Asset {
  const symbol = input.median === null ? "STEEM" : "SBD";
  if (input.cashoutTime === timeNever) return { amount: 0n, symbol };
  return { amount: getPendingPayoutSbd(input.netRshares, input.rewardBalance, input.recentClaims, input.median), symbol };
}
