// Checks transfer_to_savings, transfer_from_savings, cancel_transfer_from_savings and their completion after
// 3 days, and the SBD interest (§9.4) paid when a balance untouched for over 30 days is moved.
import assert from "node:assert/strict";
import { test } from "node:test";
import { adjustLiquidBalance, adjustSavingsBalance, createAccount, updateAccount } from "../chain/accounts.ts";
import { createGenesisState } from "../chain/genesis.ts";
import { processSavingsWithdraws, requestKey } from "../chain/sbd-processing.ts";
import type { ChainState } from "../chain/state.ts";
import { nullPublicKey } from "../crypto/keys.ts";
import { ChainError } from "../errors.ts";
import { createSingleKeyAuthority } from "../protocol/authority.ts";
import { savingsWithdrawSeconds, treasuryAccount } from "../protocol/config.ts";
import { cancelTransferFromSavings } from "./cancel-transfer-from-savings.ts";
import { transferFromSavings } from "./transfer-from-savings.ts";
import { transferToSavings } from "./transfer-to-savings.ts";

const t0 = 1_600_000_000;
const day = 86_400;

function setup(sbdInterestRate = 0): ChainState {
  const state = createGenesisState({ time: t0, initPublicKey: nullPublicKey, initLiquidSteem: 1_000_000_000n, initVestingSteem: 0n, vestsPerSteem: 2_000_000n, accountCreationFee: 0n, initialPrice: { sbd: 250n, steem: 1_000n }, sbdInterestRate });
  const auth = createSingleKeyAuthority(nullPublicKey);
  for (const name of ["alice", "bob", "carol"]) createAccount(state, { name, owner: auth, active: auth, posting: auth, memo_key: nullPublicKey, json_metadata: "", recovery_account: "" }, t0);
  return state;
}

const steem = (amount: bigint) => ({ amount, symbol: "STEEM" as const });
const sbd = (amount: bigint) => ({ amount, symbol: "SBD" as const });

function code(expected: string): (error: unknown) => boolean {
  return (error) => error instanceof ChainError && error.code === expected;
}

function refusedWithoutChange(state: ChainState, body: () => void, expected: string, message?: RegExp): void {
  const before = { props: state.props.value, accounts: [...state.accounts.values()].map((a) => ({ ...a })), requests: [...state.savingsWithdraws.entries()], schedule: state.schedules.savings.sorted() };
  assert.throws(() => state.undo.atomically(body), (error: unknown) => {
    assert.ok(error instanceof ChainError, String(error));
    assert.equal(error.code, expected, error.message);
    if (message !== undefined) assert.match(error.message, message);
    return true;
  });
  const after = { props: state.props.value, accounts: [...state.accounts.values()].map((a) => ({ ...a })), requests: [...state.savingsWithdraws.entries()], schedule: state.schedules.savings.sorted() };
  assert.deepEqual(after, before);
}

test("savings round trip: into bob's savings at once, out to carol 3 days later with its virtual operation", () => {
  const state = setup();
  adjustLiquidBalance(state, "alice", "STEEM", 10_000n, t0);
  const ctx = (now: number) => ({ state, now, blockNum: 1 });
  transferToSavings.validate({ from: "alice", to: "bob", amount: steem(4_000n), memo: "for later" });
  transferToSavings.apply(ctx(t0 + 3), { from: "alice", to: "bob", amount: steem(4_000n), memo: "for later" });
  assert.equal(state.accounts.get("alice")!.balance, 6_000n);
  assert.equal(state.accounts.get("bob")!.savings_balance, 4_000n);

  const now = t0 + 6;
  const op = { from: "bob", request_id: 7, to: "carol", amount: steem(1_000n), memo: "rent" };
  transferFromSavings.validate(op);
  transferFromSavings.apply(ctx(now), op);
  assert.equal(state.accounts.get("bob")!.savings_balance, 3_000n, "leaves savings at once");
  assert.equal(state.accounts.get("bob")!.savings_withdraw_requests, 1);
  assert.deepEqual(state.savingsWithdraws.get(requestKey("bob", 7)), { id: 0, from: "bob", to: "carol", memo: "rent", request_id: 7, amount: 1_000n, symbol: "STEEM", complete: now + 259_200 });
  assert.equal(savingsWithdrawSeconds, 259_200);

  processSavingsWithdraws(state, now + savingsWithdrawSeconds - 1);
  assert.equal(state.accounts.get("carol")!.balance, 0n);
  state.virtualOps.take();
  processSavingsWithdraws(state, now + savingsWithdrawSeconds);
  assert.equal(state.accounts.get("carol")!.balance, 1_000n);
  assert.equal(state.accounts.get("bob")!.savings_withdraw_requests, 0);
  assert.equal(state.savingsWithdraws.size, 0);
  assert.deepEqual(state.virtualOps.take().map((r) => r.op), [
    { type: "fill_transfer_from_savings", value: { from: "bob", to: "carol", amount: steem(1_000n), request_id: 7, memo: "rent" } },
  ]);
});

test("cancel returns the amount to savings; the stale schedule entry is skipped, a re-used request_id fills at its own time", () => {
  const state = setup();
  adjustSavingsBalance(state, "bob", "SBD", 5_000n, t0);
  const ctx = (now: number) => ({ state, now, blockNum: 1 });
  transferFromSavings.apply(ctx(t0 + 3), { from: "bob", request_id: 1, to: "bob", amount: sbd(2_000n), memo: "" });
  assert.equal(state.accounts.get("bob")!.savings_sbd_balance, 3_000n);
  cancelTransferFromSavings.validate({ from: "bob", request_id: 1 });
  cancelTransferFromSavings.apply(ctx(t0 + 6), { from: "bob", request_id: 1 });
  assert.equal(state.accounts.get("bob")!.savings_sbd_balance, 5_000n);
  assert.equal(state.accounts.get("bob")!.savings_withdraw_requests, 0);
  assert.equal(state.savingsWithdraws.size, 0);
  refusedWithoutChange(state, () => cancelTransferFromSavings.apply(ctx(t0 + 9), { from: "bob", request_id: 1 }), "invalid_field", /no pending withdrawal from savings with request_id 1/);

  // The same request_id again, a day later.
  transferFromSavings.apply(ctx(t0 + day), { from: "bob", request_id: 1, to: "carol", amount: sbd(500n), memo: "again" });
  state.virtualOps.take();
  processSavingsWithdraws(state, t0 + 3 + savingsWithdrawSeconds);
  assert.equal(state.virtualOps.count, 0, "the cancelled request's entry does nothing");
  assert.equal(state.savingsWithdraws.size, 1);
  processSavingsWithdraws(state, t0 + day + savingsWithdrawSeconds);
  assert.equal(state.accounts.get("carol")!.sbd_balance, 500n);
  assert.equal(state.accounts.get("bob")!.savings_sbd_balance, 4_500n);
  assert.equal(state.accounts.get("bob")!.savings_withdraw_requests, 0);
  assert.equal(state.schedules.savings.size, 0);
});

test("withdrawals are refused for a duplicate request_id, too little savings, 100 pending, STEEM to the treasury; deposits to the treasury too", () => {
  const state = setup();
  adjustSavingsBalance(state, "bob", "STEEM", 5_000n, t0);
  adjustLiquidBalance(state, "alice", "STEEM", 5_000n, t0);
  const ctx = { state, now: t0 + 3, blockNum: 1 };
  transferFromSavings.apply(ctx, { from: "bob", request_id: 3, to: "carol", amount: steem(1_000n), memo: "" });
  refusedWithoutChange(state, () => transferFromSavings.apply(ctx, { from: "bob", request_id: 3, to: "alice", amount: steem(1_000n), memo: "" }), "invalid_field", /already has a pending withdrawal from savings with request_id 3/);
  // Another account may use the same request_id.
  adjustSavingsBalance(state, "alice", "STEEM", 1_000n, t0 + 3);
  transferFromSavings.apply(ctx, { from: "alice", request_id: 3, to: "alice", amount: steem(1_000n), memo: "" });
  refusedWithoutChange(state, () => transferFromSavings.apply(ctx, { from: "bob", request_id: 4, to: "carol", amount: steem(4_001n), memo: "" }), "insufficient_funds", /"bob" has 4\.000 STEEM in savings, less than the 4\.001 STEEM to withdraw/);
  refusedWithoutChange(state, () => transferFromSavings.apply(ctx, { from: "bob", request_id: 4, to: "carol", amount: sbd(1n), memo: "" }), "insufficient_funds");
  refusedWithoutChange(state, () => transferFromSavings.apply(ctx, { from: "bob", request_id: 4, to: treasuryAccount, amount: steem(1n), memo: "" }), "invalid_field", /only SBD/);
  refusedWithoutChange(state, () => transferFromSavings.apply(ctx, { from: "bob", request_id: 4, to: "nobody", amount: steem(1n), memo: "" }), "account_not_found");
  refusedWithoutChange(state, () => transferToSavings.apply(ctx, { from: "alice", to: treasuryAccount, amount: steem(1n), memo: "" }), "invalid_field");
  refusedWithoutChange(state, () => transferToSavings.apply(ctx, { from: "alice", to: "nobody", amount: steem(1n), memo: "" }), "account_not_found");
  refusedWithoutChange(state, () => transferToSavings.apply(ctx, { from: "alice", to: "bob", amount: steem(5_001n), memo: "" }), "insufficient_funds");
  updateAccount(state, state.accounts.get("bob")!, { savings_withdraw_requests: 100 });
  refusedWithoutChange(state, () => transferFromSavings.apply(ctx, { from: "bob", request_id: 4, to: "carol", amount: steem(1n), memo: "" }), "invalid_field", /the limit is 100/);
  updateAccount(state, state.accounts.get("bob")!, { savings_withdraw_requests: 99 });
  transferFromSavings.apply(ctx, { from: "bob", request_id: 4, to: "carol", amount: steem(1n), memo: "" });
  assert.equal(state.accounts.get("bob")!.savings_withdraw_requests, 100);

  for (const handler of [transferToSavings, transferFromSavings]) {
    const validate = (amount: { amount: bigint; symbol: "STEEM" | "SBD" | "VESTS" }, memo = "") => handler.validate({ from: "bob", to: "carol", request_id: 1, amount, memo } as never);
    assert.throws(() => validate(steem(0n)), code("amount_not_positive"));
    assert.throws(() => validate({ amount: 1n, symbol: "VESTS" }), code("wrong_asset_symbol"));
    assert.throws(() => validate(steem(1n), "x".repeat(2048)), code("memo_too_long"));
    validate(sbd(1n), "x".repeat(2047));
  }
});

test("SBD untouched for 31 days is paid 10% interest when moved: 1,000.000 SBD earns 8.493 SBD (§15.6)", () => {
  const state = setup(1000);
  adjustLiquidBalance(state, "alice", "SBD", 1_000_000n, t0);
  adjustSavingsBalance(state, "alice", "SBD", 1_000_000n, t0);
  state.props.value = { ...state.props.value, current_sbd_supply: 2_000_000n };
  const now = t0 + 31 * day;
  // sbd_seconds = 1,000,000 × 2,678,400; ⌊/31,536,000⌋ = 84,931; × 1000 / 10000 = 8,493.
  const interest = ((1_000_000n * 2_678_400n) / 31_536_000n) * 1000n / 10_000n;
  assert.equal(interest, 8_493n);
  transferToSavings.apply({ state, now, blockNum: 1 }, { from: "alice", to: "alice", amount: sbd(100_000n), memo: "" });
  const alice = state.accounts.get("alice")!;
  // Liquid: interest, then the debit. Savings: interest on its own 1,000.000, then the deposit.
  assert.equal(alice.sbd_balance, 1_000_000n + interest - 100_000n);
  assert.equal(alice.savings_sbd_balance, 1_000_000n + interest + 100_000n);
  assert.equal(alice.sbd_last_interest_payment, now);
  assert.equal(alice.sbd_seconds, 0n);
  assert.equal(state.props.value.current_sbd_supply, 2_000_000n + 2n * interest);
  assert.deepEqual(state.virtualOps.take().map((r) => r.op), [
    { type: "interest", value: { owner: "alice", interest: sbd(interest) } },
    { type: "interest", value: { owner: "alice", interest: sbd(interest) } },
  ]);
  // Touched again a day later: SBD-seconds accrue but the next payment waits 30 days.
  transferFromSavings.apply({ state, now: now + day, blockNum: 2 }, { from: "alice", request_id: 1, to: "alice", amount: sbd(1_000n), memo: "" });
  assert.equal(state.accounts.get("alice")!.savings_sbd_balance, 1_000_000n + interest + 100_000n - 1_000n);
  assert.equal(state.accounts.get("alice")!.savings_sbd_seconds, (1_000_000n + interest + 100_000n) * BigInt(day));
  assert.equal(state.virtualOps.count, 0);
});
