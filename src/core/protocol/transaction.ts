/** Transactions: layout, id, signature digest. */
import { encode } from "../encoding/codec.ts";
import { type Infer, array, extensions, fixedBytes, struct, time, uint16, uint32 } from "../encoding/schema.ts";
import { sha256, sha256Parts } from "../crypto/hash.ts";
import type { Secp256k1 } from "../crypto/secp256k1.ts";
import { operationSchema } from "./operation-schemas.ts";
import { signDigest } from "./signature.ts";

export const transactionSchema = struct({
  ref_block_num: uint16,
  ref_block_prefix: uint32,
  expiration: time,
  operations: array(operationSchema),
  extensions,
});

export const signedTransactionSchema = struct({
  ref_block_num: uint16,
  ref_block_prefix: uint32,
  expiration: time,
  operations: array(operationSchema),
  extensions,
  signatures: array(fixedBytes(65)),
});

export type Transaction = Infer<typeof transactionSchema>;
export type SignedTransaction = Infer<typeof signedTransactionSchema>;

export function encodeTransaction(tx: Transaction): Uint8Array {
  return encode(transactionSchema, tx);
}

/** First 20 bytes of sha256 of the unsigned transaction, no chain id. */
export function getTransactionId(unsignedBytes: Uint8Array): Uint8Array {
  return sha256(unsignedBytes).slice(0, 20);
}

/** sha256(chain id ‖ unsigned transaction bytes): what each signature signs. */
export function getSignatureDigest(chainId: Uint8Array, unsignedBytes: Uint8Array): Uint8Array {
  return sha256Parts(chainId, unsignedBytes);
}

/** Signs a transaction with each secret (client side: the CLI's demo, tests, the browser). */
export function signTransaction(
  secp: Secp256k1,
  tx: Transaction,
  chainId: Uint8Array,
  secrets: readonly Uint8Array[],
): SignedTransaction {
  const digest = getSignatureDigest(chainId, encodeTransaction(tx));
  return { ...tx, signatures: secrets.map((secret) => signDigest(secp, digest, secret)) };
}
