// Checks that bad input sent over real JSON-RPC on HTTP is refused with the error code and message of the rule it breaks, and changes nothing.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { formatLegacyTransaction } from "../src/api/format/transaction-json.ts";
import { getStateHash } from "../src/core/chain/state-snapshot.ts";
import { sha256 } from "../src/core/crypto/hash.ts";
import type { PrivateKey } from "../src/core/crypto/keys.ts";
import { encode } from "../src/core/encoding/codec.ts";
import type { Operation } from "../src/core/protocol/operation-schemas.ts";
import { encodeTransaction, getSignatureDigest, getTransactionId, type SignedTransaction, signedTransactionSchema, type Transaction } from "../src/core/protocol/transaction.ts";
import { bytesToHex, utf8Encode } from "../src/stdx/bytes.ts";
import { createAccountsOnChain, createTestAccount, createUnsignedTransaction, initMinerAccount, signWith, startTestNode, steem, type TestAccount, type TestNode } from "./helpers/test-chain.ts";

const alice = createTestAccount("alice");
const bob = createTestAccount("bob");
const stranger = createTestAccount("stranger");
/** A refused request is retried when a block lands between the two state hashes (so the comparison is fair). */
const attemptsMax = 5;
const requestTimeoutMs = 10_000;

let testNode: TestNode;
/** Ids of refused transactions: none may show up in a block afterwards. */
const refusedIds = new Set<string>();

interface RpcReply {
  readonly jsonrpc?: string;
  readonly id?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string; readonly data?: { readonly name?: string; readonly message?: string } };
}

function node() {
  return testNode.running.node;
}

async function postText(body: string, on = testNode, timeoutMs = requestTimeoutMs): Promise<unknown> {
  const response = await fetch(on.running.url, { method: "POST", body, headers: { "content-type": "application/json" }, signal: AbortSignal.timeout(timeoutMs) });
  assert.equal(response.status, 200);
  return response.json();
}

function broadcastBody(tx: unknown): string {
  return JSON.stringify({ jsonrpc: "2.0", id: 1, method: "condenser_api.broadcast_transaction", params: [tx] });
}

function toJson(tx: SignedTransaction) {
  return formatLegacyTransaction(tx, { addressPrefix: "STM" });
}

function idOf(tx: Transaction): string {
  return bytesToHex(getTransactionId(encodeTransaction(tx)));
}

function build(operations: Operation[], expiresInSeconds = 600): Transaction {
  return createUnsignedTransaction(node().state, operations, expiresInSeconds);
}

function sign(tx: Transaction, secrets: PrivateKey[], chainId = node().options.chainId): SignedTransaction {
  return signWith(tx, chainId, secrets);
}

function transferOp(from: TestAccount, to: string, amount: bigint | string, memo = ""): Operation {
  if (typeof amount === "string") throw new TypeError("use transferJson for asset strings");
  return { type: "transfer", value: { from: from.name, to, amount: steem(amount), memo } };
}

function signedTransfer(amount = 1_000n, secrets = [alice.secrets.active]): SignedTransaction {
  return sign(build([transferOp(alice, bob.name, amount)]), secrets);
}

/** A transaction signed correctly and then edited as JSON (the edit is what is being refused, not the signature). */
function signedJson(operations: Operation[], secrets: PrivateKey[], edit: (json: Record<string, any>) => void = () => {}): Record<string, any> {
  const json = structuredClone(toJson(sign(build(operations), secrets))) as Record<string, any>;
  edit(json);
  return json;
}

interface Refusal {
  /** The ChainError code or RpcError reason expected in data.name. */
  readonly name: string;
  /** What the message must say: the rule that was broken. */
  readonly message: RegExp;
  /** The JSON-RPC error code: -32003 (assert_exception) for every chain rule. */
  readonly code?: number;
  /** The refused transaction's id, checked at the end to be in no block. */
  readonly id?: string;
  /** The node to send to (the shared one by default) and how long to wait for an answer. */
  readonly on?: TestNode;
  readonly timeoutMs?: number;
}

/**
 * Sends the request and asserts a JSON-RPC error whose data.name and message are the expected ones, with the
 * state hash (pending transactions included) the same before and after.
 */
async function expectRefused(body: string, expected: Refusal): Promise<RpcReply> {
  const on = expected.on ?? testNode;
  const chain = on.running.node;
  for (let attempt = 1; attempt <= attemptsMax; attempt++) {
    const head = chain.headBlockNum;
    const before = getStateHash(chain.state);
    const reply = (await postText(body, on, expected.timeoutMs)) as RpcReply;
    const afterHash = getStateHash(chain.state);
    if (chain.headBlockNum !== head) continue;
    assert.ok(reply.error !== undefined, `expected an error, got ${JSON.stringify(reply).slice(0, 500)}`);
    assert.equal(reply.error.data?.name, expected.name, reply.error.message);
    assert.equal(reply.error.code, expected.code ?? -32003);
    assert.match(reply.error.message, expected.message);
    assert.equal(reply.result, undefined);
    assert.equal(afterHash, before, "a refused request changed the state");
    if (expected.id !== undefined) refusedIds.add(expected.id);
    return reply;
  }
  throw new Error(`a block landed during each of ${attemptsMax} attempts`);
}

/** Broadcasts a signed transaction (or its JSON) and expects the refusal; a signed one's id is remembered. */
async function expectRefusedTransaction(tx: SignedTransaction | object, name: string, message: RegExp, { neverIncluded = true } = {}): Promise<void> {
  const isSigned = "signatures" in tx && Array.isArray(tx.signatures) && tx.signatures.every((s) => s instanceof Uint8Array);
  const signed = tx as SignedTransaction;
  await expectRefused(broadcastBody(isSigned ? toJson(signed) : tx), { name, message, id: isSigned && neverIncluded ? idOf(signed) : undefined });
}

async function expectAccepted(tx: SignedTransaction): Promise<void> {
  const reply = (await postText(broadcastBody(toJson(tx)))) as RpcReply;
  assert.equal(reply.error, undefined, JSON.stringify(reply.error));
  assert.deepEqual(reply.result, {});
}

before(async () => {
  testNode = await startTestNode();
  node().produceBlock();
  await createAccountsOnChain(node(), [alice, bob], 100_000n, 1_000_000n);
});

after(async () => {
  await testNode?.close();
});

describe("signatures", () => {
  test("a transfer signed by an unrelated key is refused as missing active authority", async () => {
    const tx = signedTransfer(1_000n, [stranger.secrets.active]);
    await expectRefusedTransaction(tx, "missing_active_authority", /missing active authority of "alice"/);
  });

  test("a posting key cannot sign a transfer", async () => {
    const tx = signedTransfer(1_000n, [alice.secrets.posting]);
    await expectRefusedTransaction(tx, "missing_active_authority", /missing active authority of "alice".*active or owner key/);
  });

  test("a transaction without signatures is refused", async () => {
    const tx = signedTransfer();
    await expectRefusedTransaction({ ...tx, signatures: [] }, "missing_active_authority", /missing active authority of "alice"/);
  });

  test("a transaction signed for another chain id is refused (the signature recovers a different key)", async () => {
    const tx = sign(build([transferOp(alice, bob.name, 1_000n)]), [alice.secrets.active], sha256(utf8Encode("testnet")));
    await expectRefusedTransaction(tx, "missing_active_authority", /missing active authority of "alice"/);
  });

  test("an extra signature no authority needs is refused as irrelevant", async () => {
    const tx = signedTransfer(1_000n, [alice.secrets.active, bob.secrets.active]);
    await expectRefusedTransaction(tx, "irrelevant_signature", /unnecessary signature/);
  });

  test("the same signature twice is refused as a duplicate signature", async () => {
    const tx = signedTransfer();
    await expectRefusedTransaction({ ...tx, signatures: [tx.signatures[0], tx.signatures[0]] } as SignedTransaction, "duplicate_signature", /duplicate signature/);
  });

  test("a malleated high-S twin of a valid signature is refused", async () => {
    const tx = signedTransfer();
    const original = tx.signatures[0];
    const digest = getSignatureDigest(node().options.chainId, encodeTransaction(tx));
    const twin = createHighSTwin(original);
    // The twin is a valid ECDSA signature of the same key over the same digest; only the low-S rule refuses it.
    const recovered = secp256k1.Signature.fromBytes(twin.subarray(1), "compact").addRecoveryBit((twin[0] - 31) & 3).recoverPublicKey(digest);
    assert.equal(bytesToHex(recovered.toBytes(true)), alice.keys.active);
    await expectRefusedTransaction({ ...tx, signatures: [twin] } as SignedTransaction, "signature_unrecoverable", /S value is high/);
  });

  test("a signature whose recovery byte is outside 27–34 is refused", async () => {
    const tx = signedTransfer();
    for (const header of [26, 35, 0, 255]) {
      const bad = Uint8Array.from(tx.signatures[0]);
      bad[0] = header;
      await expectRefusedTransaction({ ...tx, signatures: [bad] } as SignedTransaction, "invalid_signature_format", new RegExp(`recovery byte ${header} is outside 27–34`));
    }
  });
});

/** s → n − s, with the recovery id's parity flipped: the same signature in its high-S form. */
function createHighSTwin(signature: Uint8Array): Uint8Array {
  const n = secp256k1.Point.CURVE().n;
  let s = 0n;
  for (const byte of signature.subarray(33)) s = (s << 8n) | BigInt(byte);
  let highS = n - s;
  const twin = Uint8Array.from(signature);
  for (let i = 64; i >= 33; i--) {
    twin[i] = Number(highS & 0xffn);
    highS >>= 8n;
  }
  twin[0] = 27 + 4 + (((signature[0] - 31) & 3) ^ 1);
  return twin;
}

describe("transaction envelope", () => {
  test("an expired transaction is refused", async () => {
    const tx = sign(build([transferOp(alice, bob.name, 1_000n)], 0), [alice.secrets.active]);
    await expectRefusedTransaction(tx, "transaction_expired", /expired at .* head block time is/);
  });

  test("an expiration more than 3600 s after head block time is refused", async () => {
    const tx = sign(build([transferOp(alice, bob.name, 1_000n)], 3600 + 60), [alice.secrets.active]);
    await expectRefusedTransaction(tx, "transaction_expiration_too_far", /more than 3600 s after head block time/);
  });

  test("a reference to a block that is not ours (wrong ref_block_prefix) is refused as a TaPoS mismatch", async () => {
    const unsigned = build([transferOp(alice, bob.name, 1_000n)]);
    const tx = sign({ ...unsigned, ref_block_prefix: (unsigned.ref_block_prefix ^ 1) >>> 0 }, [alice.secrets.active]);
    await expectRefusedTransaction(tx, "tapos_mismatch", /TaPoS/);
  });

  test("the same transaction twice is refused as a duplicate", async () => {
    const tx = signedTransfer(1n);
    await expectAccepted(tx);
    await expectRefusedTransaction(tx, "duplicate_transaction", new RegExp(`${idOf(tx)} was already included \\(duplicate transaction\\)`), { neverIncluded: false });
  });

  test("a transaction over maximum_block_size − 256 bytes is refused; one of exactly that size is not", async () => {
    // A node of its own, with 60-second blocks, so that its pending block is empty and stays so.
    const own = await startTestNode(["--block-interval", "60"]);
    try {
      const chain = own.running.node;
      const limit = chain.state.props.value.maximum_block_size - 256;
      const oversized = createPostOfSize(own, limit + 1);
      await expectRefused(broadcastBody(toJson(oversized)), { name: "transaction_too_large", message: new RegExp(`is ${limit + 1} bytes; the limit is ${limit}`), on: own, timeoutMs: 4_000 });
      const reply = (await postText(broadcastBody(toJson(createPostOfSize(own, limit))), own)) as RpcReply;
      assert.deepEqual(reply.result, {}, JSON.stringify(reply.error));
    } finally {
      await own.close();
    }
  });
});

/** A root post by initminer whose signed transaction is exactly `size` bytes. */
function createPostOfSize(on: TestNode, size: number): SignedTransaction {
  const chain = on.running.node;
  const make = (bodyLength: number) => signWith(createUnsignedTransaction(chain.state, [{
    type: "comment",
    value: { parent_author: "", parent_permlink: "test", author: initMinerAccount.name, permlink: `size-${size}`, title: "", body: "x".repeat(bodyLength), json_metadata: "" },
  }]), chain.options.chainId, [initMinerAccount.secrets.posting]);
  const overhead = encode(signedTransactionSchema, make(0)).length;
  // The body's length prefix grows from 1 to 3 bytes on the way up; step down until the size fits.
  for (let bodyLength = size - overhead; bodyLength > 0; bodyLength--) {
    const tx = make(bodyLength);
    const actual = encode(signedTransactionSchema, tx).length;
    if (actual === size) return tx;
    if (actual < size) break;
  }
  throw new Error(`cannot build a transaction of exactly ${size} bytes`);
}

describe("malformed JSON-RPC", () => {
  test("a body that is not JSON is a parse error", async () => {
    await expectRefused('{"jsonrpc":"2.0","id":1,"method":"condenser_api.get_config",', { name: "parse_error", message: /not valid JSON/, code: -32700 });
  });

  test('a request whose jsonrpc is not "2.0" is refused even when it carries a valid transaction', async () => {
    const tx = signedTransfer(2n);
    const body = JSON.stringify({ jsonrpc: "1.0", id: 1, method: "condenser_api.broadcast_transaction", params: [toJson(tx)] });
    await expectRefused(body, { name: "invalid_request", message: /jsonrpc must be "2.0"/, code: -32600, id: idOf(tx) });
  });

  test("a request without a method is refused", async () => {
    const tx = signedTransfer(3n);
    await expectRefused(JSON.stringify({ jsonrpc: "2.0", id: 1, params: [toJson(tx)] }), { name: "invalid_request", message: /method must be a string/, code: -32600, id: idOf(tx) });
  });

  test("an empty batch and a batch over 1000 requests are refused as a whole", async () => {
    await expectRefused("[]", { name: "invalid_request", message: /a batch must hold 1 to 1000 requests/, code: -32600 });
    const request = { jsonrpc: "2.0", id: 1, method: "condenser_api.get_config" };
    await expectRefused(JSON.stringify(Array.from({ length: 1001 }, () => request)), { name: "invalid_request", message: /a batch must hold 1 to 1000 requests/, code: -32600 });
  });

  test("a batch of non-objects answers each entry with invalid_request", async () => {
    const head = node().headBlockNum;
    const before = getStateHash(node().state);
    const replies = (await postText('[1, "x", null, []]')) as RpcReply[];
    assert.equal(replies.length, 4);
    for (const reply of replies) {
      assert.equal(reply.error?.code, -32600);
      assert.equal(reply.error?.data?.name, "invalid_request");
      assert.match(reply.error?.message ?? "", /a request must be a JSON object/);
    }
    if (node().headBlockNum === head) assert.equal(getStateHash(node().state), before);
  });

  test("an unknown method is refused as method_not_found", async () => {
    const tx = signedTransfer(4n);
    const broadcastTypo = { jsonrpc: "2.0", id: 1, method: "condenser_api.broadcast_transactions", params: [toJson(tx)] };
    await expectRefused(JSON.stringify(broadcastTypo), { name: "method_not_found", message: /Could not find method condenser_api\.broadcast_transactions/, code: -32601, id: idOf(tx) });
    const unknownApi = { jsonrpc: "2.0", id: 1, method: "no_such_api.get_config", params: {} };
    await expectRefused(JSON.stringify(unknownApi), { name: "method_not_found", message: /Could not find method no_such_api\.get_config/, code: -32601 });
  });
});

describe("read methods", () => {

  test("get_account_history refuses an operation filter that is not an integer as invalid_params", async () => {
    for (const filter of ["abc", 1.5, "2020-01-01T00:00:00"]) {
      const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "condenser_api.get_account_history", params: [alice.name, -1, 10, filter] });
      await expectRefused(body, { name: "invalid_params", message: /operation_filter/, code: -32602 });
    }
  });
});

describe("operation validity", () => {
  test("an invalid account name is refused", async () => {
    for (const to of ["Bob", "ab", "1abc", "abc-", "a.bcd", "averyveryverylongname"]) {
      const json = signedJson([transferOp(alice, bob.name, 1_000n)], [alice.secrets.active], (j) => {
        j.operations[0][1].to = to;
      });
      await expectRefusedTransaction(json, "invalid_account_name", new RegExp(`to "${to}" is not a valid account name`));
    }
  });

  test("a new post with a permlink outside [a-z0-9-] is refused", async () => {
    const operation: Operation = { type: "comment", value: { parent_author: "", parent_permlink: "test", author: alice.name, permlink: "Hello World!", title: "t", body: "b", json_metadata: "" } };
    const tx = sign(build([operation]), [alice.secrets.posting]);
    await expectRefusedTransaction(tx, "invalid_permlink", /permlink "Hello World!" must be 1–255 characters of a-z, 0-9 and '-'/);
  });

  test("a negative transfer amount is refused", async () => {
    const tx = sign(build([{ type: "transfer", value: { from: alice.name, to: bob.name, amount: steem(-1_000n), memo: "" } }]), [alice.secrets.active]);
    assert.match(JSON.stringify(toJson(tx).operations), /"amount":"-1\.000 STEEM"/);
    await expectRefusedTransaction(tx, "amount_not_positive", /amount must be greater than zero/);
  });

  test("VESTS cannot be transferred and SBD cannot be powered up", async () => {
    const vests = sign(build([{ type: "transfer", value: { from: alice.name, to: bob.name, amount: { amount: 1_000_000n, symbol: "VESTS" }, memo: "" } }]), [alice.secrets.active]);
    await expectRefusedTransaction(vests, "wrong_asset_symbol", /amount must be in STEEM or SBD, not VESTS/);
    const sbd = sign(build([{ type: "transfer_to_vesting", value: { from: alice.name, to: alice.name, amount: { amount: 1_000n, symbol: "SBD" } } }]), [alice.secrets.active]);
    await expectRefusedTransaction(sbd, "wrong_asset_symbol", /amount must be in STEEM, not SBD/);
  });

  test("a transfer of more than the balance is refused", async () => {
    const balance = node().state.accounts.get(alice.name)!.balance;
    const tx = signedTransfer(balance + 1n);
    await expectRefusedTransaction(tx, "insufficient_funds", /account "alice" has .* STEEM, less than the .* STEEM needed/);
  });

  test("an operation the chain does not apply (limit_order_create) is refused as unsupported", async () => {
    const operation: Operation = {
      type: "limit_order_create",
      value: { owner: alice.name, orderid: 1, amount_to_sell: steem(1_000n), min_to_receive: { amount: 1_000n, symbol: "SBD" }, fill_or_kill: false, expiration: node().state.props.value.time + 3000 },
    };
    const tx = sign(build([operation]), [alice.secrets.active]);
    await expectRefusedTransaction(tx, "unsupported_operation", /operation "limit_order_create" is not supported/);
  });

  test("an unknown operation name is refused", async () => {
    const json = signedJson([transferOp(alice, bob.name, 1_000n)], [alice.secrets.active], (j) => {
      j.operations[0][0] = "frobnicate";
    });
    await expectRefusedTransaction(json, "unknown_operation", /operations\[0\]: unknown operation "frobnicate"/);
  });
});

describe("posting intervals", () => {
  const post = (permlink: string): Operation => ({ type: "comment", value: { parent_author: "", parent_permlink: "test", author: bob.name, permlink, title: "A post", body: "Body.", json_metadata: "{}" } });
  const reply = (permlink: string): Operation => ({ type: "comment", value: { parent_author: bob.name, parent_permlink: "first-post", author: alice.name, permlink, title: "", body: "A reply.", json_metadata: "" } });

  test("a second root post within 5 minutes is refused", async () => {
    await expectAccepted(sign(build([post("first-post")]), [bob.secrets.posting]));
    const tx = sign(build([post("second-post")]), [bob.secrets.posting]);
    await expectRefusedTransaction(tx, "posting_too_soon", /may publish one post every 5 minutes/);
  });

  test("a second reply within 3 seconds is refused", async () => {
    await expectAccepted(sign(build([reply("first-reply")]), [alice.secrets.posting]));
    const tx = sign(build([reply("second-reply")]), [alice.secrets.posting]);
    await expectRefusedTransaction(tx, "replying_too_soon", /may comment once every 3 seconds/);
  });
});

test("no refused transaction shows up in a block", async () => {
  node().produceBlock();
  assert.ok(refusedIds.size >= 15, `only ${refusedIds.size} refused transaction ids were recorded`);
  for (const id of refusedIds) {
    const reply = (await postText(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "condenser_api.get_transaction", params: [id] }))) as RpcReply;
    assert.match(reply.error?.message ?? "", /unknown.transaction/i, `refused transaction ${id} was included: ${JSON.stringify(reply).slice(0, 400)}`);
  }
});
