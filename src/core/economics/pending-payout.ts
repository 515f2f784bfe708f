/**
 * A comment's pending payout as steemd's condenser_api shows it (`set_pending_payout`): its claims'
 * share of the reward fund valued in SBD at the median, against the fund's recent_claims as they stand
 * (the comment's own claims join them only at cashout, so this is a slight over-estimate, as on Steemit).
 */
import { contentConstant, convergentLinear } from "./curves.ts";
import { type Price, toSbd } from "./sbd.ts";

export function getPendingPayoutSbd(netRshares: bigint, rewardBalance: bigint, recentClaims: bigint, median: Price | null): bigint {
  if (netRshares <= 0n || recentClaims <= 0n) return 0n;
  const pot = median === null ? rewardBalance : toSbd(rewardBalance, median);
  return (convergentLinear(netRshares, contentConstant) * pot) / recentClaims;
}
