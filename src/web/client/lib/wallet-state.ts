/**
 * What the wallet page tells its script about the account: balances, stake, the vesting share price and the
 * ids already taken by pending requests, as wire strings in a JSON block (`<script type="application/json"
 * data-wallet-state>`), read back here into exact integers. One shape, written by the server and read by the
 * browser, so the two cannot drift apart.
 */
import { type VestingRatio, integerUnits, parseVestingRatio, wireUnits } from "./wallet-amounts.ts";

/** The JSON block's shape: get_accounts and get_dynamic_global_properties fields, as the API printed them. */
export interface WalletStateJson {
  readonly account: string;
  readonly balance: string;
  readonly sbd_balance: string;
  readonly savings_balance: string;
  readonly savings_sbd_balance: string;
  readonly vesting_shares: string;
  readonly delegated_vesting_shares: string;
  readonly received_vesting_shares: string;
  readonly vesting_withdraw_rate: string;
  readonly to_withdraw: number | string;
  readonly withdrawn: number | string;
  readonly reward_steem_balance: string;
  readonly reward_sbd_balance: string;
  readonly reward_vesting_balance: string;
  readonly total_vesting_fund_steem: string;
  readonly total_vesting_shares: string;
  /** Outgoing delegations: delegatee → VESTS. */
  readonly delegations: Readonly<Record<string, string>>;
  /** request_id of each pending savings withdrawal (a new one must differ). */
  readonly savings_request_ids: readonly number[];
  /** requestid of each pending conversion (a new one must differ). */
  readonly conversion_request_ids: readonly number[];
}

/** The same, as integers in smallest units. */
export interface WalletState {
  readonly account: string;
  readonly steem: bigint;
  readonly sbd: bigint;
  readonly savingsSteem: bigint;
  readonly savingsSbd: bigint;
  readonly vests: bigint;
  readonly delegatedVests: bigint;
  readonly receivedVests: bigint;
  readonly withdrawRate: bigint;
  /** VESTS of the running power-down not paid out yet. */
  readonly remainingPowerDown: bigint;
  readonly rewardSteem: bigint;
  readonly rewardSbd: bigint;
  readonly rewardVests: bigint;
  readonly ratio: VestingRatio;
  readonly delegations: ReadonlyMap<string, bigint>;
  readonly savingsRequestIds: readonly number[];
  readonly conversionRequestIds: readonly number[];
}

function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((n): n is number => Number.isSafeInteger(n)) : [];
}

/** Reads the JSON block's value; fields that are missing or malformed count as zero (the chain checks again). */
export function parseWalletState(json: unknown): WalletState {
  const value = (typeof json === "object" && json !== null ? json : {}) as Partial<Record<keyof WalletStateJson, unknown>>;
  const delegations = new Map<string, bigint>();
  if (typeof value.delegations === "object" && value.delegations !== null) {
    for (const [delegatee, vests] of Object.entries(value.delegations)) delegations.set(delegatee, wireUnits(vests, "VESTS"));
  }
  const toWithdraw = integerUnits(value.to_withdraw);
  const withdrawn = integerUnits(value.withdrawn);
  return {
    account: typeof value.account === "string" ? value.account : "",
    steem: wireUnits(value.balance, "STEEM"),
    sbd: wireUnits(value.sbd_balance, "SBD"),
    savingsSteem: wireUnits(value.savings_balance, "STEEM"),
    savingsSbd: wireUnits(value.savings_sbd_balance, "SBD"),
    vests: wireUnits(value.vesting_shares, "VESTS"),
    delegatedVests: wireUnits(value.delegated_vesting_shares, "VESTS"),
    receivedVests: wireUnits(value.received_vesting_shares, "VESTS"),
    withdrawRate: wireUnits(value.vesting_withdraw_rate, "VESTS"),
    remainingPowerDown: toWithdraw > withdrawn ? toWithdraw - withdrawn : 0n,
    rewardSteem: wireUnits(value.reward_steem_balance, "STEEM"),
    rewardSbd: wireUnits(value.reward_sbd_balance, "SBD"),
    rewardVests: wireUnits(value.reward_vesting_balance, "VESTS"),
    ratio: parseVestingRatio(value.total_vesting_fund_steem, value.total_vesting_shares),
    delegations,
    savingsRequestIds: numbers(value.savings_request_ids),
    conversionRequestIds: numbers(value.conversion_request_ids),
  };
}

/** VESTS the account may power down: what it holds less what it lends out (the chain's own rule). */
export function getPowerDownableVests(state: WalletState): bigint {
  const available = state.vests - state.delegatedVests;
  return available > 0n ? available : 0n;
}

/**
 * VESTS the account may delegate at most: its own less what it lends and what the running power-down will
 * still take. The chain also wants that much voting mana fully charged, so it may refuse a little less.
 */
export function getDelegatableVests(state: WalletState): bigint {
  const available = state.vests - state.delegatedVests - state.remainingPowerDown;
  return available > 0n ? available : 0n;
}
