// Checks the sliding-window rate limiter and the bounded work queue that guard the image service.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createRateLimiter } from "./rate-limiter.ts";
import { createWorkQueue } from "./work-queue.ts";

test("a key may act `limit` times per window, and again as its oldest action leaves the window", () => {
  let now = 0;
  const limiter = createRateLimiter({ limit: 2, windowMs: 1000, now: () => now });
  assert.equal(limiter.waitMs("a"), 0);
  limiter.record("a");
  now = 400;
  limiter.record("a");
  assert.equal(limiter.waitMs("a"), 600);
  assert.equal(limiter.waitMs("b"), 0);
  now = 1000;
  assert.equal(limiter.waitMs("a"), 0);
  limiter.record("a");
  assert.equal(limiter.waitMs("a"), 400);
});

test("the limiter forgets the oldest keys past keysMax", () => {
  const limiter = createRateLimiter({ limit: 1, windowMs: 1000, now: () => 0, keysMax: 2 });
  for (const key of ["a", "b", "c"]) limiter.record(key);
  assert.equal(limiter.waitMs("a"), 0);
  assert.equal(limiter.waitMs("c"), 1000);
});

test("the work queue runs a bounded number at once and refuses a flood as busy", async () => {
  const queue = createWorkQueue(2, 1);
  let running = 0;
  let peak = 0;
  const releases: (() => void)[] = [];
  const task = () =>
    queue.run(async () => {
      peak = Math.max(peak, ++running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running--;
    });
  const accepted = [task(), task(), task()];
  await assert.rejects(task(), { code: "busy", retryAfterSeconds: 5 });
  while (releases.length > 0 || running > 0) {
    releases.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(accepted);
  await queue.idle();
  assert.equal(peak, 2);
});
