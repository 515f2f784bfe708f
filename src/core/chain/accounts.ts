/** Reading and replacing account records, and the balance moves every operation shares. */
import { formatAmount } from "../asset.ts";
import { ChainError, ensure } from "../errors.ts";
import { authoritiesEqual, compactAuthority } from "../protocol/authority.ts";
import { downvotePoolPercent, percent100, sbdInterestPaymentSeconds, timeNever } from "../protocol/config.ts";
import { getSbdInterest } from "../economics/sbd.ts";
import { getDownvoteManaMax, getEffectiveVestingShares, steemToVests } from "../economics/vesting.ts";
import { regenerateManabar } from "../economics/manabar.ts";
import { voteRegenerationSeconds } from "../protocol/config.ts";
import type { PublicKey } from "../crypto/keys.ts";
import type { Account, ChainState } from "./state.ts";

export function getAccountOrThrow(state: ChainState, name: string): Account {
  const account = state.accounts.get(name);
  if (account === undefined) throw new ChainError("account_not_found", `account "${name}" does not exist`);
  return account;
}

/**
 * Changes an account's fields in place (undoably) and returns it. The record is the stored one, so a
 * caller that needs a field's value from before the update must read it first.
 */
export function updateAccount(state: ChainState, account: Account, patch: Partial<Account>): Account {
  if (patch.owner !== undefined || patch.active !== undefined || patch.posting !== undefined || patch.memo_key !== undefined) {
    const keys = {
      owner: patch.owner ?? account.owner,
      active: patch.active ?? account.active,
      posting: patch.posting ?? account.posting,
      memo_key: patch.memo_key ?? account.memo_key,
    };
    patch = { ...patch, ...shareAccountKeys(keys) };
  }
  return state.accounts.patch(account.name, patch);
}

type AccountKeys = Pick<Account, "owner" | "active" | "posting" | "memo_key">;

/**
 * The account's authorities compacted, with equal authorities sharing one object and equal keys one
 * string (many accounts use one key for several roles). Pure memory layout: the values are unchanged.
 */
function shareAccountKeys(keys: AccountKeys): AccountKeys {
  const held = new Map<string, PublicKey>();
  const intern = (key: PublicKey): PublicKey => {
    const existing = held.get(key);
    if (existing !== undefined) return existing;
    held.set(key, key);
    return key;
  };
  const owner = compactAuthority(keys.owner, intern);
  const active = authoritiesEqual(keys.active, owner) ? owner : compactAuthority(keys.active, intern);
  const posting = authoritiesEqual(keys.posting, owner) ? owner : authoritiesEqual(keys.posting, active) ? active : compactAuthority(keys.posting, intern);
  return { owner, active, posting, memo_key: intern(keys.memo_key) };
}

/** What a creating operation decides about a new account; everything else starts empty. */
export type NewAccount = Pick<Account, "name" | "owner" | "active" | "posting" | "memo_key" | "json_metadata" | "recovery_account">;

/** Inserts a fresh account with zero balances; the name must be free. */
export function createAccount(state: ChainState, spec: NewAccount, now: number): Account {
  ensure(!state.accounts.has(spec.name), "account_exists", () => `account "${spec.name}" already exists`);
  const props = state.props.value;
  state.props.value = { ...props, next_account_id: props.next_account_id + 1 };
  const keys = shareAccountKeys(spec);
  const account: Account = {
    id: props.next_account_id,
    name: spec.name,
    owner: keys.owner,
    active: keys.active,
    posting: keys.posting,
    memo_key: keys.memo_key,
    json_metadata: spec.json_metadata,
    posting_json_metadata: "",
    proxy: "",
    last_owner_update: 0,
    last_account_update: now,
    created: now,
    recovery_account: spec.recovery_account,
    reset_account: "null",
    comment_count: 0,
    lifetime_vote_count: 0,
    post_count: 0,
    can_vote: true,
    voting_manabar: { current_mana: 0n, last_update_time: now },
    downvote_manabar: { current_mana: 0n, last_update_time: now },
    balance: 0n,
    savings_balance: 0n,
    sbd_balance: 0n,
    savings_sbd_balance: 0n,
    reward_sbd_balance: 0n,
    reward_steem_balance: 0n,
    reward_vesting_balance: 0n,
    reward_vesting_steem: 0n,
    vesting_shares: 0n,
    delegated_vesting_shares: 0n,
    received_vesting_shares: 0n,
    vesting_withdraw_rate: 0n,
    next_vesting_withdrawal: timeNever,
    withdrawn: 0n,
    to_withdraw: 0n,
    withdraw_routes: 0,
    curation_rewards: 0n,
    posting_rewards: 0n,
    last_post: 0,
    last_root_post: 0,
    last_post_edit: 0,
    last_vote_time: 0,
    pending_claimed_accounts: 0n,
    sbd_seconds: 0n,
    sbd_seconds_last_update: now,
    sbd_last_interest_payment: now,
    savings_sbd_seconds: 0n,
    savings_sbd_seconds_last_update: now,
    savings_sbd_last_interest_payment: now,
    savings_withdraw_requests: 0,
    rc_manabar: { current_mana: 0n, last_update_time: now },
    max_rc_creation_adjustment: 0n,
    reputation: null,
  };
  state.accounts.insert(account);
  return state.accounts.get(spec.name)!;
}

/**
 * Moves liquid STEEM or SBD; the sender must hold enough. An SBD balance first accrues SBD-seconds and,
 * once 30 days have passed since the last payment, is paid its interest (steemd `modify_balance`).
 * `now` is head block time: the time of the block being built as the operations see it.
 */
export function adjustLiquidBalance(state: ChainState, name: string, symbol: "STEEM" | "SBD", delta: bigint, now: number): Account {
  const account = getAccountOrThrow(state, name);
  if (symbol === "SBD") return adjustSbd(state, account, "liquid", delta, now);
  const next = account.balance + delta;
  ensure(next >= 0n, "insufficient_funds", () => `account "${name}" has ${formatAmount(account.balance, "STEEM")}, less than the ${formatAmount(-delta, "STEEM")} needed`);
  return updateAccount(state, account, { balance: next });
}

/** Moves STEEM or SBD in savings (SBD in savings earns interest too, on its own accumulator). */
export function adjustSavingsBalance(state: ChainState, name: string, symbol: "STEEM" | "SBD", delta: bigint, now: number): Account {
  const account = getAccountOrThrow(state, name);
  if (symbol === "SBD") return adjustSbd(state, account, "savings", delta, now);
  const next = account.savings_balance + delta;
  ensure(next >= 0n, "insufficient_funds", () => `account "${name}" has ${formatAmount(account.savings_balance, "STEEM")} in savings, less than the ${formatAmount(-delta, "STEEM")} needed`);
  return updateAccount(state, account, { savings_balance: next });
}

const sbdFields = {
  liquid: { balance: "sbd_balance", seconds: "sbd_seconds", lastUpdate: "sbd_seconds_last_update", lastPayment: "sbd_last_interest_payment", where: "" },
  savings: { balance: "savings_sbd_balance", seconds: "savings_sbd_seconds", lastUpdate: "savings_sbd_seconds_last_update", lastPayment: "savings_sbd_last_interest_payment", where: " in savings" },
} as const;

function adjustSbd(state: ChainState, account: Account, which: "liquid" | "savings", delta: bigint, now: number): Account {
  const f = sbdFields[which];
  let balance = account[f.balance];
  let seconds = account[f.seconds];
  let lastPayment = account[f.lastPayment];
  const elapsed = now - account[f.lastUpdate];
  if (elapsed !== 0) {
    seconds += balance * BigInt(elapsed);
    if (seconds > 0n && now - lastPayment > sbdInterestPaymentSeconds) {
      const props = state.props.value;
      const interest = getSbdInterest(seconds, props.sbd_interest_rate);
      balance += interest;
      seconds = 0n;
      lastPayment = now;
      if (interest > 0n) state.virtualOps.push({ type: "interest", value: { owner: account.name, interest: { amount: interest, symbol: "SBD" } } });
      state.props.value = { ...props, current_sbd_supply: props.current_sbd_supply + interest };
    }
  }
  const next = balance + delta;
  ensure(next >= 0n, "insufficient_funds", () => `account "${account.name}" has ${formatAmount(balance, "SBD")}${f.where}, less than the ${formatAmount(-delta, "SBD")} needed`);
  return updateAccount(state, account, { [f.balance]: next, [f.seconds]: seconds, [f.lastUpdate]: now, [f.lastPayment]: lastPayment });
}

/** Both manabars regenerated to `now`, with `newMana` of fresh stake added (power-up, delegation in). */
export function regenerateAccountManabars(account: Account, now: number, newMana = 0n): Pick<Account, "voting_manabar" | "downvote_manabar"> {
  const voting = regenerateManabar(account.voting_manabar, getEffectiveVestingShares(account), voteRegenerationSeconds, now);
  const downvote = regenerateManabar(account.downvote_manabar, getDownvoteManaMax(account), voteRegenerationSeconds, now);
  return {
    voting_manabar: { current_mana: voting.current_mana + newMana, last_update_time: now },
    downvote_manabar: { current_mana: downvote.current_mana + (newMana * BigInt(downvotePoolPercent)) / BigInt(percent100), last_update_time: now },
  };
}

/** create_vesting: liquid STEEM becomes VESTS for `to` at the current price; returns the VESTS made. */
export function createVesting(state: ChainState, to: string, steem: bigint, now: number): bigint {
  const props = state.props.value;
  const vests = steemToVests(props, steem);
  const account = getAccountOrThrow(state, to);
  const bars = regenerateAccountManabars(account, now, vests);
  updateAccount(state, account, { ...bars, vesting_shares: account.vesting_shares + vests });
  state.props.value = {
    ...props,
    total_vesting_fund_steem: props.total_vesting_fund_steem + steem,
    total_vesting_shares: props.total_vesting_shares + vests,
  };
  return vests;
}
