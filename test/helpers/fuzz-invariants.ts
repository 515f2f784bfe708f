// The invariants the fuzzer checks that are not about one answer: supply conservation and whether signatures authorize a transaction.
import { verifyAuthority } from "../../src/core/chain/authority-check.ts";
import type { ChainState } from "../../src/core/chain/state.ts";
export { findSupplyProblem } from "../../src/core/chain/invariants.ts";
import { type PublicKey, publicKeyFromBytes } from "../../src/core/crypto/keys.ts";
import { nobleSecp256k1 } from "../../src/core/crypto/noble-secp256k1.ts";
import { getOperationHandler } from "../../src/core/operations/index.ts";
import type { AuthorityCollector } from "../../src/core/operations/operation-handler.ts";
import { encodeTransaction, getSignatureDigest, type SignedTransaction } from "../../src/core/protocol/transaction.ts";

/**
 * Why the transaction's own signatures, recovered by noble-curves (not the node's libsecp256k1) over its exact
 * bytes, do not satisfy the authorities its operations require; null when they do.
 */
export function findAuthorizationProblem(state: ChainState, chainId: Uint8Array, tx: SignedTransaction): string | null {
  const digest = getSignatureDigest(chainId, encodeTransaction(tx));
  const keys = new Set<PublicKey>();
  for (const signature of tx.signatures) {
    const key = nobleSecp256k1.recover(digest, signature.subarray(1), (signature[0] - 27) & 3);
    if (key === null) return "one of its signatures recovers no key";
    keys.add(publicKeyFromBytes(key));
  }
  const required: AuthorityCollector = { posting: new Set(), active: new Set(), owner: new Set(), other: [] };
  try {
    for (const op of tx.operations) getOperationHandler(op).collectAuthorities(op.value as never, required);
    verifyAuthority(required, keys, (name) => state.accounts.get(name));
  } catch (error) {
    return `its signatures do not authorize it (${error instanceof Error ? error.message : String(error)})`;
  }
  return null;
}
