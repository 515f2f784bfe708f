/**
 * The JSON codec both wire styles share, driven by the same schemas as the binary codec. The styles
 * differ only in assets (`"1.000 STEEM"` or `{amount, precision, nai}`) and in how a static variant is
 * written (`["vote", {...}]` or `{"type": "vote_operation", "value": {...}}`); input accepts either
 * variant shape in both styles, as steemd does.
 */
import type { Asset, Price } from "../../core/asset.ts";
import { encode } from "../../core/encoding/codec.ts";
import {
  type Schema, type StructField, type VariantCase, type VariantValue, accountName, asset, map, publicKey, struct, uint16, uint32,
} from "../../core/encoding/schema.ts";
import { formatPublicKey, parsePublicKey } from "../../core/crypto/keys.ts";
import { operationSchema } from "../../core/protocol/operation-schemas.ts";
import { virtualOperationSchema } from "../../core/protocol/virtual-operation-schemas.ts";
import { assert } from "../../stdx/assert.ts";
import { bytesToHex, compareBytes, hexToBytesOrNull, isWellFormedUtf16, utf8Encode } from "../../stdx/bytes.ts";
import { formatAppbaseAsset, formatAsset, parseAppbaseAsset, parseAsset } from "./json-asset.ts";
import { formatInt64, parseInt64, parseSmallInteger } from "./json-integer.ts";
import { formatTime, parseTime } from "./json-time.ts";
import { type JsonFormatOptions, type JsonObject, type JsonValue, atPath, describeJson, failAt, indexPath, isJsonObject, joinPath } from "./json-value.ts";

/** condenser_api ("legacy") or database_api/block_api/network_broadcast_api ("appbase") JSON. */
export type JsonStyle = "legacy" | "appbase";

/** Everything the codec needs besides the schema and the value. */
export interface JsonCodecContext {
  readonly style: JsonStyle;
  readonly addressPrefix: string;
}

/** The codec context for one style; the address prefix is required. */
export function createJsonContext(style: JsonStyle, options: JsonFormatOptions): JsonCodecContext {
  assert(typeof options?.addressPrefix === "string" && options.addressPrefix !== "", "an address prefix is required");
  return { style, addressPrefix: options.addressPrefix };
}

type StructSchema = Extract<Schema, { kind: "struct" }>;
type VariantSchema = Extract<Schema, { kind: "variant" }>;

// Variants whose cases are operations, signed or virtual: written by name (`vote` / `vote_operation`) rather than by tag.
const operationVariants: ReadonlySet<Schema> = new Set<Schema>([operationSchema, virtualOperationSchema]);
const operationSuffix = "_operation";

// Price and authority are reflected structs in fc; describing them as such lets the struct code do the work.
const priceShape: Schema<Price> = struct({ base: asset, quote: asset }) as Schema<Price>;
const authorityShape = struct({ weight_threshold: uint32, account_auths: map(accountName, uint16), key_auths: map(publicKey, uint16) });

/** Converts JSON to the domain value of a schema; bad input is a ChainError naming the path of the value. */
export function parseJsonValue(schema: Schema, json: unknown, context: JsonCodecContext, path: string): unknown {
  switch (schema.kind) {
    case "uint8": case "uint16": case "uint32": case "int16": case "int32": case "varint32": {
      const kind = schema.kind;
      return atPath(path, () => parseSmallInteger(kind, json));
    }
    case "uint64": case "int64": {
      const kind = schema.kind;
      return atPath(path, () => parseInt64(kind, json));
    }
    case "bool":
      if (typeof json !== "boolean") failAt("invalid_field", path, `expected true or false, got ${describeJson(json)}`);
      return json;
    case "string": return parseText(json, path);
    case "asset": return atPath(path, () => (context.style === "legacy" ? parseAsset(json as string) : parseAppbaseAsset(json)));
    case "price": return parseJsonValue(priceShape, json, context, path);
    case "public_key": return parseKey(json, context.addressPrefix, path);
    case "authority": return parseJsonValue(authorityShape, json, context, path);
    case "time": return atPath(path, () => parseTime(json as string));
    case "bytes": return parseHex(json, path, undefined);
    case "fixed_bytes": return parseHex(json, path, schema.size);
    case "array": return parseArray(schema.of, schema.set, json, context, path);
    case "map": return parseMap(schema.key, schema.value, json, context, path);
    case "optional": return json === undefined || json === null ? undefined : parseJsonValue(schema.of, json, context, path);
    case "variant": return parseVariant(schema, json, context, path);
    case "struct": return parseStruct(schema, json, context, path);
    case "extensions": return parseExtensions(json, path);
  }
}

/** Converts a domain value of a schema to JSON. The value must already be valid for the schema. */
export function formatJsonValue(schema: Schema, value: any, context: JsonCodecContext): JsonValue {
  switch (schema.kind) {
    case "uint8": case "uint16": case "uint32": case "int16": case "int32": case "varint32": return value as number;
    case "uint64": case "int64": return formatInt64(value);
    case "bool": return value as boolean;
    case "string": return value as string;
    case "asset": return context.style === "legacy" ? formatAsset(value as Asset) : { ...formatAppbaseAsset(value as Asset) };
    case "price": return formatJsonValue(priceShape, value, context);
    case "public_key": return formatPublicKey(value, context.addressPrefix);
    case "authority": return formatJsonValue(authorityShape, value, context);
    case "time": return formatTime(value);
    case "bytes": case "fixed_bytes": return bytesToHex(value);
    case "array": return (value as readonly unknown[]).map((item) => formatJsonValue(schema.of, item, context));
    case "map":
      return (value as readonly (readonly [unknown, unknown])[]).map(([key, item]) => [
        formatJsonValue(schema.key, key, context), formatJsonValue(schema.value, item, context),
      ]);
    case "optional": return value === undefined || value === null ? null : formatJsonValue(schema.of, value, context);
    case "variant": return formatVariant(schema, value as VariantValue, context);
    case "struct": return formatStruct(schema, value, context);
    case "extensions": return [];
  }
}

function formatStruct(schema: StructSchema, value: Record<string, unknown>, context: JsonCodecContext): JsonObject {
  const out: Record<string, JsonValue> = {};
  for (const field of schema.fields) {
    const item = value[field.name];
    // fc leaves an absent optional out of the object rather than writing null.
    if (field.schema.kind === "optional" && (item === undefined || item === null)) continue;
    out[field.name] = formatJsonValue(field.schema, item, context);
  }
  return out;
}

function formatVariant(schema: VariantSchema, value: VariantValue, context: JsonCodecContext): JsonValue {
  const tag = schema.variants.findIndex((variantCase) => variantCase.name === value.type);
  assert(tag >= 0, `unknown variant "${value.type}"`);
  const body = formatJsonValue(schema.variants[tag].schema, value.value, context);
  const isOperation = operationVariants.has(schema);
  if (context.style === "legacy") return [isOperation ? value.type : tag, body];
  return { type: isOperation ? value.type + operationSuffix : value.type, value: body };
}

function parseText(json: unknown, path: string): string {
  if (typeof json !== "string") failAt("invalid_field", path, `expected a string, got ${describeJson(json)}`);
  if (!isWellFormedUtf16(json)) failAt("invalid_utf8", path, "the string holds a lone UTF-16 surrogate, which has no UTF-8 encoding");
  return json;
}

function parseKey(json: unknown, prefix: string, path: string): string {
  const key = typeof json === "string" ? parsePublicKey(json, prefix) : null;
  if (key === null) failAt("invalid_public_key", path, `expected a public key like "${prefix}6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg4", got ${describeJson(json)}`);
  return key;
}

function parseHex(json: unknown, path: string, size: number | undefined): Uint8Array {
  const bytes = typeof json === "string" ? hexToBytesOrNull(json) : null;
  const expected = size === undefined ? "hex bytes" : `${size} bytes as ${size * 2} hex characters`;
  if (bytes === null || (size !== undefined && bytes.length !== size)) failAt("invalid_field", path, `expected ${expected}, got ${describeJson(json)}`);
  return bytes;
}

function parseArray(of: Schema, isSet: boolean, json: unknown, context: JsonCodecContext, path: string): unknown[] {
  if (!Array.isArray(json)) failAt("invalid_field", path, `expected an array, got ${describeJson(json)}`);
  const items = json.map((item, index) => parseJsonValue(of, item, context, indexPath(path, index)));
  return isSet ? canonicalize(items, (a, b) => compareDomainValues(of, a, b)) : items;
}

function parseMap(keySchema: Schema, valueSchema: Schema, json: unknown, context: JsonCodecContext, path: string): [unknown, unknown][] {
  if (!Array.isArray(json)) failAt("invalid_field", path, `expected an array of [key, value] pairs, got ${describeJson(json)}`);
  const entries = json.map((entry, index): [unknown, unknown] => {
    const entryPath = indexPath(path, index);
    if (!Array.isArray(entry) || entry.length !== 2) failAt("invalid_field", entryPath, `expected a [key, value] pair, got ${describeJson(entry)}`);
    const key = parseJsonValue(keySchema, entry[0], context, indexPath(entryPath, 0));
    return [key, parseJsonValue(valueSchema, entry[1], context, indexPath(entryPath, 1))];
  });
  return canonicalize(entries, (a, b) => compareDomainValues(keySchema, a[0], b[0]));
}

/**
 * Sorts and de-duplicates as inserting into steemd's flat_set / flat_map does: ordered by the element's
 * (or key's) operator<, and of equal elements the first one given is kept.
 */
function canonicalize<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  const sorted = [...items].sort(compare);
  return sorted.filter((item, index) => index === 0 || compare(sorted[index - 1], item) !== 0);
}

/** fc's operator< for the element types sets and maps hold. */
function compareDomainValues(schema: Schema, a: any, b: any): number {
  switch (schema.kind) {
    case "string": return compareBytes(utf8Encode(a), utf8Encode(b));
    case "uint8": case "uint16": case "uint32": case "int16": case "int32": case "varint32": return a - b;
    case "uint64": case "int64": case "public_key": return a < b ? -1 : a > b ? 1 : 0;
    // fc::static_variant compares by tag alone, so a set holds at most one value of each case.
    case "variant": return variantTag(schema, a) - variantTag(schema, b);
    default: return compareBytes(encode(schema, a), encode(schema, b));
  }
}

function variantTag(schema: VariantSchema, value: VariantValue): number {
  return schema.variants.findIndex((variantCase) => variantCase.name === value.type);
}

function parseVariant(schema: VariantSchema, json: unknown, context: JsonCodecContext, path: string): VariantValue {
  let tagJson: unknown;
  let valueJson: unknown;
  if (Array.isArray(json) && json.length === 2) [tagJson, valueJson] = json;
  else if (isJsonObject(json) && Object.hasOwn(json, "type") && Object.hasOwn(json, "value")) ({ type: tagJson, value: valueJson } = json);
  else failAt("invalid_field", path, `expected [type, {...}] or {"type": type, "value": {...}}, got ${describeJson(json)}`);
  const selected = findVariantCase(schema, tagJson, path);
  return { type: selected.name, value: parseJsonValue(selected.schema, valueJson, context, joinPath(path, selected.name)) };
}

/** A case by tag number or by name; operations also by their `_operation` name. */
function findVariantCase(schema: VariantSchema, tag: unknown, path: string): VariantCase {
  const isOperation = operationVariants.has(schema);
  let found: VariantCase | undefined;
  if (typeof tag === "number" && Number.isInteger(tag)) found = schema.variants[tag];
  else if (typeof tag === "string") {
    const name = isOperation && tag.endsWith(operationSuffix) ? tag.slice(0, -operationSuffix.length) : tag;
    found = schema.variants.find((variantCase) => variantCase.name === name);
  }
  if (found === undefined) failAt("unknown_operation", path, `unknown ${isOperation ? "operation" : "variant type"} ${describeJson(tag)}`);
  return found;
}

function parseStruct(schema: StructSchema, json: unknown, context: JsonCodecContext, path: string): Record<string, unknown> {
  if (!isJsonObject(json)) failAt("invalid_field", path, `expected an object, got ${describeJson(json)}`);
  const out: Record<string, unknown> = {};
  for (const field of schema.fields) {
    const key = findFieldKey(json, field);
    if (key === undefined) out[field.name] = parseMissingField(field, joinPath(path, field.name));
    else out[field.name] = parseJsonValue(field.schema, json[key], context, joinPath(path, key));
  }
  return out;
}

/** The field's own name, else the first alias the object uses (dhive's `percent_hbd`); unknown keys are ignored. */
function findFieldKey(json: Record<string, unknown>, field: StructField): string | undefined {
  if (Object.hasOwn(json, field.name)) return field.name;
  return field.aliases?.find((alias) => Object.hasOwn(json, alias));
}

// An absent optional is none and absent extensions are empty (their only value); anything else is required.
function parseMissingField(field: StructField, path: string): unknown {
  if (field.schema.kind === "optional") return undefined;
  if (field.schema.kind === "extensions") return [];
  return failAt("invalid_field", path, "required field is missing");
}

function parseExtensions(json: unknown, path: string): readonly never[] {
  if (!Array.isArray(json)) failAt("invalid_field", path, `expected an array, got ${describeJson(json)}`);
  if (json.length > 0) failAt("invalid_field", path, "extensions must be empty ([]): none are defined here");
  return [];
}
