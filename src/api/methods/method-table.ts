/** The typed table of RPC methods: condenser_api (positional params, legacy JSON) and appbase APIs (named params). */
import type { ApiContext } from "../ports.ts";
import { RpcError, rpcErrorCodes } from "../rpc/rpc-error.ts";

export type MethodHandler = (context: ApiContext, params: unknown) => unknown;

export interface MethodTable {
  /** condenser_api methods by bare name. */
  readonly condenser: ReadonlyMap<string, MethodHandler>;
  /** Appbase methods by `api.method`. */
  readonly appbase: ReadonlyMap<string, MethodHandler>;
}

/** Api names steem-js sends with positional params; jussi mapped them onto condenser_api. */
export const legacyApiNames = new Set([
  "database_api", "network_broadcast_api", "follow_api", "login_api", "market_history_api", "tags_api",
  "account_by_key_api", "witness_api",
]);

export function findMethod(table: MethodTable, api: string, method: string, params: unknown): MethodHandler {
  const appbase = table.appbase.get(`${api}.${method}`);
  if (api === "condenser_api") {
    const handler = table.condenser.get(method);
    if (handler !== undefined) return handler;
  } else if (appbase !== undefined && !(Array.isArray(params) && legacyApiNames.has(api) && table.condenser.has(method))) {
    return appbase;
  } else if (legacyApiNames.has(api) && (Array.isArray(params) || params === undefined)) {
    const handler = table.condenser.get(method);
    if (handler !== undefined) return handler;
  }
  throw new RpcError(rpcErrorCodes.methodNotFound, `Could not find method ${api}.${method}`, "method_not_found");
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
