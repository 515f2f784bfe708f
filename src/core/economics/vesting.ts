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

/**
 * What an account may delegate now (steemd `delegate_vesting_shares_evaluator`, HF20+, downvote check in
 * its HF22 form), from manabars already regenerated to now: its voting mana and its downvote mana scaled
 * back to VESTS (⌊down · 10000 / 2500⌋ + 3), each at most its effective VESTS less those it received, less
 * whatever it is still powering down beyond this week's part (which the effective VESTS already exclude).
 * `votingMana` and `downvoteMana` are the account's current mana regenerated to now.
 */
export function getDelegatableVestingShares(account: Account, votingMana: bigint, downvoteMana: bigint): { voting: bigint; downvote: bigint } {
  const own = getEffectiveVestingShares(account) - account.received_vesting_shares;
  const pool = BigInt(downvotePoolPercent);
  const hundred = BigInt(percent100);
  let voting = votingMana;
  let downvote = (downvoteMana * hundred) / pool + hundred / pool - 1n;
  if (voting > own) voting = own;
  if (downvote > own) downvote = own;
  const remaining = account.to_withdraw - account.withdrawn;
  if (account.next_vesting_withdrawal !== timeNever && remaining > account.vesting_withdraw_rate) {
    const thisWeek = account.vesting_withdraw_rate < remaining ? account.vesting_withdraw_rate : remaining;
    voting += thisWeek - remaining;
    downvote += thisWeek - remaining;
  }
  return { voting, downvote };
}
