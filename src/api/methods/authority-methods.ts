/** Signature helpers: get_transaction_hex, get_required_signatures, get_potential_signatures, verify_authority. */
import { bytesToHex } from "../../stdx/bytes.ts";
import { prepareTransaction, recoverTransactionKeys } from "../../core/chain/apply-transaction.ts";
import { verifyAuthority } from "../../core/chain/authority-check.ts";
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

/** Every key that could take part in authorizing the transaction (keys of required authorities, to depth 2). */
function potentialKeys(context: ApiContext, tx: SignedTransaction): Set<PublicKey> {
  const required = collectRequired(tx);
  const keys = new Set<PublicKey>();
  const visit = (authority: Authority, depth: number, nested: "posting" | "active") => {
    for (const [key] of authority.key_auths) keys.add(key);
    if (depth >= 2) return;
    for (const [name] of authority.account_auths) {
      const account = context.node.state.accounts.get(name);
      if (account !== undefined) visit(account[nested], depth + 1, nested);
    }
  };
  const account = (name: string): Account => {
    const found = context.node.state.accounts.get(name);
    if (found === undefined) throw new ChainError("account_not_found", `account "${name}" does not exist`);
    return found;
  };
  for (const name of required.posting) for (const role of ["posting", "active", "owner"] as const) visit(account(name)[role], 0, "posting");
  for (const name of required.active) for (const role of ["active", "owner"] as const) visit(account(name)[role], 0, "active");
  for (const name of required.owner) visit(account(name).owner, 0, "active");
  for (const authority of required.other) visit(authority, 0, "active");
  return keys;
}

/** The smallest subset of `available` found greedily that authorizes the transaction. */
function requiredSignatures(context: ApiContext, tx: SignedTransaction, available: PublicKey[]): PublicKey[] {
  const required = collectRequired(tx);
  const getAccount = (name: string) => context.node.state.accounts.get(name);
  const candidates = available.filter((k) => potentialKeys(context, tx).has(k));
  try {
    verifyAuthority(required, new Set(candidates), getAccount);
    return candidates;
  } catch (error) {
    if (!(error instanceof ChainError) || error.code !== "irrelevant_signature") throw error;
  }
  for (let size = 1; size <= candidates.length; size++) {
    for (const subset of combinations(candidates, size)) {
      try {
        verifyAuthority(required, new Set(subset), getAccount);
        return subset;
      } catch {}
    }
  }
  throw new ChainError("missing_active_authority", "the available keys cannot authorize this transaction");
}

function* combinations<T>(items: readonly T[], size: number, start = 0, prefix: T[] = []): Generator<T[]> {
  if (prefix.length === size) {
    yield prefix;
    return;
  }
  for (let i = start; i < items.length && prefix.length < 8; i++) yield* combinations(items, size, i + 1, [...prefix, items[i]]);
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
