/** The vesting share price: STEEM ⇄ VESTS at total_vesting_shares / total_vesting_fund_steem. */
import type { Account, GlobalProperties } from "../chain/state.ts";
import { downvotePoolPercent, percent100, timeNever } from "../protocol/config.ts";

/** VESTS for `steem` at the current price (1 STEEM = 1,000 VESTS·10³ raw when the fund is empty). */
export function steemToVests(props: GlobalProperties, steem: bigint): bigint {
  if (props.total_vesting_fund_steem === 0n || props.total_vesting_shares === 0n) return steem * 1000n;
  return (steem * props.total_vesting_shares) / props.total_vesting_fund_steem;
}

export function vestsToSteem(props: GlobalProperties, vests: bigint): bigint {
  if (props.total_vesting_fund_steem === 0n || props.total_vesting_shares === 0n) return vests / 1000n;
  return (vests * props.total_vesting_fund_steem) / props.total_vesting_shares;
}

/** Own + received − delegated − this week's power-down: the voting manabar's maximum. */
export function getEffectiveVestingShares(account: Account): bigint {
  let effective = account.vesting_shares + account.received_vesting_shares - account.delegated_vesting_shares;
  if (account.next_vesting_withdrawal !== timeNever) {
    const remaining = account.to_withdraw - account.withdrawn;
    effective -= account.vesting_withdraw_rate < remaining ? account.vesting_withdraw_rate : remaining;
  }
  return effective;
}

export function getDownvoteManaMax(account: Account): bigint {
  return (getEffectiveVestingShares(account) * BigInt(downvotePoolPercent)) / BigInt(percent100);
}
