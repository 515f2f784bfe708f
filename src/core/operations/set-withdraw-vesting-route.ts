/**
 * set_withdraw_vesting_route: send a percentage of each power-down week to another account, as STEEM or
 * (auto_vest) as VESTS; percent 0 removes the route (steemd `set_withdraw_vesting_route_evaluator`).
 */
import { getAccountOrThrow, updateAccount } from "../chain/accounts.ts";
import { getWithdrawRoutes, withdrawRouteKey } from "../chain/vesting-processing.ts";
import { ensure } from "../errors.ts";
import { percent100, treasuryAccount, withdrawRoutesMax } from "../protocol/config.ts";
import { validateAccountName } from "../protocol/validation.ts";
import type { OperationHandler } from "./operation-handler.ts";
import { takeObjectId } from "../chain/state.ts";

export const setWithdrawVestingRoute: OperationHandler<"set_withdraw_vesting_route"> = {
  validate(op) {
    validateAccountName(op.from_account, "from_account");
    validateAccountName(op.to_account, "to_account");
    ensure(op.percent >= 0 && op.percent <= percent100, "percent_out_of_range", () => `percent is ${op.percent}; it must be between 0 and ${percent100} (100%)`);
  },
  collectAuthorities(op, into) {
    into.active.add(op.from_account);
  },
  apply({ state }, op) {
    const from = getAccountOrThrow(state, op.from_account);
    getAccountOrThrow(state, op.to_account);
    ensure(op.to_account !== treasuryAccount, "invalid_field", () => `cannot route power-down payments to ${treasuryAccount}`);
    const key = withdrawRouteKey(op.from_account, op.to_account);
    const existing = state.withdrawRoutes.get(key);
    if (existing === undefined) {
      ensure(op.percent !== 0, "invalid_field", () => `"${op.from_account}" has no withdraw route to "${op.to_account}" to remove (a 0% route cannot be created)`);
      ensure(from.withdraw_routes < withdrawRoutesMax, "invalid_field", () => `"${op.from_account}" already has the maximum of ${withdrawRoutesMax} withdraw routes; remove one first`);
    }
    if (op.percent !== 0) {
      let total = op.percent;
      for (const route of getWithdrawRoutes(state, from)) if (route.to_account !== op.to_account) total += route.percent;
      ensure(total <= percent100, "percent_out_of_range", () =>
        `"${op.from_account}"'s withdraw routes would add up to ${total / 100}% (${total} of ${percent100}); they may send at most 100% of each power-down week`);
    }
    if (existing === undefined) {
      state.withdrawRoutes.set(key, { id: takeObjectId(state), from_account: op.from_account, to_account: op.to_account, percent: op.percent, auto_vest: op.auto_vest });
      updateAccount(state, from, { withdraw_routes: from.withdraw_routes + 1 });
    } else if (op.percent === 0) {
      state.withdrawRoutes.delete(key);
      updateAccount(state, from, { withdraw_routes: from.withdraw_routes - 1 });
    } else {
      state.withdrawRoutes.set(key, { ...existing, percent: op.percent, auto_vest: op.auto_vest });
    }
  },
};
