// Checks the feed median, its history window, the debt-limit floor (§9.2, §15.6) and delegation minimums (§8.3).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { GlobalProperties } from "../chain/state.ts";
import { applyDebtLimit, comparePrices, feedHistoryWindow, getMedianPrice, pushFeedHistory } from "./feed.ts";
import { getDelegationMinimums } from "./vesting.ts";

const price = (base: bigint, quote: bigint) => ({ base, quote });

test("the median is sorted[n / 2] by value, whatever the units", () => {
  assert.equal(getMedianPrice([]), null);
  assert.deepEqual(getMedianPrice([price(250n, 1_000n)]), price(250n, 1_000n));
  // 0.2, 0.25 (as 1/4), 0.3 → 0.25; an even count takes the upper middle.
  assert.deepEqual(getMedianPrice([price(300n, 1_000n), price(1n, 5n), price(1n, 4n)]), price(1n, 4n));
  assert.deepEqual(getMedianPrice([price(300n, 1_000n), price(1n, 5n), price(1n, 4n), price(1n, 1n)]), price(300n, 1_000n));
  assert.equal(comparePrices(price(1n, 4n), price(250n, 1_000n)), 0);
});

test("the history keeps the newest 84 hourly medians", () => {
  let history: ReturnType<typeof pushFeedHistory> = [];
  for (let i = 1; i <= 100; i++) history = pushFeedHistory(history, price(BigInt(i), 1_000n));
  assert.equal(history.length, feedHistoryWindow);
  assert.deepEqual(history[0], price(17n, 1_000n));
  assert.deepEqual(getMedianPrice(history), price(59n, 1_000n));
});

test("the debt limit raises a median below 9 × SBD supply / STEEM supply (§15.6)", () => {
  const sbdSupply = 10_000_000_000n;
  const supply = 380_000_000_000n;
  assert.deepEqual(applyDebtLimit(price(250n, 1_000n), sbdSupply, supply), price(250n, 1_000n), "0.250 is above ≈ 0.2368");
  assert.deepEqual(applyDebtLimit(price(200n, 1_000n), sbdSupply, supply), price(90_000_000_000n, 380_000_000_000n));
  assert.deepEqual(applyDebtLimit(price(200n, 1_000n), 0n, supply), price(200n, 1_000n));
});

test("delegation minimums are a third and a thirtieth of the creation fee in VESTS (§15.6)", () => {
  const props = { total_vesting_fund_steem: 150_000_000_000n, total_vesting_shares: 300_000_000_000_000_000n } as GlobalProperties;
  assert.deepEqual(getDelegationMinimums(props, 3_000n), { delegation: 2_000_000_000n, change: 200_000_000n });
});
