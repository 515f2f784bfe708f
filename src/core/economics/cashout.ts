/**
 * The payout of one comment (steemit/steem `get_rshare_reward` and `cashout_comment_helper`, HF21),
 * computed as a plan: what each curator, beneficiary and the author receive, in the order steemd pays
 * them, with the reward vesting price moving after every conversion to VESTS. The chain applies the plan
 * to balances and emits the matching virtual operations.
 */
import { percent100, treasuryAccount } from "../protocol/config.ts";
import { getClaimPayout } from "./reward-fund.ts";
import { type Price, toSbd as sbdValue, toSteem } from "./sbd.ts";

/** Payouts worth less than this (SBD raw, 0.020 SBD) are dust: nothing is paid. */
export const minPayoutSbd = 20n;

/** A comment's STEEM (raw) from its claims: its share of the fund, zero if dust, capped at max_accepted_payout (SBD raw). */
export function getCommentReward(claims: bigint, rewardBalance: bigint, recentClaims: bigint, maxAcceptedPayoutSbd: bigint, median: Price | null): bigint {
  if (claims <= 0n) return 0n;
  let payout = getClaimPayout(claims, rewardBalance, recentClaims);
  if (sbdValue(payout, median) < minPayoutSbd) return 0n;
  const cap = toSteem(maxAcceptedPayoutSbd, median);
  if (payout > cap) payout = cap;
  return payout;
}

export interface CurationVote {
  readonly voter: string;
  /** The voter's account id: ties in weight are paid in id order. */
  readonly voterId: number;
  readonly weight: bigint;
}

export interface CashoutInput {
  /** The comment's reward in STEEM (raw), from `getCommentReward`. */
  readonly reward: bigint;
  readonly percentCurationRewards: number;
  readonly allowCurationRewards: boolean;
  readonly totalVoteWeight: bigint;
  readonly votes: readonly CurationVote[];
  /** Sorted by account name, as stored. */
  readonly beneficiaries: readonly { readonly account: string; readonly weight: number }[];
  readonly percentSteemDollars: number;
  readonly sbdPrintRate: number;
  /** null without a feed: nothing is printed as SBD. */
  readonly median: Price | null;
  /** The reward vesting price before this comment: total VESTS (TVS + PRVS) for total STEEM (TVFS + PRVST). */
  readonly rewardVesting: { readonly shares: bigint; readonly steem: bigint };
}

export interface RewardParts {
  readonly sbd: bigint;
  readonly steem: bigint;
  readonly vests: bigint;
  /** The STEEM the VESTS were made of (joins the reward vesting pool and the account's reward_vesting_steem). */
  readonly vestingSteem: bigint;
}

export interface CashoutPlan {
  readonly curators: readonly { readonly curator: string; readonly steem: bigint; readonly vests: bigint }[];
  readonly beneficiaries: readonly ({ readonly account: string; readonly tokens: bigint } & RewardParts)[];
  readonly author: { readonly tokens: bigint } & RewardParts;
  /** Taken from the reward fund: author tokens (beneficiaries included) + curation paid. */
  readonly claimedReward: bigint;
  readonly curationPaid: bigint;
  /** VESTS and STEEM added to the pending reward vesting pool (PRVS, PRVST) by the conversions. */
  readonly rewardVestingShares: bigint;
  readonly rewardVestingSteem: bigint;
  /** STEEM turned into SBD (leaves current_supply) and the SBD made (joins current_sbd_supply). */
  readonly steemToSbd: bigint;
  readonly sbdPrinted: bigint;
  /** The comment's payout values, in SBD. */
  readonly totalPayoutValue: bigint;
  readonly curatorPayoutValue: bigint;
  readonly beneficiaryPayoutValue: bigint;
  readonly commentRewardPayout: bigint;
}

export function planCashout(input: CashoutInput): CashoutPlan {
  const { median } = input;
  let shares = input.rewardVesting.shares;
  let steemInPool = input.rewardVesting.steem;
  let steemToSbdTotal = 0n;
  let sbdPrinted = 0n;
  const toVests = (steem: bigint): bigint => {
    const vests = (steem * shares) / steemInPool;
    shares += vests;
    steemInPool += steem;
    return vests;
  };
  // create_sbd into a reward balance: the print rate decides how much of `steem` becomes SBD at the median.
  const toSbd = (steem: bigint): { sbd: bigint; steem: bigint } => {
    const printed = median === null ? 0n : (steem * BigInt(input.sbdPrintRate)) / BigInt(percent100);
    const sbd = sbdValue(printed, median);
    steemToSbdTotal += printed;
    sbdPrinted += sbd;
    return { sbd, steem: steem - printed };
  };

  let curationTokens = (input.reward * BigInt(input.percentCurationRewards)) / BigInt(percent100);
  let authorTokens = input.reward - curationTokens;
  const curators: CashoutPlan["curators"][number][] = [];
  if (!input.allowCurationRewards) {
    curationTokens = 0n;
  } else {
    let unclaimed = curationTokens;
    const ordered = [...input.votes].sort((a, b) => (a.weight !== b.weight ? (a.weight > b.weight ? -1 : 1) : a.voterId - b.voterId));
    // With no weight in the comment (e.g. its only vote was changed) nobody is paid: all of it is unclaimed.
    for (const vote of input.totalVoteWeight > 0n ? ordered : []) {
      const claim = (curationTokens * vote.weight) / input.totalVoteWeight;
      if (claim <= 0n) continue;
      unclaimed -= claim;
      curators.push({ curator: vote.voter, steem: claim, vests: toVests(claim) });
    }
    // Since HF20 what no curator claimed stays in the reward fund.
    curationTokens -= unclaimed;
  }
  const claimedReward = authorTokens + curationTokens;

  const beneficiaries: CashoutPlan["beneficiaries"][number][] = [];
  let totalBeneficiary = 0n;
  for (const b of input.beneficiaries) {
    const tokens = (authorTokens * BigInt(b.weight)) / BigInt(percent100);
    if (b.account === treasuryAccount) {
      // The treasury takes its share as SBD at the median, without the print-rate haircut.
      const sbd = sbdValue(tokens, median);
      steemToSbdTotal += tokens;
      sbdPrinted += sbd;
      beneficiaries.push({ account: b.account, tokens, sbd, steem: 0n, vests: 0n, vestingSteem: 0n });
    } else {
      const sbdPart = (tokens * BigInt(input.percentSteemDollars)) / BigInt(2 * percent100);
      const paid = toSbd(sbdPart);
      beneficiaries.push({ account: b.account, tokens, sbd: paid.sbd, steem: paid.steem, vests: toVests(tokens - sbdPart), vestingSteem: tokens - sbdPart });
    }
    totalBeneficiary += tokens;
  }
  authorTokens -= totalBeneficiary;
  const sbdSteem = (authorTokens * BigInt(input.percentSteemDollars)) / BigInt(2 * percent100);
  const vestingSteem = authorTokens - sbdSteem;
  const authorSbd = toSbd(sbdSteem);
  const authorVests = toVests(vestingSteem);
  return {
    curators,
    beneficiaries,
    author: { tokens: authorTokens, sbd: authorSbd.sbd, steem: authorSbd.steem, vests: authorVests, vestingSteem },
    claimedReward,
    curationPaid: curationTokens,
    rewardVestingShares: shares - input.rewardVesting.shares,
    rewardVestingSteem: steemInPool - input.rewardVesting.steem,
    steemToSbd: steemToSbdTotal,
    sbdPrinted,
    totalPayoutValue: authorSbd.sbd + sbdValue(authorSbd.steem + vestingSteem, median),
    curatorPayoutValue: sbdValue(curationTokens, median),
    beneficiaryPayoutValue: sbdValue(totalBeneficiary, median),
    commentRewardPayout: sbdValue(claimedReward, median),
  };
}
