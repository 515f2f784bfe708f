// Checks that transactions built and signed in the browser are byte-identical to dsteem's (id, digest, signature) for several operation kinds, and that bad operations are refused with the field named.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import { type Operation, PrivateKey, type Transaction, Types, cryptoUtils } from "dsteem";
import { decodeWif } from "../../../core/crypto/keys.ts";
import { ClientError } from "./client-error.ts";
import { deriveKeys } from "./keys.ts";
import { type ReferenceBlock, type WireOperation, createSignedTransaction, expirationSecondsMax, parseWireOperations } from "./transaction.ts";

const ByteBuffer = createRequire(createRequire(import.meta.url).resolve("dsteem"))("bytebuffer");
const chainId = "0".repeat(64);
const keys = deriveKeys("alice", "P5TestAlicePassword");
const reference: ReferenceBlock = { head_block_number: 70_123, head_block_id: "000111eb9c3f6a2b44d5e6f708192a3b4c5d6e7f", time: "2024-11-28T12:00:00" };

function dsteemId(tx: Transaction): string {
  const buffer = new ByteBuffer(ByteBuffer.DEFAULT_CAPACITY, ByteBuffer.LITTLE_ENDIAN);
  Types.Transaction(buffer, tx);
  buffer.flip();
  return cryptoUtils.sha256(Buffer.from(buffer.toBuffer())).toString("hex").slice(0, 40);
}

const operations: Record<string, WireOperation[]> = {
  vote: [["vote", { voter: "alice", author: "bob", permlink: "a-post", weight: -2500 }]],
  transfer: [["transfer", { from: "alice", to: "bob", amount: "1.234 STEEM", memo: "thanks — café ☕" }]],
  post: [
    ["comment", { parent_author: "", parent_permlink: "kettle", author: "alice", permlink: "hello", title: "Hello ✨", body: "# Hi\n\nUnicode: naïve, 日本語, 🎉", json_metadata: JSON.stringify({ tags: ["kettle"], app: "kettle/0.1" }) }],
    ["comment_options", { author: "alice", permlink: "hello", max_accepted_payout: "1000000.000 SBD", percent_steem_dollars: 10000, allow_votes: true, allow_curation_rewards: true, extensions: [[0, { beneficiaries: [{ account: "bob", weight: 1000 }] }]] }],
  ],
  social: [["custom_json", { required_auths: [], required_posting_auths: ["alice"], id: "follow", json: JSON.stringify(["follow", { follower: "alice", following: "bob", what: ["blog"] }]) }]],
  wallet: [["transfer_to_vesting", { from: "alice", to: "alice", amount: "10.000 STEEM" }], ["withdraw_vesting", { account: "alice", vesting_shares: "1.000000 VESTS" }]],
};

test("the same id, digest and signature as dsteem for the same operations, reference block and expiration", () => {
  for (const [label, ops] of Object.entries(operations)) {
    const signed = createSignedTransaction({ operations: ops, reference, chainId, secrets: [decodeWif(keys.posting.wif)!], expiresInSeconds: 600 });
    const tx: Transaction = {
      ref_block_num: reference.head_block_number & 0xffff,
      ref_block_prefix: Buffer.from(reference.head_block_id, "hex").readUInt32LE(4),
      expiration: "2024-11-28T12:10:00",
      operations: ops as unknown as Operation[],
      extensions: [],
    };
    assert.equal(signed.transaction.expiration, tx.expiration, label);
    assert.equal(signed.transaction.ref_block_num, tx.ref_block_num, label);
    assert.equal(signed.transaction.ref_block_prefix, tx.ref_block_prefix, label);
    assert.equal(signed.id, dsteemId(tx), `${label}: transaction id`);
    const dsteemSigned = cryptoUtils.signTransaction(tx, PrivateKey.fromString(keys.posting.wif), Buffer.from(chainId, "hex"));
    assert.deepEqual(signed.transaction.signatures, dsteemSigned.signatures, `${label}: signature`);
  }
});

test("the default expiration is a minute after head block time; more than an hour is refused", () => {
  const secrets = [decodeWif(keys.posting.wif)!];
  assert.equal(createSignedTransaction({ operations: operations.vote, reference, chainId, secrets }).transaction.expiration, "2024-11-28T12:01:00");
  assert.throws(() => createSignedTransaction({ operations: operations.vote, reference, chainId, secrets, expiresInSeconds: expirationSecondsMax + 1 }), RangeError);
  assert.throws(() => createSignedTransaction({ operations: operations.vote, reference: { ...reference, head_block_id: "zz" }, chainId, secrets }), /malformed head block id/);
});

test("malformed operations are refused before signing, naming the field", () => {
  const cases: [unknown, RegExp][] = [
    [[], /nothing to broadcast/],
    [[["vote", { voter: "alice", author: "bob", permlink: "p", weight: 70000 }]], /operations\[0\]\.vote\.weight/],
    [[["vote", { voter: "alice", author: "bob", permlink: "p" }]], /operations\[0\]\.vote\.weight/],
    [[["transfer", { from: "alice", to: "bob", amount: "1 STEEM", memo: "" }]], /operations\[0\]\.transfer\.amount/],
    [[["vote", { voter: "alice", author: "bob", permlink: "p", weight: 1 }], ["no_such_op", {}]], /operations\[1\]/],
  ];
  for (const [ops, message] of cases) {
    assert.throws(() => parseWireOperations(ops as WireOperation[]), (error: unknown) => {
      assert.ok(error instanceof ClientError);
      assert.equal(error.code, "invalid_operation");
      assert.match(error.message, message);
      return true;
    });
  }
});
