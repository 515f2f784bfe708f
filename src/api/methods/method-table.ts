/** The typed table of RPC methods: condenser_api (positional params, legacy JSON) and appbase APIs (named params). */
import type { ApiContext, IndexContext } from "../ports.ts";
import { RpcError, rpcErrorCodes } from "../rpc/rpc-error.ts";

/** A method of the producer (chain methods need `context.node`); `C` narrows what it may use. */
export type MethodHandler<C extends IndexContext = ApiContext> = (context: C, params: unknown) => unknown;

/** A method that reads only the index (a social method): `kettle api` processes serve it too. */
export type IndexMethodHandler = MethodHandler<IndexContext>;

export interface MethodTable<C extends IndexContext = ApiContext> {
  /** condenser_api methods by bare name. */
  readonly condenser: ReadonlyMap<string, MethodHandler<C>>;
  /** Appbase methods by `api.method`. */
  readonly appbase: ReadonlyMap<string, MethodHandler<C>>;
}

/** Api names steem-js sends with positional params; jussi mapped them onto condenser_api. */
export const legacyApiNames = new Set([
  "database_api", "network_broadcast_api", "follow_api", "login_api", "market_history_api", "tags_api",
  "account_by_key_api", "witness_api",
]);

/** The handler of `api.method` in the table, or undefined when the table has none. */
export function lookupMethod<C extends IndexContext>(table: MethodTable<C>, api: string, method: string, params: unknown): MethodHandler<C> | undefined {
  const appbase = table.appbase.get(`${api}.${method}`);
  if (api === "condenser_api") return table.condenser.get(method);
  if (appbase !== undefined && !(Array.isArray(params) && legacyApiNames.has(api) && table.condenser.has(method))) return appbase;
  if (legacyApiNames.has(api) && (Array.isArray(params) || params === undefined)) return table.condenser.get(method);
  return undefined;
}

export function findMethod<C extends IndexContext>(table: MethodTable<C>, api: string, method: string, params: unknown): MethodHandler<C> {
  const handler = lookupMethod(table, api, method, params);
  if (handler === undefined) throw methodNotFound(api, method);
  return handler;
}

export function methodNotFound(api: string, method: string): RpcError {
  return new RpcError(rpcErrorCodes.methodNotFound, `Could not find method ${api}.${method}`, "method_not_found");
}

/** Positional params of a condenser method, checked for count. */
export function positional(params: unknown, min: number, max: number, method: string): unknown[] {
  const list = params === undefined ? [] : params;
  if (!Array.isArray(list)) throw invalid(`${method} takes an array of positional params`);
  if (list.length < min || list.length > max) {
    throw invalid(`${method} takes ${min === max ? min : `${min} to ${max}`} params, got ${list.length}`);
  }
  return list;
}

/** Named params of an appbase method. */
export function named(params: unknown, method: string): Record<string, unknown> {
  if (params === undefined || params === null) return {};
  if (typeof params !== "object" || Array.isArray(params)) throw invalid(`${method} takes an object of named params`);
  return params as Record<string, unknown>;
}

export function expectString(value: unknown, what: string, maxLength = 1024): string {
  if (typeof value !== "string" || value.length > maxLength) throw invalid(`${what} must be a string of at most ${maxLength} characters`);
  return value;
}

export function expectInteger(value: unknown, what: string, min: number, max: number): number {
  const n = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) throw invalid(`${what} must be an integer from ${min} to ${max}`);
  return n;
}

export function expectArray(value: unknown, what: string, maxLength: number): unknown[] {
  if (!Array.isArray(value) || value.length > maxLength) throw invalid(`${what} must be an array of at most ${maxLength} items`);
  return value;
}

export function expectBoolean(value: unknown, what: string): boolean {
  if (typeof value !== "boolean") throw invalid(`${what} must be true or false`);
  return value;
}

function invalid(message: string): RpcError {
  return new RpcError(rpcErrorCodes.invalidParams, message, "invalid_params");
}
