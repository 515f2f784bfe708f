// set_withdraw_vesting_route: creating, updating and removing routes, and steemd's limits on them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount } from "../chain/accounts.ts";
import { createGenesisState } from "../chain/genesis.ts";
import type { ChainState } from "../chain/state.ts";
import { getWithdrawRoutes, withdrawRouteKey } from "../chain/vesting-processing.ts";
import { nullPublicKey } from "../crypto/keys.ts";
import { ChainError } from "../errors.ts";
import { createSingleKeyAuthority } from "../protocol/authority.ts";
import { setWithdrawVestingRoute } from "./set-withdraw-vesting-route.ts";

const t0 = 1_600_000_000;
const names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj"];

function setup(): ChainState {
  const state = createGenesisState({ time: t0, initPublicKey: nullPublicKey, initLiquidSteem: 0n, initVestingSteem: 0n, vestsPerSteem: 2_000_000n, accountCreationFee: 3000n });
  const auth = createSingleKeyAuthority(nullPublicKey);
  for (const name of names) createAccount(state, { name, owner: auth, active: auth, posting: auth, memo_key: nullPublicKey, json_metadata: "", recovery_account: "" }, t0);
  return state;
}

function route(state: ChainState, from: string, to: string, percent: number, autoVest = false): void {
  const op = { from_account: from, to_account: to, percent, auto_vest: autoVest };
  setWithdrawVestingRoute.validate(op);
  setWithdrawVestingRoute.apply({ state, now: t0, blockNum: 2 }, op);
}

function expectRefusal(fn: () => void, code: string, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => error instanceof ChainError && error.code === code && pattern.test(error.message));
}

function routesOf(state: ChainState, from: string): [string, number, boolean][] {
  return getWithdrawRoutes(state, state.accounts.get(from)!).map((r) => [r.to_account, r.percent, r.auto_vest]);
}

test("routes are created, updated and removed, and the account counts them", () => {
  const state = setup();
  route(state, "alice", "dave", 3000);
  route(state, "alice", "bob", 2500, true);
  assert.deepEqual(routesOf(state, "alice"), [["bob", 2500, true], ["dave", 3000, false]], "listed by destination name");
  assert.equal(state.accounts.get("alice")!.withdraw_routes, 2);
  const daveId = state.withdrawRoutes.get(withdrawRouteKey("alice", "dave"))!.id;
  assert.notEqual(daveId, state.withdrawRoutes.get(withdrawRouteKey("alice", "bob"))!.id, "each route has its own object id");
  route(state, "alice", "dave", 7500, true);
  assert.deepEqual(routesOf(state, "alice"), [["bob", 2500, true], ["dave", 7500, true]]);
  assert.equal(state.withdrawRoutes.get(withdrawRouteKey("alice", "dave"))!.id, daveId, "an updated route keeps its id");
  assert.equal(state.accounts.get("alice")!.withdraw_routes, 2);
  route(state, "alice", "bob", 0);
  assert.deepEqual(routesOf(state, "alice"), [["dave", 7500, true]]);
  assert.equal(state.accounts.get("alice")!.withdraw_routes, 1);
  assert.equal(state.withdrawRoutes.has(withdrawRouteKey("alice", "bob")), false);
  // A route to oneself is allowed (steemd has no rule against it), e.g. to keep part of each week as VESTS.
  route(state, "alice", "alice", 2500, true);
  assert.equal(state.accounts.get("alice")!.withdraw_routes, 2);
  // Re-sending a route unchanged is accepted, as steemd does.
  route(state, "alice", "alice", 2500, true);
  assert.equal(state.accounts.get("alice")!.withdraw_routes, 2);
});

test("refused: over 100% in total, an 11th route, removing a route that does not exist, the treasury, percent over 10000 — nothing changes", () => {
  const state = setup();
  route(state, "alice", "bob", 6000);
  route(state, "alice", "carol", 4000);
  const before = [...state.withdrawRoutes.entries()];
  expectRefusal(() => route(state, "alice", "dave", 1), "percent_out_of_range", /would add up to 100\.01% \(10001 of 10000\)/);
  expectRefusal(() => route(state, "alice", "bob", 6001), "percent_out_of_range", /100\.01%/);
  expectRefusal(() => route(state, "alice", "dave", 0), "invalid_field", /no withdraw route to "dave" to remove/);
  expectRefusal(() => route(state, "alice", "steem.dao", 0), "invalid_field", /cannot route power-down payments to steem\.dao/);
  expectRefusal(() => route(state, "alice", "nobody", 100), "account_not_found", /nobody/);
  expectRefusal(() => route(state, "alice", "bob", 10001), "percent_out_of_range", /between 0 and 10000/);
  assert.deepEqual([...state.withdrawRoutes.entries()], before);
  assert.equal(state.accounts.get("alice")!.withdraw_routes, 2);

  route(state, "alice", "bob", 0);
  route(state, "alice", "carol", 0);
  for (const to of names.slice(1, 11)) route(state, "alice", to, 100);
  assert.equal(state.accounts.get("alice")!.withdraw_routes, 10);
  expectRefusal(() => route(state, "alice", "niaj", 100), "invalid_field", /already has the maximum of 10 withdraw routes/);
  assert.equal(state.accounts.get("alice")!.withdraw_routes, 10);
  assert.equal(state.withdrawRoutes.size, 10);
  // Updating one of the ten is still fine.
  route(state, "alice", "bob", 1000);
  assert.equal(routesOf(state, "alice")[0][1], 1000);
});

test("set_withdraw_vesting_route needs from_account's active authority", () => {
  const into = { posting: new Set<string>(), active: new Set<string>(), owner: new Set<string>(), other: [] };
  setWithdrawVestingRoute.collectAuthorities({ from_account: "alice", to_account: "bob", percent: 100, auto_vest: false }, into);
  assert.deepEqual([...into.active], ["alice"]);
});
