/**
 * condenser_api ("legacy") JSON: assets as `"1.000 STEEM"`, operations as `["vote", {...}]`, other static
 * variants as `[tag, {...}]`, times as `2024-11-28T12:00:00`, keys as `STM…`, bytes as hex, 64-bit integers
 * above 4294967295 as strings. This is what steem-js, dsteem and dhive send and read.
 */
import type { Schema } from "../../core/encoding/schema.ts";
import { createJsonContext, formatJsonValue, parseJsonValue } from "./json-codec.ts";
import type { JsonFormatOptions, JsonValue } from "./json-value.ts";

/**
 * Converts legacy JSON to the domain value of `schema`. Struct fields are found by name or alias (dhive's
 * Hive names), unknown fields are ignored, sets and maps come out sorted and de-duplicated as steemd stores
 * them, and operations may also come as `["vote_operation", …]`, `[0, …]` or `{type, value}`. Bad input is a
 * ChainError whose message starts with the path of the value (`path` is prefixed, e.g. `params[0]`).
 */
export function parseLegacyJson<T>(schema: Schema<T>, json: unknown, options: JsonFormatOptions, path = ""): T {
  return parseJsonValue(schema, json, createJsonContext("legacy", options), path) as T;
}

/** Converts a domain value of `schema` to legacy JSON, fields in schema order. */
export function formatLegacyJson<T>(schema: Schema<T>, value: T, options: JsonFormatOptions): JsonValue {
  return formatJsonValue(schema, value, createJsonContext("legacy", options));
}
