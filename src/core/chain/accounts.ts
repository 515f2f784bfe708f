/** Reading and replacing account records, and the balance moves every operation shares. */
import { ChainError, ensure } from "../errors.ts";
import { authoritiesEqual, compactAuthority } from "../protocol/authority.ts";
import { downvotePoolPercent, percent100, timeNever } from "../protocol/config.ts";
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
  };
  state.accounts.insert(account);
  return state.accounts.get(spec.name)!;
}

/** Moves liquid STEEM or SBD; the sender must hold enough. */
export function adjustLiquidBalance(state: ChainState, name: string, symbol: "STEEM" | "SBD", delta: bigint): Account {
  const account = getAccountOrThrow(state, name);
  const field = symbol === "STEEM" ? "balance" : "sbd_balance";
  const next = account[field] + delta;
  ensure(next >= 0n, "insufficient_funds", () => `account "${name}" has ${formatRaw(account[field])} ${symbol}, less than the ${formatRaw(-delta)} ${symbol} needed`);
  return updateAccount(state, account, { [field]: next });
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

function formatRaw(amount: bigint): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const text = `${abs / 1000n}.${(abs % 1000n).toString().padStart(3, "0")}`;
  return negative ? `-${text}` : text;
}
