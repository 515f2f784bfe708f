// The invariants the fuzzer checks that are not about one answer: supply conservation and whether signatures authorize a transaction.
import { verifyAuthority } from "../../src/core/chain/authority-check.ts";
import type { ChainState } from "../../src/core/chain/state.ts";
import { type PublicKey, publicKeyFromBytes } from "../../src/core/crypto/keys.ts";
import { nobleSecp256k1 } from "../../src/core/crypto/noble-secp256k1.ts";
import { getOperationHandler } from "../../src/core/operations/index.ts";
import type { AuthorityCollector } from "../../src/core/operations/operation-handler.ts";
import { encodeTransaction, getSignatureDigest, type SignedTransaction } from "../../src/core/protocol/transaction.ts";

/**
 * steemd's supply invariants as far as Kettle models them: every STEEM is in a balance, the vesting fund or the
 * reward fund; every VESTS in an account; every SBD in a balance; no balance is negative.
 */
export function findSupplyProblem(state: ChainState): string | null {
  const props = state.props.value;
  let steem = props.total_vesting_fund_steem + props.total_reward_fund_steem + props.pending_rewarded_vesting_steem;
  let sbd = 0n;
  let vests = props.pending_rewarded_vesting_shares;
  for (const [name, account] of state.accounts.entries()) {
    const amounts = [account.balance, account.savings_balance, account.reward_steem_balance, account.sbd_balance, account.savings_sbd_balance, account.reward_sbd_balance, account.vesting_shares, account.delegated_vesting_shares, account.received_vesting_shares];
    if (amounts.some((amount) => amount < 0n)) return `account ${name} has a negative balance`;
    steem += account.balance + account.savings_balance + account.reward_steem_balance;
    sbd += account.sbd_balance + account.savings_sbd_balance + account.reward_sbd_balance;
    vests += account.vesting_shares;
  }
  if (steem !== props.current_supply) return `STEEM held (${steem}) differs from current_supply (${props.current_supply})`;
  if (sbd !== props.current_sbd_supply) return `SBD held (${sbd}) differs from current_sbd_supply (${props.current_sbd_supply})`;
  if (vests !== props.total_vesting_shares) return `VESTS held (${vests}) differ from total_vesting_shares (${props.total_vesting_shares})`;
  return null;
}

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
