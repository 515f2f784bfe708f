// Checks the displayed reputation against the table of reference/economics.md §15.6.
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatReputation } from "./reputation.ts";

test("raw reputation displays as hivemind and condenser show it", () => {
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
  for (const [raw, shown] of table) assert.equal(formatReputation(raw), shown, `${raw}`);
  // Condenser truncates: a new account is 25, the 10^12 account 52.
  assert.equal(Math.trunc(formatReputation(3_124_999_999n)), 29);
});
