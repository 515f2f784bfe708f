// Weekly power-down payments through withdraw routes, and delegation returns after 5 days.
import assert from "node:assert/strict";
import { test } from "node:test";
import { timeNever } from "../protocol/config.ts";
import { delegateVestingShares } from "../operations/delegate-vesting-shares.ts";
import { setWithdrawVestingRoute } from "../operations/set-withdraw-vesting-route.ts";
import { withdrawVesting } from "../operations/withdraw-vesting.ts";
import type { ChainState } from "./state.ts";
import { clearExpiredDelegations, processVestingWithdrawals } from "./vesting-processing.ts";
import { createVestingTestState, vestingTestTime } from "../../../test/helpers/vesting-state.ts";

const t0 = vestingTestTime;
const week = 7 * 24 * 3600;
const fiveDays = 5 * 24 * 3600;

const setup = createVestingTestState;

const context = (state: ChainState, now: number) => ({ state, now, blockNum: 2 });
const vests = (amount: bigint) => ({ amount, symbol: "VESTS" as const });
const steem = (amount: bigint) => ({ amount, symbol: "STEEM" as const });

test("a week through routes: auto-vest routes first (VESTS), then liquid routes (STEEM at the moving price), the rest to the owner", () => {
  // An uneven price (≈ 2,025.06 VESTS per STEEM) so every conversion truncates.
  const fund = 987_654_321n;
  const shares = 2_000_061_728_395_061n;
  const amount = 4_000_000_000_003n;
  const state = setup(fund, shares, { bob: amount, carol: 1_000_000n, dave: 0n, erin: 7n, frank: 0n });
  for (const [to, percent, autoVest] of [["frank", 1234, false], ["erin", 1000, true], ["dave", 3000, false], ["carol", 2500, true]] as const) {
    setWithdrawVestingRoute.apply(context(state, t0), { from_account: "bob", to_account: to, percent, auto_vest: autoVest });
  }
  withdrawVesting.apply(context(state, t0), { account: "bob", vesting_shares: vests(amount) });
  const rate = 1_000_000_000_001n;
  assert.equal(state.accounts.get("bob")!.vesting_withdraw_rate, rate);
  const carolMana = state.accounts.get("carol")!.voting_manabar;

  processVestingWithdrawals(state, t0 + week);

  // Independently: each leg's share is ⌊rate · pct / 10000⌋; STEEM legs convert at TVFS/TVS as it stands after the previous leg.
  const carol = (rate * 2500n) / 10000n;
  const erin = (rate * 1000n) / 10000n;
  const dave = (rate * 3000n) / 10000n;
  const frank = (rate * 1234n) / 10000n;
  let tvfs = fund;
  let tvs = shares;
  const daveSteem = (dave * tvfs) / tvs;
  tvfs -= daveSteem;
  tvs -= dave;
  const frankSteem = (frank * tvfs) / tvs;
  tvfs -= frankSteem;
  tvs -= frank;
  const rest = rate - carol - erin - dave - frank;
  const restSteem = (rest * tvfs) / tvs;
  tvfs -= restSteem;
  tvs -= rest;
  assert.equal(carol, 250_000_000_000n);
  assert.equal(rest, 226_600_000_001n);

  const fill = (to: string, withdrawn: bigint, deposited: { amount: bigint; symbol: "STEEM" | "VESTS" }) =>
    ({ type: "fill_vesting_withdraw", value: { from_account: "bob", to_account: to, withdrawn: vests(withdrawn), deposited } });
  assert.deepEqual(state.virtualOps.take().map((r) => r.op), [
    fill("carol", carol, vests(carol)),
    fill("erin", erin, vests(erin)),
    fill("dave", dave, steem(daveSteem)),
    fill("frank", frank, steem(frankSteem)),
    fill("bob", rest, steem(restSteem)),
  ]);
  assert.equal(state.accounts.get("carol")!.vesting_shares, 1_000_000n + carol);
  assert.deepEqual(state.accounts.get("carol")!.voting_manabar, carolMana, "steemd adds auto-vested VESTS without touching mana");
  assert.equal(state.accounts.get("erin")!.vesting_shares, 7n + erin);
  assert.equal(state.accounts.get("dave")!.balance, daveSteem);
  assert.equal(state.accounts.get("frank")!.balance, frankSteem);
  const bob = state.accounts.get("bob")!;
  assert.equal(bob.balance, restSteem);
  assert.equal(bob.vesting_shares, amount - rate);
  assert.equal(bob.withdrawn, rate);
  assert.equal(bob.next_vesting_withdrawal, t0 + 2 * week);
  assert.equal(state.props.value.total_vesting_fund_steem, tvfs);
  assert.equal(state.props.value.total_vesting_shares, tvs, "auto-vested VESTS stay in the total");
});

test("a fully routed week still reports the owner's leg, with 0; a 0-VESTS leg is not reported", () => {
  const state = setup(1_000_000n, 2_000_000_000_000n, { bob: 40n, carol: 0n, dave: 0n });
  setWithdrawVestingRoute.apply(context(state, t0), { from_account: "bob", to_account: "carol", percent: 9999, auto_vest: false });
  setWithdrawVestingRoute.apply(context(state, t0), { from_account: "bob", to_account: "dave", percent: 1, auto_vest: true });
  withdrawVesting.apply(context(state, t0), { account: "bob", vesting_shares: vests(40n) });
  processVestingWithdrawals(state, t0 + week);
  // 10 VESTS: dave ⌊10·1/10000⌋ = 0 (no vop), carol ⌊10·9999/10000⌋ = 9, bob 1.
  const ops = state.virtualOps.take().map((r) => (r.op.type === "fill_vesting_withdraw" ? [r.op.value.to_account, r.op.value.withdrawn.amount] : []));
  assert.deepEqual(ops, [["carol", 9n], ["bob", 1n]]);
});

test("a power-down and a delegation return interleave as the days pass", () => {
  const state = setup(1_000_000_000n, 2_000_000_000_000_000n, { alice: 10_000_000_000n, bob: 0n });
  withdrawVesting.apply(context(state, t0), { account: "alice", vesting_shares: vests(4_000_000_000n) });
  delegateVestingShares.apply(context(state, t0), { delegator: "alice", delegatee: "bob", vesting_shares: vests(2_000_000_000n) });
  delegateVestingShares.apply(context(state, t0 + 10), { delegator: "alice", delegatee: "bob", vesting_shares: vests(0n) });
  assert.equal(state.delegations.size, 0);
  const expiration = state.delegationExpirations.get("1")!;
  assert.deepEqual(expiration, { id: 1, delegator: "alice", vesting_shares: 2_000_000_000n, expiration: t0 + 10 + fiveDays });

  clearExpiredDelegations(state, t0 + 10 + fiveDays);
  assert.equal(state.virtualOps.count, 0, "returned only once the expiration is strictly past");
  assert.equal(state.accounts.get("alice")!.delegated_vesting_shares, 2_000_000_000n);

  const mana = state.accounts.get("alice")!.voting_manabar.current_mana;
  clearExpiredDelegations(state, t0 + 11 + fiveDays);
  assert.deepEqual(state.virtualOps.take().map((r) => r.op), [{ type: "return_vesting_delegation", value: { account: "alice", vesting_shares: vests(2_000_000_000n) } }]);
  const alice = state.accounts.get("alice")!;
  assert.equal(alice.delegated_vesting_shares, 0n);
  assert.equal(state.delegationExpirations.size, 0);
  // Max while delegated: 10,000 − 2,000 − 1,000 (this week's power-down) = 7,000 VESTS, and the mana was full; the return adds 2,000.
  assert.equal(mana, 7_000_000_000n, "delegating took 2,000 from mana regenerated (clamped) to 9,000");
  assert.equal(alice.voting_manabar.current_mana, 7_000_000_000n + 2_000_000_000n);
  assert.equal(alice.downvote_manabar.current_mana, 1_750_000_000n + 500_000_000n);

  processVestingWithdrawals(state, t0 + week);
  assert.equal(state.accounts.get("alice")!.vesting_shares, 9_000_000_000n);
  assert.equal(state.accounts.get("alice")!.next_vesting_withdrawal, t0 + 2 * week);
  clearExpiredDelegations(state, t0 + 100 * week);
  processVestingWithdrawals(state, t0 + 100 * week);
  // A chain that skipped ahead pays every overdue week in one go, as steemd's loop would.
  const alice2 = state.accounts.get("alice")!;
  assert.equal(alice2.vesting_shares, 6_000_000_000n);
  assert.equal(alice2.next_vesting_withdrawal, timeNever);
});
