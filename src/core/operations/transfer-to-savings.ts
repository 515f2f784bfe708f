/** transfer_to_savings: liquid STEEM or SBD into `to`'s savings, at once (steemd `transfer_to_savings_evaluator`). */
import { adjustLiquidBalance, adjustSavingsBalance, getAccountOrThrow } from "../chain/accounts.ts";
import { ensure } from "../errors.ts";
import { treasuryAccount } from "../protocol/config.ts";
import type { OperationHandler } from "./operation-handler.ts";
import { validateTransferFields } from "./transfer.ts";

export const transferToSavings: OperationHandler<"transfer_to_savings"> = {
  validate: validateTransferFields,
  collectAuthorities(op, into) {
    into.active.add(op.from);
  },
  apply({ state, now }, op) {
    getAccountOrThrow(state, op.from);
    getAccountOrThrow(state, op.to);
    // HF21: nothing goes into the treasury's savings.
    ensure(op.to !== treasuryAccount, "invalid_field", () => `cannot transfer to the savings of ${treasuryAccount}`);
    const symbol = op.amount.symbol as "STEEM" | "SBD";
    adjustLiquidBalance(state, op.from, symbol, -op.amount.amount, now);
    adjustSavingsBalance(state, op.to, symbol, op.amount.amount, now);
  },
};
