// Checks the integer helpers round exactly as documented: floor, ceiling and truncating a·b/c without overflow.
import assert from "node:assert/strict";
import { test } from "node:test";
import { divCeil, divFloor, maxBigint, minBigint, mulDiv } from "./bigint.ts";

test("division helpers round as named, for every sign", () => {
  assert.equal(divFloor(7n, 2n), 3n);
  assert.equal(divFloor(-7n, 2n), -4n);
  assert.equal(divFloor(7n, -2n), -4n);
  assert.equal(divFloor(-8n, 2n), -4n);
  assert.equal(divCeil(7n, 2n), 4n);
  assert.equal(divCeil(-7n, 2n), -3n);
  assert.equal(divCeil(8n, 2n), 4n);
  // 128-bit intermediate, as Steem's uint128 products: 2^63 × 2^63 / 2^64 = 2^62.
  assert.equal(mulDiv(1n << 63n, 1n << 63n, 1n << 64n), 1n << 62n);
  assert.equal(mulDiv(-7n, 3n, 2n), -10n);
  assert.equal(minBigint(3n, -4n), -4n);
  assert.equal(maxBigint(3n, -4n), 3n);
});
