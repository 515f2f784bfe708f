/** Account reads: get_accounts, lookups by name and by key, account count. */
import type { Account } from "../../core/chain/state.ts";
import { parsePublicKey } from "../../core/crypto/keys.ts";
import { formatAccount } from "../format/chain-objects.ts";
import type { ApiContext } from "../ports.ts";
import { invalidParams } from "../rpc/rpc-error.ts";
import { type MethodHandler, expectArray, expectInteger, expectString, named, positional } from "./method-table.ts";

export const accountNamesPerRequestMax = 1000;
export const lookupLimitMax = 1000;
export const keysPerRequestMax = 1000;

function getNames(value: unknown, what: string): string[] {
  return expectArray(value, what, accountNamesPerRequestMax).map((n) => expectString(n, `${what} entries`, 32));
}

/** condenser's account: `extended_account` for get_accounts (with the raw reputation), `api_account_object` for lookup_account_names. */
function legacyAccount(context: ApiContext, account: Account, extended: boolean) {
  return formatAccount(account, context.node.state.props.value, { addressPrefix: context.addressPrefix }, "legacy", extended);
}

/** Every account name in order, rebuilt only when the number of accounts changes. */
let sortedNamesCache: { size: number; names: string[]; state: unknown } | null = null;
function getSortedNames(context: ApiContext): string[] {
  const accounts = context.node.state.accounts;
  if (sortedNamesCache === null || sortedNamesCache.size !== accounts.size || sortedNamesCache.state !== context.node.state) {
    sortedNamesCache = { size: accounts.size, names: [...accounts.names()].sort(), state: context.node.state };
  }
  return sortedNamesCache.names;
}

/** Up to `limit` account names from `lower` on, in name order. */
export function lookupAccounts(context: ApiContext, lower: string, limit: number): string[] {
  const names = getSortedNames(context);
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid] < lower) lo = mid + 1;
    else hi = mid;
  }
  return names.slice(lo, lo + limit);
}

function keyReferences(context: ApiContext, keys: unknown[]): string[][] {
  return keys.map((text) => {
    const key = parsePublicKey(expectString(text, "key", 64), context.addressPrefix);
    if (key === null) throw invalidParams(`"${String(text)}" is not a public key with prefix ${context.addressPrefix}`);
    const names: string[] = [];
    for (const account of context.node.state.accounts.values()) {
      const uses = [account.owner, account.active, account.posting].some((a) => a.key_auths.some(([k]) => k === key));
      if (uses) names.push(account.name);
    }
    return names;
  });
}

export const condenserAccountMethods: Record<string, MethodHandler> = {
  get_accounts: (context, params) => {
    const [names] = positional(params, 1, 2, "get_accounts");
    return getNames(names, "account names").flatMap((name) => {
      const account = context.node.state.accounts.get(name);
      return account === undefined ? [] : [legacyAccount(context, account, true)];
    });
  },
  lookup_account_names: (context, params) => {
    const [names] = positional(params, 1, 2, "lookup_account_names");
    return getNames(names, "account names").map((name) => {
      const account = context.node.state.accounts.get(name);
      return account === undefined ? null : legacyAccount(context, account, false);
    });
  },
  lookup_accounts: (context, params) => {
    const [lower, limit] = positional(params, 2, 2, "lookup_accounts");
    return lookupAccounts(context, expectString(lower, "lower_bound_name", 32), expectInteger(limit, "limit", 1, lookupLimitMax));
  },
  get_account_count: (context, params) => {
    positional(params, 0, 0, "get_account_count");
    return context.node.state.accounts.size;
  },
  get_key_references: (context, params) => {
    const [keys] = positional(params, 1, 1, "get_key_references");
    return keyReferences(context, expectArray(keys, "keys", keysPerRequestMax));
  },
};

export const appbaseAccountMethods: Record<string, MethodHandler> = {
  "database_api.find_accounts": (context, params) => {
    const { accounts } = named(params, "find_accounts");
    return {
      accounts: getNames(accounts, "accounts").flatMap((name) => {
        const account = context.node.state.accounts.get(name);
        return account === undefined ? [] : [formatAccount(account, context.node.state.props.value, { addressPrefix: context.addressPrefix }, "appbase")];
      }),
    };
  },
  "database_api.list_accounts": (context, params) => {
    const { start, limit } = named(params, "list_accounts");
    const names = lookupAccounts(context, expectString(start ?? "", "start", 32), expectInteger(limit ?? 100, "limit", 1, lookupLimitMax));
    const props = context.node.state.props.value;
    return { accounts: names.map((n) => formatAccount(context.node.state.accounts.get(n)!, props, { addressPrefix: context.addressPrefix }, "appbase")) };
  },
  "account_by_key_api.get_key_references": (context, params) => {
    const { keys } = named(params, "get_key_references");
    return { accounts: keyReferences(context, expectArray(keys, "keys", keysPerRequestMax)) };
  },
};

