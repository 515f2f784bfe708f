// Checks the fragments kept between blocks: a per-head value is built once per head and shared by concurrent
// requests (a failed build is not kept); a card is kept for a frozen post value and its stamp, and built
// every time for a value that belongs to one request.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createFragmentCache } from "./fragment-cache.ts";
import { html } from "./html.ts";

test("per-head values are built once per head, shared while building, and not kept when they fail", async () => {
  const cache = createFragmentCache();
  let builds = 0;
  const build = async () => ++builds;
  assert.deepEqual(await Promise.all([cache.perHead("k", 100, build), cache.perHead("k", 100, build)]), [1, 1]);
  assert.equal(await cache.perHead("k", 103, build), 2);
  await assert.rejects(cache.perHead("bad", 103, async () => Promise.reject(new Error("no"))));
  assert.equal(await cache.perHead("bad", 103, async () => "fine"), "fine");
});

test("cards are kept per frozen post value and stamp", () => {
  const cache = createFragmentCache();
  let builds = 0;
  const build = () => html`<article>${String(++builds)}</article>`;
  const post = Object.freeze({ author: "a" });
  assert.equal(cache.card(post, "s1", build).text, "<article>1</article>");
  assert.equal(cache.card(post, "s1", build).text, "<article>1</article>");
  assert.equal(cache.card(post, "s2", build).text, "<article>2</article>");
  assert.equal(cache.card(Object.freeze({ author: "a" }), "s2", build).text, "<article>3</article>", "another value is another post");
  const unshared = { author: "a" };
  cache.card(unshared, "s2", build);
  assert.equal(cache.card(unshared, "s2", build).text, "<article>5</article>", "a value of one request is not kept");
});
