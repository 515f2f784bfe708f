// Checks the pages kept per head: a page is kept for its head only, a render under way is shared by the
// requests that miss at once, what may not be kept is rendered again, and the bytes stay within the bound.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type CachedPage, createPageCache } from "./page-cache.ts";

const page = (text: string): CachedPage => ({ status: 200, chunks: [Buffer.from(text)], bytes: Buffer.byteLength(text) });
const always = (_page: CachedPage): _page is CachedPage => true;

test("pages are kept for their head and shared while rendering", async () => {
  const cache = createPageCache(1000);
  let renders = 0;
  const render = async () => page(`page ${++renders}`);
  const [a, b] = await Promise.all([cache.obtain(5, "/", render, always), cache.obtain(5, "/", render, always)]);
  assert.equal(renders, 1);
  assert.equal(a, b);
  assert.equal(await cache.obtain(5, "/", render, always), a);
  assert.notEqual(await cache.obtain(6, "/", render, always), a, "a new head renders again");
  assert.equal(cache.get(5, "/"), undefined, "the old head's pages are gone");
  cache.set(5, "/late", page("rendered before the head moved"));
  assert.equal(cache.get(5, "/late"), undefined, "a page of an earlier head is not kept");
  const never = (p: CachedPage): p is CachedPage => p.status !== 200;
  await cache.obtain(6, "/x", render, never);
  await cache.obtain(6, "/x", render, never);
  assert.equal(renders, 4, "what may not be kept is rendered each time");
});

test("the oldest pages go past the bound, and a page bigger than it is not kept", () => {
  const cache = createPageCache(10);
  cache.set(1, "a", page("12345"));
  cache.set(1, "b", page("12345"));
  cache.set(1, "c", page("123"));
  assert.deepEqual(["a", "b", "c"].map((key) => cache.get(1, key) !== undefined), [false, true, true]);
  cache.set(1, "big", page("12345678901"));
  assert.equal(cache.get(1, "big"), undefined);
});
