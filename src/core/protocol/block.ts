/** Blocks: header layout, block ids, the transaction merkle root, and the producer's signing digest. */
import { concatBytes } from "../../stdx/bytes.ts";
import type { ByteWriter } from "../encoding/byte-writer.ts";
import { encode, writeValue } from "../encoding/codec.ts";
import { type Infer, accountName, array, extensions, fixedBytes, struct, time } from "../encoding/schema.ts";
import { ripemd160, sha224, sha256 } from "../crypto/hash.ts";
import { signedTransactionSchema, type SignedTransaction } from "./transaction.ts";

const headerFields = {
  previous: fixedBytes(20),
  timestamp: time,
  witness: accountName,
  transaction_merkle_root: fixedBytes(20),
  extensions,
};

export const blockHeaderSchema = struct(headerFields);
export const signedBlockHeaderSchema = struct({ ...headerFields, witness_signature: fixedBytes(65) });
export const signedBlockSchema = struct({ ...headerFields, witness_signature: fixedBytes(65), transactions: array(signedTransactionSchema) });

export type BlockHeader = Infer<typeof blockHeaderSchema>;
export type SignedBlockHeader = Infer<typeof signedBlockHeaderSchema>;
export type SignedBlock = Infer<typeof signedBlockSchema>;

/** The block number stored big-endian in the first four bytes of a block id. */
export function getBlockNumFromId(id: Uint8Array): number {
  return ((id[0] << 24) | (id[1] << 16) | (id[2] << 8) | id[3]) >>> 0;
}

/** sha224 of the signed header, truncated to 20 bytes, with the block number written over bytes 0..3. */
export function getBlockId(header: SignedBlockHeader): Uint8Array {
  const id = sha224(encode(signedBlockHeaderSchema, header)).slice(0, 20);
  const num = getBlockNumFromId(header.previous) + 1;
  id[0] = num >>> 24;
  id[1] = (num >>> 16) & 0xff;
  id[2] = (num >>> 8) & 0xff;
  id[3] = num & 0xff;
  return id;
}

/** What the producer signs: sha256 of the unsigned header. */
export function getBlockSigningDigest(header: BlockHeader): Uint8Array {
  return sha256(encode(blockHeaderSchema, header));
}

/** Merkle root of sha256(signed transaction) leaves, pairwise sha256, then ripemd160; zero for no transactions. */
export function getTransactionMerkleRoot(transactions: readonly SignedTransaction[]): Uint8Array {
  return getTransactionMerkleRootOfBytes(transactions.map((tx) => encode(signedTransactionSchema, tx)));
}

/** The same root from already-encoded signed transactions (the producer keeps their bytes from admission). */
export function getTransactionMerkleRootOfBytes(transactionBytes: readonly Uint8Array[]): Uint8Array {
  if (transactionBytes.length === 0) return new Uint8Array(20);
  let level = transactionBytes.map((bytes) => sha256(bytes));
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? sha256(concatBytes(level[i], level[i + 1])) : level[i]);
    level = next;
  }
  return ripemd160(level[0]);
}

/**
 * Appends the start of a signed block to `writer`: its header and transaction count. The block's
 * encoding (as `encode` gives it) is this followed by its signed transactions' bytes, which the producer
 * writes to the log from where they already are rather than copying megabytes per block.
 */
export function writeSignedBlockHead(writer: ByteWriter, header: SignedBlockHeader, transactionCount: number): void {
  writeValue(writer, signedBlockHeaderSchema, header);
  writer.writeVarint32(transactionCount);
}
