/**
 * Wire shapes of the economic objects: the reward fund, prices and the feed history, vesting delegations
 * and their returns, power-down routes, SBD conversions, savings withdrawals and RC accounts. Each follows
 * steemd's condenser_api object (legacy: assets as "1.000 STEEM") or the database_api / rc_api object
 * (appbase: assets as {amount, precision, nai}); apart from the assets the two are the same.
 */
import type { Account, ConvertRequest, Delegation, DelegationExpiration, FeedHistory, RewardFund, SavingsWithdraw, WithdrawRoute } from "../../core/chain/state.ts";
import { contentConstant } from "../../core/economics/curves.ts";
import { getMaximumRc } from "../../core/economics/rc.ts";
import type { Price } from "../../core/economics/sbd.ts";
import { percent100, percentCurationRewards, rewardFundName } from "../../core/protocol/config.ts";
import { type JsonStyle, formatAmount, formatChainTime } from "./chain-objects.ts";
import { formatInt64 } from "./json-integer.ts";
import { formatTime } from "./json-time.ts";

/** The reward fund's curves since HF21 (steemd prints the curve_id enum by name). */
export const authorRewardCurve = "convergent_linear";
export const curationRewardCurve = "convergent_square_root";

/** steemd's reward_fund_object: recent_claims and content_constant are uint128, so always strings. */
export function formatRewardFund(fund: RewardFund, style: JsonStyle): Record<string, unknown> {
  return {
    id: 0, name: rewardFundName, reward_balance: formatAmount(fund.reward_balance, "STEEM", style),
    recent_claims: fund.recent_claims.toString(), last_update: formatTime(fund.last_update), content_constant: contentConstant.toString(),
    percent_curation_rewards: percentCurationRewards, percent_content_rewards: percent100,
    author_reward_curve: authorRewardCurve, curation_reward_curve: curationRewardCurve,
  };
}

/**
 * A price, base SBD and quote STEEM. No feed yet (null) shows as 0.000 SBD / 0.000 STEEM. (steemd's
 * default-constructed price would print 0.000 STEEM / 0.000 STEEM; the SBD base keeps the pair's meaning.)
 */
export function formatPrice(price: Price | null, style: JsonStyle): { base: unknown; quote: unknown } {
  return { base: formatAmount(price?.base ?? 0n, "SBD", style), quote: formatAmount(price?.quote ?? 0n, "STEEM", style) };
}

export function formatFeedHistory(feed: FeedHistory, style: JsonStyle): Record<string, unknown> {
  return {
    id: 0, current_median_history: formatPrice(feed.current_median_history, style),
    price_history: feed.price_history.map((p) => formatPrice(p, style)),
  };
}

/** `id` is the delegation's position among all delegations in creation order (Kettle's records carry no id). */
export function formatDelegation(delegation: Delegation, style: JsonStyle): Record<string, unknown> {
  return {
    id: delegation.id, delegator: delegation.delegator, delegatee: delegation.delegatee,
    vesting_shares: formatAmount(delegation.vesting_shares, "VESTS", style), min_delegation_time: formatTime(delegation.min_delegation_time),
  };
}

export function formatDelegationExpiration(expiration: DelegationExpiration, style: JsonStyle): Record<string, unknown> {
  return {
    id: expiration.id, delegator: expiration.delegator, vesting_shares: formatAmount(expiration.vesting_shares, "VESTS", style),
    expiration: formatChainTime(expiration.expiration),
  };
}

/** `id` is the route's position among all routes in creation order (Kettle's records carry no id). */
export function formatWithdrawRoute(route: WithdrawRoute): Record<string, unknown> {
  return { id: route.id, from_account: route.from_account, to_account: route.to_account, percent: route.percent, auto_vest: route.auto_vest };
}

export function formatConvertRequest(request: ConvertRequest, style: JsonStyle): Record<string, unknown> {
  return {
    id: request.id, owner: request.owner, requestid: request.requestid, amount: formatAmount(request.amount, "SBD", style),
    conversion_date: formatChainTime(request.conversion_date),
  };
}

export function formatSavingsWithdraw(withdraw: SavingsWithdraw, style: JsonStyle): Record<string, unknown> {
  return {
    id: withdraw.id, from: withdraw.from, to: withdraw.to, memo: withdraw.memo, request_id: withdraw.request_id,
    amount: formatAmount(withdraw.amount, withdraw.symbol, style), complete: formatChainTime(withdraw.complete),
  };
}

/**
 * rc_api's rc_account_api_object: the stored RC manabar (not regenerated to now: clients such as dhive's
 * `getRCMana` regenerate it themselves), the creation adjustment as a VESTS asset and the maximum RC
 * (int64s as fc prints them: numbers up to 2³² − 1, strings above).
 */
export function formatRcAccount(account: Account): Record<string, unknown> {
  return {
    account: account.name,
    rc_manabar: { current_mana: formatInt64(account.rc_manabar.current_mana), last_update_time: account.rc_manabar.last_update_time },
    max_rc_creation_adjustment: formatAmount(account.max_rc_creation_adjustment, "VESTS", "appbase"),
    max_rc: formatInt64(getMaximumRc(account)),
  };
}
