/**
 * cancel_transfer_from_savings: stops a pending withdrawal; the amount returns to `from`'s savings
 * (steemd `cancel_transfer_from_savings_evaluator`). Its schedule entry stays and is skipped when due.
 */
import { adjustSavingsBalance, getAccountOrThrow, updateAccount } from "../chain/accounts.ts";
import { requestKey } from "../chain/sbd-processing.ts";
import { ChainError } from "../errors.ts";
import { validateAccountName } from "../protocol/validation.ts";
import type { OperationHandler } from "./operation-handler.ts";

export const cancelTransferFromSavings: OperationHandler<"cancel_transfer_from_savings"> = {
  validate(op) {
    validateAccountName(op.from, "from");
  },
  collectAuthorities(op, into) {
    into.active.add(op.from);
  },
  apply({ state, now }, op) {
    const key = requestKey(op.from, op.request_id);
    const request = state.savingsWithdraws.get(key);
    if (request === undefined) throw new ChainError("invalid_field", `"${op.from}" has no pending withdrawal from savings with request_id ${op.request_id}`);
    adjustSavingsBalance(state, request.from, request.symbol, request.amount, now);
    state.savingsWithdraws.delete(key);
    const from = getAccountOrThrow(state, op.from);
    updateAccount(state, from, { savings_withdraw_requests: from.savings_withdraw_requests - 1 });
  },
};
