/**
 * steemd's supply invariants (`database::validate_invariants`) over Kettle's state: every STEEM is in a
 * balance, the vesting fund, the pending reward vesting pool, the reward fund or a savings withdrawal on its
 * way; every SBD in a balance, a conversion or a savings withdrawal; every VESTS in an account; what is
 * delegated matches what is received or coming back; and no balance is negative. Used by the seeded
 * simulation after every block and by the fuzzer.
 */
import type { ChainState } from "./state.ts";

/** The first broken invariant, in words, or null. */
export function findSupplyProblem(state: ChainState): string | null {
  const props = state.props.value;
  const fund = state.rewardFund.value;
  if (fund.reward_balance < 0n) return `the reward fund is negative (${fund.reward_balance})`;
  if (fund.recent_claims < 0n) return `recent_claims is negative (${fund.recent_claims})`;
  let steem = props.total_vesting_fund_steem + props.total_reward_fund_steem + props.pending_rewarded_vesting_steem + fund.reward_balance;
  let sbd = 0n;
  let vests = 0n;
  let rewardVests = 0n;
  let rewardVestingSteem = 0n;
  let delegated = 0n;
  let received = 0n;
  for (const account of state.accounts.values()) {
    const name = account.name;
    const amounts = [
      account.balance, account.savings_balance, account.reward_steem_balance, account.sbd_balance, account.savings_sbd_balance,
      account.reward_sbd_balance, account.vesting_shares, account.delegated_vesting_shares, account.received_vesting_shares,
      account.reward_vesting_balance, account.reward_vesting_steem, account.to_withdraw, account.withdrawn,
    ];
    if (amounts.some((amount) => amount < 0n)) return `account ${name} has a negative balance`;
    if (account.withdrawn > account.to_withdraw) return `account ${name} withdrew more than it powers down`;
    if (account.delegated_vesting_shares > account.vesting_shares) return `account ${name} delegates more VESTS than it holds`;
    steem += account.balance + account.savings_balance + account.reward_steem_balance;
    sbd += account.sbd_balance + account.savings_sbd_balance + account.reward_sbd_balance;
    vests += account.vesting_shares;
    rewardVests += account.reward_vesting_balance;
    rewardVestingSteem += account.reward_vesting_steem;
    delegated += account.delegated_vesting_shares;
    received += account.received_vesting_shares;
  }
  for (const request of state.conversions.values()) sbd += request.amount;
  for (const request of state.savingsWithdraws.values()) {
    if (request.symbol === "STEEM") steem += request.amount;
    else sbd += request.amount;
  }
  let delegations = 0n;
  for (const d of state.delegations.values()) delegations += d.vesting_shares;
  let returning = 0n;
  for (const e of state.delegationExpirations.values()) returning += e.vesting_shares;
  if (steem !== props.current_supply) return `STEEM held (${steem}) differs from current_supply (${props.current_supply})`;
  if (sbd !== props.current_sbd_supply) return `SBD held (${sbd}) differs from current_sbd_supply (${props.current_sbd_supply})`;
  if (vests !== props.total_vesting_shares) return `VESTS held (${vests}) differ from total_vesting_shares (${props.total_vesting_shares})`;
  if (rewardVests !== props.pending_rewarded_vesting_shares) return `reward VESTS held (${rewardVests}) differ from pending_rewarded_vesting_shares (${props.pending_rewarded_vesting_shares})`;
  if (rewardVestingSteem !== props.pending_rewarded_vesting_steem) return `reward vesting STEEM held (${rewardVestingSteem}) differs from pending_rewarded_vesting_steem (${props.pending_rewarded_vesting_steem})`;
  if (received !== delegations) return `VESTS received (${received}) differ from the delegations (${delegations})`;
  if (delegated !== delegations + returning) return `VESTS delegated (${delegated}) differ from the delegations and returns (${delegations + returning})`;
  return null;
}
