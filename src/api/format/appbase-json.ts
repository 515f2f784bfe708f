/**
 * appbase JSON (database_api, block_api, network_broadcast_api): operations as
 * `{"type": "vote_operation", "value": {...}}`, other static variants as `{"type": "<case name>", "value": …}`,
 * assets as `{"amount": "1000", "precision": 3, "nai": "@@000000021"}`; everything else as in legacy JSON.
 */
import type { Schema } from "../../core/encoding/schema.ts";
import { createJsonContext, formatJsonValue, parseJsonValue } from "./json-codec.ts";
import type { JsonFormatOptions, JsonValue } from "./json-value.ts";

/**
 * Converts appbase JSON to the domain value of `schema`, with the same rules as parseLegacyJson except for
 * assets (objects whose amount may be a string or an integer and whose precision must match the NAI).
 * Variant `type` may be a name or an integer tag; the `[type, value]` array form is accepted too.
 */
export function parseAppbaseJson<T>(schema: Schema<T>, json: unknown, options: JsonFormatOptions, path = ""): T {
  return parseJsonValue(schema, json, createJsonContext("appbase", options), path) as T;
}

/** Converts a domain value of `schema` to appbase JSON, fields in schema order, asset amounts as strings. */
export function formatAppbaseJson<T>(schema: Schema<T>, value: T, options: JsonFormatOptions): JsonValue {
  return formatJsonValue(schema, value, createJsonContext("appbase", options));
}
