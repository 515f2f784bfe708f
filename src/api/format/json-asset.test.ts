// Checks the exact asset texts of both styles: full precision out, exact decimals and known symbols in, dhive's HIVE/HBD read as STEEM/SBD.
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatAppbaseAsset, formatAsset, parseAppbaseAsset, parseAsset } from "./json-asset.ts";

test("legacy assets print every decimal of their precision", () => {
  assert.equal(formatAsset({ amount: 1000n, symbol: "STEEM" }), "1.000 STEEM");
  assert.equal(formatAsset({ amount: 250n, symbol: "SBD" }), "0.250 SBD");
  assert.equal(formatAsset({ amount: 1234567890n, symbol: "VESTS" }), "1234.567890 VESTS");
  assert.equal(formatAsset({ amount: 0n, symbol: "VESTS" }), "0.000000 VESTS");
  assert.equal(formatAsset({ amount: -1500n, symbol: "STEEM" }), "-1.500 STEEM");
  assert.equal(formatAsset({ amount: -(2n ** 63n), symbol: "SBD" }), "-9223372036854775.808 SBD");
});

test("legacy assets parse exactly, HIVE and HBD standing for STEEM and SBD", () => {
  assert.deepEqual(parseAsset("1.000 STEEM"), { amount: 1000n, symbol: "STEEM" });
  assert.deepEqual(parseAsset("0.250 SBD"), { amount: 250n, symbol: "SBD" });
  assert.deepEqual(parseAsset("1234.567890 VESTS"), { amount: 1234567890n, symbol: "VESTS" });
  assert.deepEqual(parseAsset("1.000 HIVE"), { amount: 1000n, symbol: "STEEM" });
  assert.deepEqual(parseAsset("0.001 HBD"), { amount: 1n, symbol: "SBD" });
  assert.deepEqual(parseAsset("-0.500 STEEM"), { amount: -500n, symbol: "STEEM" });
  assert.deepEqual(parseAsset("9223372036854775.807 STEEM"), { amount: 2n ** 63n - 1n, symbol: "STEEM" });
});

test("legacy assets with the wrong decimals, symbol or layout are invalid_asset errors that say why", () => {
  const refusals: [string, RegExp][] = [
    ["1 STEEM", /must have exactly 3 decimals, as in "1.000 STEEM"/],
    ["1.0 STEEM", /must have exactly 3 decimals/],
    ["1.0000 STEEM", /must have exactly 3 decimals/],
    ["1.000 VESTS", /must have exactly 6 decimals, as in "1.000000 VESTS"/],
    ["1.000 steem", /unknown asset symbol "steem"/],
    ["1.000 TESTS", /unknown asset symbol "TESTS"/],
    ["1.000 XYZ", /unknown asset symbol "XYZ"/],
    ["1.000STEEM", /expected an asset like "1.000 STEEM"/],
    ["1.000  STEEM", /expected an asset like/],
    [" 1.000 STEEM", /expected an asset like/],
    ["1.000 STEEM ", /expected an asset like/],
    ["+1.000 STEEM", /expected an asset like/],
    ["1e3 STEEM", /expected an asset like/],
    [".500 STEEM", /expected an asset like/],
    ["9223372036854775.808 STEEM", /does not fit in 64 bits/],
    [`${"9".repeat(40)}.000 STEEM`, /expected an asset like/],
  ];
  for (const [text, message] of refusals) assert.throws(() => parseAsset(text), { name: "ChainError", code: "invalid_asset", message }, text);
  assert.throws(() => parseAsset(1000 as never), { code: "invalid_asset", message: /got 1000/ });
});

test("appbase assets are {amount, precision, nai} with the amount a string", () => {
  assert.deepEqual(formatAppbaseAsset({ amount: 1000n, symbol: "STEEM" }), { amount: "1000", precision: 3, nai: "@@000000021" });
  assert.deepEqual(formatAppbaseAsset({ amount: 5n, symbol: "SBD" }), { amount: "5", precision: 3, nai: "@@000000013" });
  assert.deepEqual(formatAppbaseAsset({ amount: 2n ** 60n, symbol: "VESTS" }), { amount: "1152921504606846976", precision: 6, nai: "@@000000037" });
  assert.deepEqual(parseAppbaseAsset({ amount: "1000", precision: 3, nai: "@@000000021" }), { amount: 1000n, symbol: "STEEM" });
  assert.deepEqual(parseAppbaseAsset({ amount: 1000, precision: 6, nai: "@@000000037" }), { amount: 1000n, symbol: "VESTS" });
  assert.deepEqual(parseAppbaseAsset({ nai: "@@000000013", amount: "-7", precision: 3 }), { amount: -7n, symbol: "SBD" });
});

test("appbase assets with a wrong precision, unknown nai or non-integer amount are refused", () => {
  const refusals: [unknown, RegExp][] = [
    [{ amount: "1000", precision: 6, nai: "@@000000021" }, /precision must be 3 for STEEM \(nai @@000000021\), got 6/],
    [{ amount: "1000", nai: "@@000000021" }, /precision must be 3 for STEEM \(nai @@000000021\), got nothing/],
    [{ amount: "1000", precision: 3, nai: "@@000000099" }, /unknown asset nai "@@000000099"/],
    [{ amount: "1.5", precision: 3, nai: "@@000000021" }, /must be an integer count/],
    [{ amount: 1.5, precision: 3, nai: "@@000000021" }, /must be an integer count/],
    [{ amount: 2 ** 60, precision: 3, nai: "@@000000021" }, /must be an integer count/],
    [{ amount: "9223372036854775808", precision: 3, nai: "@@000000021" }, /does not fit in 64 bits/],
    [{ precision: 3, nai: "@@000000021" }, /must be an integer count/],
    ["1.000 STEEM", /expected an asset like \{"amount"/],
    [["1000", 3, "@@000000021"], /expected an asset like/],
  ];
  for (const [json, message] of refusals) assert.throws(() => parseAppbaseAsset(json), { name: "ChainError", code: "invalid_asset", message }, JSON.stringify(json));
});
