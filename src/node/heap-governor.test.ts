// Checks that the heap governor asks V8 for a full collection once the heap has grown past its threshold, and
// leaves heaps whose collections pause too long to V8.
import assert from "node:assert/strict";
import { test } from "node:test";
import { startHeapGovernor } from "./heap-governor.ts";

test("collects once the heap outgrows the last live size", async () => {
  const governor = startHeapGovernor({ intervalMs: 10, growth: 1.1, slackBytes: 8 * 1024 * 1024 });
  try {
    // Garbage that V8 has no reason to collect soon: old-generation sized, held across a few ticks.
    let held: { n: number; s: string }[][] = [];
    for (let round = 0; round < 20 && governor.collections === 0; round++) {
      held.push(Array.from({ length: 100_000 }, (_, n) => ({ n, s: `value ${n}` })));
      await new Promise((resolve) => setTimeout(resolve, 30));
      if (held.length > 3) held = held.slice(1);
    }
    held = [];
    assert.ok(governor.collections > 0, "the governor asked for a collection");
  } finally {
    governor.stop();
  }
});

test("a collection pausing past the budget leaves heaps that large to V8", async () => {
  // Every collection takes longer than no time at all: the first one sets the ceiling.
  const governor = startHeapGovernor({ intervalMs: 10, growth: 1.1, slackBytes: 8 * 1024 * 1024, pauseBudgetMs: 0 });
  try {
    let held: { n: number; s: string }[][] = [];
    for (let round = 0; round < 40; round++) {
      held.push(Array.from({ length: 100_000 }, (_, n) => ({ n, s: `value ${n}` })));
      await new Promise((resolve) => setTimeout(resolve, 30));
      if (held.length > 3) held = held.slice(1);
    }
    held = [];
    assert.equal(governor.collections, 1, "one collection, then none once its pause was over the budget");
    assert.ok(Number.isFinite(governor.ceilingBytes) && governor.ceilingBytes > 0);
  } finally {
    governor.stop();
  }
});
