/**
 * JSON values as the API receives and sends them, the options every formatter takes, and the helpers
 * that reject input with the path of the offending value (`operations[0].vote.weight: ...`).
 */
import { ChainError, type ChainErrorCode } from "../../core/errors.ts";

/** A value JSON.stringify writes and JSON.parse returns. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;

/** A JSON object; keys keep the insertion order, which the formatters make the schema's order. */
export type JsonObject = { readonly [key: string]: JsonValue };

/** What the wire formats need to know about the chain they speak for. */
export interface JsonFormatOptions {
  /** The public key prefix, `STM` on Steem. */
  readonly addressPrefix: string;
}

/** True for a JSON object: neither null nor an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `parent.name`, or `name` at the root. */
export function joinPath(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

/** `parent[index]`. */
export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** A short description of a JSON value for error messages: `40000`, `"abc"`, `an object`, `null`. */
export function describeJson(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return String(value);
}

/** Throws a ChainError whose message starts with the path of the bad value. */
export function failAt(code: ChainErrorCode, path: string, message: string): never {
  throw new ChainError(code, path === "" ? message : `${path}: ${message}`);
}

/** Runs a leaf parser and prefixes the path to any ChainError it throws, keeping the code. */
export function atPath<T>(path: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ChainError && path !== "") throw new ChainError(error.code, `${path}: ${error.message}`);
    throw error;
  }
}
