// Drives the browser signing library (run in Node with in-memory storage) against a real `kettle dev` process: accounts created, a master-password login, a post, a vote and a transfer accepted by the node, wrong keys refused before broadcast, transactions identical to dsteem's, and a Keychain login and broadcast through a stand-in extension.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { Client, type Operation, PrivateKey, type Transaction, Types, cryptoUtils } from "dsteem";
import { createRequire } from "node:module";
import { broadcast } from "../../src/web/client/lib/broadcast.ts";
import { ClientError } from "../../src/web/client/lib/client-error.ts";
import { currentUser, logout } from "../../src/web/client/lib/current-user.ts";
import { type DerivedKeys, deriveKeys, generateMasterPassword } from "../../src/web/client/lib/keys.ts";
import { RpcCallError, callRpc, setRpcEndpoint } from "../../src/web/client/lib/rpc.ts";
import { login, loginWithKeychain } from "../../src/web/client/lib/session.ts";
import { sessionStorageKey } from "../../src/web/client/lib/session-store.ts";
import { setKeyPrompt } from "../../src/web/client/lib/signing-key.ts";
import { type ReferenceBlock, type WireOperation, createSignedTransaction } from "../../src/web/client/lib/transaction.ts";
import { type BrowserGlobals, installBrowserGlobals } from "../../src/web/client/lib/test-browser-globals.ts";
import { decodeWif } from "../../src/core/crypto/keys.ts";
import { type KettleProcess, startKettle } from "../helpers/kettle-process.ts";

const ByteBuffer = createRequire(createRequire(import.meta.url).resolve("dsteem"))("bytebuffer");
const initminerWif = "5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n";
const alice = { name: "webalice", password: generateMasterPassword() };
const bob = { name: "webbob", password: generateMasterPassword() };
const aliceKeys = deriveKeys(alice.name, alice.password);
const bobKeys = deriveKeys(bob.name, bob.password);
const permlink = "hello-from-the-browser";
/** How long the social index may take to show a block the node has answered for. */
const indexWaitMs = 5000;

let kettle: KettleProcess;
let browser: BrowserGlobals;
/** JSON-RPC methods the library called, in order (the page's network log). */
let calls: string[] = [];

before(async () => {
  kettle = await startKettle({ blockInterval: 1 });
  setRpcEndpoint(kettle.url);
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    if (typeof init?.body === "string") calls.push(JSON.parse(init.body).method);
    return realFetch(input, init);
  }) as typeof fetch;
});

after(async () => {
  if (kettle !== undefined) assert.equal(await kettle.stop(), 0);
});

beforeEach(() => {
  browser = installBrowserGlobals();
  setKeyPrompt(null);
  calls = [];
});

const authority = (keys: DerivedKeys, role: "owner" | "active" | "posting") => ({ weight_threshold: 1, account_auths: [], key_auths: [[keys[role].publicKey, 1]] });

async function getAccount(name: string): Promise<any> {
  const [account] = await callRpc<any[]>("condenser_api.get_accounts", [[name]]);
  return account;
}

async function waitForContent(author: string, link: string, ready: (content: any) => boolean): Promise<any> {
  const deadline = Date.now() + indexWaitMs;
  for (;;) {
    const content = await callRpc<any>("condenser_api.get_content", [author, link]);
    if (ready(content) || Date.now() > deadline) return content;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("initminer, logged in with its WIF, creates two accounts with keys from generated master passwords", async () => {
  const result = await login("initminer", initminerWif);
  assert.equal(result.postingKeyStored, false, "a key that is also active and owner is never stored");
  const stored = `${browser.sessionStorage.getItem(sessionStorageKey)}${browser.localStorage.getItem(sessionStorageKey)}${browser.document.cookie}`;
  assert.ok(!stored.includes(initminerWif), "the key is kept in memory only");
  const { account_creation_fee: fee } = await callRpc<{ account_creation_fee: string }>("condenser_api.get_chain_properties", []);
  const operations: WireOperation[] = [];
  for (const [user, keys] of [[alice, aliceKeys], [bob, bobKeys]] as const) {
    operations.push(
      ["account_create", { fee, creator: "initminer", new_account_name: user.name, owner: authority(keys, "owner"), active: authority(keys, "active"), posting: authority(keys, "posting"), memo_key: keys.memo.publicKey, json_metadata: "" }],
      ["transfer_to_vesting", { from: "initminer", to: user.name, amount: "100.000 STEEM" }],
      ["transfer", { from: "initminer", to: user.name, amount: "10.000 STEEM", memo: "welcome" }],
    );
  }
  const landed = await broadcast(operations, "active");
  assert.match(landed.id, /^[0-9a-f]{40}$/);
  assert.ok(landed.block_num > 0);
  assert.equal((await getAccount(alice.name)).posting.key_auths[0][0], aliceKeys.posting.publicKey);
  assert.equal((await getAccount(bob.name)).balance, "10.000 STEEM");
  logout();
});

test("a master-password login stores the posting key; a post and a vote are accepted by the node", async () => {
  const result = await login(alice.name, alice.password);
  assert.equal(result.postingKeyStored, true);
  assert.deepEqual(currentUser(), { name: alice.name, method: "key" });
  assert.equal(browser.document.cookie, `kettle_user=${alice.name}`);
  calls = [];
  const metadata = JSON.stringify({ tags: ["kettle"], app: "kettle/0.1", format: "markdown" });
  await broadcast([["comment", { parent_author: "", parent_permlink: "kettle", author: alice.name, permlink, title: "Hello from the browser", body: "Signed with noble-curves, café ☕.", json_metadata: metadata }]], "posting");
  const post = await waitForContent(alice.name, permlink, (c) => c.author === alice.name);
  assert.equal(post.title, "Hello from the browser");
  assert.equal(post.body, "Signed with noble-curves, café ☕.");
  const voted = await broadcast([["vote", { voter: alice.name, author: alice.name, permlink, weight: 5000 }]], "posting");
  const content = await waitForContent(alice.name, permlink, (c) => c.active_votes.length > 0);
  assert.deepEqual(content.active_votes.map((v: any) => [v.voter, v.percent]), [[alice.name, 5000]]);
  assert.ok(voted.block_num > 0);
  const broadcastCalls = calls.filter((method) => !method.endsWith(".get_content"));
  assert.deepEqual(broadcastCalls.filter((method) => method === "condenser_api.broadcast_transaction_synchronous").length, 2);
  assert.ok(!broadcastCalls.includes("condenser_api.get_accounts"), "the stored posting key signs without re-reading the account");
  assert.ok(!broadcastCalls.includes("condenser_api.get_version"), "the chain id was read once, by the first broadcast, and kept");
});

test("a transfer asks for the active key (given as the master password), and the node moves the money", async () => {
  await login(alice.name, alice.password);
  const reasons: string[] = [];
  setKeyPrompt(async (role, reason) => {
    reasons.push(`${role}: ${reason}`);
    return alice.password;
  });
  const before = await getAccount(bob.name);
  await broadcast([["transfer", { from: alice.name, to: bob.name, amount: "1.500 STEEM", memo: "from the browser" }]], "active", { reason: "Send 1.500 STEEM to webbob" });
  assert.deepEqual(reasons, ["active: Send 1.500 STEEM to webbob"]);
  assert.equal(before.balance, "10.000 STEEM");
  assert.equal((await getAccount(bob.name)).balance, "11.500 STEEM");
  assert.equal((await getAccount(alice.name)).balance, "8.500 STEEM");
});

test("a wrong active key is refused with a clear error before anything is broadcast", async () => {
  await login(alice.name, alice.password);
  setKeyPrompt(async () => bobKeys.active.wif);
  calls = [];
  await assert.rejects(broadcast([["transfer", { from: alice.name, to: bob.name, amount: "1.000 STEEM", memo: "" }]], "active"), (error: unknown) => {
    assert.ok(error instanceof ClientError);
    assert.equal(error.code, "wrong_key");
    assert.equal(error.message, "That is not webalice's active key (nor a master password that derives it).");
    return true;
  });
  assert.ok(!calls.some((method) => method.startsWith("condenser_api.broadcast")), `no broadcast: ${calls.join(", ")}`);
  await assert.rejects(login(alice.name, bobKeys.posting.wif), /^ClientError: That key is not one of webalice's keys\.$/);
  await assert.rejects(login("nobody-here", alice.password), (error: unknown) => error instanceof ClientError && error.code === "no_such_account");
});

test("the node's refusals come back typed: a transfer signed with the posting key lacks the active authority", async () => {
  await login(alice.name, alice.password);
  await assert.rejects(broadcast([["transfer", { from: alice.name, to: bob.name, amount: "1.000 STEEM", memo: "" }]], "posting"), (error: unknown) => {
    assert.ok(error instanceof RpcCallError, String(error));
    assert.equal(error.reason, "missing_active_authority");
    assert.match(error.message, /active authority of "webalice"/);
    return true;
  });
});

function dsteemTransactionId(tx: Transaction): string {
  const buffer = new ByteBuffer(ByteBuffer.DEFAULT_CAPACITY, ByteBuffer.LITTLE_ENDIAN);
  Types.Transaction(buffer, tx);
  buffer.flip();
  return cryptoUtils.sha256(Buffer.from(buffer.toBuffer())).toString("hex").slice(0, 40);
}

test("a transaction signed by the library has dsteem's id and signature for the same head, and the node takes it", async () => {
  const reference = await callRpc<ReferenceBlock>("condenser_api.get_dynamic_global_properties", []);
  const { chain_id: chainId } = await callRpc<{ chain_id: string }>("condenser_api.get_version", []);
  const operations: WireOperation[] = [["custom_json", { required_auths: [], required_posting_auths: [bob.name], id: "follow", json: JSON.stringify(["follow", { follower: bob.name, following: alice.name, what: ["blog"] }]) }]];
  const signed = createSignedTransaction({ operations, reference, chainId, secrets: [decodeWif(bobKeys.posting.wif)!], expiresInSeconds: 120 });
  const tx: Transaction = {
    ref_block_num: reference.head_block_number & 0xffff,
    ref_block_prefix: Buffer.from(reference.head_block_id, "hex").readUInt32LE(4),
    expiration: new Date(Date.parse(`${reference.time}Z`) + 120_000).toISOString().slice(0, 19),
    operations: operations as unknown as Operation[],
    extensions: [],
  };
  assert.equal(signed.id, dsteemTransactionId(tx));
  const dsteemSigned = cryptoUtils.signTransaction(tx, PrivateKey.fromString(bobKeys.posting.wif), Buffer.from(chainId, "hex"));
  assert.deepEqual(signed.transaction.signatures, dsteemSigned.signatures);
  const landed = await callRpc<{ id: string }>("condenser_api.broadcast_transaction_synchronous", [signed.transaction]);
  assert.equal(landed.id, signed.id);
});

test("Keychain: login verified against the account's posting key, broadcasts handed to the extension", async () => {
  const client = new Client(kettle.url, { chainId: "0".repeat(64), addressPrefix: "STM" });
  const requests: string[] = [];
  // A stand-in for the extension: it holds bob's keys and signs with dsteem, as the real one signs with steem-js.
  (globalThis as { steem_keychain?: unknown }).steem_keychain = {
    requestSignBuffer(account: string, message: string, keyType: string, callback: (response: unknown) => void) {
      requests.push(`sign ${account} ${keyType}`);
      const signature = PrivateKey.fromString(bobKeys.posting.wif).sign(cryptoUtils.sha256(message));
      callback({ success: true, result: signature.toString() });
    },
    requestBroadcast(account: string, operations: Operation[], keyType: string, callback: (response: unknown) => void) {
      requests.push(`broadcast ${account} ${keyType}`);
      client.broadcast.sendOperations(operations, PrivateKey.fromString(keyType === "Active" ? bobKeys.active.wif : bobKeys.posting.wif)).then(
        (result) => callback({ success: true, result }),
        (error: Error) => callback({ success: false, message: error.message }),
      );
    },
  };
  try {
    await loginWithKeychain(bob.name);
    assert.deepEqual(currentUser(), { name: bob.name, method: "keychain" });
    await assert.rejects(loginWithKeychain(alice.name), (error: unknown) => error instanceof ClientError && error.code === "wrong_key");
    await loginWithKeychain(bob.name);
    const landed = await broadcast([["transfer", { from: bob.name, to: alice.name, amount: "0.500 STEEM", memo: "via keychain" }]], "active");
    assert.match(landed.id, /^[0-9a-f]{40}$/);
    assert.equal((await getAccount(bob.name)).balance, "11.000 STEEM");
    assert.deepEqual(requests, [`sign ${bob.name} Posting`, `sign ${alice.name} Posting`, `sign ${bob.name} Posting`, `broadcast ${bob.name} Active`]);
  } finally {
    delete (globalThis as { steem_keychain?: unknown }).steem_keychain;
  }
});
