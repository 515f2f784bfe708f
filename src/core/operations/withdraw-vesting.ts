/**
 * withdraw_vesting: power down — start (or replace) a withdrawal of VESTS paid back as STEEM over four weekly
 * payments (Steem HF23), or cancel one with 0 (steemd `withdraw_vesting_evaluator`).
 */
import { getAccountOrThrow, updateAccount } from "../chain/accounts.ts";
import { scheduleVestingWithdrawal } from "../chain/vesting-processing.ts";
import { formatAmount } from "../asset.ts";
import { ensure } from "../errors.ts";
import { getVestingWithdrawRate } from "../economics/vesting.ts";
import { timeNever, vestingWithdrawIntervals, vestingWithdrawIntervalSeconds } from "../protocol/config.ts";
import { validateAccountName, validateNonNegative, validateSymbol } from "../protocol/validation.ts";
import type { OperationHandler } from "./operation-handler.ts";

export const withdrawVesting: OperationHandler<"withdraw_vesting"> = {
  validate(op) {
    validateAccountName(op.account, "account");
    validateSymbol(op.vesting_shares, ["VESTS"], "vesting_shares");
    validateNonNegative(op.vesting_shares, "vesting_shares");
  },
  collectAuthorities(op, into) {
    into.active.add(op.account);
  },
  apply({ state, now }, op) {
    const account = getAccountOrThrow(state, op.account);
    const amount = op.vesting_shares.amount;
    const available = account.vesting_shares - account.delegated_vesting_shares;
    ensure(available >= amount, "insufficient_funds", () =>
      `"${op.account}" cannot power down ${formatAmount(amount, "VESTS")}: it can power down at most ${formatAmount(available, "VESTS")} ` +
      `(${formatAmount(account.vesting_shares, "VESTS")} held less ${formatAmount(account.delegated_vesting_shares, "VESTS")} delegated to others)`);
    if (amount === 0n) {
      ensure(account.vesting_withdraw_rate !== 0n, "invalid_field", () =>
        `This operation would not change the vesting withdraw rate: "${op.account}" is not powering down, so there is nothing to cancel`);
      updateAccount(state, account, { vesting_withdraw_rate: 0n, next_vesting_withdrawal: timeNever, to_withdraw: 0n, withdrawn: 0n });
      return;
    }
    const rate = getVestingWithdrawRate(amount, vestingWithdrawIntervals);
    ensure(rate !== account.vesting_withdraw_rate, "invalid_field", () =>
      `This operation would not change the vesting withdraw rate: "${op.account}" already powers down ${formatAmount(rate, "VESTS")} a week`);
    const next = now + vestingWithdrawIntervalSeconds;
    updateAccount(state, account, { vesting_withdraw_rate: rate, next_vesting_withdrawal: next, to_withdraw: amount, withdrawn: 0n });
    scheduleVestingWithdrawal(state, op.account, next);
  },
};
