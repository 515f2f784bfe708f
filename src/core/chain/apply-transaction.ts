/**
 * Transaction admission and application: envelope rules (size, expiration, TaPoS, duplicates), each
 * operation's validation, authorities, then the operations themselves — all or nothing.
 */
import { bytesToHex } from "../../stdx/bytes.ts";
import { ByteWriter } from "../encoding/byte-writer.ts";
import type { PublicKey } from "../crypto/keys.ts";
import type { Secp256k1 } from "../crypto/secp256k1.ts";
import { ChainError, ensure } from "../errors.ts";
import { getOperationHandler } from "../operations/index.ts";
import type { AuthorityCollector } from "../operations/operation-handler.ts";
import { blockHeaderReserveBytes, maxTimeUntilExpirationSeconds } from "../protocol/config.ts";
import { recoverSignatureKey } from "../protocol/signature.ts";
import { type SignedTransaction, getSignatureDigest, getTransactionId, transactionSchema } from "../protocol/transaction.ts";
import { writeValue } from "../encoding/codec.ts";
import { verifyAuthority } from "./authority-check.ts";
import { chargeResourceCredits } from "./resource-credits.ts";
import type { ChainState } from "./state.ts";

/** A decoded transaction with the bytes, id and digest computed once. */
export interface PreparedTransaction {
  readonly transaction: SignedTransaction;
  readonly id: Uint8Array;
  readonly idHex: string;
  readonly digest: Uint8Array;
  /** The signed transaction's bytes (what blocks store and the merkle root hashes). */
  readonly signedBytes: Uint8Array;
  /** Packed size including signatures. */
  readonly size: number;
}

/** One buffer holds the signed bytes; the unsigned bytes are a view of its front (fewer allocations per transaction). */
export function prepareTransaction(transaction: SignedTransaction, chainId: Uint8Array): PreparedTransaction {
  const writer = new ByteWriter(256 + 65 * transaction.signatures.length);
  writeValue(writer, transactionSchema, transaction);
  const unsignedLength = writer.length;
  writer.writeVarint32(transaction.signatures.length);
  for (const signature of transaction.signatures) writer.writeBytes(signature);
  const signedBytes = writer.written();
  const unsigned = signedBytes.subarray(0, unsignedLength);
  const id = getTransactionId(unsigned);
  return { transaction, id, idHex: bytesToHex(id), digest: getSignatureDigest(chainId, unsigned), signedBytes, size: signedBytes.length };
}

/** Recovers every signer key; duplicate signers are an error, as in steemd. */
export function recoverTransactionKeys(secp: Secp256k1, prepared: PreparedTransaction): PublicKey[] {
  const keys = prepared.transaction.signatures.map((signature) => recoverSignatureKey(secp, prepared.digest, signature));
  ensureUniqueKeys(keys);
  return keys;
}

export function ensureUniqueKeys(keys: readonly PublicKey[]): void {
  ensure(new Set(keys).size === keys.length, "duplicate_signature", "the same key signed the transaction twice (duplicate signature)");
}

export interface ApplyTransactionOptions {
  /** Recovered signer keys; `null` skips the authority check (replaying a trusted local block log). */
  readonly signerKeys: readonly PublicKey[] | null;
  /** The transaction's index in its block (where its virtual operations are reported). */
  readonly trxInBlock: number;
}

/** Checks and applies one transaction at the current head; on any error the state is left unchanged. */
export function applyTransaction(state: ChainState, prepared: PreparedTransaction, options: ApplyTransactionOptions): void {
  const tx = prepared.transaction;
  const props = state.props.value;
  const now = props.time;
  ensure(tx.operations.length > 0, "transaction_empty", "a transaction needs at least one operation");
  const sizeMax = props.maximum_block_size - blockHeaderReserveBytes;
  ensure(prepared.size <= sizeMax, "transaction_too_large", () => `the transaction is ${prepared.size} bytes; the limit is ${sizeMax}`);
  if (tx.expiration <= now) throw new ChainError("transaction_expired", `the transaction expired at ${isoTime(tx.expiration)}; head block time is ${isoTime(now)}`);
  if (tx.expiration > now + maxTimeUntilExpirationSeconds) {
    throw new ChainError("transaction_expiration_too_far", `expiration ${isoTime(tx.expiration)} is more than ${maxTimeUntilExpirationSeconds} s after head block time ${isoTime(now)}`);
  }
  if (props.head_block_number > 0) {
    const ids = state.blockIds;
    const at = tx.ref_block_num * 20;
    const prefix = (ids[at + 4] | (ids[at + 5] << 8) | (ids[at + 6] << 16) | (ids[at + 7] << 24)) >>> 0;
    if (prefix !== tx.ref_block_prefix) {
      throw new ChainError("tapos_mismatch", `ref_block_num ${tx.ref_block_num} / ref_block_prefix ${tx.ref_block_prefix} do not match a block among the last 65,536 (TaPoS): reference a recent block`);
    }
  }
  if (state.recentTransactions.has(prepared.id)) throw new ChainError("duplicate_transaction", `transaction ${prepared.idHex} was already included (duplicate transaction)`);
  const handlers = tx.operations.map((op) => getOperationHandler(op));
  const required: AuthorityCollector = { posting: new Set(), active: new Set(), owner: new Set(), other: [] };
  tx.operations.forEach((op, i) => {
    handlers[i].validate(op.value as never);
    handlers[i].collectAuthorities(op.value as never, required);
  });
  if (options.signerKeys !== null) {
    ensureUniqueKeys(options.signerKeys);
    verifyAuthority(required, new Set(options.signerKeys), (name) => state.accounts.get(name));
  }
  const context = { state, now, blockNum: props.head_block_number + 1 };
  state.undo.atomically(() => {
    tx.operations.forEach((op, i) => {
      state.virtualOps.setSource(options.trxInBlock, i);
      handlers[i].apply(context, op.value as never);
    });
    chargeResourceCredits(state, prepared, now);
    state.recentTransactions.add(prepared.id, tx.expiration);
  });
}


function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19);
}

