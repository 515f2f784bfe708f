/**
 * Assets as JSON: condenser's `"1.000 STEEM"` strings and appbase's `{amount, precision, nai}` objects.
 * Both are exact: the number of decimals (or the precision) must be the symbol's, never rounded.
 */
import { type Asset, type AssetSymbol, assetNai, assetPrecision, assetSymbols, formatAmount } from "../../core/asset.ts";
import { ChainError } from "../../core/errors.ts";
import { int64Max, int64Min } from "../../stdx/bigint.ts";
import { describeJson, isJsonObject } from "./json-value.ts";

/** An asset in appbase JSON. The amount is a string so that no client rounds it through a double. */
export interface AppbaseAssetJson {
  readonly amount: string;
  readonly precision: number;
  readonly nai: string;
}

// dhive writes Hive's names for the same two tokens (and signs STEEM/SBD bytes), so they are read as ours.
const symbolsByName: Readonly<Record<string, AssetSymbol>> = { STEEM: "STEEM", SBD: "SBD", VESTS: "VESTS", HIVE: "STEEM", HBD: "SBD" };
// Digit runs are bounded (64-bit amounts need at most 19) so hostile text cannot make BigInt work hard.
const legacyAssetPattern = /^(-?)(\d{1,32})(?:\.(\d{0,32}))? (\S{1,16})$/;
const integerTextPattern = /^-?\d{1,32}$/;

/** `"1.000 STEEM"`, `"0.250 SBD"`, `"1.000000 VESTS"`: always every decimal of the symbol's precision. */
export function formatAsset(asset: Asset): string {
  return formatAmount(asset.amount, asset.symbol);
}

/**
 * Parses a condenser asset string. The symbol must be upper-case STEEM, SBD or VESTS (or dhive's HIVE/HBD)
 * and the decimals exactly its precision: `"1 STEEM"` and `"1.0 STEEM"` are `invalid_asset` errors.
 */
export function parseAsset(text: string): Asset {
  const match = typeof text === "string" ? legacyAssetPattern.exec(text) : null;
  if (match === null) throw new ChainError("invalid_asset", `expected an asset like "1.000 STEEM", got ${describeJson(text)}`);
  const [, sign, whole, decimals, name] = match;
  const symbol = symbolsByName[name];
  if (symbol === undefined) throw new ChainError("invalid_asset", `unknown asset symbol "${name}" in "${text}" (expected ${assetSymbols.join(", ")})`);
  const precision = assetPrecision[symbol];
  if (decimals === undefined || decimals.length !== precision) {
    const example = formatAsset({ amount: 10n ** BigInt(precision), symbol });
    throw new ChainError("invalid_asset", `asset "${text}" must have exactly ${precision} decimals, as in "${example}"`);
  }
  const magnitude = BigInt(whole + decimals);
  return { amount: checkAmount(sign === "-" ? -magnitude : magnitude, text), symbol };
}

/** `{"amount": "1000", "precision": 3, "nai": "@@000000021"}`. */
export function formatAppbaseAsset(asset: Asset): AppbaseAssetJson {
  return { amount: asset.amount.toString(), precision: assetPrecision[asset.symbol], nai: assetNai[asset.symbol] };
}

/** Parses an appbase asset object; the amount may be a string or an integer number, the precision must match the NAI. */
export function parseAppbaseAsset(json: unknown): Asset {
  if (!isJsonObject(json)) {
    throw new ChainError("invalid_asset", `expected an asset like {"amount":"1000","precision":3,"nai":"@@000000021"}, got ${describeJson(json)}`);
  }
  const { amount, precision, nai } = json;
  const symbol = assetSymbols.find((candidate) => assetNai[candidate] === nai);
  if (symbol === undefined) {
    throw new ChainError("invalid_asset", `unknown asset nai ${describeJson(nai)} (expected ${assetSymbols.map((s) => assetNai[s]).join(", ")})`);
  }
  if (precision !== assetPrecision[symbol]) {
    throw new ChainError("invalid_asset", `asset precision must be ${assetPrecision[symbol]} for ${symbol} (nai ${nai}), got ${describeJson(precision)}`);
  }
  const isIntegerText = typeof amount === "string" && integerTextPattern.test(amount);
  if (!isIntegerText && !Number.isSafeInteger(amount)) {
    throw new ChainError("invalid_asset", `asset amount must be an integer count of the smallest unit (a string), got ${describeJson(amount)}`);
  }
  return { amount: checkAmount(BigInt(amount as string | number), String(amount)), symbol };
}

function checkAmount(amount: bigint, text: string): bigint {
  if (amount < int64Min || amount > int64Max) throw new ChainError("invalid_asset", `asset amount in "${text}" does not fit in 64 bits`);
  return amount;
}
