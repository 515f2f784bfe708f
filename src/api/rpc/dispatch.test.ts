// The JSON-RPC envelope around results already in JSON text (RawJson): single calls and batches, mixed
// with ordinary results and errors, give the same text a value result would.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { BoundHandler, RpcRouter } from "./dispatch.ts";
import { routeRpcBody, routeRpcText } from "./dispatch.ts";
import { RawJson } from "./raw-json.ts";
import { RpcError, rpcErrorCodes } from "./rpc-error.ts";

const value = { posts: [{ author: "alice", body: "a \"quoted\" body\n — حلب 🫖", votes: [1, -2] }], empty: [] };
const handlers = new Map<string, BoundHandler>([
  ["t.raw", () => new RawJson(JSON.stringify(value))],
  ["t.rawAsync", async () => new RawJson(JSON.stringify(value))],
  // In parts, some already UTF-8 bytes (as kept post objects come), split inside the text anywhere.
  ["t.rawParts", () => {
    const text = JSON.stringify(value);
    return new RawJson([text.slice(0, 10), Buffer.from(text.slice(10, 40)), text.slice(40, 50), Buffer.from(text.slice(50))]);
  }],
  ["t.value", () => value],
  ["t.fail", () => {
    throw new RpcError(rpcErrorCodes.invalidParams, "bad param", "invalid_params");
  }],
]);
const router: RpcRouter = { resolve: (api, method) => handlers.get(`${api}.${method}`), forward: null };
const call = (method: string, id: unknown) => ({ jsonrpc: "2.0", id, method, params: {} });

test("a RawJson result is answered as its value would be, alone and in a batch", async () => {
  for (const id of [1, "x", null]) {
    const raw = await routeRpcText(router, JSON.stringify(call("t.raw", id)));
    assert.deepEqual(JSON.parse(raw), { jsonrpc: "2.0", result: value, id });
    assert.equal(raw, await routeRpcText(router, JSON.stringify(call("t.value", id))));
  }
  const batch = JSON.parse(await routeRpcText(router, JSON.stringify([call("t.raw", 1), call("t.fail", 2), call("t.value", 3), call("t.rawAsync", 4)])));
  assert.equal(batch.length, 4);
  assert.deepEqual(batch[0], { jsonrpc: "2.0", result: value, id: 1 });
  assert.equal(batch[1].error.message, "invalid_params: bad param");
  assert.deepEqual(batch[2], { jsonrpc: "2.0", result: value, id: 3 });
  assert.deepEqual(batch[3], { jsonrpc: "2.0", result: value, id: 4 });
});

test("a RawJson result in parts, some UTF-8 bytes, is the same response as text and as bytes", async () => {
  const want = await routeRpcText(router, JSON.stringify(call("t.value", 7)));
  assert.equal(await routeRpcText(router, JSON.stringify(call("t.rawParts", 7))), want);
  const bytes = (body: string | readonly (string | Buffer)[]) => {
    assert.ok(typeof body !== "string", "a response with encoded parts comes in parts");
    return Buffer.concat(body.map((part) => (typeof part === "string" ? Buffer.from(part) : part))).toString("utf8");
  };
  assert.equal(bytes(await routeRpcBody(router, JSON.stringify(call("t.rawParts", 7)))), want);
  const batch = bytes(await routeRpcBody(router, JSON.stringify([call("t.rawParts", 1), call("t.value", 2), call("t.fail", 3)])));
  const parsed = JSON.parse(batch);
  assert.deepEqual(parsed.slice(0, 2), [{ jsonrpc: "2.0", result: value, id: 1 }, { jsonrpc: "2.0", result: value, id: 2 }]);
  assert.equal(parsed[2].error.message, "invalid_params: bad param");
  // A response of plain text stays text.
  assert.equal(await routeRpcBody(router, JSON.stringify(call("t.value", 7))), want);
});
