/** An account authority: weighted keys and accounts that together must reach a threshold. */
import type { PublicKey } from "../crypto/keys.ts";

export interface Authority {
  readonly weight_threshold: number;
  readonly account_auths: readonly (readonly [string, number])[];
  readonly key_auths: readonly (readonly [PublicKey, number])[];
}

const noAccountAuths: Authority["account_auths"] = Object.freeze([]);

/**
 * A copy sized exactly (decoded lists carry spare capacity) that shares one frozen empty `account_auths`
 * list, as nearly every account's authorities have none; `intern` may swap each key for an equal string
 * already held. With 100,000 accounts × 3 authorities this saves tens of megabytes.
 */
export function compactAuthority(authority: Authority, intern: (key: PublicKey) => PublicKey = (key) => key): Authority {
  return {
    weight_threshold: authority.weight_threshold,
    account_auths: authority.account_auths.length === 0 ? noAccountAuths : authority.account_auths.map(([name, weight]) => [name, weight] as const),
    key_auths: authority.key_auths.map(([key, weight]) => [intern(key), weight] as const),
  };
}

export function authoritiesEqual(a: Authority, b: Authority): boolean {
  if (a === b) return true;
  if (a.weight_threshold !== b.weight_threshold || a.account_auths.length !== b.account_auths.length || a.key_auths.length !== b.key_auths.length) return false;
  for (let i = 0; i < a.account_auths.length; i++) {
    if (a.account_auths[i][0] !== b.account_auths[i][0] || a.account_auths[i][1] !== b.account_auths[i][1]) return false;
  }
  for (let i = 0; i < a.key_auths.length; i++) {
    if (a.key_auths[i][0] !== b.key_auths[i][0] || a.key_auths[i][1] !== b.key_auths[i][1]) return false;
  }
  return true;
}

/** An authority of one key with weight 1 and threshold 1 (sharing the frozen empty `account_auths`). */
export function createSingleKeyAuthority(key: PublicKey): Authority {
  return { weight_threshold: 1, account_auths: noAccountAuths, key_auths: [[key, 1]] };
}

/** The key when `authority` is exactly one key of weight 1 with threshold 1 (what most accounts have), else null. */
export function getSingleKey(authority: Authority): PublicKey | null {
  const keys = authority.key_auths;
  return authority.weight_threshold === 1 && authority.account_auths.length === 0 && keys.length === 1 && keys[0][1] === 1 ? keys[0][0] : null;
}
