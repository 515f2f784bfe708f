// Checks integer input (numbers or decimal strings, range-checked per type) and fc's number-or-string rule for 64-bit output.
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatInt64, parseInt64, parseSmallInteger } from "./json-integer.ts";

test("small integers accept numbers and decimal strings within their type's range", () => {
  assert.equal(parseSmallInteger("uint16", 65535), 65535);
  assert.equal(parseSmallInteger("uint16", "10000"), 10000);
  assert.equal(parseSmallInteger("int16", -32768), -32768);
  assert.equal(parseSmallInteger("int16", "-5"), -5);
  assert.equal(parseSmallInteger("uint32", 4294967295), 4294967295);
  assert.equal(parseSmallInteger("uint8", "007"), 7);
});

test("small integers out of range, fractional or of another type are refused with the range", () => {
  const refusals: [Parameters<typeof parseSmallInteger>[0], unknown][] = [
    ["uint16", 65536], ["uint16", -1], ["int16", 32768], ["int16", "-32769"], ["uint8", 256], ["uint32", 4294967296],
    ["uint16", 1.5], ["uint16", "1.5"], ["uint16", "1e3"], ["uint16", " 1"], ["uint16", ""], ["uint16", true], ["uint16", null], ["uint16", [1]],
    ["uint16", Number.NaN], ["uint16", Number.POSITIVE_INFINITY],
  ];
  for (const [kind, json] of refusals) assert.throws(() => parseSmallInteger(kind, json), { name: "ChainError", code: "invalid_field" }, `${kind} ${String(json)}`);
  assert.throws(() => parseSmallInteger("int16", 40000), { message: "expected an integer from -32768 to 32767 (int16), got 40000" });
});

test("64-bit integers take strings for values a double cannot hold", () => {
  assert.equal(parseInt64("int64", "-9223372036854775808"), -(2n ** 63n));
  assert.equal(parseInt64("uint64", "18446744073709551615"), 2n ** 64n - 1n);
  assert.equal(parseInt64("int64", 4294967296), 4294967296n);
  assert.throws(() => parseInt64("uint64", "18446744073709551616"), { code: "invalid_field" });
  assert.throws(() => parseInt64("uint64", -1), { code: "invalid_field" });
  assert.throws(() => parseInt64("int64", 2 ** 60), { code: "invalid_field", message: /too large for a JSON number; send it as a decimal string/ });
  assert.throws(() => parseInt64("int64", "1".repeat(40)), { code: "invalid_field" });
});

test("64-bit output: numbers up to 4294967295 and when negative, strings above", () => {
  assert.equal(formatInt64(0n), 0);
  assert.equal(formatInt64(4294967295n), 4294967295);
  assert.equal(formatInt64(4294967296n), "4294967296");
  assert.equal(formatInt64(-5n), -5);
  assert.equal(formatInt64(-(2n ** 53n) + 1n), -9007199254740991);
  assert.equal(formatInt64(-(2n ** 63n)), "-9223372036854775808");
});
