// Checks broadcast's order of work against a fake node: operations refused before any key is asked for, the signed transaction sent as legacy JSON, the node's refusals as RpcCallErrors, and Keychain sessions handed to Keychain.
import assert from "node:assert/strict";
import { afterEach, beforeEach, test } from "node:test";
import { hexToBytes } from "../../../stdx/bytes.ts";
import { formatPublicKey } from "../../../core/crypto/keys.ts";
import { nobleSecp256k1 } from "../../../core/crypto/noble-secp256k1.ts";
import { getSignatureDigest, encodeTransaction } from "../../../core/protocol/transaction.ts";
import { recoverSignatureKey } from "../../../core/protocol/signature.ts";
import { parseLegacyTransaction } from "../../../api/format/transaction-json.ts";
import { broadcast } from "./broadcast.ts";
import { ClientError } from "./client-error.ts";
import { deriveKeys } from "./keys.ts";
import { RpcCallError } from "./rpc.ts";
import { logout } from "./current-user.ts";
import { login } from "./session.ts";
import { writeStoredSession } from "./session-store.ts";
import { setKeyPrompt } from "./signing-key.ts";
import { installBrowserGlobals } from "./test-browser-globals.ts";
import { type FakeFetch, installFakeFetch } from "./test-fake-fetch.ts";

const password = "P5TestAlicePassword";
const keys = deriveKeys("alice", password);
const single = (key: string) => ({ weight_threshold: 1, account_auths: [], key_auths: [[key, 1]] });
const account = { name: "alice", owner: single(keys.owner.publicKey), active: single(keys.active.publicKey), posting: single(keys.posting.publicKey), memo_key: keys.memo.publicKey };
const chainId = "ab".repeat(32);
const vote = ["vote", { voter: "alice", author: "bob", permlink: "a-post", weight: 10000 }] as const;

let fake: FakeFetch;
let sent: any[];

beforeEach(() => {
  installBrowserGlobals();
  sent = [];
  fake = installFakeFetch({
    "condenser_api.get_accounts": () => [account],
    "condenser_api.get_version": () => ({ blockchain_version: "0.23.0", chain_id: chainId }),
    "condenser_api.get_dynamic_global_properties": () => ({ head_block_number: 42, head_block_id: "0000002a00112233445566778899aabbccddeeff", time: "2024-11-28T12:00:00" }),
    "condenser_api.broadcast_transaction_synchronous": ([trx]: [unknown]) => {
      sent.push(trx);
      return { id: "00".repeat(20), block_num: 43, trx_num: 0, expired: false };
    },
  });
  logout();
  setKeyPrompt(null);
});

afterEach(() => {
  fake.restore();
  delete (globalThis as { steem_keychain?: unknown }).steem_keychain;
});

/** The STM key that signed a transaction as sent. */
function signerOf(trx: unknown): string {
  const tx = parseLegacyTransaction(trx, { addressPrefix: "STM" });
  const digest = getSignatureDigest(hexToBytes(chainId), encodeTransaction(tx));
  return formatPublicKey(recoverSignatureKey(nobleSecp256k1, digest, tx.signatures[0]), "STM");
}

test("a vote is signed with the stored posting key, against the head block and the node's chain id", async () => {
  await login("alice", password);
  assert.deepEqual(await broadcast([vote], "posting"), { id: "00".repeat(20), block_num: 43, trx_num: 0 });
  assert.equal(sent.length, 1);
  assert.deepEqual(sent[0].operations, [vote]);
  assert.equal(sent[0].ref_block_num, 42);
  assert.equal(sent[0].ref_block_prefix, 0x33221100);
  assert.equal(sent[0].expiration, "2024-11-28T12:01:00");
  assert.equal(signerOf(sent[0]), keys.posting.publicKey);
});

test("a transfer asks for the active key with the page's reason and signs with it", async () => {
  await login("alice", password);
  const asked: string[] = [];
  setKeyPrompt(async (role, reason) => {
    asked.push(`${role}: ${reason}`);
    return keys.active.wif;
  });
  await broadcast([["transfer", { from: "alice", to: "bob", amount: "1.000 STEEM", memo: "" }]], "active", { reason: "Send 1.000 STEEM to bob" });
  assert.deepEqual(asked, ["active: Send 1.000 STEEM to bob"]);
  assert.equal(signerOf(sent[0]), keys.active.publicKey);
});

test("an invalid operation is refused before any key is asked for or any request made", async () => {
  await login("alice", password);
  const before = fake.requests.length;
  let asked = false;
  setKeyPrompt(async () => {
    asked = true;
    return keys.active.wif;
  });
  await assert.rejects(broadcast([["transfer", { from: "alice", to: "bob", amount: "1 STEEM", memo: "" }]], "active"), (error: unknown) =>
    error instanceof ClientError && error.code === "invalid_operation" && /transfer\.amount/.test(error.message));
  assert.equal(asked, false);
  assert.equal(fake.requests.length, before);
  logout();
  await assert.rejects(broadcast([vote], "posting"), (error: unknown) => error instanceof ClientError && error.code === "not_logged_in");
});

test("the node's refusal comes back as an RpcCallError with its message and reason", async () => {
  await login("alice", password);
  fake.methods.set("condenser_api.broadcast_transaction_synchronous", () => {
    throw { code: -32003, message: "rc_exhausted: alice has not enough resource credits", data: { code: 10, name: "rc_exhausted", message: "alice has not enough resource credits" } };
  });
  await assert.rejects(broadcast([vote], "posting"), (error: unknown) => {
    assert.ok(error instanceof RpcCallError);
    assert.equal(error.code, -32003);
    assert.equal(error.reason, "rc_exhausted");
    assert.equal(error.method, "condenser_api.broadcast_transaction_synchronous");
    assert.match(error.message, /not enough resource credits/);
    return true;
  });
});

test("a Keychain session hands the operations to Keychain's requestBroadcast with the role", async () => {
  writeStoredSession({ name: "alice", method: "keychain", postingKey: null }, false);
  const calls: unknown[] = [];
  (globalThis as { steem_keychain?: unknown }).steem_keychain = {
    requestSignBuffer() {},
    requestBroadcast(accountName: string, operations: unknown[], keyType: string, callback: (r: unknown) => void) {
      calls.push([accountName, operations, keyType]);
      callback({ success: true, result: { id: "ff".repeat(20), block_num: 7, trx_num: 1, expired: false } });
    },
  };
  const transfer = ["transfer", { from: "alice", to: "bob", amount: "1.000 STEEM", memo: "" }] as const;
  assert.deepEqual(await broadcast([transfer], "active"), { id: "ff".repeat(20), block_num: 7, trx_num: 1 });
  assert.deepEqual(calls, [["alice", [transfer], "Active"]]);
  assert.equal(sent.length, 0, "nothing signed or sent by the page itself");
});
