/**
 * Param handling shared by the account, community and notification methods, beyond params.ts: named
 * params checked against the method's keys (as Hive's `validate_json_arguments` does, so a misspelt key
 * is an error rather than silently ignored), ids for `last_id`, booleans, and "not found" errors.
 */
import { named } from "../methods/method-table.ts";
import { invalidParams, type RpcError } from "../rpc/rpc-error.ts";

/** The named params of `method`; a key outside `keys` is an `invalid_params` error naming it. */
export function namedParams(params: unknown, method: string, keys: readonly string[]): Record<string, unknown> {
  const record = named(params, method);
  const unknown = Object.keys(record).filter((key) => !keys.includes(key));
  if (unknown.length > 0) throw invalidParams(`${method} does not take ${unknown.join(", ")} (it takes ${keys.join(", ") || "no params"})`);
  return record;
}

/** An optional id to page from (`last_id`): a non-negative integer or its digits; absent, null and 0 mean none. */
export function optionalIdParam(value: unknown, what: string): number | null {
  if (value === undefined || value === null) return null;
  const n = typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) throw invalidParams(`${what} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return n === 0 ? null : n;
}

/** An integer from `min` to `max`, `defaultValue` when absent or null. */
export function integerParam(value: unknown, what: string, defaultValue: number, min: number, max: number): number {
  if (value === undefined || value === null) return defaultValue;
  const n = typeof value === "string" && /^-?\d{1,6}$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) throw invalidParams(`${what} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

/** An optional boolean, `defaultValue` when absent or null. */
export function booleanParam(value: unknown, what: string, defaultValue: boolean): boolean {
  if (value === undefined || value === null) return defaultValue;
  if (typeof value !== "boolean") throw invalidParams(`${what} must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

/** A named thing the params refer to does not exist (hivemind's wording: "account not found: `x`"). */
export function notFound(message: string): RpcError {
  return invalidParams(message);
}
