// condenser params (one query object, or positional as steemd took them) and get_state's path parts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { RpcError } from "../rpc/rpc-error.ts";
import { condenserArgs } from "./condenser-discussions.ts";
import { statePathParts } from "./post-state.ts";

const refused = (run: () => unknown, message: RegExp) => assert.throws(run, (error: unknown) => error instanceof RpcError && message.test(error.message));

test("a single query object is read by name, anything else by position", () => {
  const names = ["start_author", "start_permlink", "limit"];
  assert.deepEqual(condenserArgs([{ limit: 5, start_author: "bob" }], "m", names), { limit: 5, start_author: "bob" });
  assert.deepEqual(condenserArgs(["bob", "post", 5], "m", names), { start_author: "bob", start_permlink: "post", limit: 5 });
  assert.deepEqual(condenserArgs([], "m", names), {});
  refused(() => condenserArgs([{ tag: "x" }], "m", names), /m does not take a param named "tag"/);
  refused(() => condenserArgs(["a", "b", 1, 2], "m", names), /m takes at most 3 params, got 4/);
  refused(() => condenserArgs({ limit: 1 }, "m", names), /m takes an array of params/);
});

test("get_state paths: leading slash and query string dropped, empty means trending, at most three parts", () => {
  assert.deepEqual(statePathParts(""), ["trending", "", ""]);
  assert.deepEqual(statePathParts("/"), ["trending", "", ""]);
  assert.deepEqual(statePathParts("/hot/tea?x=1"), ["hot", "tea", ""]);
  assert.deepEqual(statePathParts("/tea/@alice/kettle/"), ["tea", "@alice", "kettle"]);
  assert.deepEqual(statePathParts("@alice"), ["@alice", "", ""]);
  refused(() => statePathParts("/a/b/c/d"), /too many parts/);
  refused(() => statePathParts("/trending#top"), /hash mark/);
});
