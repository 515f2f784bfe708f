/** transfer: liquid STEEM or SBD from one account to another, with a memo. */
import { adjustLiquidBalance, getAccountOrThrow } from "../chain/accounts.ts";
import type { Asset } from "../asset.ts";
import { memoBytesMax } from "../protocol/config.ts";
import { validateAccountName, validateMaxBytes, validatePositive, validateSymbol } from "../protocol/validation.ts";
import type { OperationHandler } from "./operation-handler.ts";

/** The checks of a transfer's fields, shared by transfers to and from savings. */
export function validateTransferFields(op: { from: string; to: string; amount: Asset; memo: string }): void {
  validateAccountName(op.from, "from");
  validateAccountName(op.to, "to");
  validateSymbol(op.amount, ["STEEM", "SBD"], "amount");
  validatePositive(op.amount, "amount");
  validateMaxBytes(op.memo, memoBytesMax, "memo_too_long", "memo");
}

export const transfer: OperationHandler<"transfer"> = {
  validate: validateTransferFields,
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
