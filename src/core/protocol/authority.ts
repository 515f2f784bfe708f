/** An account authority: weighted keys and accounts that together must reach a threshold. */
import type { PublicKey } from "../crypto/keys.ts";

export interface Authority {
  readonly weight_threshold: number;
  readonly account_auths: readonly (readonly [string, number])[];
  readonly key_auths: readonly (readonly [PublicKey, number])[];
}

const noAccountAuths: Authority["account_auths"] = Object.freeze([]);

/**
 * The same authority sharing one frozen empty `account_auths` list when it has none, as nearly every
 * account's authorities do: with 100,000 accounts × 3 authorities, separate empty arrays cost ~15 MB.
 */
export function compactAuthority(authority: Authority): Authority {
  if (authority.account_auths.length > 0 || authority.account_auths === noAccountAuths) return authority;
  return { weight_threshold: authority.weight_threshold, account_auths: noAccountAuths, key_auths: authority.key_auths };
}

/** An authority of one key with weight 1 and threshold 1. */
export function createSingleKeyAuthority(key: PublicKey): Authority {
  return { weight_threshold: 1, account_auths: [], key_auths: [[key, 1]] };
}
