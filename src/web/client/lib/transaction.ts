/**
 * Building and signing a transaction in the browser from legacy-JSON operations, with the same core code the
 * node uses to check it: operations are parsed against the protocol's schemas first, so a malformed one is
 * refused here, before any key is touched.
 */
import { nobleSecp256k1 } from "../../../core/crypto/noble-secp256k1.ts";
import { ChainError } from "../../../core/errors.ts";
import { maxTimeUntilExpirationSeconds } from "../../../core/protocol/config.ts";
import { type Operation, operationSchema } from "../../../core/protocol/operation-schemas.ts";
import { encodeTransaction, getTransactionId, signTransaction } from "../../../core/protocol/transaction.ts";
import { parseLegacyJson } from "../../../api/format/legacy-json.ts";
import { parseTime } from "../../../api/format/json-time.ts";
import { type TransactionJson, formatLegacyTransaction } from "../../../api/format/transaction-json.ts";
import { bytesToHex, hexToBytesOrNull, readUint32LE } from "../../../stdx/bytes.ts";
import { ClientError } from "./client-error.ts";
import { addressPrefix } from "./keys.ts";

/** An operation as condenser_api takes it: `["vote", {voter, author, permlink, weight}]`. */
export type WireOperation = readonly [string, Readonly<Record<string, unknown>>];

/** The head block a transaction refers to (TaPoS), as get_dynamic_global_properties reports it. */
export interface ReferenceBlock {
  readonly head_block_number: number;
  readonly head_block_id: string;
  readonly time: string;
}

/** How long a transaction stays valid after the head block's time: dsteem's choice, well inside the chain's hour. */
export const expirationSecondsDefault = 60;
export const expirationSecondsMax = maxTimeUntilExpirationSeconds;

/** Operations one transaction may carry here; pages send one or two. */
export const operationsPerTransactionMax = 100;

export interface CreateSignedTransactionParameters {
  readonly operations: readonly WireOperation[];
  readonly reference: ReferenceBlock;
  /** The chain id as 64 hex characters (condenser_api.get_version's `chain_id`). */
  readonly chainId: string;
  readonly secrets: readonly Uint8Array[];
  readonly expiresInSeconds?: number;
}

export interface SignedTransactionJson {
  /** What condenser_api.broadcast_transaction_synchronous takes. */
  readonly transaction: TransactionJson;
  /** The transaction id, 40 hex characters. */
  readonly id: string;
}

/** Parses legacy-JSON operations to the domain; a ClientError `invalid_operation` naming the bad field otherwise. */
export function parseWireOperations(operations: readonly WireOperation[]): Operation[] {
  if (!Array.isArray(operations) || operations.length === 0) throw new ClientError("invalid_operation", "There is nothing to broadcast.");
  if (operations.length > operationsPerTransactionMax) {
    throw new ClientError("invalid_operation", `A transaction carries at most ${operationsPerTransactionMax} operations.`);
  }
  return operations.map((operation, index) => {
    try {
      return parseLegacyJson(operationSchema, operation, { addressPrefix }, `operations[${index}]`);
    } catch (error) {
      if (error instanceof ChainError) throw new ClientError("invalid_operation", error.message);
      throw error;
    }
  });
}

/** ref_block_num and ref_block_prefix: the head's number mod 2^16 and bytes 4–7 of its id, little-endian. */
function getTapos(reference: ReferenceBlock): { ref_block_num: number; ref_block_prefix: number } {
  const id = hexToBytesOrNull(reference.head_block_id);
  if (id === null || id.length !== 20) throw new ClientError("unexpected_answer", "The node reported a malformed head block id.");
  return { ref_block_num: reference.head_block_number & 0xffff, ref_block_prefix: readUint32LE(id, 4) };
}

/** Builds, signs (pure-JS secp256k1, low-S, canonical) and formats a transaction for broadcast. */
export function createSignedTransaction(parameters: CreateSignedTransactionParameters): SignedTransactionJson {
  const operations = parseWireOperations(parameters.operations);
  const expiresIn = parameters.expiresInSeconds ?? expirationSecondsDefault;
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > expirationSecondsMax) {
    throw new RangeError(`expiresInSeconds must be an integer from 1 to ${expirationSecondsMax}`);
  }
  const chainId = hexToBytesOrNull(parameters.chainId);
  if (chainId === null || chainId.length !== 32) throw new ClientError("unexpected_answer", "The node reported a malformed chain id.");
  let headTime: number;
  try {
    headTime = parseTime(parameters.reference.time);
  } catch {
    throw new ClientError("unexpected_answer", "The node reported a malformed head block time.");
  }
  const unsigned = { ...getTapos(parameters.reference), expiration: headTime + expiresIn, operations, extensions: [] };
  const signed = signTransaction(nobleSecp256k1, unsigned, chainId, parameters.secrets);
  return {
    transaction: formatLegacyTransaction(signed, { addressPrefix }),
    id: bytesToHex(getTransactionId(encodeTransaction(unsigned))),
  };
}

