/**
 * convert: SBD → STEEM at the feed (steemd `convert_evaluator`). The SBD leaves the owner's balance at
 * once; 3.5 days later the owner receives `amount × median` STEEM at the median of that moment
 * (chain/sbd-processing.ts `processConversions`).
 */
import { adjustLiquidBalance } from "../chain/accounts.ts";
import { formatAmount } from "../asset.ts";
import { requestKey } from "../chain/sbd-processing.ts";
import { ChainError, ensure } from "../errors.ts";
import { conversionDelaySeconds } from "../protocol/config.ts";
import { validateAccountName, validatePositive, validateSymbol } from "../protocol/validation.ts";
import type { OperationHandler } from "./operation-handler.ts";
import { takeObjectId } from "../chain/state.ts";

export const convert: OperationHandler<"convert"> = {
  validate(op) {
    validateAccountName(op.owner, "owner");
    // Only SBD → STEEM: the other way would let traders convert large amounts without moving the market price.
    validateSymbol(op.amount, ["SBD"], "amount");
    validatePositive(op.amount, "amount");
  },
  collectAuthorities(op, into) {
    into.active.add(op.owner);
  },
  apply({ state, now }, op) {
    const amount = op.amount.amount;
    // steemd's order: debit (interest on the SBD balance is paid first), then the feed, then the request's uniqueness.
    try {
      adjustLiquidBalance(state, op.owner, "SBD", -amount, now);
    } catch (error) {
      if (error instanceof ChainError && error.code === "insufficient_funds") {
        throw new ChainError("insufficient_funds", `cannot convert ${formatAmount(amount, "SBD")}: ${error.message}`);
      }
      throw error;
    }
    ensure(state.feed.value.current_median_history !== null, "invalid_field", "cannot convert SBD: there is no price feed yet");
    const key = requestKey(op.owner, op.requestid);
    ensure(!state.conversions.has(key), "invalid_field", () => `"${op.owner}" already has a conversion with requestid ${op.requestid}; choose another requestid`);
    const id = takeObjectId(state);
    const conversionDate = now + conversionDelaySeconds;
    state.conversions.set(key, { id, owner: op.owner, requestid: op.requestid, amount, conversion_date: conversionDate });
    // steemd fills by (conversion_date, id).
    state.schedules.conversions.add(conversionDate, id, key);
  },
};
