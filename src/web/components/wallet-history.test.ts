// Checks the wallet history's read: the operation filter selects exactly the listed operations by Steem's ids, and `?start=` accepts only history indexes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { getOperationId } from "../../core/protocol/operation-schemas.ts";
import { getVirtualOperationId } from "../../core/protocol/virtual-operation-schemas.ts";
import { getWalletHistoryFilter, parseHistoryStart } from "./wallet-history.ts";

function selected(filter: readonly [string, string], id: number): boolean {
  const [low, high] = filter.map(BigInt);
  return id < 64 ? ((low >> BigInt(id)) & 1n) === 1n : ((high >> BigInt(id - 64)) & 1n) === 1n;
}

test("the filter selects transfers, stake and reward operations, never votes or posts", () => {
  const filter = getWalletHistoryFilter();
  assert.equal(getOperationId("transfer"), 2);
  assert.ok(selected(filter, 2));
  for (const name of ["transfer_to_vesting", "withdraw_vesting", "convert", "transfer_to_savings", "claim_reward_balance", "delegate_vesting_shares"] as const) assert.ok(selected(filter, getOperationId(name)), name);
  for (const name of ["author_reward", "curation_reward", "fill_vesting_withdraw", "return_vesting_delegation", "producer_reward", "interest"] as const) assert.ok(selected(filter, getVirtualOperationId(name)), name);
  for (const name of ["vote", "comment", "custom_json", "account_update2"] as const) assert.ok(!selected(filter, getOperationId(name)), name);
  assert.ok(!selected(filter, getVirtualOperationId("effective_comment_vote")));
  assert.ok(!selected(filter, getVirtualOperationId("comment_payout_update")));
});

test("?start= is a history index or the newest page", () => {
  assert.equal(parseHistoryStart(null), null);
  assert.equal(parseHistoryStart("0"), 0);
  assert.equal(parseHistoryStart("4294967295"), 4294967295);
  for (const bad of ["", "-1", "1.5", "4294967296", "12345678901", "1e3", "abc"]) assert.equal(parseHistoryStart(bad), null, bad);
});
