/**
 * Signed transactions in both JSON styles, exactly as clients broadcast them and as get_block returns them:
 * `{ref_block_num, ref_block_prefix, expiration, operations, extensions, signatures}` with signatures as
 * 130 lower-case hex characters each.
 */
import { type SignedTransaction, transactionSchema } from "../../core/protocol/transaction.ts";
import { bytesToHex, hexToBytesOrNull } from "../../stdx/bytes.ts";
import { formatAppbaseJson, parseAppbaseJson } from "./appbase-json.ts";
import { formatLegacyJson, parseLegacyJson } from "./legacy-json.ts";
import { type JsonFormatOptions, type JsonObject, describeJson, failAt, indexPath, isJsonObject, joinPath } from "./json-value.ts";

export { formatAsset, parseAsset } from "./json-asset.ts";
export { formatTime, parseTime } from "./json-time.ts";

/** A signed transaction as JSON: the unsigned fields in schema order, then the signatures. */
export type TransactionJson = JsonObject & { readonly signatures: readonly string[] };

const signatureBytesLength = 65;

/**
 * Parses a condenser-format signed transaction (`["vote", {...}]` operations, `"1.000 STEEM"` assets). Keys may
 * come in any order; sets inside operations are canonicalized as steemd does; an absent `signatures` is none
 * (as for get_transaction_hex). Bad input is a ChainError naming the path, e.g. `operations[0].vote.weight`.
 */
export function parseLegacyTransaction(json: unknown, options: JsonFormatOptions, path = ""): SignedTransaction {
  assertTransactionObject(json, path);
  const unsigned = parseLegacyJson(transactionSchema, json, options, path);
  return { ...unsigned, signatures: parseSignatures(json.signatures, joinPath(path, "signatures")) };
}

/** Parses an appbase-format signed transaction (`{type: "vote_operation", value}` operations, NAI assets). */
export function parseAppbaseTransaction(json: unknown, options: JsonFormatOptions, path = ""): SignedTransaction {
  assertTransactionObject(json, path);
  const unsigned = parseAppbaseJson(transactionSchema, json, options, path);
  return { ...unsigned, signatures: parseSignatures(json.signatures, joinPath(path, "signatures")) };
}

/** Formats a signed transaction as condenser_api returns it. */
export function formatLegacyTransaction(transaction: SignedTransaction, options: JsonFormatOptions): TransactionJson {
  const unsigned = formatLegacyJson(transactionSchema, transaction, options) as JsonObject;
  return { ...unsigned, signatures: transaction.signatures.map(bytesToHex) };
}

/** Formats a signed transaction as database_api and block_api return it. */
export function formatAppbaseTransaction(transaction: SignedTransaction, options: JsonFormatOptions): TransactionJson {
  const unsigned = formatAppbaseJson(transactionSchema, transaction, options) as JsonObject;
  return { ...unsigned, signatures: transaction.signatures.map(bytesToHex) };
}

function assertTransactionObject(json: unknown, path: string): asserts json is Record<string, unknown> {
  if (!isJsonObject(json)) failAt("malformed_json", path, `a transaction must be a JSON object, got ${describeJson(json)}`);
}

/** Each signature is 65 bytes of hex in either case; recovery and canonical form are checked later, with the digest. */
function parseSignatures(json: unknown, path: string): Uint8Array[] {
  if (json === undefined) return [];
  if (!Array.isArray(json)) failAt("invalid_signature_format", path, `expected an array of hex signatures, got ${describeJson(json)}`);
  return json.map((item, index) => {
    const bytes = typeof item === "string" ? hexToBytesOrNull(item) : null;
    if (bytes === null || bytes.length !== signatureBytesLength) {
      const expected = `${signatureBytesLength} bytes as ${signatureBytesLength * 2} hex characters`;
      failAt("invalid_signature_format", indexPath(path, index), `a signature must be ${expected}, got ${describeJson(item)}`);
    }
    return bytes;
  });
}
