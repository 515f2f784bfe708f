/** Signature helpers: get_transaction_hex, get_required_signatures, get_potential_signatures, verify_authority. */
import { bytesToHex } from "../../stdx/bytes.ts";
import { prepareTransaction, recoverTransactionKeys } from "../../core/chain/apply-transaction.ts";
import { getUsedKeys, verifyAuthority } from "../../core/chain/authority-check.ts";
import type { Account } from "../../core/chain/state.ts";
import { encode } from "../../core/encoding/codec.ts";
import { type PublicKey, formatPublicKey, parsePublicKey } from "../../core/crypto/keys.ts";
import { nobleSecp256k1 } from "../../core/crypto/noble-secp256k1.ts";
import { ChainError } from "../../core/errors.ts";
import { getOperationHandler } from "../../core/operations/index.ts";
import type { AuthorityCollector } from "../../core/operations/operation-handler.ts";
import type { Authority } from "../../core/protocol/authority.ts";
import { signedTransactionSchema, type SignedTransaction } from "../../core/protocol/transaction.ts";
import { parseLegacyTransaction } from "../format/transaction-json.ts";
import type { ApiContext } from "../ports.ts";
import { invalidParams } from "../rpc/rpc-error.ts";
import { type MethodHandler, expectArray, positional } from "./method-table.ts";

function parseTransaction(context: ApiContext, json: unknown): SignedTransaction {
  return parseLegacyTransaction(json, { addressPrefix: context.addressPrefix });
}

function collectRequired(tx: SignedTransaction): AuthorityCollector {
  const required: AuthorityCollector = { posting: new Set(), active: new Set(), owner: new Set(), other: [] };
  for (const op of tx.operations) getOperationHandler(op).collectAuthorities(op.value as never, required);
  return required;
}

/** The authorities a transaction names, each at exactly the level its operations require (as steemd). */
function namedAuthorities(context: ApiContext, tx: SignedTransaction): { authority: Authority; nested: "posting" | "active" }[] {
  const required = collectRequired(tx);
  const account = (name: string): Account => {
    const found = context.node.state.accounts.get(name);
    if (found === undefined) throw new ChainError("account_not_found", `account "${name}" does not exist`);
    return found;
  };
  return [
    ...required.other.map((authority) => ({ authority, nested: "active" as const })),
    ...[...required.owner].map((name) => ({ authority: account(name).owner, nested: "active" as const })),
    ...[...required.active].map((name) => ({ authority: account(name).active, nested: "active" as const })),
    ...[...required.posting].map((name) => ({ authority: account(name).posting, nested: "posting" as const })),
  ];
}

/** Every key of the required authorities, following account authorities to depth 2. */
function potentialKeys(context: ApiContext, tx: SignedTransaction): Set<PublicKey> {
  const keys = new Set<PublicKey>();
  const visit = (authority: Authority, depth: number, nested: "posting" | "active") => {
    for (const [key] of authority.key_auths) keys.add(key);
    if (depth >= 2) return;
    for (const [name] of authority.account_auths) {
      const account = context.node.state.accounts.get(name);
      if (account !== undefined) visit(account[nested], depth + 1, nested);
    }
  };
  for (const { authority, nested } of namedAuthorities(context, tx)) visit(authority, 0, nested);
  return keys;
}

/** The available keys that the required authorities use, in the order given. */
function requiredSignatures(context: ApiContext, tx: SignedTransaction, available: PublicKey[]): PublicKey[] {
  const getAccount = (name: string) => context.node.state.accounts.get(name);
  const used = new Set<PublicKey>();
  for (const { authority, nested } of namedAuthorities(context, tx)) {
    for (const key of getUsedKeys(authority, new Set(available), getAccount, nested).used) used.add(key);
  }
  return available.filter((key) => used.has(key));
}

function parseKeys(context: ApiContext, value: unknown): PublicKey[] {
  return expectArray(value, "available_keys", 100).map((text) => {
    const key = typeof text === "string" ? parsePublicKey(text, context.addressPrefix) : null;
    if (key === null) throw invalidParams(`"${String(text)}" is not a public key with prefix ${context.addressPrefix}`);
    return key;
  });
}

export const condenserAuthorityMethods: Record<string, MethodHandler> = {
  get_transaction_hex: (context, params) => {
    const [tx] = positional(params, 1, 1, "get_transaction_hex");
    return bytesToHex(encode(signedTransactionSchema, parseTransaction(context, tx)));
  },
  get_potential_signatures: (context, params) => {
    const [tx] = positional(params, 1, 1, "get_potential_signatures");
    return [...potentialKeys(context, parseTransaction(context, tx))].map((k) => formatPublicKey(k, context.addressPrefix));
  },
  get_required_signatures: (context, params) => {
    const [tx, keys] = positional(params, 2, 2, "get_required_signatures");
    return requiredSignatures(context, parseTransaction(context, tx), parseKeys(context, keys)).map((k) => formatPublicKey(k, context.addressPrefix));
  },
  verify_authority: (context, params) => {
    const [json] = positional(params, 1, 1, "verify_authority");
    const tx = parseTransaction(context, json);
    const keys = recoverTransactionKeys(nobleSecp256k1, prepareTransaction(tx, context.node.chainId));
    verifyAuthority(collectRequired(tx), new Set(keys), (name) => context.node.state.accounts.get(name));
    return true;
  },
};
