/** The vesting share price: STEEM ⇄ VESTS at total_vesting_shares / total_vesting_fund_steem. */
import type { Account, GlobalProperties } from "../chain/state.ts";
import { downvotePoolPercent, percent100, timeNever, vestingWithdrawIntervals } from "../protocol/config.ts";

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

/** The weekly power-down amount for withdrawing `amount` VESTS over `intervals` weeks (Steem HF23: 4). */
export function getVestingWithdrawRate(amount: bigint, intervalCount = vestingWithdrawIntervals): bigint {
  const intervals = BigInt(intervalCount);
  let rate = amount / intervals;
  if (rate < 1n) rate = 1n;
  if (rate * intervals < amount) rate += 1n;
  return rate;
}

/** This week's withdrawal: the rate, or what the modulo leaves in the last week, never more than is held. */
export function getVestingWithdrawal(toWithdraw: bigint, withdrawn: bigint, rate: bigint, vestingShares: bigint): bigint {
  const due = toWithdraw - withdrawn < rate ? toWithdraw % rate : rate;
  return due < vestingShares ? due : vestingShares;
}

/** The smallest delegation and the smallest change to one (HF20+): a third and a thirtieth of the account creation fee, in VESTS. */
export function getDelegationMinimums(props: GlobalProperties, accountCreationFee: bigint): { delegation: bigint; change: bigint } {
  return { delegation: steemToVests(props, accountCreationFee / 3n), change: steemToVests(props, accountCreationFee / 30n) };
}
