// Checks the open-addressing helpers: probe starts fall inside any capacity and spread evenly.
import assert from "node:assert/strict";
import { test } from "node:test";
import { grownCapacity, mustGrow, nextSlot, probeStart, tableCapacityMin } from "./open-addressing.ts";

test("probe starts lie in [0, capacity) for extreme words and odd capacities", () => {
  for (const capacity of [1, 7, 1024, 1536, 1_008_895, 2 ** 31 - 1, 2 ** 32 - 1]) {
    for (const word of [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x61c88647, 0x12345678]) {
      const slot = probeStart(word, capacity);
      assert.ok(Number.isInteger(slot) && slot >= 0 && slot < capacity, `${word} in ${capacity} gave ${slot}`);
    }
  }
});

test("probe starts are exactly the top 32 bits of the mixed word times the capacity", () => {
  let word = 12345;
  for (let i = 0; i < 2000; i++) {
    word = (Math.imul(word, 1103515245) + 12345) >>> 0;
    const capacity = 1 + ((Math.imul(word, 2654435761) >>> 0) >>> (i % 31));
    const mixed = BigInt(Math.imul(word, 0x9e3779b1) >>> 0);
    assert.equal(probeStart(word, capacity), Number((mixed * BigInt(capacity)) >> 32n), `${word} in ${capacity}`);
  }
});

test("probe starts spread sequential words evenly", () => {
  const capacity = 1536;
  const counts = new Uint32Array(capacity);
  for (let word = 0; word < capacity * 64; word++) counts[probeStart(word, capacity)]++;
  assert.ok(Math.max(...counts) < 64 * 2 && Math.min(...counts) > 64 / 2, `from ${Math.min(...counts)} to ${Math.max(...counts)} per slot`);
});

test("tables wrap, grow past 80 % and rebuild to between 53 % and 80 %", () => {
  assert.equal(nextSlot(1534, 1536), 1535);
  assert.equal(nextSlot(1535, 1536), 0);
  assert.equal(mustGrow(819, 1024), false);
  assert.equal(mustGrow(820, 1024), true);
  assert.equal(grownCapacity(0, 0), tableCapacityMin);
  assert.equal(grownCapacity(0, 1025), 1536);
  for (const live of [1000, 5000, 123_456, 760_000]) {
    const capacity = grownCapacity(live, 0);
    assert.ok(!mustGrow(live + 1, capacity) && (live + 1) / capacity > 0.5, `${live} → ${capacity}`);
  }
});
