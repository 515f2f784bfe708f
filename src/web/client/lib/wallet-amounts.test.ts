// Checks the wallet's exact amount arithmetic: wire parsing, typed input, grouping, VESTS ↔ STEEM at the chain's floor, and dollar estimates.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  estimateValueMilliDollars, formatMilliDollars, formatSteemPower, formatTokenAmount, formatUnits, formatWireAmount, integerUnits, parseAmountInput,
  parseVestingRatio, parseWireAmount, steemToVests, vestsToSteem, wireUnits,
} from "./wallet-amounts.ts";

test("wire amounts parse exactly, with the symbol's precision only", () => {
  assert.deepEqual(parseWireAmount("1234.567 STEEM"), { amount: 1_234_567n, symbol: "STEEM" });
  assert.deepEqual(parseWireAmount("0.000001 VESTS"), { amount: 1n, symbol: "VESTS" });
  assert.deepEqual(parseWireAmount("-2.500 SBD"), { amount: -2_500n, symbol: "SBD" });
  for (const bad of ["1.0 STEEM", "1.000000 STEEM", "1.000 VESTS", "1 STEEM", "1.000 HIVE", "", 5, null]) assert.equal(parseWireAmount(bad), null, String(bad));
  assert.equal(wireUnits("3.000 SBD", "STEEM"), 0n, "another token counts as nothing");
  assert.equal(integerUnits(12), 12n);
  assert.equal(integerUnits("98765432109876"), 98_765_432_109_876n);
  assert.equal(integerUnits(1.5), 0n);
});

test("amounts format with thousands separators and every decimal, never through a float", () => {
  assert.equal(formatUnits(1_234_567n, 3), "1,234.567");
  assert.equal(formatUnits(5n, 3), "0.005");
  assert.equal(formatUnits(-1_000_000_000n, 6), "-1,000.000000");
  assert.equal(formatUnits(123n, 0), "123");
  assert.equal(formatTokenAmount("5000000.000 STEEM"), "5,000,000.000 STEEM");
  assert.equal(formatTokenAmount("not an amount"), "not an amount");
  assert.equal(formatWireAmount(1n, "VESTS"), "0.000001 VESTS");
  assert.equal(formatWireAmount(100_000n, "STEEM"), "100.000 STEEM");
  // 0.1 + 0.2 typed as amounts stays exact.
  const a = parseAmountInput("0.1", 3);
  const b = parseAmountInput("0.2", 3);
  assert.ok(a.ok && b.ok);
  assert.equal(formatWireAmount(a.amount + b.amount, "STEEM"), "0.300 STEEM");
});

test("typed amounts: plain, grouped and leading-dot numbers pass; too many decimals, signs and words are refused", () => {
  assert.deepEqual(parseAmountInput(" 12 ", 3), { ok: true, amount: 12_000n });
  assert.deepEqual(parseAmountInput("1,234.5", 3), { ok: true, amount: 1_234_500n });
  assert.deepEqual(parseAmountInput(".5", 3), { ok: true, amount: 500n });
  assert.deepEqual(parseAmountInput("7.", 3), { ok: true, amount: 7_000n });
  assert.deepEqual(parseAmountInput("0.000001", 6), { ok: true, amount: 1n });
  const refusals: [string, RegExp][] = [
    ["", /Enter an amount/], ["1.2345", /at most 3 decimals/], ["-1", /as a number/], ["1e3", /as a number/], ["abc", /as a number/],
    ["0", /more than zero/], ["0.000", /more than zero/], ["1,23", /as a number/], [".", /as a number/],
  ];
  for (const [text, problem] of refusals) {
    const result = parseAmountInput(text, 3);
    assert.ok(!result.ok, text);
    assert.match(result.problem, problem, text);
  }
});

test("VESTS and STEEM convert at total_vesting_fund_steem / total_vesting_shares, rounding down", () => {
  // The dev chain's price after the demo: about 2,000 VESTS a STEEM.
  const ratio = parseVestingRatio("1021000.096 STEEM", "2042000119.999988 VESTS");
  assert.deepEqual(ratio, { fundSteem: 1_021_000_096n, shares: 2_042_000_119_999_988n });
  const vests = 10_000_000_000_000n;
  assert.equal(vestsToSteem(vests, ratio), (vests * 1_021_000_096n) / 2_042_000_119_999_988n);
  assert.equal(formatSteemPower(vests, ratio), "5,000.000 SP");
  assert.equal(formatSteemPower(vests - 2_000_000n, ratio), "4,999.999 SP", "two VESTS (a milli-STEEM) less rounds down");
  assert.equal(vestsToSteem(steemToVests(1_000n, ratio), ratio) <= 1_000n, true, "a round trip never gains");
  assert.equal(steemToVests(1_000n, ratio), (1_000n * 2_042_000_119_999_988n) / 1_021_000_096n);
  const up = steemToVests(100_000n, ratio, "up");
  assert.equal(vestsToSteem(up, ratio), 100_000n, "rounding up reads back as the amount typed");
  assert.equal(vestsToSteem(steemToVests(100_000n, ratio), ratio), 99_999n, "where rounding down loses a milli-STEEM");
  assert.equal(up - steemToVests(100_000n, ratio), 1n);
  const unpriced = parseVestingRatio("0.000 STEEM", "0.000000 VESTS");
  assert.equal(vestsToSteem(2_000_000n, unpriced), 2_000n, "1 STEEM = 1 VESTS before any stake");
  assert.equal(steemToVests(2_000n, unpriced), 2_000_000n);
});

test("account value: STEEM at the feed price plus SBD, to the cent", () => {
  const price = { base: 250n, quote: 1_000n };
  assert.equal(estimateValueMilliDollars(5_100_000n, 2_000n, price), 1_277_000n);
  assert.equal(formatMilliDollars(1_277_000n), "$1,277.00");
  assert.equal(formatMilliDollars(1_234_565n), "$1,234.57");
  assert.equal(formatMilliDollars(4n), "$0.00");
  assert.equal(estimateValueMilliDollars(5_000n, 1_000n, { base: 0n, quote: 0n }), 1_000n, "no feed: STEEM counts nothing");
});
