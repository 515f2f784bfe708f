/**
 * Types as data. A schema describes one fc::raw type; the binary codec (core) and the JSON formatters
 * (api/format) both interpret the same description, so field order and types are written down once.
 */
import type { Asset, Price } from "../asset.ts";
import type { Authority } from "../protocol/authority.ts";
import type { PublicKey } from "../crypto/keys.ts";

export type Schema<T = unknown> =
  | { readonly kind: "uint8" | "uint16" | "uint32" | "int16" | "int32" | "varint32"; readonly _t?: T }
  | { readonly kind: "uint64" | "int64"; readonly _t?: T }
  | { readonly kind: "bool"; readonly _t?: T }
  | { readonly kind: "string"; readonly role: StringRole; readonly _t?: T }
  | { readonly kind: "asset"; readonly _t?: T }
  | { readonly kind: "price"; readonly _t?: T }
  | { readonly kind: "public_key"; readonly _t?: T }
  | { readonly kind: "authority"; readonly _t?: T }
  | { readonly kind: "time"; readonly _t?: T }
  | { readonly kind: "bytes"; readonly _t?: T }
  | { readonly kind: "fixed_bytes"; readonly size: number; readonly _t?: T }
  | { readonly kind: "array"; readonly of: Schema; readonly set: boolean; readonly _t?: T }
  | { readonly kind: "map"; readonly key: Schema; readonly value: Schema; readonly _t?: T }
  | { readonly kind: "optional"; readonly of: Schema; readonly _t?: T }
  | { readonly kind: "variant"; readonly variants: readonly VariantCase[]; readonly _t?: T }
  | { readonly kind: "struct"; readonly fields: readonly StructField[]; readonly _t?: T }
  | { readonly kind: "extensions"; readonly _t?: T };

/** What a string field holds; validation and JSON aliases key off it. */
export type StringRole = "text" | "account" | "permlink" | "custom_id";

export interface StructField {
  readonly name: string;
  readonly schema: Schema;
  /** Other JSON names accepted on input (dhive's Hive names). */
  readonly aliases?: readonly string[];
}

export interface VariantCase {
  readonly name: string;
  readonly schema: Schema;
}

export type Infer<S> = S extends { readonly _t?: infer T } ? T : never;

type Fields = Record<string, Schema>;
export type InferStruct<F extends Fields> = { [K in keyof F]: Infer<F[K]> };

export const uint8: Schema<number> = { kind: "uint8" };
export const uint16: Schema<number> = { kind: "uint16" };
export const uint32: Schema<number> = { kind: "uint32" };
export const int16: Schema<number> = { kind: "int16" };
export const int32: Schema<number> = { kind: "int32" };
export const varint32: Schema<number> = { kind: "varint32" };
export const uint64: Schema<bigint> = { kind: "uint64" };
export const int64: Schema<bigint> = { kind: "int64" };
export const bool: Schema<boolean> = { kind: "bool" };
export const text: Schema<string> = { kind: "string", role: "text" };
export const accountName: Schema<string> = { kind: "string", role: "account" };
export const permlink: Schema<string> = { kind: "string", role: "permlink" };
export const customId: Schema<string> = { kind: "string", role: "custom_id" };
export const asset: Schema<Asset> = { kind: "asset" };
export const price: Schema<Price> = { kind: "price" };
export const publicKey: Schema<PublicKey> = { kind: "public_key" };
export const authority: Schema<Authority> = { kind: "authority" };
/** Seconds since the Unix epoch (fc::time_point_sec). */
export const time: Schema<number> = { kind: "time" };
export const bytes: Schema<Uint8Array> = { kind: "bytes" };
export const extensions: Schema<readonly never[]> = { kind: "extensions" };

export function fixedBytes(size: number): Schema<Uint8Array> {
  return { kind: "fixed_bytes", size };
}

export function array<T>(of: Schema<T>): Schema<readonly T[]> {
  return { kind: "array", of, set: false };
}

/** A flat_set: encoded like an array; the chain requires it sorted and unique. */
export function set<T>(of: Schema<T>): Schema<readonly T[]> {
  return { kind: "array", of, set: true };
}

export function map<K, V>(key: Schema<K>, value: Schema<V>): Schema<readonly (readonly [K, V])[]> {
  return { kind: "map", key, value };
}

export function optional<T>(of: Schema<T>): Schema<T | undefined> {
  return { kind: "optional", of };
}

export interface VariantValue<N extends string = string, V = unknown> {
  readonly type: N;
  readonly value: V;
}

export function variant<V>(variants: readonly VariantCase[]): Schema<V> {
  return { kind: "variant", variants };
}

export function struct<F extends Fields>(fields: F, aliases: Partial<Record<keyof F, readonly string[]>> = {}): Schema<InferStruct<F>> {
  return {
    kind: "struct",
    fields: Object.entries(fields).map(([name, schema]) => ({ name, schema, aliases: aliases[name as keyof F] })),
  };
}
