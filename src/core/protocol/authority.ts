/** An account authority: weighted keys and accounts that together must reach a threshold. */
import type { PublicKey } from "../crypto/keys.ts";

export interface Authority {
  readonly weight_threshold: number;
  readonly account_auths: readonly (readonly [string, number])[];
  readonly key_auths: readonly (readonly [PublicKey, number])[];
}

/** An authority of one key with weight 1 and threshold 1. */
export function createSingleKeyAuthority(key: PublicKey): Authority {
  return { weight_threshold: 1, account_auths: [], key_auths: [[key, 1]] };
}
