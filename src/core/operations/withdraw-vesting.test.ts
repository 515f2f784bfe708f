// Power down (withdraw_vesting, Steem HF23): the rate, the four weekly payments, cancelling and refusals.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ChainState } from "../chain/state.ts";
import { processVestingWithdrawals } from "../chain/vesting-processing.ts";
import { updateAccount } from "../chain/accounts.ts";
import { ChainError } from "../errors.ts";
import { timeNever } from "../protocol/config.ts";
import { delegateVestingShares } from "./delegate-vesting-shares.ts";
import { operationHandlers } from "./index.ts";
import { setWithdrawVestingRoute } from "./set-withdraw-vesting-route.ts";
import { withdrawVesting } from "./withdraw-vesting.ts";
import { createVestingTestState, vestingTestTime } from "../../../test/helpers/vesting-state.ts";

const t0 = vestingTestTime;
const week = 7 * 24 * 3600;

const setup = createVestingTestState;

function powerDown(state: ChainState, account: string, amount: bigint, now: number): void {
  const op = { account, vesting_shares: { amount, symbol: "VESTS" as const } };
  withdrawVesting.validate(op);
  withdrawVesting.apply({ state, now, blockNum: 2 }, op);
}

function expectRefusal(fn: () => void, code: string, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => error instanceof ChainError && error.code === code && pattern.test(error.message));
}

test("§15.6 vector: 1,000,000.000001 VESTS are paid over 4 weeks of 250,000,000,001 and a last week of the modulo", () => {
  // 2,000 VESTS per STEEM, exactly: the first week is worth 125,000 raw STEEM.
  const fund = 1_000_000_000n;
  const shares = 2_000_000_000_000_000n;
  const amount = 1_000_000_000_001n;
  const state = setup(fund, shares, { alice: amount, bob: 5_000_000_000_000n });
  powerDown(state, "alice", amount, t0);
  const alice = state.accounts.get("alice")!;
  assert.equal(alice.vesting_withdraw_rate, 250_000_000_001n);
  assert.equal(alice.next_vesting_withdrawal, t0 + week);
  assert.equal(alice.to_withdraw, amount);
  assert.equal(alice.withdrawn, 0n);

  processVestingWithdrawals(state, t0 + week - 1);
  assert.equal(state.virtualOps.count, 0, "nothing is paid before the week is up");

  let tvfs = fund;
  let tvs = shares;
  let balance = 0n;
  let held = amount;
  const weeks = [250_000_000_001n, 250_000_000_001n, 250_000_000_001n, 249_999_999_998n];
  for (const [i, vests] of weeks.entries()) {
    const steem = (vests * tvfs) / tvs;
    if (i === 0) assert.equal(steem, 125_000n);
    tvfs -= steem;
    tvs -= vests;
    balance += steem;
    held -= vests;
    processVestingWithdrawals(state, t0 + (i + 1) * week);
    const ops = state.virtualOps.take().map((r) => r.op);
    assert.deepEqual(ops, [{ type: "fill_vesting_withdraw", value: { from_account: "alice", to_account: "alice", withdrawn: { amount: vests, symbol: "VESTS" }, deposited: { amount: steem, symbol: "STEEM" } } }], `week ${i + 1}`);
    const a = state.accounts.get("alice")!;
    assert.equal(a.vesting_shares, held);
    assert.equal(a.balance, balance);
    assert.equal(state.props.value.total_vesting_fund_steem, tvfs);
    assert.equal(state.props.value.total_vesting_shares, tvs);
    assert.equal(a.next_vesting_withdrawal, i < 3 ? t0 + (i + 2) * week : timeNever);
  }
  const done = state.accounts.get("alice")!;
  assert.equal(done.vesting_shares, 0n);
  assert.equal(done.vesting_withdraw_rate, 0n);
  assert.equal(done.withdrawn, amount);
  assert.equal(done.to_withdraw, amount, "steemd leaves to_withdraw and withdrawn as they are when a power-down ends");
  processVestingWithdrawals(state, t0 + 10 * week);
  assert.equal(state.virtualOps.count, 0, "a finished power-down pays nothing more");
  assert.equal(state.schedules.withdrawals.size, 0);
});

test("a small power-down: the rate is at least 1 and rounds up so 4 weeks cover it (HF21)", () => {
  const state = setup(1_000_000n, 2_000_000_000_000n, { alice: 1_000_000n });
  powerDown(state, "alice", 3n, t0);
  assert.equal(state.accounts.get("alice")!.vesting_withdraw_rate, 1n);
  powerDown(state, "alice", 10n, t0);
  assert.equal(state.accounts.get("alice")!.vesting_withdraw_rate, 3n);
  const paid: bigint[] = [];
  for (let i = 1; i <= 5; i++) {
    processVestingWithdrawals(state, t0 + i * week);
    for (const r of state.virtualOps.take()) if (r.op.type === "fill_vesting_withdraw") paid.push(r.op.value.withdrawn.amount);
  }
  // 3 + 3 + 3, then 10 % 3 = 1.
  assert.deepEqual(paid, [3n, 3n, 3n, 1n]);
  assert.equal(state.accounts.get("alice")!.vesting_shares, 1_000_000n - 10n);
});

test("a week never pays more VESTS than the account still holds, and stops when it holds none", () => {
  const state = setup(1_000_000n, 2_000_000_000_000n, { alice: 4_000_000n });
  powerDown(state, "alice", 4_000_000n, t0);
  // Something else took VESTS away meanwhile (as a seizure or a later rule could): only 1,500,000 are left.
  updateAccount(state, state.accounts.get("alice")!, { vesting_shares: 1_500_000n });
  processVestingWithdrawals(state, t0 + week);
  processVestingWithdrawals(state, t0 + 2 * week);
  const withdrawn = state.virtualOps.take().map((r) => (r.op.type === "fill_vesting_withdraw" ? r.op.value.withdrawn.amount : -1n));
  assert.deepEqual(withdrawn, [1_000_000n, 500_000n]);
  const alice = state.accounts.get("alice")!;
  assert.equal(alice.vesting_shares, 0n);
  assert.equal(alice.next_vesting_withdrawal, timeNever);
  assert.equal(alice.vesting_withdraw_rate, 0n);
});

test("cancelling with 0 stops the weekly payments; a replaced power-down pays on its own schedule only", () => {
  const state = setup(1_000_000n, 2_000_000_000_000n, { alice: 8_000_000n });
  powerDown(state, "alice", 8_000_000n, t0);
  powerDown(state, "alice", 0n, t0 + 100);
  const alice = state.accounts.get("alice")!;
  assert.equal(alice.vesting_withdraw_rate, 0n);
  assert.equal(alice.next_vesting_withdrawal, timeNever);
  assert.equal(alice.to_withdraw, 0n);
  assert.equal(alice.withdrawn, 0n);
  processVestingWithdrawals(state, t0 + week);
  assert.equal(state.virtualOps.count, 0, "the cancelled week's schedule entry is skipped");

  powerDown(state, "alice", 4_000_000n, t0 + 200);
  powerDown(state, "alice", 6_000_000n, t0 + 300);
  processVestingWithdrawals(state, t0 + 200 + week);
  assert.equal(state.virtualOps.count, 0, "the replaced power-down's week is skipped");
  processVestingWithdrawals(state, t0 + 300 + week);
  const ops = state.virtualOps.take();
  assert.equal(ops.length, 1);
  assert.equal(ops[0].op.type === "fill_vesting_withdraw" && ops[0].op.value.withdrawn.amount, 1_500_000n);
  assert.equal(state.accounts.get("alice")!.withdrawn, 1_500_000n);
});

test("refusals: cancelling nothing, an unchanged rate, more than owned, negative, wrong symbol — and nothing changes", () => {
  const state = setup(1_000_000n, 2_000_000_000_000n, { alice: 10_000_000n, bob: 0n });
  updateAccount(state, state.accounts.get("alice")!, { delegated_vesting_shares: 4_000_000n });
  const before = [...state.accounts.entries()];
  const props = { ...state.props.value };

  expectRefusal(() => powerDown(state, "alice", 0n, t0), "invalid_field", /would not change the vesting withdraw rate.*not powering down/);
  expectRefusal(() => powerDown(state, "alice", 6_000_001n, t0), "insufficient_funds", /cannot power down 6\.000001 VESTS: it can power down at most 6\.000000 VESTS \(10\.000000 VESTS held less 4\.000000 VESTS delegated/);
  expectRefusal(() => powerDown(state, "alice", 10_000_000n, t0), "insufficient_funds", /at most 6\.000000 VESTS/);
  expectRefusal(() => powerDown(state, "alice", -1n, t0), "amount_negative", /must not be negative/);
  expectRefusal(() => powerDown(state, "nobody", 1n, t0), "account_not_found", /nobody/);
  expectRefusal(() => withdrawVesting.validate({ account: "alice", vesting_shares: { amount: 1n, symbol: "STEEM" } }), "wrong_asset_symbol", /VESTS/);
  assert.deepEqual([...state.accounts.entries()], before);
  assert.deepEqual(state.props.value, props);
  assert.equal(state.schedules.withdrawals.size, 0);

  powerDown(state, "alice", 4_000_000n, t0);
  // 4,000,000 VESTS → 1,000,000 a week; 4,000,001 → 1,000,001 (rounded up), a change; 4,000,003 → 1,000,001 again: refused.
  powerDown(state, "alice", 4_000_001n, t0);
  expectRefusal(() => powerDown(state, "alice", 4_000_003n, t0), "invalid_field", /already powers down 1\.000001 VESTS a week/);
  assert.equal(state.accounts.get("alice")!.to_withdraw, 4_000_001n);
});

test("withdraw_vesting needs the account's active authority", () => {
  const into = { posting: new Set<string>(), active: new Set<string>(), owner: new Set<string>(), other: [] };
  withdrawVesting.collectAuthorities({ account: "alice", vesting_shares: { amount: 1n, symbol: "VESTS" } }, into);
  assert.deepEqual([...into.active], ["alice"]);
  assert.equal(into.posting.size, 0);
});

test("the three vesting operations are registered with the chain", () => {
  assert.equal(operationHandlers.withdraw_vesting, withdrawVesting);
  assert.equal(operationHandlers.set_withdraw_vesting_route, setWithdrawVestingRoute);
  assert.equal(operationHandlers.delegate_vesting_shares, delegateVestingShares);
});
