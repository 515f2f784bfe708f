/**
 * Integers as JSON. Like fc, input may be a JSON number or a decimal string; unlike fc, which truncates,
 * every value is range-checked against its type. 64-bit values are bigint in the domain and leave as
 * numbers up to 4294967295 (and when negative) and as strings above, the rule fc's JSON writer follows.
 */
import { ChainError } from "../../core/errors.ts";
import { int64Max, int64Min, uint64Max } from "../../stdx/bigint.ts";
import { describeJson } from "./json-value.ts";

/** The integer kinds that are plain numbers in the domain. */
export type SmallIntegerKind = "uint8" | "uint16" | "uint32" | "int16" | "int32" | "varint32";

const smallIntegerRanges: Readonly<Record<SmallIntegerKind, readonly [number, number]>> = {
  uint8: [0, 0xff],
  uint16: [0, 0xffff],
  uint32: [0, 0xffffffff],
  int16: [-0x8000, 0x7fff],
  int32: [-0x80000000, 0x7fffffff],
  varint32: [0, 0xffffffff],
};

const int64Ranges: Readonly<Record<"int64" | "uint64", readonly [bigint, bigint]>> = {
  int64: [int64Min, int64Max],
  uint64: [0n, uint64Max],
};

// At most 32 digits (64-bit values need 20; fc tolerates leading zeros) so hostile text cannot make BigInt work hard.
const decimalPattern = /^-?\d{1,32}$/;
const jsonNumberMax = 0xffffffffn;
const safeNegativeMin = BigInt(Number.MIN_SAFE_INTEGER);

/** Parses a small integer from a JSON number or decimal string, checked against the kind's range. */
export function parseSmallInteger(kind: SmallIntegerKind, json: unknown): number {
  const [min, max] = smallIntegerRanges[kind];
  const value = toBigInt(json);
  if (value === null || value < BigInt(min) || value > BigInt(max)) {
    throw new ChainError("invalid_field", `expected an integer from ${min} to ${max} (${kind}), got ${describeJson(json)}`);
  }
  return Number(value);
}

/** Parses a 64-bit integer; numbers beyond 2^53 have already lost digits in JSON.parse and must come as strings. */
export function parseInt64(kind: "int64" | "uint64", json: unknown): bigint {
  const [min, max] = int64Ranges[kind];
  if (typeof json === "number" && Number.isInteger(json) && !Number.isSafeInteger(json)) {
    throw new ChainError("invalid_field", `integer ${json} is too large for a JSON number; send it as a decimal string`);
  }
  const value = toBigInt(json);
  if (value === null || value < min || value > max) {
    throw new ChainError("invalid_field", `expected an integer from ${min} to ${max} (${kind}), got ${describeJson(json)}`);
  }
  return value;
}

/**
 * A 64-bit integer as fc writes it: a number when 0 ≤ v ≤ 4294967295 or negative, a decimal string above.
 * Negative values below −2^53 also become strings, since a JSON number would silently lose their digits.
 */
export function formatInt64(value: bigint): number | string {
  if (value > jsonNumberMax || value < safeNegativeMin) return value.toString();
  return Number(value);
}

function toBigInt(json: unknown): bigint | null {
  if (typeof json === "number") return Number.isSafeInteger(json) ? BigInt(json) : null;
  if (typeof json === "string" && decimalPattern.test(json)) return BigInt(json);
  return null;
}
