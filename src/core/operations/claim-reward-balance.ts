/**
 * claim_reward_balance: moves payouts from the account's reward balances into its wallet — STEEM and SBD
 * to the liquid balances, VESTS into Steem Power together with the STEEM they were made of
 * (steemd `claim_reward_balance_evaluator`, HF20+).
 */
import { adjustLiquidBalance, getAccountOrThrow, regenerateAccountManabars, updateAccount } from "../chain/accounts.ts";
import { type AssetSymbol, formatAmount } from "../asset.ts";
import { ensure } from "../errors.ts";
import { validateAccountName, validateNonNegative, validateSymbol } from "../protocol/validation.ts";
import type { OperationHandler } from "./operation-handler.ts";

export const claimRewardBalance: OperationHandler<"claim_reward_balance"> = {
  validate(op) {
    validateAccountName(op.account, "account");
    validateSymbol(op.reward_steem, ["STEEM"], "reward_steem");
    validateSymbol(op.reward_sbd, ["SBD"], "reward_sbd");
    validateSymbol(op.reward_vests, ["VESTS"], "reward_vests");
    validateNonNegative(op.reward_steem, "reward_steem");
    validateNonNegative(op.reward_sbd, "reward_sbd");
    validateNonNegative(op.reward_vests, "reward_vests");
    ensure(op.reward_steem.amount > 0n || op.reward_sbd.amount > 0n || op.reward_vests.amount > 0n, "nothing_to_claim", "claim_reward_balance must claim something: every amount is zero");
  },
  collectAuthorities(op, into) {
    into.posting.add(op.account);
  },
  apply({ state, now }, op) {
    const account = getAccountOrThrow(state, op.account);
    const overclaim = (what: AssetSymbol, claimed: bigint, held: bigint) =>
      `"${op.account}" cannot claim ${formatAmount(claimed, what)}: its reward balance holds ${formatAmount(held, what)}`;
    ensure(op.reward_steem.amount <= account.reward_steem_balance, "insufficient_reward_balance", () => overclaim("STEEM", op.reward_steem.amount, account.reward_steem_balance));
    ensure(op.reward_sbd.amount <= account.reward_sbd_balance, "insufficient_reward_balance", () => overclaim("SBD", op.reward_sbd.amount, account.reward_sbd_balance));
    ensure(op.reward_vests.amount <= account.reward_vesting_balance, "insufficient_reward_balance", () => overclaim("VESTS", op.reward_vests.amount, account.reward_vesting_balance));
    const vests = op.reward_vests.amount;
    // All of the reward VESTS take all of their STEEM; a part takes its share, rounded down.
    const vestingSteem = vests === account.reward_vesting_balance ? account.reward_vesting_steem : (vests * account.reward_vesting_steem) / account.reward_vesting_balance;
    updateAccount(state, account, {
      reward_steem_balance: account.reward_steem_balance - op.reward_steem.amount,
      reward_sbd_balance: account.reward_sbd_balance - op.reward_sbd.amount,
    });
    if (op.reward_steem.amount > 0n) adjustLiquidBalance(state, op.account, "STEEM", op.reward_steem.amount, now);
    if (op.reward_sbd.amount > 0n) adjustLiquidBalance(state, op.account, "SBD", op.reward_sbd.amount, now);
    if (vests > 0n) {
      const claimant = getAccountOrThrow(state, op.account);
      const bars = regenerateAccountManabars(claimant, now, vests);
      updateAccount(state, claimant, {
        ...bars,
        vesting_shares: claimant.vesting_shares + vests,
        reward_vesting_balance: claimant.reward_vesting_balance - vests,
        reward_vesting_steem: claimant.reward_vesting_steem - vestingSteem,
      });
      const props = state.props.value;
      state.props.value = {
        ...props,
        total_vesting_shares: props.total_vesting_shares + vests,
        total_vesting_fund_steem: props.total_vesting_fund_steem + vestingSteem,
        pending_rewarded_vesting_shares: props.pending_rewarded_vesting_shares - vests,
        pending_rewarded_vesting_steem: props.pending_rewarded_vesting_steem - vestingSteem,
      };
    }
  },
};
