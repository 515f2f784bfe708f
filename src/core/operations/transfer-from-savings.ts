/**
 * transfer_from_savings: starts a withdrawal of STEEM or SBD from `from`'s savings to `to`'s liquid
 * balance, completed 3 days later (steemd `transfer_from_savings_evaluator`; chain/sbd-processing.ts
 * `processSavingsWithdraws`). The amount leaves savings at once; at most 100 withdrawals may be pending.
 */
import { adjustSavingsBalance, getAccountOrThrow, updateAccount } from "../chain/accounts.ts";
import { formatAmount } from "../asset.ts";
import { requestKey } from "../chain/sbd-processing.ts";
import { ensure } from "../errors.ts";
import { savingsWithdrawRequestsMax, savingsWithdrawSeconds, treasuryAccount } from "../protocol/config.ts";
import type { OperationHandler } from "./operation-handler.ts";
import { validateTransferFields } from "./transfer.ts";
import { takeObjectId } from "../chain/state.ts";

export const transferFromSavings: OperationHandler<"transfer_from_savings"> = {
  validate: validateTransferFields,
  collectAuthorities(op, into) {
    into.active.add(op.from);
  },
  apply({ state, now }, op) {
    const from = getAccountOrThrow(state, op.from);
    getAccountOrThrow(state, op.to);
    ensure(from.savings_withdraw_requests < savingsWithdrawRequestsMax, "invalid_field", () => `"${op.from}" already has ${from.savings_withdraw_requests} pending withdrawals from savings; the limit is ${savingsWithdrawRequestsMax}`);
    const symbol = op.amount.symbol as "STEEM" | "SBD";
    // HF21: only SBD may be withdrawn to the treasury.
    ensure(symbol === "SBD" || op.to !== treasuryAccount, "invalid_field", () => `only SBD can be transferred from savings to ${treasuryAccount}`);
    // steemd compares the savings balance as stored, before any interest the withdrawal would pay.
    const held = symbol === "SBD" ? from.savings_sbd_balance : from.savings_balance;
    ensure(held >= op.amount.amount, "insufficient_funds", () => `"${op.from}" has ${formatAmount(held, symbol)} in savings, less than the ${formatAmount(op.amount.amount, symbol)} to withdraw`);
    const key = requestKey(op.from, op.request_id);
    ensure(!state.savingsWithdraws.has(key), "invalid_field", () => `"${op.from}" already has a pending withdrawal from savings with request_id ${op.request_id}; choose another request_id`);
    adjustSavingsBalance(state, op.from, symbol, -op.amount.amount, now);
    const id = takeObjectId(state);
    const complete = now + savingsWithdrawSeconds;
    state.savingsWithdraws.set(key, { id, from: op.from, to: op.to, memo: op.memo, request_id: op.request_id, amount: op.amount.amount, symbol, complete });
    // steemd completes by (complete, from, request_id): the key sorts as (from, request_id), so the order is 0.
    state.schedules.savings.add(complete, 0, key);
    const account = getAccountOrThrow(state, op.from);
    updateAccount(state, account, { savings_withdraw_requests: account.savings_withdraw_requests + 1 });
  },
};
