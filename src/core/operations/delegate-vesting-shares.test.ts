// delegate_vesting_shares (HF20+ rules, HF22 downvote arithmetic): mana moves, minimums, the 5-day return, refusals.
import assert from "node:assert/strict";
import { test } from "node:test";
import { delegationKey, type ChainState } from "../chain/state.ts";
import { clearExpiredDelegations } from "../chain/vesting-processing.ts";
import { updateAccount } from "../chain/accounts.ts";
import { ChainError } from "../errors.ts";
import { delegateVestingShares } from "./delegate-vesting-shares.ts";
import { withdrawVesting } from "./withdraw-vesting.ts";
import { createVestingTestState, vestingTestTime } from "../../../test/helpers/vesting-state.ts";

const t0 = vestingTestTime;
const fiveDays = 5 * 24 * 3600;
/** 1 VESTS in raw units; the price is 2,000 VESTS per STEEM, so the 3.000 STEEM fee makes the minimums 2,000 and 200 VESTS. */
const V = 1_000_000n;

const setup = (accounts: Record<string, bigint>): ChainState => createVestingTestState(1_000_000_000n, 2_000_000_000_000_000n, accounts);

function delegate(state: ChainState, delegator: string, delegatee: string, amount: bigint, now: number): void {
  const op = { delegator, delegatee, vesting_shares: { amount, symbol: "VESTS" as const } };
  delegateVestingShares.validate(op);
  delegateVestingShares.apply({ state, now, blockNum: 2 }, op);
}

function expectRefusal(fn: () => void, code: string, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => error instanceof ChainError && error.code === code && pattern.test(error.message));
}

function bars(state: ChainState, name: string): [bigint, bigint] {
  const account = state.accounts.get(name)!;
  return [account.voting_manabar.current_mana, account.downvote_manabar.current_mana];
}

test("create, increase, decrease: mana moves at once, the decrease comes back after 5 days with return_vesting_delegation", () => {
  const state = setup({ alice: 10_000n * V, bob: 0n });
  delegate(state, "alice", "bob", 3_000n * V, t0);
  assert.deepEqual(state.delegations.get(delegationKey("alice", "bob")), { id: 0, delegator: "alice", delegatee: "bob", vesting_shares: 3_000n * V, min_delegation_time: t0 });
  assert.equal(state.accounts.get("alice")!.delegated_vesting_shares, 3_000n * V);
  assert.equal(state.accounts.get("bob")!.received_vesting_shares, 3_000n * V);
  assert.deepEqual(bars(state, "alice"), [7_000n * V, 2_500n * V - 750n * V]);
  assert.deepEqual(bars(state, "bob"), [3_000n * V, 750n * V]);

  delegate(state, "alice", "bob", 4_000n * V, t0 + 10);
  assert.equal(state.delegations.get(delegationKey("alice", "bob"))!.vesting_shares, 4_000n * V);
  assert.equal(state.delegations.get(delegationKey("alice", "bob"))!.min_delegation_time, t0, "an increase keeps the delegation's time");
  assert.equal(state.accounts.get("alice")!.delegated_vesting_shares, 4_000n * V);
  assert.equal(state.accounts.get("bob")!.received_vesting_shares, 4_000n * V);
  assert.deepEqual(bars(state, "alice"), [6_000n * V, 1_500n * V]);
  assert.deepEqual(bars(state, "bob"), [4_000n * V, 1_000n * V]);

  const t1 = t0 + 100;
  delegate(state, "alice", "bob", 2_500n * V, t1);
  assert.equal(state.delegations.get(delegationKey("alice", "bob"))!.vesting_shares, 2_500n * V);
  assert.equal(state.accounts.get("alice")!.delegated_vesting_shares, 4_000n * V, "the delegator waits for its VESTS");
  assert.equal(state.accounts.get("bob")!.received_vesting_shares, 2_500n * V, "the delegatee loses them at once");
  assert.deepEqual(bars(state, "bob"), [2_500n * V, 1_000n * V - 375n * V]);
  // The delegation took object id 0 when it was made (and keeps it); the return is the next object, 1.
  assert.equal(state.delegations.get(delegationKey("alice", "bob"))!.id, 0);
  assert.deepEqual(state.delegationExpirations.get("1"), { id: 1, delegator: "alice", vesting_shares: 1_500n * V, expiration: t1 + fiveDays });
  assert.equal(state.props.value.next_request_id, 2);

  clearExpiredDelegations(state, t1 + fiveDays);
  assert.equal(state.virtualOps.count, 0);
  clearExpiredDelegations(state, t1 + fiveDays + 1);
  assert.deepEqual(state.virtualOps.take().map((r) => r.op), [{ type: "return_vesting_delegation", value: { account: "alice", vesting_shares: { amount: 1_500n * V, symbol: "VESTS" } } }]);
  assert.equal(state.accounts.get("alice")!.delegated_vesting_shares, 2_500n * V);
  assert.deepEqual(bars(state, "alice"), [7_500n * V, 1_500n * V + 375n * V]);
  assert.equal(state.delegationExpirations.size, 0);

  delegate(state, "alice", "bob", 0n, t1 + fiveDays + 2);
  assert.equal(state.delegations.has(delegationKey("alice", "bob")), false);
  assert.equal(state.accounts.get("bob")!.received_vesting_shares, 0n);
  assert.deepEqual(state.delegationExpirations.get("2"), { id: 2, delegator: "alice", vesting_shares: 2_500n * V, expiration: t1 + 2 * fiveDays + 2 });
});

test("the return waits for min_delegation_time when that is later (a delegation made at account creation)", () => {
  const state = setup({ alice: 10_000n * V, bob: 0n });
  delegate(state, "alice", "bob", 3_000n * V, t0);
  const key = delegationKey("alice", "bob");
  state.delegations.set(key, { ...state.delegations.get(key)!, min_delegation_time: t0 + 30 * 24 * 3600 });
  delegate(state, "alice", "bob", 0n, t0 + 10);
  assert.equal(state.delegationExpirations.get("1")!.expiration, t0 + 30 * 24 * 3600);
});

test("refused: more than available, self-delegation, below the minimum, too small a change, leaving less than the minimum — nothing changes", () => {
  const state = setup({ alice: 10_000n * V, bob: 0n });
  const before = [...state.accounts.entries()];
  const props = { ...state.props.value };
  expectRefusal(() => delegate(state, "alice", "bob", 10_000n * V + 1n, t0), "insufficient_funds", /not have enough mana to delegate 10000\.000001 VESTS: 10000\.000000 VESTS available/);
  expectRefusal(() => delegate(state, "alice", "alice", 3_000n * V, t0), "self_operation", /cannot delegate VESTS to yourself/);
  expectRefusal(() => delegate(state, "alice", "bob", 2_000n * V - 1n, t0), "delegation_invalid", /at least 2000\.000000 VESTS/);
  expectRefusal(() => delegate(state, "alice", "nobody", 3_000n * V, t0), "account_not_found", /nobody/);
  expectRefusal(() => delegate(state, "alice", "bob", -1n, t0), "amount_negative", /negative/);
  expectRefusal(() => delegateVestingShares.validate({ delegator: "alice", delegatee: "bob", vesting_shares: { amount: 1n, symbol: "STEEM" } }), "wrong_asset_symbol", /VESTS/);
  assert.deepEqual([...state.accounts.entries()], before);
  assert.deepEqual(state.props.value, props);
  assert.equal(state.delegations.size, 0);

  delegate(state, "alice", "bob", 3_000n * V, t0);
  const after = [...state.accounts.entries()];
  expectRefusal(() => delegate(state, "alice", "bob", 3_200n * V - 1n, t0), "delegation_invalid", /change by at least 200\.000000 VESTS/);
  expectRefusal(() => delegate(state, "alice", "bob", 2_800n * V + 1n, t0), "delegation_invalid", /change by at least 200\.000000 VESTS/);
  expectRefusal(() => delegate(state, "alice", "bob", 1_999n * V, t0), "delegation_invalid", /removed \(0 VESTS\) or keep at least 2000\.000000 VESTS/);
  expectRefusal(() => delegate(state, "alice", "bob", 3_000n * V, t0), "delegation_invalid", /change by at least/);
  expectRefusal(() => delegate(state, "alice", "bob", 10_000n * V + 1n, t0), "insufficient_funds", /delegate 7000\.000001 VESTS: 7000\.000000 VESTS available/);
  assert.deepEqual([...state.accounts.entries()], after);
  assert.equal(state.delegationExpirations.size, 0);
});

test("only charged mana of one's own VESTS can be delegated: spent mana, received VESTS and a power-down count against it", () => {
  const state = setup({ alice: 10_000n * V, bob: 10_000n * V, carol: 0n });
  // Half the mana spent 1 day ago: regenerated by a fifth of the max since.
  updateAccount(state, state.accounts.get("alice")!, { voting_manabar: { current_mana: 5_000n * V, last_update_time: t0 - 24 * 3600 } });
  expectRefusal(() => delegate(state, "alice", "carol", 7_000n * V + 1n, t0), "insufficient_funds", /7000\.000000 VESTS available/);
  delegate(state, "alice", "carol", 7_000n * V, t0);

  // Received VESTS cannot be passed on: carol holds none of her own.
  expectRefusal(() => delegate(state, "carol", "bob", 2_000n * V, t0), "insufficient_funds", /0\.000000 VESTS available/);

  // Powering down 8,000 of 10,000 (2,000 a week): the other 6,000 of the power-down are not available either.
  withdrawVesting.apply({ state, now: t0, blockNum: 2 }, { account: "bob", vesting_shares: { amount: 8_000n * V, symbol: "VESTS" } });
  expectRefusal(() => delegate(state, "bob", "carol", 2_000n * V + 1n, t0), "insufficient_funds", /2000\.000000 VESTS available/);
  delegate(state, "bob", "carol", 2_000n * V, t0);
});

test("the downvote check (HF22): ⌊down · 10000 / 2500⌋ + 3 VESTS may be delegated", () => {
  const state = setup({ alice: 10_000n * V, bob: 0n });
  updateAccount(state, state.accounts.get("alice")!, { downvote_manabar: { current_mana: 750n * V, last_update_time: t0 } });
  expectRefusal(() => delegate(state, "alice", "bob", 3_000n * V + 4n, t0), "insufficient_funds", /not have enough downvote mana to delegate 3000\.000004 VESTS: 3000\.000003 VESTS available/);
  delegate(state, "alice", "bob", 3_000n * V + 3n, t0);
  assert.deepEqual(bars(state, "alice"), [7_000n * V - 3n, 0n], "downvote mana never goes below 0");
});

test("delegate_vesting_shares needs the delegator's active authority", () => {
  const into = { posting: new Set<string>(), active: new Set<string>(), owner: new Set<string>(), other: [] };
  delegateVestingShares.collectAuthorities({ delegator: "alice", delegatee: "bob", vesting_shares: { amount: 1n, symbol: "VESTS" } }, into);
  assert.deepEqual([...into.active], ["alice"]);
});
