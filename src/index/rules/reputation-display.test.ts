// Checks displayed reputation and Hive's reputation-based notification score against values computed by
// hivemind itself (steemit/hivemind normalize.rep_log10 under Python 3.11; Hive's reputation_score
// expression under PostgreSQL 15) and the table of reference/economics.md §15.6.
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatHundredthsHalfEven, grayReputationMax, notificationScoreOfReputation, repLog10, roundHundredthsHalfEven } from "./reputation-display.ts";

test("repLog10 matches the reference table", () => {
  const table: [bigint, number][] = [
    [0n, 25],
    [999_999_999n, 25],
    [1_000_000_000n, 25],
    [3_124_999_999n, 29.45],
    [1_000_000_000_000n, 52],
    [95_832_978_796_820n, 69.83],
    [143_000_000_000_000n, 71.4],
    [-1_000_000_000_000n, -2],
    [-1_000_000_000n, 25],
  ];
  for (const [raw, shown] of table) assert.equal(repLog10(raw), shown, `${raw}`);
});

test("repLog10 matches Python's rep_log10 on small, boundary and huge values", () => {
  const table: [bigint, number][] = [
    [1n, 25],
    [5n, 25],
    [999n, 25],
    [1_000n, 25],
    [6_254_999_999n, 32.17],
    [10_000_000_000n, 34],
    [10_000_000_000_000n, 61],
    [1_000_000_000_000_000n, 79],
    [9_223_372_036_854_775_807n, 114.68],
    [-9_223_372_036_854_775_808n, -64.68],
    [123_456_789_012_345_678_901_234_567_890n, 205.82],
    // The gray line: Hive's hive_accounts_view uses raw ≤ −464,800,000,000 for "rep_log10 < 1".
    [-464_800_000_000n, 0.99],
    [-464_799_999_999n, 1],
    [-464_700_000_000n, 1],
    [-599_499_999_999n, 0],
  ];
  for (const [raw, shown] of table) assert.equal(repLog10(raw), shown, `${raw}`);
});

test("repLog10 gives −0 just below −6·10^11, as Python does, which is not below 0", () => {
  for (const raw of [-599_999_999_999n, -600_000_000_000n, -599_500_000_000n]) {
    const shown = repLog10(raw);
    assert.ok(Object.is(shown, -0), `${raw} → ${shown}`);
    assert.equal(shown < 0, false);
  }
  assert.ok(repLog10(-601_000_000_000n) < 0);
});

test("hundredths round like Python: exact ties to even, everything else from the exact binary value", () => {
  const table: [number, string][] = [
    [0.125, "0.12"],
    [0.375, "0.38"],
    [0.625, "0.62"],
    [0.875, "0.88"],
    [1.125, "1.12"],
    [-0.125, "-0.12"],
    [2.675, "2.67"],
    [1.005, "1.00"],
    [0.135, "0.14"],
    [0.045, "0.04"],
    [3, "3.00"],
  ];
  for (const [x, text] of table) assert.equal(formatHundredthsHalfEven(x), text, `${x}`);
  assert.equal(roundHundredthsHalfEven(24.99999991), 25);
});

test("notification score of reputation follows Hive's reputation_score, ties away from zero", () => {
  const table: [bigint, number][] = [
    [0n, 25],
    [1n, 25],
    [999_999_999n, 25],
    [1_000_000_000n, 25],
    [3_124_999_999n, 29],
    [9_999_999_999n, 32],
    [10_000_000_000n, 33],
    [10_000_000_001n, 33],
    [999_999_999_999n, 47],
    [1_000_000_000_000n, 48],
    [100_000_000_000_000n, 63],
    [95_832_978_796_820n, 62],
    [143_000_000_000_000n, 64],
    [31_622_776_601_683n, 59],
    [-999_999_999_999n, 3],
    [-1_000_000_000_000n, 3],
    [-1_000_000_000_001n, 2],
    [-100_000_000_000_000n, -13],
    [-100_000_000_000_001n, -13],
    [-464_800_000_000n, 5],
    [-599_999_999_999n, 4],
    [999_999_999_999_999_999n, 93],
    [1_000_000_000_000_000_000n, 93],
    [1_000_000_000_000_000_001n, 93],
    [9_223_372_036_854_775_807n, 100],
    [-9_223_372_036_854_775_807n, -50],
  ];
  for (const [raw, score] of table) assert.equal(notificationScoreOfReputation(raw), score, `${raw}`);
  assert.ok(Object.is(notificationScoreOfReputation(-2_200_000_000_000n), 0), "a score of 0 is +0, not −0");
});

test("gray is exactly a raw reputation at or below grayReputationMax (displayed reputation below 1)", () => {
  assert.ok(repLog10(grayReputationMax) < 1);
  assert.ok(repLog10(grayReputationMax + 1n) >= 1);
  // About −4.6·10^11 raw: (log10|raw| − 9)·9 + 25 = 1.
  assert.ok(grayReputationMax < -460_000_000_000n && grayReputationMax > -470_000_000_000n, String(grayReputationMax));
  assert.equal(repLog10(0n), 25);
});
