/**
 * Whether a set of recovered keys authorizes a transaction, as steemd's sign_state does: key weights
 * first, then accounts' authorities recursively to depth 2, stopping once the threshold is reached; keys
 * that contributed nothing make the transaction fail ("unnecessary signature").
 */
import type { PublicKey } from "../crypto/keys.ts";
import { ChainError } from "../errors.ts";
import type { Authority } from "../protocol/authority.ts";
import { signatureCheckDepthMax, tempAccount } from "../protocol/config.ts";
import type { Account } from "./state.ts";

export interface RequiredAuthorities {
  readonly posting: ReadonlySet<string>;
  readonly active: ReadonlySet<string>;
  readonly owner: ReadonlySet<string>;
  readonly other: readonly Authority[];
}

class SignState {
  readonly used = new Set<PublicKey>();
  private readonly approved = new Set<string>([tempAccount]);

  constructor(
    private readonly keys: ReadonlySet<PublicKey>,
    private readonly getAccount: (name: string) => Account | undefined,
    private readonly nestedRole: "posting" | "active",
  ) {}

  check(authority: Authority, depth = 0): boolean {
    let weight = 0;
    for (const [key, w] of authority.key_auths) {
      if (!this.keys.has(key)) continue;
      this.used.add(key);
      weight += w;
      if (weight >= authority.weight_threshold) return true;
    }
    for (const [name, w] of authority.account_auths) {
      if (this.approved.has(name)) {
        weight += w;
      } else {
        if (depth >= signatureCheckDepthMax) continue;
        const account = this.getAccount(name);
        if (account === undefined || !this.check(account[this.nestedRole], depth + 1)) continue;
        this.approved.add(name);
        weight += w;
      }
      if (weight >= authority.weight_threshold) return true;
    }
    return weight >= authority.weight_threshold;
  }
}

/**
 * The keys among `keys` that take part in satisfying `authority` (nested accounts by `nestedRole`), and
 * whether it is satisfied: what get_required_signatures answers for one required authority.
 */
export function getUsedKeys(authority: Authority, keys: ReadonlySet<PublicKey>, getAccount: (name: string) => Account | undefined, nestedRole: "posting" | "active"): { satisfied: boolean; used: ReadonlySet<PublicKey> } {
  const state = new SignState(keys, getAccount, nestedRole);
  const satisfied = state.check(authority);
  return { satisfied, used: state.used };
}

/** Throws the first missing authority or unused key; returns normally when the keys authorize everything. */
export function verifyAuthority(required: RequiredAuthorities, keys: ReadonlySet<PublicKey>, getAccount: (name: string) => Account | undefined): void {
  const lookup = (name: string): Account => {
    const account = getAccount(name);
    if (account === undefined) throw new ChainError("account_not_found", `account "${name}" does not exist`);
    return account;
  };
  if (required.posting.size > 0) {
    if (required.active.size > 0 || required.owner.size > 0 || required.other.length > 0) {
      throw new ChainError("mixed_posting_and_active", "a transaction that needs a posting authority may not need an active or owner authority too: send them separately");
    }
    const state = new SignState(keys, getAccount, "posting");
    for (const name of required.posting) {
      const account = lookup(name);
      if (!state.check(account.posting) && !state.check(account.active) && !state.check(account.owner)) {
        throw new ChainError("missing_posting_authority", `missing posting authority of "${name}": sign with its posting, active or owner key`);
      }
    }
    assertAllUsed(state, keys);
    return;
  }
  const state = new SignState(keys, getAccount, "active");
  for (const authority of required.other) {
    if (!state.check(authority)) throw new ChainError("missing_other_authority", "missing a required authority given in the operation");
  }
  for (const name of required.active) {
    const account = lookup(name);
    if (!state.check(account.active) && !state.check(account.owner)) {
      throw new ChainError("missing_active_authority", `missing active authority of "${name}": sign with its active or owner key`);
    }
  }
  for (const name of required.owner) {
    const account = lookup(name);
    if (!state.check(account.owner)) throw new ChainError("missing_owner_authority", `missing owner authority of "${name}": sign with its owner key`);
  }
  assertAllUsed(state, keys);
}

function assertAllUsed(state: SignState, keys: ReadonlySet<PublicKey>): void {
  if (state.used.size !== keys.size) {
    throw new ChainError("irrelevant_signature", "the transaction carries a signature that no required authority needs (unnecessary signature)");
  }
}
