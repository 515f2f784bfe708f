// Checks the wallet's plans: each form and button yields the one operation steem-js would send (parsed against the protocol's schemas), with the right key role, wording and confirmation, and every bad input is refused at its field.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseWireOperations } from "./transaction.ts";
import {
  type PlanResult, type WalletFormValues, type WalletPlan, chooseRequestId, describeMemoProblem, planCancelPowerDown, planCancelSavingsWithdrawal,
  planClaimRewards, planUndelegate, planWalletForm,
} from "./wallet-plans.ts";
import { type WalletStateJson, parseWalletState } from "./wallet-state.ts";

const stateJson: WalletStateJson = {
  account: "alice", balance: "100.000 STEEM", sbd_balance: "20.000 SBD", savings_balance: "10.000 STEEM", savings_sbd_balance: "5.000 SBD",
  vesting_shares: "10000000.000000 VESTS", delegated_vesting_shares: "2000000.000000 VESTS", received_vesting_shares: "0.000000 VESTS",
  vesting_withdraw_rate: "0.000000 VESTS", to_withdraw: 0, withdrawn: 0,
  reward_steem_balance: "0.000 STEEM", reward_sbd_balance: "1.500 SBD", reward_vesting_balance: "3000.000000 VESTS",
  // 2,000 VESTS per STEEM.
  total_vesting_fund_steem: "1000000.000 STEEM", total_vesting_shares: "2000000000.000000 VESTS",
  delegations: { bob: "2000000.000000 VESTS" }, savings_request_ids: [1700000000], conversion_request_ids: [7],
};
const state = parseWalletState(stateJson);
const blank: WalletFormValues = { to: "", amount: "", symbol: "", memo: "" };
const seed = 1_700_000_000;

function planOf(result: PlanResult): WalletPlan {
  if (!result.ok) assert.fail(`refused at ${result.field}: ${result.problem}`);
  parseWireOperations([result.plan.operation]);
  return result.plan;
}

function refusal(result: PlanResult): { field: string; problem: string } {
  if (result.ok) assert.fail(`accepted: ${JSON.stringify(result.plan.operation)}`);
  return { field: result.field, problem: result.problem };
}

test("a transfer is the exact operation, signed with the active key after a warning that it cannot be undone", () => {
  const plan = planOf(planWalletForm("transfer", { ...blank, to: "@Bob", amount: "1.5", symbol: "STEEM", memo: "thanks" }, state, seed));
  assert.deepEqual(plan.operation, ["transfer", { from: "alice", to: "bob", amount: "1.500 STEEM", memo: "thanks" }]);
  assert.equal(plan.role, "active");
  assert.equal(plan.reason, "Transfer 1.500 STEEM to @bob");
  assert.equal(plan.confirm, "Send 1.500 STEEM to @bob? This cannot be undone.");
  assert.equal(plan.recipient, "bob");
  assert.deepEqual(planOf(planWalletForm("transfer", { ...blank, to: "bob", amount: "20", symbol: "SBD" }, state, seed)).operation[1].amount, "20.000 SBD");
});

test("transfers are refused at the field that is wrong", () => {
  const cases: [Partial<WalletFormValues>, string, RegExp][] = [
    [{ to: "", amount: "1", symbol: "STEEM" }, "to", /Enter an account name/],
    [{ to: "b", amount: "1", symbol: "STEEM" }, "to", /at least 3/],
    [{ to: "bob", amount: "1", symbol: "VESTS" }, "symbol", /STEEM or SBD/],
    [{ to: "bob", amount: "100.001", symbol: "STEEM" }, "amount", /more than the 100\.000 STEEM you hold/],
    [{ to: "bob", amount: "20.001", symbol: "SBD" }, "amount", /20\.000 SBD/],
    [{ to: "bob", amount: "1.0001", symbol: "STEEM" }, "amount", /at most 3 decimals/],
    [{ to: "bob", amount: "1", symbol: "STEEM", memo: "x".repeat(2048) }, "memo", /at most 2047 bytes/],
    [{ to: "bob", amount: "1", symbol: "STEEM", memo: "my key 5JdeC9P7Pbd1uGdFVEsJ41EkEnADbbHGq6p1BwFxm6txNBsQnsw" }, "memo", /private key/],
  ];
  for (const [values, field, problem] of cases) {
    const result = refusal(planWalletForm("transfer", { ...blank, ...values }, state, seed));
    assert.equal(result.field, field, JSON.stringify(values));
    assert.match(result.problem, problem, JSON.stringify(values));
  }
});

test("memo checks: length in bytes, private keys and generated master passwords", () => {
  assert.equal(describeMemoProblem("Welcome to Kettle"), null);
  assert.equal(describeMemoProblem("é".repeat(1023)), null, "2,046 bytes");
  assert.match(describeMemoProblem("é".repeat(1024)) ?? "", /2047 bytes/);
  assert.match(describeMemoProblem("P5JDEvNvVrb5JdeC9P7Pbd1uGdFVEsJ41EkEnADbbHGq6p1BwFxm6") ?? "", /master password/);
  assert.equal(describeMemoProblem("P5 is a paper size"), null);
});

test("power up, savings and conversions", () => {
  const up = planOf(planWalletForm("power-up", { ...blank, amount: "100" }, state, seed));
  assert.deepEqual(up.operation, ["transfer_to_vesting", { from: "alice", to: "alice", amount: "100.000 STEEM" }]);
  assert.equal(up.recipient, null);
  assert.match(up.confirm ?? "", /takes 4 weeks to power down/);
  assert.equal(planOf(planWalletForm("power-up", { ...blank, to: "carol", amount: "1" }, state, seed)).recipient, "carol");

  const save = planOf(planWalletForm("to-savings", { ...blank, amount: "2", symbol: "SBD" }, state, seed));
  assert.deepEqual(save.operation, ["transfer_to_savings", { from: "alice", to: "alice", amount: "2.000 SBD", memo: "" }]);
  assert.equal(save.confirm, null, "your own savings need no warning");
  assert.match(planOf(planWalletForm("to-savings", { ...blank, to: "bob", amount: "2", symbol: "SBD" }, state, seed)).confirm ?? "", /Only @bob can take it out/);

  const withdraw = planOf(planWalletForm("from-savings", { ...blank, amount: "10", symbol: "STEEM" }, state, seed));
  assert.deepEqual(withdraw.operation, ["transfer_from_savings", { from: "alice", request_id: seed + 1, to: "alice", amount: "10.000 STEEM", memo: "" }]);
  assert.match(refusal(planWalletForm("from-savings", { ...blank, amount: "5.001", symbol: "SBD" }, state, seed)).problem, /5\.000 SBD in savings/);

  const convert = planOf(planWalletForm("convert", { ...blank, amount: "20", symbol: "SBD" }, state, 7));
  assert.deepEqual(convert.operation, ["convert", { owner: "alice", requestid: 8, amount: "20.000 SBD" }]);
  assert.match(convert.confirm ?? "", /cannot be undone/);
});

test("power down and delegation take Steem Power and send VESTS with 6 decimals", () => {
  // Own 10,000,000 VESTS (5,000 SP), 2,000,000 VESTS (1,000 SP) delegated: 4,000 SP to power down.
  const down = planOf(planWalletForm("power-down", { ...blank, amount: "1000", symbol: "SP" }, state, seed));
  assert.deepEqual(down.operation, ["withdraw_vesting", { account: "alice", vesting_shares: "2000000.000000 VESTS" }]);
  assert.equal(down.reason, "Power down 1,000.000 SP");
  assert.equal(planOf(planWalletForm("power-down", { ...blank, amount: "4,000" }, state, seed)).operation[1].vesting_shares, "8000000.000000 VESTS");
  assert.match(refusal(planWalletForm("power-down", { ...blank, amount: "4000.001" }, state, seed)).problem, /4,000\.000 SP available/);

  const delegate = planOf(planWalletForm("delegate", { ...blank, to: "carol", amount: "0.5" }, state, seed));
  assert.deepEqual(delegate.operation, ["delegate_vesting_shares", { delegator: "alice", delegatee: "carol", vesting_shares: "1000.000000 VESTS" }]);
  assert.equal(delegate.recipient, "carol");
  assert.match(delegate.confirm ?? "", /returns to you 5 days later/);
  // Bob already has 1,000 SP: he may be given up to 4,000 + 1,000.
  assert.match(planOf(planWalletForm("delegate", { ...blank, to: "bob", amount: "5000" }, state, seed)).confirm ?? "", /replaces the 1,000\.000 SP/);
  assert.equal(refusal(planWalletForm("delegate", { ...blank, to: "alice", amount: "1" }, state, seed)).field, "to");
  assert.equal(refusal(planWalletForm("delegate", { ...blank, to: "carol", amount: "4000.001" }, state, seed)).field, "amount");
});

test("one-click plans: cancel power down, undelegate, cancel a withdrawal, claim with the posting key", () => {
  const plans = [planCancelPowerDown(state), planUndelegate(state, "bob"), planCancelSavingsWithdrawal(state, 1700000000)];
  parseWireOperations(plans.map((p) => p.operation));
  assert.deepEqual(plans[0].operation, ["withdraw_vesting", { account: "alice", vesting_shares: "0.000000 VESTS" }]);
  assert.deepEqual(plans[1].operation, ["delegate_vesting_shares", { delegator: "alice", delegatee: "bob", vesting_shares: "0.000000 VESTS" }]);
  assert.match(plans[1].confirm ?? "", /1,000\.000 SP delegated to @bob/);
  assert.deepEqual(plans[2].operation, ["cancel_transfer_from_savings", { from: "alice", request_id: 1700000000 }]);
  const claim = planClaimRewards(state);
  assert.ok(claim !== null);
  parseWireOperations([claim.operation]);
  assert.deepEqual(claim.operation, ["claim_reward_balance", { account: "alice", reward_steem: "0.000 STEEM", reward_sbd: "1.500 SBD", reward_vests: "3000.000000 VESTS" }]);
  assert.equal(claim.role, "posting");
  assert.equal(planClaimRewards(parseWalletState({ ...stateJson, reward_sbd_balance: "0.000 SBD", reward_vesting_balance: "0.000000 VESTS" })), null);
});

test("request ids avoid those taken and stay within 32 bits", () => {
  assert.equal(chooseRequestId([], 42), 42);
  assert.equal(chooseRequestId([42, 43], 42), 44);
  assert.equal(chooseRequestId([0xffffffff], 0xffffffff), 0);
  assert.equal(chooseRequestId([], 2 ** 33 + 5), 5);
});
