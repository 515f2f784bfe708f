/**
 * Account creation: account_create (fee equal to the median, burned), claim_account + create_claimed_account,
 * and account_create_with_delegation (Kettle keeps it open, with Steem's HF19 rule, for registrars that
 * give new users delegated Steem Power).
 */
import { adjustLiquidBalance, createAccount, createVesting, getAccountOrThrow, regenerateAccountManabars, updateAccount } from "../chain/accounts.ts";
import { initializeAccountRc } from "../chain/resource-credits.ts";
import { type ChainState, delegationKey, takeObjectId } from "../chain/state.ts";
import { ensure } from "../errors.ts";
import { steemToVests } from "../economics/vesting.ts";
import type { Authority } from "../protocol/authority.ts";
import { createAccountDelegationRatio, createAccountDelegationTimeSeconds, createAccountWithSteemModifier, nullAccount } from "../protocol/config.ts";
import type { PublicKey } from "../crypto/keys.ts";
import { validateAccountName, validateAuthority, validateJsonMetadata, validateNonNegative, validateSymbol } from "../protocol/validation.ts";
import type { OperationHandler } from "./operation-handler.ts";

interface CreationFields {
  readonly creator: string;
  readonly new_account_name: string;
  readonly owner: Authority;
  readonly active: Authority;
  readonly posting: Authority;
  readonly json_metadata: string;
}

function validateCreation(op: CreationFields): void {
  validateAccountName(op.creator, "creator");
  validateAccountName(op.new_account_name, "new_account_name");
  validateAuthority(op.owner, "owner");
  validateAuthority(op.active, "active");
  validateAuthority(op.posting, "posting");
  validateJsonMetadata(op.json_metadata, "json_metadata");
}

function assertAuthorityAccountsExist(state: ChainState, op: CreationFields): void {
  for (const authority of [op.owner, op.active, op.posting]) {
    for (const [name] of authority.account_auths) getAccountOrThrow(state, name);
  }
}

/**
 * Creates the account. Its resource credits start full at `rcFeeSteem` (the creation fee) in VESTS, which
 * the rc plugin adds to the account's maximum for good (`max_rc_creation_adjustment`), so a new account can
 * transact before it holds any Steem Power.
 */
function insertAccount(state: ChainState, op: CreationFields & { memo_key: PublicKey }, now: number, rcFeeSteem: bigint): void {
  assertAuthorityAccountsExist(state, op);
  const account = createAccount(state, {
    name: op.new_account_name, owner: op.owner, active: op.active, posting: op.posting, memo_key: op.memo_key,
    json_metadata: op.json_metadata, recovery_account: op.creator,
  }, now);
  const adjustment = steemToVests(state.props.value, rcFeeSteem);
  updateAccount(state, account, { max_rc_creation_adjustment: adjustment, rc_manabar: { current_mana: adjustment, last_update_time: now } });
}

export const accountCreate: OperationHandler<"account_create"> = {
  validate(op) {
    validateCreation(op);
    validateSymbol(op.fee, ["STEEM"], "fee");
    validateNonNegative(op.fee, "fee");
  },
  collectAuthorities(op, into) {
    into.active.add(op.creator);
  },
  apply({ state, now }, op) {
    const fee = state.props.value.account_creation_fee.amount;
    ensure(op.fee.amount === fee, "account_creation_fee_mismatch", () => `the account creation fee must be exactly the current fee, ${fee} raw STEEM (it is burned)`);
    adjustLiquidBalance(state, op.creator, "STEEM", -op.fee.amount, now);
    adjustLiquidBalance(state, nullAccount, "STEEM", op.fee.amount, now);
    insertAccount(state, op, now, op.fee.amount);
  },
};

export const claimAccount: OperationHandler<"claim_account"> = {
  validate(op) {
    validateAccountName(op.creator, "creator");
    validateSymbol(op.fee, ["STEEM"], "fee");
    validateNonNegative(op.fee, "fee");
  },
  collectAuthorities(op, into) {
    into.active.add(op.creator);
  },
  apply({ state, now }, op) {
    const fee = state.props.value.account_creation_fee.amount;
    ensure(op.fee.amount === fee, "account_creation_fee_mismatch", () => `claim_account must pay exactly the account creation fee, ${fee} raw STEEM; discounted (fee 0) claims need account subsidies, which this chain does not grant`);
    adjustLiquidBalance(state, op.creator, "STEEM", -op.fee.amount, now);
    adjustLiquidBalance(state, nullAccount, "STEEM", op.fee.amount, now);
    const creator = getAccountOrThrow(state, op.creator);
    updateAccount(state, creator, { pending_claimed_accounts: creator.pending_claimed_accounts + 1n });
  },
};

export const createClaimedAccount: OperationHandler<"create_claimed_account"> = {
  validate(op) {
    validateCreation(op);
  },
  collectAuthorities(op, into) {
    into.active.add(op.creator);
  },
  apply({ state, now }, op) {
    const creator = getAccountOrThrow(state, op.creator);
    ensure(creator.pending_claimed_accounts > 0n, "no_claimed_accounts", () => `"${op.creator}" has no claimed accounts left: send claim_account first`);
    updateAccount(state, creator, { pending_claimed_accounts: creator.pending_claimed_accounts - 1n });
    insertAccount(state, op, now, state.props.value.account_creation_fee.amount);
  },
};

export const accountCreateWithDelegation: OperationHandler<"account_create_with_delegation"> = {
  validate(op) {
    validateCreation(op);
    validateSymbol(op.fee, ["STEEM"], "fee");
    validateNonNegative(op.fee, "fee");
    validateSymbol(op.delegation, ["VESTS"], "delegation");
    validateNonNegative(op.delegation, "delegation");
  },
  collectAuthorities(op, into) {
    into.active.add(op.creator);
  },
  apply({ state, now }, op) {
    const props = state.props.value;
    const medianFee = props.account_creation_fee.amount;
    const minimumFee = medianFee / BigInt(createAccountWithSteemModifier);
    ensure(op.fee.amount >= minimumFee, "account_creation_fee_mismatch", () => `the fee must be at least ${minimumFee} raw STEEM`);
    const target = steemToVests(props, medianFee * BigInt(createAccountDelegationRatio));
    const offered = steemToVests(props, op.fee.amount * BigInt(createAccountDelegationRatio)) + op.delegation.amount;
    ensure(offered >= target, "account_creation_fee_mismatch", () => `fee × ${createAccountDelegationRatio} (in VESTS) plus the delegation must reach ${target} raw VESTS; it is ${offered}`);
    const creator = getAccountOrThrow(state, op.creator);
    const available = creator.vesting_shares - creator.delegated_vesting_shares - creator.to_withdraw + creator.withdrawn;
    ensure(available >= op.delegation.amount, "insufficient_funds", () => `"${op.creator}" has ${available} raw VESTS free to delegate, less than ${op.delegation.amount}`);
    adjustLiquidBalance(state, op.creator, "STEEM", -op.fee.amount, now);
    insertAccount(state, op, now, op.fee.amount);
    if (op.fee.amount > 0n) createVesting(state, op.new_account_name, op.fee.amount, now);
    if (op.delegation.amount > 0n) {
      const delegator = getAccountOrThrow(state, op.creator);
      updateAccount(state, delegator, { delegated_vesting_shares: delegator.delegated_vesting_shares + op.delegation.amount });
      const delegatee = getAccountOrThrow(state, op.new_account_name);
      const bars = regenerateAccountManabars(delegatee, now, op.delegation.amount);
      updateAccount(state, delegatee, { ...bars, received_vesting_shares: delegatee.received_vesting_shares + op.delegation.amount });
      state.delegations.set(delegationKey(op.creator, op.new_account_name), {
        id: takeObjectId(state), delegator: op.creator, delegatee: op.new_account_name, vesting_shares: op.delegation.amount,
        min_delegation_time: now + createAccountDelegationTimeSeconds,
      });
    }
    // The rc plugin fills the new account to its whole maximum once the fee is vested and the delegation in.
    initializeAccountRc(state, op.new_account_name, op.fee.amount, now);
  },
};
