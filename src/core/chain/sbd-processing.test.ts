// Checks the hourly feed (§9.2): the median joins an 84-entry history whose median, floored by the debt limit,
// prices SBD; too few fresh feeds change nothing. Also the fill order of conversions and savings withdrawals.
import assert from "node:assert/strict";
import { test } from "node:test";
import { nullPublicKey } from "../crypto/keys.ts";
import { createSingleKeyAuthority } from "../protocol/authority.ts";
import { feedIntervalBlocks, initMinerName, maxFeedAgeSeconds } from "../protocol/config.ts";
import { feedPublish } from "../operations/feed-publish.ts";
import { convert } from "../operations/convert.ts";
import { transferFromSavings } from "../operations/transfer-from-savings.ts";
import { adjustLiquidBalance, adjustSavingsBalance, createAccount } from "./accounts.ts";
import { createGenesisState } from "./genesis.ts";
import { processConversions, processSavingsWithdraws, requestKey, updateMedianFeed } from "./sbd-processing.ts";
import type { ChainState } from "./state.ts";

const t0 = 1_600_000_000;
const hour = 3600;
const price = (base: bigint, quote: bigint) => ({ base, quote });

function setup(initialPrice?: { sbd: bigint; steem: bigint }): ChainState {
  const state = createGenesisState({ time: t0, initPublicKey: nullPublicKey, initLiquidSteem: 1_000_000_000n, initVestingSteem: 0n, vestsPerSteem: 2_000_000n, accountCreationFee: 0n, initialPrice });
  for (const name of ["bob", "bob-a", "carol"]) {
    const auth = createSingleKeyAuthority(nullPublicKey);
    createAccount(state, { name, owner: auth, active: auth, posting: auth, memo_key: nullPublicKey, json_metadata: "", recovery_account: "" }, t0);
  }
  return state;
}

function publish(state: ChainState, base: bigint, quote: bigint, now: number): void {
  feedPublish.apply({ state, now, blockNum: 1 }, { publisher: initMinerName, exchange_rate: { base: { amount: base, symbol: "SBD" }, quote: { amount: quote, symbol: "STEEM" } } });
}

test("feed: the producer's median joins the history each 1200 blocks; the history's median is current", () => {
  const state = setup({ sbd: 250n, steem: 1_000n });
  assert.deepEqual(state.feed.value, { current_median_history: price(250n, 1_000n), price_history: [price(250n, 1_000n)] });
  publish(state, 300n, 1_000n, t0 + 10);
  // Not a feed block: nothing happens.
  updateMedianFeed(state, feedIntervalBlocks - 1, t0 + hour - 3);
  assert.equal(state.feed.value.price_history.length, 1);
  updateMedianFeed(state, feedIntervalBlocks, t0 + hour);
  // History [0.250, 0.300]: steemd takes sorted[n / 2], the upper middle.
  assert.deepEqual(state.feed.value, { current_median_history: price(300n, 1_000n), price_history: [price(250n, 1_000n), price(300n, 1_000n)] });
  publish(state, 200n, 1_000n, t0 + hour + 3);
  updateMedianFeed(state, 2 * feedIntervalBlocks, t0 + 2 * hour);
  assert.deepEqual(state.feed.value.current_median_history, price(250n, 1_000n), "median of 0.250, 0.300, 0.200");
  assert.deepEqual(state.feed.value.price_history, [price(250n, 1_000n), price(300n, 1_000n), price(200n, 1_000n)]);
});

test("feed: the debt limit raises the median to 9 × SBD supply / STEEM supply but leaves the history alone (§15.6)", () => {
  const state = setup({ sbd: 250n, steem: 1_000n });
  state.props.value = { ...state.props.value, current_supply: 380_000_000_000n, current_sbd_supply: 10_000_000_000n };
  publish(state, 100n, 1_000n, t0 + 3);
  updateMedianFeed(state, feedIntervalBlocks, t0 + hour);
  // History [0.250, 0.100] → median 0.250, above the floor ≈ 0.2368: not clamped.
  assert.deepEqual(state.feed.value.current_median_history, price(250n, 1_000n));
  updateMedianFeed(state, 2 * feedIntervalBlocks, t0 + 2 * hour);
  // History [0.250, 0.100, 0.100] → median 0.100, raised to the floor 90e9 SBD / 380e9 STEEM.
  assert.deepEqual(state.feed.value.current_median_history, price(90_000_000_000n, 380_000_000_000n));
  assert.deepEqual(state.feed.value.price_history, [price(250n, 1_000n), price(100n, 1_000n), price(100n, 1_000n)]);
  // No SBD at all: no floor.
  state.props.value = { ...state.props.value, current_sbd_supply: 0n };
  updateMedianFeed(state, 3 * feedIntervalBlocks, t0 + 3 * hour);
  assert.deepEqual(state.feed.value.current_median_history, price(100n, 1_000n));
});

test("feed: without a fresh feed from the producer nothing changes, not even the debt floor", () => {
  const state = setup({ sbd: 250n, steem: 1_000n });
  const before = state.feed.value;
  // No feed published at all.
  updateMedianFeed(state, feedIntervalBlocks, t0 + hour);
  assert.equal(state.feed.value, before);
  publish(state, 300n, 1_000n, t0 + 3);
  // Exactly 7 days old: stale (steemd counts a feed while now < last_update + 7 days).
  state.props.value = { ...state.props.value, current_supply: 1_000_000n, current_sbd_supply: 1_000_000n };
  updateMedianFeed(state, 2 * feedIntervalBlocks, t0 + 3 + maxFeedAgeSeconds);
  assert.equal(state.feed.value, before, "a stale feed adds nothing and the floor is not re-applied");
  updateMedianFeed(state, 2 * feedIntervalBlocks, t0 + 2 + maxFeedAgeSeconds);
  assert.equal(state.feed.value.price_history.length, 2, "one second younger it counts");
  // A former producer's feed does not count once another account produces.
  const after = state.feed.value;
  state.props.value = { ...state.props.value, current_witness: "bob" };
  updateMedianFeed(state, 3 * feedIntervalBlocks, t0 + 3 * hour);
  assert.equal(state.feed.value, after);
});

test("feed: the history keeps the newest 84 hourly medians", () => {
  const state = setup();
  assert.equal(state.feed.value.current_median_history, null);
  for (let i = 1; i <= 90; i++) {
    publish(state, BigInt(i), 1_000n, t0 + i * hour - 3);
    updateMedianFeed(state, i * feedIntervalBlocks, t0 + i * hour);
  }
  const { price_history: history, current_median_history: median } = state.feed.value;
  assert.equal(history.length, 84);
  assert.deepEqual(history[0], price(7n, 1_000n));
  assert.deepEqual(history[83], price(90n, 1_000n));
  assert.deepEqual(median, price(49n, 1_000n), "sorted 7…90, element 42");
});

test("conversions fill by (date, request id) at the median of the moment; none without a median", () => {
  const state = setup({ sbd: 250n, steem: 1_000n });
  for (const name of ["carol", "bob"]) adjustLiquidBalance(state, name, "SBD", 10_000n, t0);
  state.props.value = { ...state.props.value, current_sbd_supply: 20_000n };
  convert.apply({ state, now: t0 + 3, blockNum: 1 }, { owner: "carol", requestid: 5, amount: { amount: 1_000n, symbol: "SBD" } });
  convert.apply({ state, now: t0 + 3, blockNum: 1 }, { owner: "bob", requestid: 9, amount: { amount: 2_000n, symbol: "SBD" } });
  convert.apply({ state, now: t0 + 3, blockNum: 1 }, { owner: "bob", requestid: 1, amount: { amount: 3_000n, symbol: "SBD" } });
  const due = state.conversions.get(requestKey("carol", 5))!.conversion_date;
  state.feed.value = { current_median_history: null, price_history: [] };
  processConversions(state, due);
  assert.equal(state.conversions.size, 3, "no median: the requests wait");
  state.feed.value = { current_median_history: price(500n, 1_000n), price_history: [price(500n, 1_000n)] };
  state.virtualOps.take();
  const props = state.props.value;
  processConversions(state, due);
  assert.equal(state.conversions.size, 0);
  const fills = state.virtualOps.take().map((r) => r.op.value as { owner: string; requestid: number; amount_out: { amount: bigint } });
  assert.deepEqual(fills.map((f) => [f.owner, f.requestid, f.amount_out.amount]), [["carol", 5, 2_000n], ["bob", 9, 4_000n], ["bob", 1, 6_000n]]);
  assert.equal(state.props.value.current_supply, props.current_supply + 12_000n);
  assert.equal(state.props.value.current_sbd_supply, props.current_sbd_supply - 6_000n);
  assert.equal(state.props.value.virtual_supply, props.virtual_supply + 12_000n - 12_000n);
});

test("savings withdrawals due in the same second complete in steemd's (from, request_id) order", () => {
  const state = setup();
  for (const name of ["bob", "bob-a"]) adjustSavingsBalance(state, name, "STEEM", 10_000n, t0);
  const withdraw = (from: string, rid: number) =>
    transferFromSavings.apply({ state, now: t0 + 3, blockNum: 1 }, { from, request_id: rid, to: "carol", amount: { amount: 1_000n, symbol: "STEEM" }, memo: "" });
  withdraw("bob-a", 1);
  withdraw("bob", 10);
  withdraw("bob", 9);
  processSavingsWithdraws(state, t0 + 3 + 3 * 24 * hour);
  const fills = state.virtualOps.take().map((r) => r.op.value as { from: string; request_id: number });
  assert.deepEqual(fills.map((f) => `${f.from}/${f.request_id}`), ["bob/9", "bob/10", "bob-a/1"]);
  assert.equal(state.accounts.get("carol")!.balance, 3_000n);
});
