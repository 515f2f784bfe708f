/** An account's keys as condenser_api.get_accounts returns them, and which roles a public key holds. */
import type { KeyRole } from "../../../core/crypto/keys.ts";
import { ClientError } from "./client-error.ts";
import { callRpc } from "./rpc.ts";

/** An authority in legacy JSON: `key_auths` as `[["STM…", weight], …]`. */
export interface WireAuthority {
  readonly weight_threshold: number;
  readonly account_auths: readonly (readonly [string, number])[];
  readonly key_auths: readonly (readonly [string, number])[];
}

/** The part of a get_accounts entry the library reads. */
export interface AccountAuthorities {
  readonly name: string;
  readonly owner: WireAuthority;
  readonly active: WireAuthority;
  readonly posting: WireAuthority;
  readonly memo_key: string;
}

/** Reads an account's authorities; a ClientError `no_such_account` when it does not exist. */
export async function getAccountAuthorities(name: string): Promise<AccountAuthorities> {
  const [account] = await callRpc<AccountAuthorities[]>("condenser_api.get_accounts", [[name]]);
  if (account === undefined || account === null) throw new ClientError("no_such_account", `There is no account named "${name}".`);
  return account;
}

/**
 * The roles in which `publicKey` can sign for the account on its own (its weight reaches the threshold), plus
 * "memo" when it is the memo key, strongest first. Empty when the key is not the account's.
 */
export function getRolesOfKey(account: AccountAuthorities, publicKey: string): KeyRole[] {
  const roles: KeyRole[] = [];
  for (const role of ["owner", "active", "posting"] as const) {
    const authority = account[role];
    if (authority.key_auths.some(([key, weight]) => key === publicKey && weight >= authority.weight_threshold)) roles.push(role);
  }
  if (account.memo_key === publicKey) roles.push("memo");
  return roles;
}
