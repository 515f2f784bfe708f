// The SQL helpers: IN lists padded to a few statement shapes, and the raw-reputation boundary of gray.
import assert from "node:assert/strict";
import { test } from "node:test";
import { repLog10 } from "../../index/rules/reputation-display.ts";
import { grayReputationMax, inList } from "./post-sql.ts";

test("IN lists are padded to a power of two with the last value", () => {
  assert.deepEqual(inList([7]), { sql: "?", params: [7] });
  assert.deepEqual(inList([1, 2, 3]), { sql: "?, ?, ?, ?", params: [1, 2, 3, 3] });
  assert.equal(inList(Array.from({ length: 33 }, (_, i) => i)).params.length, 64);
  assert.throws(() => inList([]));
});

test("gray is exactly a raw reputation at or below grayReputationMax (displayed reputation below 1)", () => {
  assert.ok(repLog10(grayReputationMax) < 1);
  assert.ok(repLog10(grayReputationMax + 1n) >= 1);
  // About −4.6·10^11 raw: (log10|raw| − 9)·9 + 25 = 1.
  assert.ok(grayReputationMax < -460_000_000_000n && grayReputationMax > -470_000_000_000n, String(grayReputationMax));
  assert.equal(repLog10(0n), 25);
});
