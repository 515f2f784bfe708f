// Checks that a block written as its head plus its transactions' bytes is exactly the block's encoding.
import assert from "node:assert/strict";
import { test } from "node:test";
import { concatBytes } from "../../stdx/bytes.ts";
import { ByteWriter } from "../encoding/byte-writer.ts";
import { decode, encode } from "../encoding/codec.ts";
import { type SignedBlock, getTransactionMerkleRoot, getTransactionMerkleRootOfBytes, signedBlockSchema, writeSignedBlockHead } from "./block.ts";
import { signedTransactionSchema } from "./transaction.ts";

const tx = (voter: string, weight: number) => ({
  ref_block_num: 1, ref_block_prefix: 2, expiration: 1_600_000_000, extensions: [],
  operations: [{ type: "vote", value: { voter, author: "bob", permlink: "hello-world", weight } }],
  signatures: [new Uint8Array(65).fill(7)],
});

test("head ‖ transactions' bytes is the signed block's encoding, with the same merkle root", () => {
  for (const count of [0, 1, 3, 200]) {
    const transactions = Array.from({ length: count }, (_, i) => tx(`voter${i}`, i * 10));
    const transactionBytes = transactions.map((t) => encode(signedTransactionSchema, t as never));
    const header = { previous: new Uint8Array(20).fill(1), timestamp: 1_600_000_003, witness: "initminer", transaction_merkle_root: getTransactionMerkleRootOfBytes(transactionBytes), extensions: [], witness_signature: new Uint8Array(65).fill(9) };
    const block = { ...header, transactions } as unknown as SignedBlock;
    assert.deepEqual(header.transaction_merkle_root, getTransactionMerkleRoot(block.transactions));
    const writer = new ByteWriter(16);
    writeSignedBlockHead(writer, header, transactionBytes.length);
    const written = concatBytes(writer.written(), ...transactionBytes);
    assert.deepEqual(written, encode(signedBlockSchema, block));
    assert.deepEqual(decode(signedBlockSchema, written), block);
  }
});
