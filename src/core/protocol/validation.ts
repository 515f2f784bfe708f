/** Stateless validity rules shared by operations: names, permlinks, amounts, text, authorities. */
import { isWellFormedUtf16, utf8ByteLength } from "../../stdx/bytes.ts";
import type { Asset, AssetSymbol } from "../asset.ts";
import { ensure } from "../errors.ts";
import type { Authority } from "./authority.ts";
import { accountNameLengthMax, accountNameLengthMin, authorityMembershipMax, permlinkBytesMax } from "./config.ts";

const segmentPattern = /^[a-z][a-z0-9-]*[a-z0-9]$/;

/** Steem's is_valid_account_name: 3–16 chars, dot-separated segments of ≥3 chars, [a-z][a-z0-9-]*[a-z0-9]. */
export function isValidAccountName(name: string): boolean {
  if (typeof name !== "string" || name.length < accountNameLengthMin || name.length > accountNameLengthMax) return false;
  for (const segment of name.split(".")) {
    if (segment.length < 3 || !segmentPattern.test(segment)) return false;
  }
  return true;
}

export function validateAccountName(name: string, field: string): void {
  ensure(isValidAccountName(name), "invalid_account_name", () => `${field} "${truncate(name)}" is not a valid account name (3–16 characters: a-z, 0-9, '-', dot-separated segments of at least 3 starting with a letter)`);
}

/** Every permlink in an operation: fewer than 256 bytes of valid UTF-8. */
export function validatePermlinkSize(permlink: string, field: string): void {
  ensure(isWellFormedUtf16(permlink), "invalid_utf8", () => `${field} is not valid UTF-8`);
  ensure(utf8ByteLength(permlink) <= permlinkBytesMax, "invalid_permlink", () => `${field} is longer than ${permlinkBytesMax} bytes`);
}

const permlinkPattern = /^[a-z0-9-]{1,255}$/;

/** Permlinks of newly created comments: 1–255 of [a-z0-9-]. */
export function validateNewPermlink(permlink: string, field: string): void {
  ensure(permlinkPattern.test(permlink), "invalid_permlink", () => `${field} "${truncate(permlink)}" must be 1–255 characters of a-z, 0-9 and '-'`);
}

export function validateUtf8(text: string, field: string): void {
  ensure(isWellFormedUtf16(text), "invalid_utf8", () => `${field} is not valid UTF-8`);
}

export function validateMaxBytes(text: string, maxBytes: number, code: "memo_too_long" | "title_too_long" | "custom_json_too_large", field: string): void {
  validateUtf8(text, field);
  ensure(utf8ByteLength(text) <= maxBytes, code, `${field} is ${utf8ByteLength(text)} bytes; the limit is ${maxBytes}`);
}

/** Non-empty metadata must be valid JSON (an object is not required, as steemd). */
export function validateJsonMetadata(text: string, field: string): void {
  validateUtf8(text, field);
  if (text.length === 0) return;
  let ok = true;
  try {
    JSON.parse(text);
  } catch {
    ok = false;
  }
  ensure(ok, "invalid_json_metadata", () => `${field} is not valid JSON`);
}

export function validateSymbol(asset: Asset, symbols: readonly AssetSymbol[], field: string): void {
  ensure(symbols.includes(asset.symbol), "wrong_asset_symbol", () => `${field} must be in ${symbols.join(" or ")}, not ${asset.symbol}`);
}

export function validatePositive(asset: Asset, field: string): void {
  ensure(asset.amount > 0n, "amount_not_positive", () => `${field} must be greater than zero`);
}

export function validateNonNegative(asset: Asset, field: string): void {
  ensure(asset.amount >= 0n, "amount_negative", () => `${field} must not be negative`);
}

/** Authority shape: ≤ 40 entries, valid member names, sorted unique members, reachable threshold. */
export function validateAuthority(authority: Authority, field: string): void {
  const size = authority.account_auths.length + authority.key_auths.length;
  ensure(size <= authorityMembershipMax, "authority_too_large", () => `${field} has ${size} entries; the limit is ${authorityMembershipMax}`);
  for (const [name] of authority.account_auths) validateAccountName(name, `${field} account`);
  let total = 0;
  for (const [, weight] of authority.account_auths) total += weight;
  for (const [, weight] of authority.key_auths) total += weight;
  ensure(authority.weight_threshold > 0 && total >= authority.weight_threshold, "authority_invalid", () => `${field} can never be satisfied: its threshold ${authority.weight_threshold} exceeds the sum of its weights ${total}`);
  ensure(isStrictlySorted(authority.account_auths.map(([n]) => n)), "authority_invalid", () => `${field} account_auths must be sorted and unique`);
  ensure(isStrictlySorted(authority.key_auths.map(([k]) => k)), "authority_invalid", () => `${field} key_auths must be sorted and unique`);
}

export function isStrictlySorted(values: readonly string[]): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i - 1] < values[i])) return false;
  return true;
}

function truncate(text: string): string {
  return typeof text === "string" && text.length > 40 ? `${text.slice(0, 40)}…` : String(text);
}
