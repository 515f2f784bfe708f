/**
 * delegate_vesting_shares: lend Steem Power (VESTS) to another account, or change or end a delegation
 * (steemd `delegate_vesting_shares_evaluator`, HF20+ rules with HF22's downvote arithmetic). The amount is
 * the delegation's new total. What is taken back returns to the delegator only after 5 days.
 */
import { getAccountOrThrow, regenerateAccountManabars, updateAccount } from "../chain/accounts.ts";
import { delegationKey, takeObjectId } from "../chain/state.ts";
import { formatAmount } from "../asset.ts";
import { ensure } from "../errors.ts";
import { useMana } from "../economics/manabar.ts";
import { getDelegatableVestingShares, getDelegationMinimums } from "../economics/vesting.ts";
import { delegationReturnSeconds, downvotePoolPercent, percent100 } from "../protocol/config.ts";
import { validateAccountName, validateNonNegative, validateSymbol } from "../protocol/validation.ts";
import type { OperationHandler } from "./operation-handler.ts";

export const delegateVestingShares: OperationHandler<"delegate_vesting_shares"> = {
  validate(op) {
    validateAccountName(op.delegator, "delegator");
    validateAccountName(op.delegatee, "delegatee");
    ensure(op.delegator !== op.delegatee, "self_operation", "you cannot delegate VESTS to yourself");
    validateSymbol(op.vesting_shares, ["VESTS"], "vesting_shares");
    validateNonNegative(op.vesting_shares, "vesting_shares");
  },
  collectAuthorities(op, into) {
    into.active.add(op.delegator);
  },
  apply({ state, now }, op) {
    const delegator = getAccountOrThrow(state, op.delegator);
    const delegatee = getAccountOrThrow(state, op.delegatee);
    const key = delegationKey(op.delegator, op.delegatee);
    const delegation = state.delegations.get(key);
    const amount = op.vesting_shares.amount;
    const props = state.props.value;
    const delegatorBars = regenerateAccountManabars(delegator, now);
    const available = getDelegatableVestingShares(delegator, delegatorBars.voting_manabar.current_mana, delegatorBars.downvote_manabar.current_mana);
    const minimums = getDelegationMinimums(props, props.account_creation_fee.amount);
    const pool = BigInt(downvotePoolPercent);
    const hundred = BigInt(percent100);

    const ensureAvailable = (needed: bigint): void => {
      ensure(available.voting >= needed, "insufficient_funds", () =>
        `"${op.delegator}" does not have enough mana to delegate ${formatAmount(needed, "VESTS")}: ${formatAmount(available.voting < 0n ? 0n : available.voting, "VESTS")} available ` +
        "(fully charged voting mana of its own VESTS, less any remaining power-down)");
      ensure(available.downvote >= needed, "insufficient_funds", () =>
        `"${op.delegator}" does not have enough downvote mana to delegate ${formatAmount(needed, "VESTS")}: ${formatAmount(available.downvote < 0n ? 0n : available.downvote, "VESTS")} available`);
    };
    // Delegating more (or anew): the VESTS leave the delegator's mana and join the delegatee's at once.
    const give = (delta: bigint): void => {
      const voting = useMana(delegatorBars.voting_manabar, delta);
      const downvote = useMana(delegatorBars.downvote_manabar, (delta * pool) / hundred);
      updateAccount(state, delegator, { voting_manabar: voting, downvote_manabar: downvote, delegated_vesting_shares: delegator.delegated_vesting_shares + delta });
      const bars = regenerateAccountManabars(delegatee, now, delta);
      updateAccount(state, delegatee, { ...bars, received_vesting_shares: delegatee.received_vesting_shares + delta });
    };

    if (delegation === undefined) {
      ensureAvailable(amount);
      ensure(amount >= minimums.delegation, "delegation_invalid", () =>
        `a new delegation must be at least ${formatAmount(minimums.delegation, "VESTS")} (a third of the account creation fee); ${formatAmount(amount, "VESTS")} is less`);
      state.delegations.set(key, { id: takeObjectId(state), delegator: op.delegator, delegatee: op.delegatee, vesting_shares: amount, min_delegation_time: now });
      give(amount);
      return;
    }

    if (amount >= delegation.vesting_shares) {
      const delta = amount - delegation.vesting_shares;
      ensure(delta >= minimums.change, "delegation_invalid", () =>
        `a delegation must change by at least ${formatAmount(minimums.change, "VESTS")} (a thirtieth of the account creation fee); raising ${formatAmount(delegation.vesting_shares, "VESTS")} to ${formatAmount(amount, "VESTS")} changes it by ${formatAmount(delta, "VESTS")}`);
      ensureAvailable(delta);
      state.delegations.set(key, { ...delegation, vesting_shares: amount });
      give(delta);
      return;
    }

    // Delegating less, or nothing: the delegatee loses the VESTS now; the delegator gets them back in 5 days.
    const delta = delegation.vesting_shares - amount;
    if (amount > 0n) {
      ensure(delta >= minimums.change, "delegation_invalid", () =>
        `a delegation must change by at least ${formatAmount(minimums.change, "VESTS")} (a thirtieth of the account creation fee); lowering ${formatAmount(delegation.vesting_shares, "VESTS")} to ${formatAmount(amount, "VESTS")} changes it by ${formatAmount(delta, "VESTS")}`);
      ensure(amount >= minimums.delegation, "delegation_invalid", () =>
        `a delegation must be removed (0 VESTS) or keep at least ${formatAmount(minimums.delegation, "VESTS")}; ${formatAmount(amount, "VESTS")} is less`);
    }
    updateAccount(state, delegator, delegatorBars);
    const id = takeObjectId(state);
    const expiration = Math.max(now + delegationReturnSeconds, delegation.min_delegation_time);
    state.delegationExpirations.set(String(id), { id, delegator: op.delegator, vesting_shares: delta, expiration });
    state.schedules.delegationReturns.add(expiration, id, String(id));
    const bars = regenerateAccountManabars(delegatee, now);
    updateAccount(state, delegatee, {
      received_vesting_shares: delegatee.received_vesting_shares - delta,
      voting_manabar: useMana(bars.voting_manabar, delta),
      downvote_manabar: useMana(bars.downvote_manabar, (delta * pool) / hundred),
    });
    if (amount > 0n) state.delegations.set(key, { ...delegation, vesting_shares: amount });
    else state.delegations.delete(key);
  },
};
