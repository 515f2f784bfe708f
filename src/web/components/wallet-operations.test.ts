// Checks the wallet history's sentences: every listed operation, signed and virtual, told from the right side, with VESTS as SP and memos kept apart.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseVestingRatio } from "../client/lib/wallet-amounts.ts";
import { describeWalletOperation, segmentsToText } from "./wallet-operations.ts";

// 2,000 VESTS per STEEM.
const ratio = parseVestingRatio("1000000.000 STEEM", "2000000000.000000 VESTS");

function say(account: string, name: string, body: Record<string, unknown>): string | null {
  const entry = describeWalletOperation(account, [name, body], ratio);
  return entry === null ? null : segmentsToText(entry.segments);
}

test("transfers, power ups and savings read from either side", () => {
  const transfer = { from: "initminer", to: "alice", amount: "100.000 STEEM", memo: "Welcome to Kettle" };
  assert.equal(say("alice", "transfer", transfer), "Received 100.000 STEEM from @initminer");
  assert.equal(say("initminer", "transfer", transfer), "Transfer 100.000 STEEM to @alice");
  assert.equal(describeWalletOperation("alice", ["transfer", transfer], ratio)?.memo, "Welcome to Kettle");
  assert.equal(say("alice", "transfer_to_vesting", { from: "alice", to: "alice", amount: "1234.500 STEEM" }), "Power up 1,234.500 STEEM");
  assert.equal(say("alice", "transfer_to_vesting", { from: "initminer", to: "alice", amount: "5000.000 STEEM" }), "Received 5,000.000 STEEM as Steem Power from @initminer");
  assert.equal(say("alice", "transfer_to_savings", { from: "alice", to: "alice", amount: "2.000 SBD", memo: "" }), "Transfer 2.000 SBD to savings");
  assert.equal(say("bob", "transfer_to_savings", { from: "alice", to: "bob", amount: "2.000 SBD", memo: "" }), "Received 2.000 SBD into savings from @alice");
  assert.equal(say("alice", "transfer_from_savings", { from: "alice", to: "alice", amount: "1.000 STEEM", request_id: 9, memo: "" }), "Withdraw 1.000 STEEM from savings (request 9)");
  assert.equal(say("alice", "fill_transfer_from_savings", { from: "alice", to: "alice", amount: "1.000 STEEM", request_id: 9, memo: "" }), "Savings withdrawal of 1.000 STEEM completed");
  assert.equal(say("alice", "cancel_transfer_from_savings", { from: "alice", request_id: 9 }), "Cancelled savings withdrawal (request 9)");
  assert.equal(describeWalletOperation("alice", ["transfer_to_vesting", { from: "a", to: "alice", amount: "1.000 STEEM" }], ratio)?.memo, null);
});

test("stake: power down, its payments, delegations and their return, in SP", () => {
  assert.equal(say("alice", "withdraw_vesting", { account: "alice", vesting_shares: "2000000.000000 VESTS" }), "Start power down of 1,000.000 SP");
  assert.equal(say("alice", "withdraw_vesting", { account: "alice", vesting_shares: "0.000000 VESTS" }), "Stopped powering down");
  assert.equal(say("alice", "fill_vesting_withdraw", { from_account: "alice", to_account: "alice", withdrawn: "500000.000000 VESTS", deposited: "250.000 STEEM" }), "Power down payment: 250.000 STEEM for 250.000 SP");
  assert.equal(say("bob", "fill_vesting_withdraw", { from_account: "alice", to_account: "bob", withdrawn: "2000.000000 VESTS", deposited: "1.000 STEEM" }), "Received 1.000 STEEM from the power down of @alice");
  assert.equal(say("alice", "set_withdraw_vesting_route", { from_account: "alice", to_account: "bob", percent: 5000, auto_vest: true }), "Route 50% of power down to @bob as Steem Power");
  const delegation = { delegator: "alice", delegatee: "bob", vesting_shares: "200000.000000 VESTS" };
  assert.equal(say("alice", "delegate_vesting_shares", delegation), "Delegate 100.000 SP to @bob");
  assert.equal(say("bob", "delegate_vesting_shares", delegation), "@alice delegated 100.000 SP to you");
  assert.equal(say("alice", "delegate_vesting_shares", { ...delegation, vesting_shares: "0.000000 VESTS" }), "Took back the delegation to @bob");
  assert.equal(say("alice", "return_vesting_delegation", { account: "alice", vesting_shares: "200000.000000 VESTS" }), "Delegation returned: 100.000 SP");
});

test("rewards, conversions, interest and account creation", () => {
  const payout = { author: "alice", permlink: "post", sbd_payout: "1.234 SBD", steem_payout: "0.000 STEEM", vesting_payout: "4690.000000 VESTS" };
  assert.equal(say("alice", "author_reward", payout), "Author reward: 1.234 SBD, 0.000 STEEM and 2.345 SP for @alice/post");
  assert.equal(say("bob", "comment_benefactor_reward", { benefactor: "bob", ...payout }), "Beneficiary reward: 1.234 SBD, 0.000 STEEM and 2.345 SP for @alice/post");
  assert.equal(say("bob", "curation_reward", { curator: "bob", reward: "2000.000000 VESTS", comment_author: "alice", comment_permlink: "post" }), "Curation reward: 1.000 SP for @alice/post");
  assert.equal(say("alice", "claim_reward_balance", { account: "alice", reward_steem: "0.000 STEEM", reward_sbd: "1.234 SBD", reward_vests: "4690.000000 VESTS" }), "Claim rewards: 0.000 STEEM, 1.234 SBD and 2.345 SP");
  assert.equal(say("initminer", "producer_reward", { producer: "initminer", vesting_shares: "2000.000000 VESTS" }), "Producer reward: 1.000 SP");
  assert.equal(say("alice", "convert", { owner: "alice", requestid: 3, amount: "10.000 SBD" }), "Convert 10.000 SBD to STEEM (request 3)");
  assert.equal(say("alice", "fill_convert_request", { owner: "alice", requestid: 3, amount_in: "10.000 SBD", amount_out: "40.000 STEEM" }), "Conversion finished: 10.000 SBD became 40.000 STEEM");
  assert.equal(say("alice", "interest", { owner: "alice", interest: "0.012 SBD" }), "Interest paid: 0.012 SBD");
  const create = { fee: "3.000 STEEM", creator: "initminer", new_account_name: "alice" };
  assert.equal(say("alice", "account_create", create), "Account created by @initminer");
  assert.equal(say("initminer", "account_create", create), "Created @alice for a fee of 3.000 STEEM");
});

test("operations outside the wallet are not listed; memos are kept as sent", () => {
  assert.equal(say("alice", "vote", { voter: "bob", author: "alice", permlink: "p", weight: 10000 }), null);
  assert.equal(say("alice", "comment", {}), null);
  assert.equal(say("alice", "effective_comment_vote", {}), null);
  const memo = "<script>alert(1)</script>";
  assert.equal(describeWalletOperation("alice", ["transfer", { from: "bob", to: "alice", amount: "1.000 STEEM", memo }], ratio)?.memo, memo);
});
