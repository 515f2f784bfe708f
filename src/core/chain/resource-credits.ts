/**
 * Resource credits (steemit/steem `libraries/plugins/rc`, reference/economics.md §10): every transaction
 * costs its payer RC for the history bytes, market bytes, state bytes and execution time it uses, priced
 * by how full each resource's pool is; an account's RC is a manabar whose maximum is its effective
 * VESTS and which refills in 5 days.
 *
 * Kettle makes RC consensus (as Hive HF26 did; §10.5 points 1 and 4): a payer short of RC is refused in
 * every context — when a producer admits a transaction and when a block is replayed — and the balance
 * never goes below 0 (steemd lets a block's transaction take it down to −1.66 % of the maximum). This is
 * deterministic because a block only holds transactions that passed when it was produced.
 *
 * The `new_accounts` resource is counted (fee-0 `claim_account`s) and priced with the generated curve,
 * but Kettle grants no account subsidies and refuses discounted claims in the operation itself, so its
 * usage is always 0 and its pool simply stays at equilibrium; steemd instead overwrites that pool each
 * block with the consensus `available_account_subsidies`.
 */
import { utf8ByteLength } from "../../stdx/bytes.ts";
import { ChainError } from "../errors.ts";
import { regenerateManabar, useMana } from "../economics/manabar.ts";
import {
  type Resource, emptyRcUsage, getMaximumRc, getPoolUsage, getRcCosts, getRcRegenPerBlock, getSecondsUntilMana,
  rcRegenerationSeconds, resources, updateResourcePool,
} from "../economics/rc.ts";
import { steemToVests } from "../economics/vesting.ts";
import type { Authority } from "../protocol/authority.ts";
import type { Operation, OperationBody, OperationName } from "../protocol/operation-schemas.ts";
import { getAccountOrThrow, updateAccount } from "./accounts.ts";
import type { PreparedTransaction } from "./apply-transaction.ts";
import type { ChainState } from "./state.ts";

// ---------------------------------------------------------------------------------------------------
// Resource counting (steemd resource_count.cpp with the sizes of resource_sizes.hpp)
// ---------------------------------------------------------------------------------------------------

/** One permanently stored byte, in state-byte units; time-limited objects are scaled by their lifetime. */
const stateBytesScale = 10_000n;
/** Lifetime-scaled byte sizes (steemd's state_byte_hours.py): a transaction id (≈2.3 days), a savings withdrawal (3 days), a limit order (28 days), a vote (7 days). */
const transactionByteSize = 174n;
const transferFromSavingsByteSize = 229n;
const limitOrderByteSize = 1_940n;
const commentVoteByteSize = 525n;
/** A `follow` custom_json runs the follow plugin: 20 times the execution time of other custom operations. */
const followExecutionScale = 20n;

/** State bytes an object adds (resource_sizes.hpp `state_object_size_info`). */
export const stateSizes = {
  authorityBase: 4n * stateBytesScale,
  authorityAccountMember: 18n * stateBytesScale,
  authorityKeyMember: 35n * stateBytesScale,
  accountObjectBase: 480n * stateBytesScale,
  accountAuthorityObjectBase: 40n * stateBytesScale,
  accountRecoveryRequestBase: 32n * stateBytesScale,
  commentObjectBase: 201n * stateBytesScale,
  commentPermlinkChar: stateBytesScale,
  commentParentPermlinkChar: 2n * stateBytesScale,
  commentBeneficiary: 18n * stateBytesScale,
  commentVoteBase: 47n * commentVoteByteSize,
  convertRequestBase: 48n * stateBytesScale,
  declineVotingRightsRequestBase: 28n * stateBytesScale,
  escrowBase: 119n * stateBytesScale,
  limitOrderBase: 76n * limitOrderByteSize,
  savingsWithdraw: 64n * transferFromSavingsByteSize,
  transactionObjectBase: 35n * transactionByteSize,
  transactionObjectByte: transactionByteSize,
  vestingDelegationBase: 60n * stateBytesScale,
  vestingDelegationExpirationBase: 44n * stateBytesScale,
  withdrawVestingRouteBase: 43n * stateBytesScale,
  witnessObjectBase: 266n * stateBytesScale,
  witnessUrlChar: stateBytesScale,
  witnessVoteBase: 40n * stateBytesScale,
  proposalBase: 68n * stateBytesScale,
  proposalVoteBase: 24n * stateBytesScale,
  proposalVoteMember: 8n * stateBytesScale,
} as const;

/** Estimated execution time of each operation in nanoseconds (resource_sizes.hpp `operation_exec_info`). */
export const executionTimes: { readonly [N in OperationName]: bigint } = {
  vote: 26_500n,
  comment: 114_100n,
  transfer: 9_600n,
  transfer_to_vesting: 44_400n,
  withdraw_vesting: 10_400n,
  limit_order_create: 31_700n,
  limit_order_cancel: 9_600n,
  feed_publish: 6_200n,
  convert: 15_700n,
  account_create: 57_700n,
  account_update: 14_000n,
  witness_update: 9_500n,
  account_witness_vote: 23_000n,
  account_witness_proxy: 117_000n,
  pow: 0n,
  custom: 11_400n,
  report_over_production: 0n,
  delete_comment: 51_100n,
  custom_json: 11_400n,
  comment_options: 13_200n,
  set_withdraw_vesting_route: 17_900n,
  limit_order_create2: 31_700n,
  claim_account: 10_000n,
  create_claimed_account: 57_700n,
  request_account_recovery: 54_400n,
  recover_account: 0n,
  change_recovery_account: 12_000n,
  escrow_transfer: 19_100n,
  escrow_dispute: 11_500n,
  escrow_release: 17_200n,
  pow2: 0n,
  escrow_approve: 9_900n,
  transfer_to_savings: 6_400n,
  transfer_from_savings: 17_500n,
  cancel_transfer_from_savings: 11_500n,
  custom_binary: 11_400n,
  decline_voting_rights: 5_300n,
  reset_account: 0n,
  set_reset_account: 0n,
  claim_reward_balance: 50_300n,
  delegate_vesting_shares: 19_900n,
  account_create_with_delegation: 57_700n,
  witness_set_properties: 9_500n,
  account_update2: 14_000n,
  create_proposal: 31_700n,
  update_proposal_votes: 12_000n,
  remove_proposal: 12_000n,
};

function authorityStateBytes(authority: Authority): bigint {
  return stateSizes.authorityBase
    + stateSizes.authorityAccountMember * BigInt(authority.account_auths.length)
    + stateSizes.authorityKeyMember * BigInt(authority.key_auths.length);
}

function newAccountStateBytes(op: { readonly owner: Authority; readonly active: Authority; readonly posting: Authority }): bigint {
  return stateSizes.accountObjectBase + stateSizes.accountAuthorityObjectBase
    + authorityStateBytes(op.owner) + authorityStateBytes(op.active) + authorityStateBytes(op.posting);
}

/** What one operation adds to a transaction's count besides its execution time. */
interface OperationCount {
  readonly stateBytes?: bigint;
  readonly market?: boolean;
  readonly newAccounts?: bigint;
  /** Replaces the table's execution time (a `follow` custom_json). */
  readonly executionTime?: bigint;
}

const none: OperationCount = {};

/** Per operation, as steemd's `count_operation_visitor` (operations it does not size add nothing). */
const operationCounts: { readonly [N in OperationName]: (op: OperationBody<N>) => OperationCount } = {
  vote: () => ({ stateBytes: stateSizes.commentVoteBase }),
  comment: (op) => ({
    stateBytes: stateSizes.commentObjectBase + stateSizes.commentPermlinkChar * BigInt(utf8ByteLength(op.permlink))
      + stateSizes.commentParentPermlinkChar * BigInt(utf8ByteLength(op.parent_permlink)),
  }),
  comment_options: (op) => ({
    stateBytes: op.extensions.reduce((sum, e) => sum + stateSizes.commentBeneficiary * BigInt(e.value.beneficiaries.length), 0n),
  }),
  transfer: () => ({ market: true }),
  transfer_to_vesting: () => ({ market: true }),
  limit_order_create: (op) => ({ market: true, stateBytes: op.fill_or_kill ? 0n : stateSizes.limitOrderBase }),
  limit_order_create2: (op) => ({ market: true, stateBytes: op.fill_or_kill ? 0n : stateSizes.limitOrderBase }),
  convert: () => ({ stateBytes: stateSizes.convertRequestBase }),
  account_create: (op) => ({ stateBytes: newAccountStateBytes(op) }),
  create_claimed_account: (op) => ({ stateBytes: newAccountStateBytes(op) }),
  account_create_with_delegation: (op) => ({ stateBytes: newAccountStateBytes(op) + stateSizes.vestingDelegationBase }),
  claim_account: (op) => ({ newAccounts: op.fee.amount === 0n ? 1n : 0n }),
  delegate_vesting_shares: () => ({
    stateBytes: stateSizes.vestingDelegationBase > stateSizes.vestingDelegationExpirationBase ? stateSizes.vestingDelegationBase : stateSizes.vestingDelegationExpirationBase,
  }),
  set_withdraw_vesting_route: () => ({ stateBytes: stateSizes.withdrawVestingRouteBase }),
  transfer_from_savings: () => ({ stateBytes: stateSizes.savingsWithdraw }),
  custom_json: (op) => (op.id === "follow" ? { executionTime: executionTimes.custom_json * followExecutionScale } : none),
  custom_binary: (op) => (op.id === "follow" ? { executionTime: executionTimes.custom_binary * followExecutionScale } : none),
  account_witness_vote: () => ({ stateBytes: stateSizes.witnessVoteBase }),
  witness_update: (op) => ({ stateBytes: stateSizes.witnessObjectBase + stateSizes.witnessUrlChar * BigInt(utf8ByteLength(op.url)) }),
  decline_voting_rights: () => ({ stateBytes: stateSizes.declineVotingRightsRequestBase }),
  escrow_transfer: () => ({ stateBytes: stateSizes.escrowBase }),
  request_account_recovery: () => ({ stateBytes: stateSizes.accountRecoveryRequestBase }),
  // steemd adds `sizeof(op.subject) + sizeof(op.permlink)`: the size of two std::string objects (32 bytes each
  // with libstdc++), not of their text.
  create_proposal: () => ({ stateBytes: stateSizes.proposalBase + 64n }),
  update_proposal_votes: (op) => ({ stateBytes: stateSizes.proposalVoteBase + stateSizes.proposalVoteMember * BigInt(op.proposal_ids.length) }),
  withdraw_vesting: () => none,
  limit_order_cancel: () => none,
  feed_publish: () => none,
  account_update: () => none,
  account_update2: () => none,
  account_witness_proxy: () => none,
  custom: () => none,
  delete_comment: () => none,
  change_recovery_account: () => none,
  escrow_dispute: () => none,
  escrow_release: () => none,
  escrow_approve: () => none,
  transfer_to_savings: () => none,
  cancel_transfer_from_savings: () => none,
  claim_reward_balance: () => none,
  witness_set_properties: () => none,
  remove_proposal: () => none,
  // steemd counts nothing but the bytes for these (and for pow, pow2, no execution time either).
  pow: () => none,
  pow2: () => none,
  report_over_production: () => none,
  recover_account: () => none,
  reset_account: () => none,
  set_reset_account: () => none,
};

/**
 * What a transaction of `size` packed bytes (signatures included) uses of each resource, in the order of
 * `resources` and before each resource's unit (steemd `count_resources`): history bytes = size; market
 * bytes = size if any operation trades (transfer, transfer_to_vesting, limit orders); state bytes = the
 * transaction object kept for duplicate detection (35·174 + 174·size) plus what the operations store;
 * execution time = Σ the operations' estimates; new accounts = fee-0 claim_accounts.
 */
export function countResources(operations: readonly Operation[], size: number): bigint[] {
  const bytes = BigInt(size);
  let market = false;
  let newAccounts = 0n;
  let stateBytes = stateSizes.transactionObjectBase + stateSizes.transactionObjectByte * bytes;
  let executionTime = 0n;
  for (const op of operations) {
    const count = (operationCounts[op.type] as (value: unknown) => OperationCount)(op.value);
    if (count.market === true) market = true;
    newAccounts += count.newAccounts ?? 0n;
    stateBytes += count.stateBytes ?? 0n;
    executionTime += count.executionTime ?? executionTimes[op.type];
  }
  const counts: Record<Resource, bigint> = {
    history_bytes: bytes,
    new_accounts: newAccounts,
    market_bytes: market ? bytes : 0n,
    state_bytes: stateBytes,
    execution_time: executionTime,
  };
  return resources.map((r) => counts[r]);
}

// ---------------------------------------------------------------------------------------------------
// The payer (steemd resource_user.cpp `get_resource_user`)
// ---------------------------------------------------------------------------------------------------

/** Authorities an operation requires by account name, as steemd's `get_required_*_authorities`. */
interface NamedAuthorities {
  readonly active?: readonly string[];
  readonly owner?: readonly string[];
  readonly posting?: readonly string[];
}

const operationAuthorities: { readonly [N in OperationName]: (op: OperationBody<N>) => NamedAuthorities } = {
  vote: (op) => ({ posting: [op.voter] }),
  comment: (op) => ({ posting: [op.author] }),
  comment_options: (op) => ({ posting: [op.author] }),
  delete_comment: (op) => ({ posting: [op.author] }),
  claim_reward_balance: (op) => ({ posting: [op.account] }),
  custom_json: (op) => ({ active: op.required_auths, posting: op.required_posting_auths }),
  transfer: (op) => ({ active: [op.from] }),
  transfer_to_vesting: (op) => ({ active: [op.from] }),
  withdraw_vesting: (op) => ({ active: [op.account] }),
  set_withdraw_vesting_route: (op) => ({ active: [op.from_account] }),
  delegate_vesting_shares: (op) => ({ active: [op.delegator] }),
  account_create: (op) => ({ active: [op.creator] }),
  account_create_with_delegation: (op) => ({ active: [op.creator] }),
  create_claimed_account: (op) => ({ active: [op.creator] }),
  claim_account: (op) => ({ active: [op.creator] }),
  account_update: (op) => (op.owner !== undefined ? { owner: [op.account] } : { active: [op.account] }),
  account_update2: (op) => {
    if (op.owner !== undefined) return { owner: [op.account] };
    const active = op.active !== undefined || op.posting !== undefined || op.memo_key !== undefined || op.json_metadata.length > 0;
    return active ? { active: [op.account] } : { posting: [op.account] };
  },
  feed_publish: (op) => ({ active: [op.publisher] }),
  convert: (op) => ({ active: [op.owner] }),
  transfer_to_savings: (op) => ({ active: [op.from] }),
  transfer_from_savings: (op) => ({ active: [op.from] }),
  cancel_transfer_from_savings: (op) => ({ active: [op.from] }),
  limit_order_create: (op) => ({ active: [op.owner] }),
  limit_order_create2: (op) => ({ active: [op.owner] }),
  limit_order_cancel: (op) => ({ active: [op.owner] }),
  witness_update: (op) => ({ active: [op.owner] }),
  account_witness_vote: (op) => ({ active: [op.account] }),
  account_witness_proxy: (op) => ({ active: [op.account] }),
  custom: (op) => ({ active: op.required_auths }),
  custom_binary: (op) => ({ active: op.required_active_auths, owner: op.required_owner_auths, posting: op.required_posting_auths }),
  escrow_transfer: (op) => ({ active: [op.from] }),
  escrow_approve: (op) => ({ active: [op.who] }),
  escrow_dispute: (op) => ({ active: [op.who] }),
  escrow_release: (op) => ({ active: [op.who] }),
  decline_voting_rights: (op) => ({ owner: [op.account] }),
  request_account_recovery: (op) => ({ active: [op.recovery_account] }),
  change_recovery_account: (op) => ({ owner: [op.account_to_recover] }),
  reset_account: (op) => ({ active: [op.reset_account] }),
  set_reset_account: (op) => ({ owner: [op.account] }),
  create_proposal: (op) => ({ active: [op.creator] }),
  update_proposal_votes: (op) => ({ active: [op.voter] }),
  remove_proposal: (op) => ({ active: [op.proposal_owner] }),
  // These name no account (their authorities are keys), so they pay nothing themselves.
  recover_account: () => ({}),
  witness_set_properties: () => ({}),
  pow: () => ({}),
  pow2: () => ({}),
  report_over_production: () => ({}),
};

/** The first name in steemd's flat_set order (sorted), or undefined. */
function firstName(names: readonly string[] | undefined): string | undefined {
  let first: string | undefined;
  for (const name of names ?? []) if (first === undefined || name < first) first = name;
  return first;
}

/**
 * Who pays a transaction's RC: the first account of the first operation that names one, taken from its
 * required active authorities, else owner, else posting (vote → voter, transfer → from, comment → author,
 * custom_json → its first required_auths, else its first required_posting_auths). Null when no operation
 * names an account.
 */
export function getResourcePayer(operations: readonly Operation[]): string | null {
  for (const op of operations) {
    const required = (operationAuthorities[op.type] as (value: unknown) => NamedAuthorities)(op.value);
    const payer = firstName(required.active) ?? firstName(required.owner) ?? firstName(required.posting);
    if (payer !== undefined) return payer;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Charging and the pools
// ---------------------------------------------------------------------------------------------------

/** The price of a transaction at the current pools, with what it counted and who pays. */
export interface RcCharge {
  readonly payer: string | null;
  readonly counts: readonly bigint[];
  readonly costs: readonly bigint[];
  readonly cost: bigint;
}

/** What a transaction would cost now (for charging, and for the API's RC estimates). */
export function getTransactionRcCharge(state: ChainState, prepared: PreparedTransaction): RcCharge {
  const operations = prepared.transaction.operations;
  const counts = countResources(operations, prepared.size);
  const costs = getRcCosts(counts, state.rc.value.pools, getRcRegenPerBlock(state.props.value.total_vesting_shares));
  return { payer: getResourcePayer(operations), counts, costs, cost: costs.reduce((a, b) => a + b, 0n) };
}

/** An account's RC now: its manabar regenerated to `now` (not stored) and its maximum. */
export function getAccountRc(state: ChainState, name: string, now: number): { readonly current: bigint; readonly max: bigint } {
  const account = getAccountOrThrow(state, name);
  const max = getMaximumRc(account);
  return { current: regenerateManabar(account.rc_manabar, max, rcRegenerationSeconds, now).current_mana, max };
}

/**
 * Charges the transaction's RC to its payer after its operations were applied (inside the transaction's
 * undo session): regenerates the payer's RC to `now`, refuses the transaction with `rc_insufficient` if it
 * holds less than the cost, else deducts the cost and adds the transaction's usage to the block's.
 */
export function chargeResourceCredits(state: ChainState, prepared: PreparedTransaction, now: number): void {
  const charge = getTransactionRcCharge(state, prepared);
  if (charge.payer === null) {
    throw new ChainError("unsupported_operation", "the transaction names no account to pay its resource credits: add an operation signed by an account");
  }
  const payer = getAccountOrThrow(state, charge.payer);
  if (charge.cost > 0n) {
    const max = getMaximumRc(payer);
    const bar = regenerateManabar(payer.rc_manabar, max, rcRegenerationSeconds, now);
    if (bar.current_mana < charge.cost) throw new ChainError("rc_insufficient", describeShortfall(payer.name, bar.current_mana, max, charge.cost, now));
    updateAccount(state, payer, { rc_manabar: useMana(bar, charge.cost) });
  }
  const rc = state.rc.value;
  const usage = getPoolUsage(charge.counts);
  const blockUsage = rc.blockUsage ?? emptyRcUsage();
  state.rc.value = { pools: rc.pools, blockUsage: usage.map((u, i) => u + (blockUsage[i] ?? 0n)) };
}

/**
 * After each block (steemd `on_post_apply_block`): every pool takes the block's usage, decays and refills
 * by its budget (§10.3); then the usage starts again from 0. Pools stand still while the chain has no VESTS.
 */
export function updateResourcePools(state: ChainState): void {
  const rc = state.rc.value;
  const usage = rc.blockUsage ?? emptyRcUsage();
  const pools = state.props.value.total_vesting_shares > 0n
    ? resources.map((resource, i) => updateResourcePool(resource, rc.pools[i], usage[i] ?? 0n))
    : rc.pools;
  state.rc.value = { pools, blockUsage: emptyRcUsage() };
}

/**
 * Gives a new account its RC (steemd `create_rc_account`): the creation fee, converted to VESTS at the
 * current price, raises its maximum for good, and it starts with a full manabar. Call after the account
 * (and any delegation made with it) exists; `feeSteem` is the fee paid (account_create) or the median fee
 * (create_claimed_account).
 */
export function initializeAccountRc(state: ChainState, name: string, feeSteem: bigint, now: number): void {
  const account = updateAccount(state, getAccountOrThrow(state, name), { max_rc_creation_adjustment: steemToVests(state.props.value, feeSteem) });
  updateAccount(state, account, { rc_manabar: { current_mana: getMaximumRc(account), last_update_time: now } });
}

/**
 * steemd brings an account's RC up to date before an operation changes its stake (power up, delegation,
 * reward claim, power-down payment) and afterwards adds any rise of its maximum as fresh RC. Call this
 * before the change: it stores the RC regenerated at the old maximum and returns that maximum, for
 * `creditRcIncrease` after the change.
 */
export function regenerateRcBeforeStakeChange(state: ChainState, name: string, now: number): bigint {
  const account = getAccountOrThrow(state, name);
  const max = getMaximumRc(account);
  updateAccount(state, account, { rc_manabar: regenerateManabar(account.rc_manabar, max, rcRegenerationSeconds, now) });
  return max;
}

/** After a stake change: a higher maximum is usable at once (steemd `update_modified_accounts`; not after withdraw_vesting). */
export function creditRcIncrease(state: ChainState, name: string, previousMax: bigint): void {
  const account = getAccountOrThrow(state, name);
  const rise = getMaximumRc(account) - previousMax;
  if (rise > 0n) updateAccount(state, account, { rc_manabar: { ...account.rc_manabar, current_mana: account.rc_manabar.current_mana + rise } });
}

// ---------------------------------------------------------------------------------------------------
// The refusal message
// ---------------------------------------------------------------------------------------------------

function describeShortfall(name: string, current: bigint, max: bigint, cost: bigint, now: number): string {
  const head = `account "${name}" lacks the resource credits for this transaction: it has ${formatRc(current)} RC and needs ${formatRc(cost)} RC`;
  const seconds = getSecondsUntilMana(current, max, cost, rcRegenerationSeconds);
  if (seconds === null) {
    return `${head}, more than its maximum of ${formatRc(max > 0n ? max : 0n)} RC (its Steem Power and delegations in): power up STEEM or receive a delegation`;
  }
  return `${head}; RC regenerate over 5 days, so it will have enough in ${formatDuration(seconds)}, at ${formatUtc(now + seconds)} chain time (or power up STEEM to get more)`;
}

/** 1234567 → "1,234,567". */
export function formatRc(amount: bigint): string {
  const digits = (amount < 0n ? -amount : amount).toString();
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return amount < 0n ? `-${out}` : out;
}

/** A duration for people: "45 seconds", "12 minutes", "3 hours 5 minutes", "2 days 4 hours". */
export function formatDuration(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (seconds < 60) return unit(seconds, "second");
  const minutes = (seconds + 59 - ((seconds + 59) % 60)) / 60;
  if (minutes < 60) return unit(minutes, "minute");
  const hours = (minutes - (minutes % 60)) / 60;
  if (hours < 24) return minutes % 60 === 0 ? unit(hours, "hour") : `${unit(hours, "hour")} ${unit(minutes % 60, "minute")}`;
  const days = (hours - (hours % 24)) / 24;
  return hours % 24 === 0 ? unit(days, "day") : `${unit(days, "day")} ${unit(hours % 24, "hour")}`;
}

/** Seconds since the Unix epoch as "YYYY-MM-DDTHH:MM:SSZ", by integer civil-from-days (H. Hinnant), without Date. */
export function formatUtc(seconds: number): string {
  const total = BigInt(seconds);
  const secondOfDay = ((total % 86_400n) + 86_400n) % 86_400n;
  const z = (total - secondOfDay) / 86_400n + 719_468n;
  const era = (z >= 0n ? z : z - 146_096n) / 146_097n;
  const dayOfEra = z - era * 146_097n;
  const yearOfEra = (dayOfEra - dayOfEra / 1_460n + dayOfEra / 36_524n - dayOfEra / 146_096n) / 365n;
  const dayOfYear = dayOfEra - (365n * yearOfEra + yearOfEra / 4n - yearOfEra / 100n);
  const mp = (5n * dayOfYear + 2n) / 153n;
  const day = dayOfYear - (153n * mp + 2n) / 5n + 1n;
  const month = mp < 10n ? mp + 3n : mp - 9n;
  const year = yearOfEra + era * 400n + (month <= 2n ? 1n : 0n);
  const pad = (n: bigint, width = 2) => n.toString().padStart(width, "0");
  const time = `${pad(secondOfDay / 3_600n)}:${pad((secondOfDay / 60n) % 60n)}:${pad(secondOfDay % 60n)}`;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${time}Z`;
}
