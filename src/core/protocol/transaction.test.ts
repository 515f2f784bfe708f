// Checks transaction bytes, ids, digests and signatures against the vectors produced by steem-js, dsteem and dhive.
import assert from "node:assert/strict";
import { test } from "node:test";
import vectors from "../../../test/vectors/protocol-vectors.json" with { type: "json" };
import { bytesToHex, hexToBytes } from "../../stdx/bytes.ts";
import { decode } from "../encoding/codec.ts";
import { decodeWif, derivePrivateKeyFromLogin, encodeWif, formatPublicKey, getPublicKey, parsePublicKey } from "../crypto/keys.ts";
import { nobleSecp256k1 } from "../crypto/noble-secp256k1.ts";
import { recoverSignatureKey, signDigest } from "./signature.ts";
import { encodeTransaction, getSignatureDigest, getTransactionId, transactionSchema } from "./transaction.ts";

const header = { ref_block_num: 46079, ref_block_prefix: 3569595041, expiration: Date.parse("2020-05-20T14:00:00Z") / 1000, extensions: [] };
const voteTx = { ...header, operations: [{ type: "vote", value: { voter: "alice", author: "bob", permlink: "hello-world", weight: 10000 } }] } as const;

test("vote transaction bytes, id and digest match the client libraries", () => {
  const bytes = encodeTransaction(voteTx as never);
  assert.equal(bytesToHex(bytes), vectors.transactions.vote.serialized_hex);
  assert.equal(bytesToHex(getTransactionId(bytes)), vectors.transactions.vote.transaction_id);
  assert.equal(bytesToHex(getSignatureDigest(new Uint8Array(32), bytes)), vectors.transactions.vote.digest_hex);
  assert.deepEqual(decode(transactionSchema, bytes), voteTx);
});

test("comment with beneficiaries encodes as the vectors say and round-trips", () => {
  const tx = {
    ...header,
    operations: [
      { type: "comment", value: { parent_author: "", parent_permlink: "steem", author: "alice", permlink: "my-post", title: "T", body: "B", json_metadata: "{}" } },
      {
        type: "comment_options",
        value: {
          author: "alice", permlink: "my-post", max_accepted_payout: { amount: 1000000000n, symbol: "SBD" }, percent_steem_dollars: 10000,
          allow_votes: true, allow_curation_rewards: true,
          extensions: [{ type: "comment_payout_beneficiaries", value: { beneficiaries: [{ account: "bob", weight: 500 }] } }],
        },
      },
    ],
  };
  const bytes = encodeTransaction(tx as never);
  assert.equal(bytesToHex(bytes), vectors.transactions.comment_with_beneficiaries.serialized_hex);
  assert.equal(bytesToHex(getTransactionId(bytes)), vectors.transactions.comment_with_beneficiaries.transaction_id);
  assert.deepEqual(decode(transactionSchema, bytes), tx);
});

test("keys from login, WIF and public key strings match the vectors", () => {
  const login = vectors.login_keys;
  for (const role of ["owner", "active", "posting", "memo"] as const) {
    const secret = derivePrivateKeyFromLogin(login.name, login.password, role);
    assert.equal(encodeWif(secret), login[role].wif);
    assert.equal(formatPublicKey(getPublicKey(nobleSecp256k1, secret), "STM"), login[role].public_key);
    assert.equal(formatPublicKey(parsePublicKey(login[role].public_key, "STM")!, "STM"), login[role].public_key);
  }
  assert.equal(parsePublicKey(login.owner.public_key, "TST"), null);
  assert.equal(parsePublicKey(`${login.owner.public_key.slice(0, -1)}x`, "STM"), null);
  assert.equal(decodeWif("5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2m"), null);
  const init = decodeWif(vectors.init_key.wif)!;
  assert.equal(formatPublicKey(getPublicKey(nobleSecp256k1, init), "STM"), vectors.init_key.public_key);
});

test("signatures: dsteem-identical signing and recovery of every library's signature", () => {
  for (const [name, vector] of Object.entries(vectors.transactions)) {
    const digest = hexToBytes(vector.digest_hex);
    for (const [library, signature] of Object.entries(vector.signatures)) {
      const key = recoverSignatureKey(nobleSecp256k1, digest, hexToBytes(signature));
      assert.equal(formatPublicKey(key, "STM"), vector.recovered[library as "dsteem"].key, `${name} ${library}`);
    }
    const signed = signDigest(nobleSecp256k1, digest, decodeWif(vectors.login_keys.posting.wif)!);
    if (name !== "transfer") assert.equal(bytesToHex(signed), vector.signatures.dsteem);
  }
});
