/**
 * The economy's reads: the reward fund, the price feed, vesting delegations and their returns, power-down
 * routes, SBD conversions, savings withdrawals, reputations and resource credits — condenser_api
 * (positional params, legacy JSON) and the appbase database_api / reputation_api / follow_api / rc_api
 * (named params, NAI assets), with steemd's shapes, orders and limits.
 *
 * Orders follow steemd's indexes: delegations by (delegator, delegatee), delegation returns by
 * (delegator, expiration, id) or (expiration, id), routes by (from, to) or (to, id), conversions by
 * (owner, requestid) or (date, id), savings withdrawals by (from, request_id), (complete, from, request_id)
 * or (to, complete, id). The per-account reads (condenser_api's, and database_api's find_*) go through
 * the state's groups by account and sort only that account's records; database_api's list_* methods,
 * which page through a whole table in a global order, sort the records at or above their start.
 */
import type { ConvertRequest, Delegation, DelegationExpiration, SavingsWithdraw, WithdrawRoute } from "../../core/chain/state.ts";
import type { Table } from "../../core/chain/table.ts";
import { ChainError } from "../../core/errors.ts";
import { type Resource, resourceParameters, resources } from "../../core/economics/rc.ts";
import { executionTimes, stateSizes } from "../../core/chain/resource-credits.ts";
import type { OperationName } from "../../core/protocol/operation-schemas.ts";
import { rewardFundName } from "../../core/protocol/config.ts";
import type { JsonStyle } from "../format/chain-objects.ts";
import {
  formatConvertRequest, formatDelegation, formatDelegationExpiration, formatFeedHistory, formatPrice, formatRcAccount, formatRewardFund,
  formatSavingsWithdraw, formatWithdrawRoute,
} from "../format/economics-objects.ts";
import { formatInt64 } from "../format/json-integer.ts";
import { parseTime } from "../format/json-time.ts";
import type { ApiContext } from "../ports.ts";
import { invalidParams } from "../rpc/rpc-error.ts";
import { lookupAccounts } from "./account-methods.ts";
import { type MethodHandler, expectArray, expectInteger, expectString, named, positional } from "./method-table.ts";

/** DATABASE_API_SINGLE_QUERY_LIMIT, RC_API_SINGLE_QUERY_LIMIT and the reputation API's limit. */
export const economicsQueryLimitMax = 1000;
/** condenser's default for get_vesting_delegations and get_expiring_vesting_delegations. */
const condenserListLimitDefault = 100;
const accountNameLengthMax = 16;
const uint32Max = 0xffffffff;

// ---------------------------------------------------------------------------------------------------
// Ordered lists: rows sorted by a tuple key, read from a lower bound
// ---------------------------------------------------------------------------------------------------

type KeyPart = string | number;
type Key = readonly KeyPart[];

/** Compares `key` with `bound` over the bound's length (a shorter bound is a prefix, as in boost's lower_bound). */
function compareKeys(key: Key, bound: Key): number {
  for (let i = 0; i < bound.length && i < key.length; i++) {
    const a = key[i];
    const b = bound[i];
    if (a < b) return -1;
    if (a > b) return 1;
  }
  return 0;
}

/** Up to `limit` rows in key order from the first whose key is not below `start`. */
function listFrom<T>(rows: Iterable<T>, keyOf: (row: T) => Key, start: Key, limit: number): T[] {
  const keyed: { row: T; key: Key }[] = [];
  for (const row of rows) {
    const key = keyOf(row);
    if (compareKeys(key, start) >= 0) keyed.push({ row, key });
  }
  keyed.sort((x, y) => compareKeys(x.key, y.key));
  return keyed.slice(0, limit).map(({ row }) => row);
}

/** The records of one account's group (the table's records whose group key is `account`). */
function* grouped<V>(table: Table<V>, groupId: number, account: string): IterableIterator<V> {
  for (const key of table.group(groupId, account)) {
    const row = table.get(key);
    if (row !== undefined) yield row;
  }
}

// ---------------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------------

function accountName(value: unknown, what: string): string {
  return expectString(value, what, accountNameLengthMax);
}

function chainTime(value: unknown, what: string): number {
  try {
    return parseTime(expectString(value, what, 32));
  } catch (error) {
    if (error instanceof ChainError) throw invalidParams(`${what}: ${error.message}`);
    throw error;
  }
}

function limitParam(value: unknown, fallback: number): number {
  return expectInteger(value ?? fallback, "limit", 0, economicsQueryLimitMax);
}

type StartPart = "account" | "time" | "id";

/** An appbase list method's `start`: an array of the index's key parts, each checked for its type. */
function parseStart(value: unknown, parts: readonly StartPart[], order: string): Key {
  const described = parts.join(", ");
  if (!Array.isArray(value) || value.length !== parts.length) throw invalidParams(`start for order ${order} must be an array of ${parts.length} values (${described})`);
  return parts.map((part, i): KeyPart => {
    const what = `start[${i}] (${part})`;
    if (part === "account") return accountName(value[i], what);
    if (part === "time") return chainTime(value[i], what);
    return expectInteger(value[i], what, 0, uint32Max);
  });
}

function orderParam<O extends string>(value: unknown, orders: readonly O[]): O {
  if (typeof value !== "string" || !(orders as readonly string[]).includes(value)) {
    throw invalidParams(`order must be one of ${orders.join(", ")}, got ${JSON.stringify(value) ?? "nothing"}`);
  }
  return value as O;
}

// ---------------------------------------------------------------------------------------------------
// The reads, shared by both APIs
// ---------------------------------------------------------------------------------------------------

function rewardFund(context: ApiContext, name: string, style: JsonStyle) {
  if (name !== rewardFundName) throw invalidParams(`unknown reward fund "${name}": the only reward fund is "${rewardFundName}"`);
  return formatRewardFund(context.node.state.rewardFund.value, style);
}

const delegationKey = (d: Delegation): Key => [d.delegator, d.delegatee];

function vestingDelegations(context: ApiContext, start: Key, limit: number, style: JsonStyle) {
  return listFrom(context.node.state.delegations.values(), delegationKey, start, limit).map((d) => formatDelegation(d, style));
}

/** One delegator's delegations from delegatee `from` on, by delegatee. */
function delegationsOf(context: ApiContext, delegator: string, from: string, limit: number, style: JsonStyle) {
  const { state } = context.node;
  const rows = grouped(state.delegations, state.groups.delegationsByDelegator, delegator);
  return listFrom(rows, delegationKey, [delegator, from], limit).map((d) => formatDelegation(d, style));
}

type ExpirationOrder = "by_expiration" | "by_account_expiration";
const expirationByDate = (e: DelegationExpiration): Key => [e.expiration, e.id];
const expirationByAccount = (e: DelegationExpiration): Key => [e.delegator, e.expiration, e.id];

function delegationExpirations(context: ApiContext, order: ExpirationOrder, start: Key, limit: number, style: JsonStyle) {
  const keyOf = order === "by_expiration" ? expirationByDate : expirationByAccount;
  return listFrom(context.node.state.delegationExpirations.values(), keyOf, start, limit).map((e) => formatDelegationExpiration(e, style));
}

/** One delegator's delegation returns from time `from` on, by (expiration, id). */
function expirationsOf(context: ApiContext, delegator: string, from: number, limit: number, style: JsonStyle) {
  const { state } = context.node;
  const rows = grouped(state.delegationExpirations, state.groups.expirationsByDelegator, delegator);
  return listFrom(rows, expirationByAccount, [delegator, from], limit).map((e) => formatDelegationExpiration(e, style));
}

const routeByWithdraw = (r: WithdrawRoute): Key => [r.from_account, r.to_account];
const routeByDestination = (r: WithdrawRoute): Key => [r.to_account, r.id];

function withdrawRoutes(context: ApiContext, account: string, direction: "incoming" | "outgoing" | "all") {
  const { state } = context.node;
  const all = economicsQueryLimitMax;
  const outgoing = direction === "incoming" ? [] : listFrom(grouped(state.withdrawRoutes, state.groups.routesByFrom, account), routeByWithdraw, [account], all);
  const incoming = direction === "outgoing" ? [] : listFrom(grouped(state.withdrawRoutes, state.groups.routesByTo, account), routeByDestination, [account], all);
  return [...outgoing, ...incoming].map(formatWithdrawRoute);
}

const conversionByOwner = (c: ConvertRequest): Key => [c.owner, c.requestid];
const conversionByDate = (c: ConvertRequest): Key => [c.conversion_date, c.id];

function conversionRequests(context: ApiContext, owner: string, style: JsonStyle) {
  const { state } = context.node;
  const rows = grouped(state.conversions, state.groups.conversionsByOwner, owner);
  return listFrom(rows, conversionByOwner, [owner], economicsQueryLimitMax).map((c) => formatConvertRequest(c, style));
}

const savingsByFrom = (w: SavingsWithdraw): Key => [w.from, w.request_id];
const savingsByCompleteFrom = (w: SavingsWithdraw): Key => [w.complete, w.from, w.request_id];
const savingsByToComplete = (w: SavingsWithdraw): Key => [w.to, w.complete, w.id];

function savingsFrom(context: ApiContext, account: string, style: JsonStyle) {
  const { state } = context.node;
  const rows = grouped(state.savingsWithdraws, state.groups.savingsByFrom, account);
  return listFrom(rows, savingsByFrom, [account], economicsQueryLimitMax).map((w) => formatSavingsWithdraw(w, style));
}

function savingsTo(context: ApiContext, account: string, style: JsonStyle) {
  const { state } = context.node;
  const rows = grouped(state.savingsWithdraws, state.groups.savingsByTo, account);
  return listFrom(rows, savingsByToComplete, [account], economicsQueryLimitMax).map((w) => formatSavingsWithdraw(w, style));
}

/** The reputation plugin's raw values from `lower` on in name order, 0 for accounts without a record. */
function accountReputations(context: ApiContext, lower: string, limit: number) {
  return lookupAccounts(context, lower, limit).map((name) => ({
    account: name, reputation: formatInt64(context.node.state.accounts.get(name)?.reputation ?? 0n),
  }));
}

function reputationLimit(value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value) && value > economicsQueryLimitMax) {
    throw invalidParams(`Cannot retrieve more than ${economicsQueryLimitMax} account reputations at a time (limit ${value})`);
  }
  return limitParam(value, economicsQueryLimitMax);
}

function parseRouteDirection(value: unknown): "incoming" | "outgoing" | "all" {
  const names = ["incoming", "outgoing", "all"] as const;
  if (value === undefined) return "outgoing";
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value < names.length) return names[value];
  if (typeof value === "string" && (names as readonly string[]).includes(value)) return value as (typeof names)[number];
  throw invalidParams(`withdraw route type must be "incoming", "outgoing" or "all", got ${JSON.stringify(value)}`);
}

// ---------------------------------------------------------------------------------------------------
// Resource credits
// ---------------------------------------------------------------------------------------------------

const rcResourceName = (resource: Resource) => `resource_${resource}`;

/**
 * The generated pools' max_pool_size (rc_generate_resource_parameters.py: ⌊2·pool_eq_float + 0.5⌋); the
 * new_accounts pool is set up from the consensus subsidy parameters, whose maximum is its equilibrium.
 */
const maxPoolSizes: Readonly<Record<Resource, bigint>> = {
  history_bytes: 54_101_078_501n,
  new_accounts: resourceParameters.new_accounts.poolEquilibrium,
  market_bytes: 4_007_510_337n,
  state_bytes: 43_280_862_800_744n,
  execution_time: 12_806_392_280_766n,
};

/** steemd's state_object_size_info field names for Kettle's state sizes. */
const stateSizeNames: Readonly<Record<keyof typeof stateSizes, string>> = {
  authorityBase: "authority_base_size",
  authorityAccountMember: "authority_account_member_size",
  authorityKeyMember: "authority_key_member_size",
  accountObjectBase: "account_object_base_size",
  accountAuthorityObjectBase: "account_authority_object_base_size",
  accountRecoveryRequestBase: "account_recovery_request_object_base_size",
  commentObjectBase: "comment_object_base_size",
  commentPermlinkChar: "comment_object_permlink_char_size",
  commentParentPermlinkChar: "comment_object_parent_permlink_char_size",
  commentBeneficiary: "comment_object_beneficiaries_member_size",
  commentVoteBase: "comment_vote_object_base_size",
  convertRequestBase: "convert_request_object_base_size",
  declineVotingRightsRequestBase: "decline_voting_rights_request_object_base_size",
  escrowBase: "escrow_object_base_size",
  limitOrderBase: "limit_order_object_base_size",
  savingsWithdraw: "savings_withdraw_object_byte_size",
  transactionObjectBase: "transaction_object_base_size",
  transactionObjectByte: "transaction_object_byte_size",
  vestingDelegationBase: "vesting_delegation_object_base_size",
  vestingDelegationExpirationBase: "vesting_delegation_expiration_object_base_size",
  withdrawVestingRouteBase: "withdraw_vesting_route_object_base_size",
  witnessObjectBase: "witness_object_base_size",
  witnessUrlChar: "witness_object_url_char_size",
  witnessVoteBase: "witness_vote_object_base_size",
  proposalBase: "proposal_object_base_size",
  proposalVoteBase: "proposal_vote_object_base_size",
  proposalVoteMember: "proposal_vote_object_member_size",
};

/** The operations steemd's operation_exec_info lists, in its order. */
const executionTimeOperations: readonly OperationName[] = [
  "account_create", "account_create_with_delegation", "account_update", "account_update2", "account_witness_proxy",
  "account_witness_vote", "cancel_transfer_from_savings", "change_recovery_account", "claim_account", "claim_reward_balance", "comment",
  "comment_options", "convert", "create_claimed_account", "custom", "custom_json", "custom_binary", "decline_voting_rights",
  "delegate_vesting_shares", "delete_comment", "escrow_approve", "escrow_dispute", "escrow_release", "escrow_transfer", "feed_publish",
  "limit_order_cancel", "limit_order_create", "limit_order_create2", "request_account_recovery", "set_withdraw_vesting_route",
  "transfer_from_savings", "transfer", "transfer_to_savings", "transfer_to_vesting", "vote", "withdraw_vesting", "witness_set_properties",
  "witness_update", "create_proposal", "update_proposal_votes", "remove_proposal",
];

/** rc_api.get_resource_params: each resource's dynamics and price curve, and the size tables. */
function resourceParams() {
  const params: Record<string, unknown> = {};
  for (const resource of resources) {
    const p = resourceParameters[resource];
    params[rcResourceName(resource)] = {
      resource_dynamics_params: {
        resource_unit: formatInt64(p.resourceUnit), budget_per_time_unit: Number(p.budgetPerBlock), pool_eq: formatInt64(p.poolEquilibrium),
        max_pool_size: formatInt64(maxPoolSizes[resource]),
        decay_params: { decay_per_time_unit: Number(p.decayPerTimeUnit), decay_per_time_unit_denom_shift: Number(p.decayShift) },
        min_decay: 0,
      },
      price_curve_params: { coeff_a: formatInt64(p.coeffA), coeff_b: formatInt64(p.coeffB), shift: Number(p.shift) },
    };
  }
  const stateBytes: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(stateSizeNames)) stateBytes[name] = formatInt64(stateSizes[key as keyof typeof stateSizes]);
  stateBytes.STATE_BYTES_SCALE = 10000;
  const executionTime: Record<string, unknown> = {};
  for (const op of executionTimeOperations) executionTime[`${op}_operation_exec_time`] = formatInt64(executionTimes[op]);
  return {
    resource_names: resources.map(rcResourceName),
    resource_params: params,
    size_info: { resource_state_bytes: stateBytes, resource_execution_time: executionTime },
  };
}

function resourcePool(context: ApiContext) {
  const pools = context.node.state.rc.value.pools;
  const pool: Record<string, unknown> = {};
  resources.forEach((resource, i) => {
    pool[rcResourceName(resource)] = { pool: formatInt64(pools[i]) };
  });
  return { resource_pool: pool };
}

function findRcAccounts(context: ApiContext, names: unknown) {
  const list = expectArray(names, "accounts", economicsQueryLimitMax).map((n) => accountName(n, "accounts entries"));
  return {
    rc_accounts: list.flatMap((name) => {
      const account = context.node.state.accounts.get(name);
      return account === undefined ? [] : [formatRcAccount(account)];
    }),
  };
}

// ---------------------------------------------------------------------------------------------------
// The tables
// ---------------------------------------------------------------------------------------------------

export const condenserEconomicsMethods: Record<string, MethodHandler> = {
  get_reward_fund: (context, params) => {
    const [name] = positional(params, 1, 1, "get_reward_fund");
    return rewardFund(context, expectString(name, "reward fund name", 64), "legacy");
  },
  get_current_median_history_price: (context, params) => {
    positional(params, 0, 0, "get_current_median_history_price");
    return formatPrice(context.node.state.feed.value.current_median_history, "legacy");
  },
  get_feed_history: (context, params) => {
    positional(params, 0, 0, "get_feed_history");
    return formatFeedHistory(context.node.state.feed.value, "legacy");
  },
  get_vesting_delegations: (context, params) => {
    const [account, from, limit] = positional(params, 2, 3, "get_vesting_delegations");
    return delegationsOf(context, accountName(account, "account"), accountName(from, "from"), limitParam(limit, condenserListLimitDefault), "legacy");
  },
  get_expiring_vesting_delegations: (context, params) => {
    const [account, from, limit] = positional(params, 2, 3, "get_expiring_vesting_delegations");
    return expirationsOf(context, accountName(account, "account"), chainTime(from, "from"), limitParam(limit, condenserListLimitDefault), "legacy");
  },
  get_withdraw_routes: (context, params) => {
    const [account, type] = positional(params, 1, 2, "get_withdraw_routes");
    return withdrawRoutes(context, accountName(account, "account"), parseRouteDirection(type));
  },
  get_conversion_requests: (context, params) => {
    const [account] = positional(params, 1, 1, "get_conversion_requests");
    return conversionRequests(context, accountName(account, "account"), "legacy");
  },
  get_savings_withdraw_from: (context, params) => {
    const [account] = positional(params, 1, 1, "get_savings_withdraw_from");
    return savingsFrom(context, accountName(account, "account"), "legacy");
  },
  get_savings_withdraw_to: (context, params) => {
    const [account] = positional(params, 1, 1, "get_savings_withdraw_to");
    return savingsTo(context, accountName(account, "account"), "legacy");
  },
  get_account_reputations: (context, params) => {
    const [lower, limit] = positional(params, 1, 2, "get_account_reputations");
    return accountReputations(context, accountName(lower, "account_lower_bound"), reputationLimit(limit));
  },
};

function appbaseReputations(context: ApiContext, params: unknown) {
  const p = named(params, "get_account_reputations");
  return { reputations: accountReputations(context, accountName(p.account_lower_bound ?? "", "account_lower_bound"), reputationLimit(p.limit)) };
}

export const appbaseEconomicsMethods: Record<string, MethodHandler> = {
  "database_api.get_reward_funds": (context) => ({ funds: [rewardFund(context, rewardFundName, "appbase")] }),
  "database_api.get_current_price_feed": (context) => formatPrice(context.node.state.feed.value.current_median_history, "appbase"),
  "database_api.get_feed_history": (context) => formatFeedHistory(context.node.state.feed.value, "appbase"),
  "database_api.list_vesting_delegations": (context, params) => {
    const p = named(params, "list_vesting_delegations");
    orderParam(p.order, ["by_delegation"]);
    const start = parseStart(p.start, ["account", "account"], "by_delegation");
    return { delegations: vestingDelegations(context, start, limitParam(p.limit, economicsQueryLimitMax), "appbase") };
  },
  "database_api.find_vesting_delegations": (context, params) => {
    const p = named(params, "find_vesting_delegations");
    return { delegations: delegationsOf(context, accountName(p.account, "account"), "", economicsQueryLimitMax, "appbase") };
  },
  "database_api.list_vesting_delegation_expirations": (context, params) => {
    const p = named(params, "list_vesting_delegation_expirations");
    const order = orderParam(p.order, ["by_expiration", "by_account_expiration"] as const);
    const start = parseStart(p.start, order === "by_expiration" ? ["time", "id"] : ["account", "time", "id"], order);
    return { delegations: delegationExpirations(context, order, start, limitParam(p.limit, economicsQueryLimitMax), "appbase") };
  },
  "database_api.find_vesting_delegation_expirations": (context, params) => {
    const p = named(params, "find_vesting_delegation_expirations");
    return { delegations: expirationsOf(context, accountName(p.account, "account"), 0, economicsQueryLimitMax, "appbase") };
  },
  "database_api.list_withdraw_vesting_routes": (context, params) => {
    const p = named(params, "list_withdraw_vesting_routes");
    const order = orderParam(p.order, ["by_withdraw_route", "by_destination"] as const);
    const start = parseStart(p.start, order === "by_withdraw_route" ? ["account", "account"] : ["account", "id"], order);
    const keyOf = order === "by_withdraw_route" ? routeByWithdraw : routeByDestination;
    const routes = listFrom(context.node.state.withdrawRoutes.values(), keyOf, start, limitParam(p.limit, economicsQueryLimitMax));
    return { routes: routes.map(formatWithdrawRoute) };
  },
  "database_api.find_withdraw_vesting_routes": (context, params) => {
    const p = named(params, "find_withdraw_vesting_routes");
    const order = orderParam(p.order, ["by_withdraw_route", "by_destination"] as const);
    return { routes: withdrawRoutes(context, accountName(p.account, "account"), order === "by_withdraw_route" ? "outgoing" : "incoming") };
  },
  "database_api.list_savings_withdrawals": (context, params) => {
    const p = named(params, "list_savings_withdrawals");
    const order = orderParam(p.order, ["by_from_id", "by_complete_from_id", "by_to_complete"] as const);
    const parts: Record<typeof order, readonly StartPart[]> = {
      by_from_id: ["account", "id"], by_complete_from_id: ["time", "account", "id"], by_to_complete: ["account", "time", "id"],
    };
    const keyOf = order === "by_from_id" ? savingsByFrom : order === "by_complete_from_id" ? savingsByCompleteFrom : savingsByToComplete;
    const list = listFrom(context.node.state.savingsWithdraws.values(), keyOf, parseStart(p.start, parts[order], order), limitParam(p.limit, economicsQueryLimitMax));
    return { withdrawals: list.map((w) => formatSavingsWithdraw(w, "appbase")) };
  },
  "database_api.find_savings_withdrawals": (context, params) => {
    const p = named(params, "find_savings_withdrawals");
    return { withdrawals: savingsFrom(context, accountName(p.account, "account"), "appbase") };
  },
  "database_api.list_sbd_conversion_requests": (context, params) => {
    const p = named(params, "list_sbd_conversion_requests");
    const order = orderParam(p.order, ["by_conversion_date", "by_account"] as const);
    const start = parseStart(p.start, order === "by_conversion_date" ? ["time", "id"] : ["account", "id"], order);
    const keyOf = order === "by_conversion_date" ? conversionByDate : conversionByOwner;
    const list = listFrom(context.node.state.conversions.values(), keyOf, start, limitParam(p.limit, economicsQueryLimitMax));
    return { requests: list.map((c) => formatConvertRequest(c, "appbase")) };
  },
  "database_api.find_sbd_conversion_requests": (context, params) => {
    const p = named(params, "find_sbd_conversion_requests");
    return { requests: conversionRequests(context, accountName(p.account, "account"), "appbase") };
  },
  "reputation_api.get_account_reputations": appbaseReputations,
  "follow_api.get_account_reputations": appbaseReputations,
  "rc_api.find_rc_accounts": (context, params) => findRcAccounts(context, named(params, "find_rc_accounts").accounts),
  "rc_api.get_resource_params": () => resourceParams(),
  "rc_api.get_resource_pool": (context) => resourcePool(context),
};
