/**
 * What every social (index-backed) method shares: the index itself, and validated params with hivemind's
 * defaults and caps. A bad param is an `invalid_params` error naming it; nothing is read.
 */
import { isValidAccountName } from "../../core/protocol/validation.ts";
import type { IndexDatabase } from "../../index/db/database.ts";
import type { IndexContext } from "../ports.ts";
import { invalidParams, RpcError, rpcErrorCodes } from "../rpc/rpc-error.ts";

/** The index's database, or an error when this process serves no index. */
export function indexOf(context: IndexContext): IndexDatabase {
  if (context.index === null) throw new RpcError(rpcErrorCodes.serverError, "this server has no social index", "index_unavailable");
  return context.index.db;
}

/** An account name (`what` names the param in the error). */
export function accountParam(value: unknown, what: string): string {
  if (typeof value !== "string" || !isValidAccountName(value)) throw invalidParams(`${what} must be a valid account name, got ${preview(value)}`);
  return value;
}

/** An optional account name: undefined, null and "" mean none. */
export function optionalAccountParam(value: unknown, what: string): string | null {
  if (value === undefined || value === null || value === "") return null;
  return accountParam(value, what);
}

/** A permlink: at most 256 characters of lowercase letters, digits and dashes (steemd's rule). */
export function permlinkParam(value: unknown, what: string): string {
  if (typeof value !== "string" || value.length > 256 || !/^[a-z0-9-]*$/.test(value)) throw invalidParams(`${what} must be a valid permlink, got ${preview(value)}`);
  return value;
}

/** An optional start permlink: undefined, null and "" mean none. */
export function optionalPermlinkParam(value: unknown, what: string): string | null {
  if (value === undefined || value === null || value === "") return null;
  return permlinkParam(value, what);
}

/** A limit with hivemind's default and cap; numeric strings are accepted as hivemind accepts them. */
export function limitParam(value: unknown, defaultValue: number, max: number, what = "limit"): number {
  if (value === undefined || value === null) return defaultValue;
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > max) throw invalidParams(`${what} must be an integer from 1 to ${max}, got ${preview(value)}`);
  return n;
}

/** A string param limited in length; `allowed` restricts it to a set. */
export function textParam(value: unknown, what: string, maxLength: number, allowed?: readonly string[]): string {
  if (typeof value !== "string" || value.length > maxLength) throw invalidParams(`${what} must be a string of at most ${maxLength} characters, got ${preview(value)}`);
  if (allowed !== undefined && !allowed.includes(value)) throw invalidParams(`${what} must be one of ${allowed.join(", ")}, got ${preview(value)}`);
  return value;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
