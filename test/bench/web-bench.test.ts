// bench:web's pure helpers (bench/web-sample.ts): the baseline page has the size asked for, seeded samples are
// uniform-looking, distinct and repeatable, reply counts fall in the right buckets, and the links the
// benchmark follows (a list's next page, a page's scripts) are read back as the site wrote them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { bareHtmlPage, bucketCounts, bucketLabels, listPagePicks, moduleScriptPaths, nextPagePath, percentile, sampleWithout, shuffled } from "../../bench/web-sample.ts";
import { createPrng } from "../../src/stdx/prng.ts";

test("the baseline page is exactly the bytes asked for, and HTML", () => {
  for (const bytes of [200, 1024, 20 * 1024]) {
    const page = bareHtmlPage(bytes);
    assert.equal(Buffer.byteLength(page), bytes);
    assert.match(page, /^<!doctype html>.*<\/html>$/s);
  }
  assert.throws(() => bareHtmlPage(10), RangeError);
});

test("samples are distinct, repeatable with the seed, and all of the items when asked for more", () => {
  const items = Array.from({ length: 1000 }, (_, i) => i);
  const a = sampleWithout(items, 100, createPrng(7));
  assert.equal(new Set(a).size, 100);
  assert.deepEqual(a, sampleWithout(items, 100, createPrng(7)));
  assert.notDeepEqual(a, sampleWithout(items, 100, createPrng(8)));
  assert.deepEqual(sampleWithout(items.slice(0, 5), 10, createPrng(1)).sort(), [0, 1, 2, 3, 4]);
  // Uniform enough: a sample of half the items holds about half of each half.
  const low = sampleWithout(items, 500, createPrng(3)).filter((i) => i < 500).length;
  assert.ok(low > 200 && low < 300, `${low}`);
  const order = shuffled(items, createPrng(9));
  assert.deepEqual([...order].sort((x, y) => x - y), items);
  assert.notDeepEqual(order, items);
});

test("percentiles are nearest-rank, and counts fall in their buckets", () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(sorted, 50), 51);
  assert.equal(percentile(sorted, 99), 100);
  assert.ok(Number.isNaN(percentile([], 50)));
  const bounds = [0, 1, 5, 100];
  assert.deepEqual(bucketCounts([0, 0, 1, 4, 5, 99, 100, 500], bounds), [2, 2, 2, 2]);
  assert.deepEqual(bucketLabels(bounds), ["0", "1–4", "5–99", "100+"]);
});

test("the next page's path and the module scripts are read back unescaped", () => {
  const page = `<nav class="pager" aria-label="Pages"><a class="button button-quiet" rel="next" href="/trending/cats?start_author=u0a1&amp;start_permlink=a-post">Next page →</a></nav>
<script type="module" src="/assets/app-ABC.js"></script>
<script type="module" src="/assets/chunk-DEF.js"></script>`;
  assert.equal(nextPagePath(page), "/trending/cats?start_author=u0a1&start_permlink=a-post");
  assert.equal(nextPagePath("<p>no pager</p>"), null);
  assert.deepEqual(moduleScriptPaths(page), ["/assets/app-ABC.js", "/assets/chunk-DEF.js"]);
});

test("list page picks draw lists by the given pick and first pages by the given share", () => {
  const picks = listPagePicks(10_000, createPrng(5), (random) => (random() < 0.25 ? "a" : "b"), 0.7);
  const firsts = picks.filter((p) => p.page === 1).length;
  const as = picks.filter((p) => p.list === "a").length;
  assert.ok(firsts > 6_700 && firsts < 7_300, `${firsts}`);
  assert.ok(as > 2_200 && as < 2_800, `${as}`);
});
