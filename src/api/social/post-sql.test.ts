// The SQL helpers: IN lists padded to a few statement shapes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { inList } from "./post-sql.ts";

test("IN lists are padded to a power of two with the last value", () => {
  assert.deepEqual(inList([7]), { sql: "?", params: [7] });
  assert.deepEqual(inList([1, 2, 3]), { sql: "?, ?, ?, ?", params: [1, 2, 3, 3] });
  assert.equal(inList(Array.from({ length: 33 }, (_, i) => i)).params.length, 64);
  assert.throws(() => inList([]));
});
