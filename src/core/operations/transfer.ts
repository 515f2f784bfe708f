/** transfer: liquid STEEM or SBD from one account to another, with a memo. */
import { adjustLiquidBalance, getAccountOrThrow } from "../chain/accounts.ts";
import { memoBytesMax } from "../protocol/config.ts";
import { validateAccountName, validateMaxBytes, validatePositive, validateSymbol } from "../protocol/validation.ts";
import type { OperationHandler } from "./operation-handler.ts";

export const transfer: OperationHandler<"transfer"> = {
  validate(op) {
    validateAccountName(op.from, "from");
    validateAccountName(op.to, "to");
    validateSymbol(op.amount, ["STEEM", "SBD"], "amount");
    validatePositive(op.amount, "amount");
    validateMaxBytes(op.memo, memoBytesMax, "memo_too_long", "memo");
  },
  collectAuthorities(op, into) {
    into.active.add(op.from);
  },
  apply({ state, now }, op) {
    getAccountOrThrow(state, op.to);
    const symbol = op.amount.symbol as "STEEM" | "SBD";
    adjustLiquidBalance(state, op.from, symbol, -op.amount.amount, now);
    adjustLiquidBalance(state, op.to, symbol, op.amount.amount, now);
  },
};
