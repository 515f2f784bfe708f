/** transfer_to_vesting: power up — liquid STEEM becomes Steem Power (VESTS) for `to` (or `from`). */
import { adjustLiquidBalance, createVesting, getAccountOrThrow } from "../chain/accounts.ts";
import { ensure } from "../errors.ts";
import { treasuryAccount } from "../protocol/config.ts";
import { validateAccountName, validatePositive, validateSymbol } from "../protocol/validation.ts";
import type { OperationHandler } from "./operation-handler.ts";

export const transferToVesting: OperationHandler<"transfer_to_vesting"> = {
  validate(op) {
    validateAccountName(op.from, "from");
    if (op.to !== "") validateAccountName(op.to, "to");
    validateSymbol(op.amount, ["STEEM"], "amount");
    validatePositive(op.amount, "amount");
  },
  collectAuthorities(op, into) {
    into.active.add(op.from);
  },
  apply({ state, now }, op) {
    const to = op.to === "" ? op.from : op.to;
    ensure(to !== treasuryAccount, "invalid_field", () => `cannot power up to ${treasuryAccount}`);
    getAccountOrThrow(state, to);
    adjustLiquidBalance(state, op.from, "STEEM", -op.amount.amount, now);
    createVesting(state, to, op.amount.amount, now);
  },
};
