/**
 * Per-block issuance (steemit/steem `database::process_funds`, HF21 split): the inflation rate narrows
 * by one basis point every 250,000 blocks from 9.78 % to a floor of 0.95 %, and each block's new STEEM
 * is split into the reward fund, the vesting fund, the proposal fund and the producer's pay.
 */
import {
  blocksPerYear, contentRewardPercent, inflationNarrowingPeriodBlocks, inflationRateStartBp, inflationRateStopBp,
  percent100, proposalFundPercent, vestingFundPercent, witnessPayNormalizationFactor,
} from "../protocol/config.ts";

/** The inflation rate in basis points at block `headBlockNum`. */
export function getInflationRateBp(headBlockNum: number): number {
  const narrowed = inflationRateStartBp - (headBlockNum - (headBlockNum % inflationNarrowingPeriodBlocks)) / inflationNarrowingPeriodBlocks;
  return narrowed > inflationRateStopBp ? narrowed : inflationRateStopBp;
}

export interface BlockIssuance {
  /** All STEEM this block issues (the proposal part is paid in SBD). */
  readonly newSteem: bigint;
  /** To the reward fund. */
  readonly content: bigint;
  /** To the vesting fund (raising the VESTS price for every holder). */
  readonly vesting: bigint;
  /** To the proposal fund, as STEEM's worth of SBD at the median. */
  readonly proposals: bigint;
  /** What is left for witnesses, before the producer's weight is applied. */
  readonly witnessBase: bigint;
}

/** The split of one block's issuance, from the virtual supply (raw STEEM) at the start of the block. */
export function getBlockIssuance(virtualSupply: bigint, headBlockNum: number): BlockIssuance {
  const newSteem = (virtualSupply * BigInt(getInflationRateBp(headBlockNum))) / (BigInt(percent100) * BigInt(blocksPerYear));
  const content = (newSteem * BigInt(contentRewardPercent)) / BigInt(percent100);
  const vesting = (newSteem * BigInt(vestingFundPercent)) / BigInt(percent100);
  const proposals = (newSteem * BigInt(proposalFundPercent)) / BigInt(percent100);
  return { newSteem, content, vesting, proposals, witnessBase: newSteem - content - vesting - proposals };
}

/** The producer's pay from the witness base: weight 1 for an elected witness, 5 for the timeshare slot. */
export function getWitnessPay(witnessBase: bigint, weight: number): bigint {
  return (witnessBase * 21n * BigInt(weight)) / BigInt(witnessPayNormalizationFactor);
}
