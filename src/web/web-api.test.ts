// Checks how pages read results: a list the API answers as kept JSON texts (RawJson parts) reads as the same
// values as its whole text parsed, each kept text parsed once and shared frozen; other RawJson answers are
// parsed whole.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { RpcRouter } from "../api/rpc/dispatch.ts";
import { RawJson, jsonArrayParts } from "../api/rpc/raw-json.ts";
import { createWebApi } from "./web-api.ts";

function apiAnswering(result: () => unknown) {
  const router: RpcRouter = { resolve: () => async () => result(), forward: null };
  return createWebApi(router);
}

test("a list of kept texts reads as its text parsed, shared and frozen", async () => {
  const kept = [Buffer.from('{"author":"a","votes":[1,2]}'), Buffer.from('{"author":"b","title":"é"}')];
  const parts = jsonArrayParts([[kept[0]], ['{"author":"c"}'], [kept[1]]]);
  const api = apiAnswering(() => new RawJson(parts));
  const first = await api.call<{ author: string }[]>("bridge.get_ranked_posts", {});
  assert.deepEqual(first, JSON.parse(new RawJson(parts).text));
  const second = await api.call<{ author: string }[]>("bridge.get_ranked_posts", {});
  assert.equal(second[0], first[0], "a kept text is parsed once");
  assert.notEqual(second[1], first[1], "a text made for one answer is parsed again");
  assert.ok(Object.isFrozen(first[0]) && Object.isFrozen((first[0] as unknown as { votes: number[] }).votes));
  assert.deepEqual(await apiAnswering(() => new RawJson(["[", "]"])).call("x.y", {}), []);
});

test("RawJson answers of other shapes are parsed whole", async () => {
  for (const parts of [['{"a":[1,', Buffer.from("2"), "]}"], ["[", Buffer.from("1,"), Buffer.from("2"), "]"], ["[1,2]"]]) {
    const expected = JSON.parse(new RawJson(parts).text);
    assert.deepEqual(await apiAnswering(() => new RawJson(parts)).call("x.y", {}), expected);
  }
});
