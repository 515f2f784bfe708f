// Checks image-upload signatures against dsteem's and the upload request's shape, sign-up requests, and RPC error answers.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { afterEach, beforeEach, test } from "node:test";
import { PrivateKey } from "dsteem";
import { ClientError } from "./client-error.ts";
import { deriveKeys } from "./keys.ts";
import { RpcCallError, callRpc } from "./rpc.ts";
import { signImageUpload, uploadImage } from "./sign-buffer.ts";
import { writeStoredSession } from "./session-store.ts";
import { createAccountKeys, requestAccount } from "./signup.ts";
import { installBrowserGlobals } from "./test-browser-globals.ts";
import { type FakeFetch, installFakeFetch } from "./test-fake-fetch.ts";

const keys = deriveKeys("alice", "P5TestAlicePassword");
const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 255]);
let fake: FakeFetch;

beforeEach(() => {
  installBrowserGlobals();
  fake = installFakeFetch();
  writeStoredSession({ name: "alice", method: "key", postingKey: keys.posting.wif }, false);
});

afterEach(() => fake.restore());

test("the upload signature is dsteem's signature of sha256('ImageSigningChallenge' ‖ bytes) with the posting key", async () => {
  const signature = await signImageUpload(image);
  assert.match(signature, /^[0-9a-f]{130}$/);
  assert.ok(Number.parseInt(signature.slice(0, 2), 16) >= 31 && Number.parseInt(signature.slice(0, 2), 16) <= 34, "recovery byte 27 + 4 + recid");
  const digest = createHash("sha256").update("ImageSigningChallenge").update(image).digest();
  const dsteemSignature = PrivateKey.fromString(keys.posting.wif).sign(digest);
  assert.equal(signature, dsteemSignature.toString());
  assert.equal(dsteemSignature.recover(digest).toString(), keys.posting.publicKey);
});

test("uploadImage posts the file as multipart field 'file' to /<user>/<signature> and returns the url", async () => {
  let seen: { url: string; body: unknown } | null = null;
  fake.other = (url, init) => {
    seen = { url, body: init?.body };
    return Response.json({ url: "https://images.example/DQm123/image.png" });
  };
  const file = new Blob([image], { type: "image/png" });
  assert.equal(await uploadImage(file, { host: "https://images.example" }), "https://images.example/DQm123/image.png");
  assert.ok(seen !== null);
  const { url, body } = seen as { url: string; body: unknown };
  assert.equal(url, `https://images.example/alice/${await signImageUpload(image)}`);
  assert.ok(body instanceof FormData);
  const sentFile = body.get("file");
  assert.ok(sentFile instanceof Blob);
  assert.deepEqual(new Uint8Array(await sentFile.arrayBuffer()), image);
  fake.other = () => Response.json({ error: { name: "QuotaExceeded", info: "Upload quota exceeded" } }, { status: 429 });
  await assert.rejects(uploadImage(file), (error: unknown) => error instanceof ClientError && error.code === "upload_refused" && /quota exceeded/.test(error.message));
});

test("createAccountKeys gives the public keys only; requestAccount posts them and relays refusals", async () => {
  const publicKeys = createAccountKeys("alice", "P5TestAlicePassword");
  assert.deepEqual(publicKeys, { owner: keys.owner.publicKey, active: keys.active.publicKey, posting: keys.posting.publicKey, memo: keys.memo.publicKey });
  assert.throws(() => createAccountKeys("Al", "x"), (error: unknown) => error instanceof ClientError && error.code === "invalid_account_name");
  let posted: unknown = null;
  fake.other = (url, init) => {
    posted = { url, body: JSON.parse(String(init?.body)) };
    return Response.json({ name: "alice", block_num: 12 });
  };
  assert.deepEqual(await requestAccount("alice", publicKeys, { url: "http://site.example/api/signup" }), { name: "alice", block_num: 12 });
  assert.deepEqual(posted, { url: "http://site.example/api/signup", body: { name: "alice", ...publicKeys } });
  assert.ok(!JSON.stringify(posted).includes(keys.posting.wif));
  fake.other = () => Response.json({ error: { code: "name_taken", message: "alice is taken" } }, { status: 409 });
  await assert.rejects(requestAccount("alice", publicKeys), (error: unknown) => {
    assert.ok(error instanceof ClientError);
    assert.equal(error.code, "signup_refused");
    assert.match(error.message, /alice is taken/);
    assert.deepEqual(error.data, { code: "name_taken", message: "alice is taken" });
    return true;
  });
});

test("callRpc: results, typed error answers, and answers that are not JSON-RPC", async () => {
  fake.methods.set("condenser_api.get_version", () => ({ chain_id: "00" }));
  assert.deepEqual(await callRpc("condenser_api.get_version", []), { chain_id: "00" });
  fake.methods.set("condenser_api.get_accounts", () => {
    throw { code: -32602, message: "invalid_params: expected an array", data: { name: "invalid_params" } };
  });
  await assert.rejects(callRpc("condenser_api.get_accounts", [1]), (error: unknown) =>
    error instanceof RpcCallError && error.code === -32602 && error.reason === "invalid_params" && error.message === "invalid_params: expected an array");
  fake.methods.set("condenser_api.get_accounts", () => "anything");
  const original = globalThis.fetch;
  globalThis.fetch = (async () => new Response("<html>bad gateway</html>", { status: 502 })) as typeof fetch;
  try {
    await assert.rejects(callRpc("condenser_api.get_accounts", []), (error: unknown) => error instanceof ClientError && error.code === "http_error" && /502/.test(error.message));
  } finally {
    globalThis.fetch = original;
  }
});
