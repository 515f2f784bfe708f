/**
 * Power-down weeks and delegation returns as blocks reach them (steemd `process_vesting_withdrawals`,
 * `clear_expired_delegations`), plus the withdraw-route lookups both these and the operations share.
 */
import { flatten } from "../../stdx/bytes.ts";
import { getVestingWithdrawal, vestsToSteem } from "../economics/vesting.ts";
import { percent100, timeNever, vestingWithdrawIntervalSeconds } from "../protocol/config.ts";
import { adjustLiquidBalance, getAccountOrThrow, regenerateAccountManabars, updateAccount } from "./accounts.ts";
import type { Account, ChainState, WithdrawRoute } from "./state.ts";

/** The key of a withdraw route in `state.withdrawRoutes`. */
export function withdrawRouteKey(from: string, to: string): string {
  return flatten(`${from}/${to}`);
}

/**
 * The account's withdraw routes in steemd's `by_withdraw_route` order (destination name ascending), from
 * the table's group of routes by sender.
 */
export function getWithdrawRoutes(state: ChainState, account: Account): WithdrawRoute[] {
  if (account.withdraw_routes === 0) return [];
  const routes: WithdrawRoute[] = [];
  for (const key of state.withdrawRoutes.group(state.groups.routesByFrom, account.name)) routes.push(state.withdrawRoutes.get(key)!);
  return routes.sort((a, b) => (a.to_account < b.to_account ? -1 : a.to_account > b.to_account ? 1 : 0));
}

/**
 * Schedules an account's next power-down week. steemd walks accounts by (next_vesting_withdrawal, name),
 * so the tie-break is the name alone: order 0 and the name as key.
 */
export function scheduleVestingWithdrawal(state: ChainState, account: string, time: number): void {
  state.schedules.withdrawals.add(time, 0, account);
}

/**
 * Pays every power-down week due at `now`. For each account (by time, then name): this week's VESTS are
 * the rate, or `to_withdraw % rate` in the last week, never more than it holds; auto-vest routes get their
 * share as VESTS first, the other routes theirs as STEEM at the current price (the price is read afresh for
 * every leg, as the vesting fund shrinks), the rest goes to the owner as STEEM; each leg is one
 * fill_vesting_withdraw (the owner's always, even for 0). No manabar is touched: steemd leaves them to
 * the next regeneration, which clamps them to the smaller maximum.
 */
export function processVestingWithdrawals(state: ChainState, now: number): void {
  for (let entry = state.schedules.withdrawals.popDue(now); entry !== null; entry = state.schedules.withdrawals.popDue(now)) {
    const account = state.accounts.get(entry.key);
    if (account === undefined || account.next_vesting_withdrawal !== entry.time) continue;
    payVestingWithdrawal(state, account, now);
  }
}

function payVestingWithdrawal(state: ChainState, owner: Account, now: number): void {
  const name = owner.name;
  if (owner.vesting_withdraw_rate <= 0n) {
    // Not reachable through withdraw_vesting (the rate is at least 1); stop rather than divide by zero.
    updateAccount(state, owner, { vesting_withdraw_rate: 0n, next_vesting_withdrawal: timeNever });
    return;
  }
  const toWithdraw = getVestingWithdrawal(owner.to_withdraw, owner.withdrawn, owner.vesting_withdraw_rate, owner.vesting_shares);
  const routes = getWithdrawRoutes(state, owner);
  const hundred = BigInt(percent100);
  let depositedAsVests = 0n;
  let depositedAsSteem = 0n;

  for (const route of routes) {
    if (!route.auto_vest) continue;
    const deposit = (toWithdraw * BigInt(route.percent)) / hundred;
    depositedAsVests += deposit;
    if (deposit <= 0n) continue;
    const target = getAccountOrThrow(state, route.to_account);
    state.virtualOps.push({ type: "fill_vesting_withdraw", value: { from_account: name, to_account: route.to_account, withdrawn: vests(deposit), deposited: vests(deposit) } });
    updateAccount(state, target, { vesting_shares: target.vesting_shares + deposit });
  }

  for (const route of routes) {
    if (route.auto_vest) continue;
    getAccountOrThrow(state, route.to_account);
    const deposit = (toWithdraw * BigInt(route.percent)) / hundred;
    depositedAsSteem += deposit;
    const props = state.props.value;
    const steem = vestsToSteem(props, deposit);
    if (deposit <= 0n) continue;
    state.virtualOps.push({ type: "fill_vesting_withdraw", value: { from_account: name, to_account: route.to_account, withdrawn: vests(deposit), deposited: { amount: steem, symbol: "STEEM" } } });
    adjustLiquidBalance(state, route.to_account, "STEEM", steem, now);
    state.props.value = { ...props, total_vesting_fund_steem: props.total_vesting_fund_steem - steem, total_vesting_shares: props.total_vesting_shares - deposit };
  }

  const toConvert = toWithdraw - depositedAsSteem - depositedAsVests;
  const props = state.props.value;
  const steem = vestsToSteem(props, toConvert);
  state.virtualOps.push({ type: "fill_vesting_withdraw", value: { from_account: name, to_account: name, withdrawn: vests(toConvert), deposited: { amount: steem, symbol: "STEEM" } } });

  const account = getAccountOrThrow(state, name);
  const vestingShares = account.vesting_shares - toWithdraw;
  const withdrawn = account.withdrawn + toWithdraw;
  const done = withdrawn >= account.to_withdraw || vestingShares === 0n;
  const next = done ? timeNever : account.next_vesting_withdrawal + vestingWithdrawIntervalSeconds;
  updateAccount(state, account, {
    vesting_shares: vestingShares,
    balance: account.balance + steem,
    withdrawn,
    ...(done ? { vesting_withdraw_rate: 0n } : {}),
    next_vesting_withdrawal: next,
  });
  if (!done) scheduleVestingWithdrawal(state, name, next);
  state.props.value = { ...props, total_vesting_fund_steem: props.total_vesting_fund_steem - steem, total_vesting_shares: props.total_vesting_shares - toConvert };
}

/**
 * Returns undelegated VESTS whose expiration has passed, strictly (steemd: `expiration < now`), by
 * (expiration, id): the delegator's manabars regenerate and gain the VESTS as new mana (both bars, as
 * `update_manabar`), its delegated_vesting_shares drop, and return_vesting_delegation is emitted.
 */
export function clearExpiredDelegations(state: ChainState, now: number): void {
  for (let entry = state.schedules.delegationReturns.popDue(now - 1); entry !== null; entry = state.schedules.delegationReturns.popDue(now - 1)) {
    const expiration = state.delegationExpirations.get(entry.key);
    if (expiration === undefined || expiration.expiration !== entry.time) continue;
    state.virtualOps.push({ type: "return_vesting_delegation", value: { account: expiration.delegator, vesting_shares: vests(expiration.vesting_shares) } });
    const delegator = getAccountOrThrow(state, expiration.delegator);
    const bars = regenerateAccountManabars(delegator, now, expiration.vesting_shares);
    updateAccount(state, delegator, { ...bars, delegated_vesting_shares: delegator.delegated_vesting_shares - expiration.vesting_shares });
    state.delegationExpirations.delete(entry.key);
  }
}

function vests(amount: bigint): { amount: bigint; symbol: "VESTS" } {
  return { amount, symbol: "VESTS" };
}
