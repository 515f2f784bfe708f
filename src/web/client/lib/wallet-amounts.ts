/**
 * Wallet amounts as exact integers: wire strings ("1.000 STEEM") parsed to counts of the smallest unit,
 * typed amounts checked against the symbol's precision, Steem Power converted to and from VESTS with the
 * chain's own floor division, and grouping for display done on the digits. No amount that is sent or shown
 * ever passes through a float, so "0.1 + 0.2" can never become 0.30000000000000004 STEEM.
 * Pure: the wallet page renders with it on the server and its script validates with it in the browser.
 */
import { type AssetSymbol, assetPrecision, formatAmount } from "../../../core/asset.ts";

/** An amount of one token in its smallest unit (milli-STEEM, milli-SBD, micro-VESTS). */
export interface TokenAmount {
  readonly amount: bigint;
  readonly symbol: AssetSymbol;
}

/**
 * The vesting share price of get_dynamic_global_properties: `total_vesting_fund_steem` (milli-STEEM) backs
 * `total_vesting_shares` (micro-VESTS). Steem Power is VESTS valued at this price.
 */
export interface VestingRatio {
  readonly fundSteem: bigint;
  readonly shares: bigint;
}

// Digit runs are bounded so hostile text cannot make BigInt work hard.
const wireAmountPattern = /^(-?)(\d{1,20})\.(\d{3}|\d{6}) (STEEM|SBD|VESTS)$/;

/** Parses a condenser wire amount ("1.000 STEEM", "2.000000 VESTS"); null when it is not one. */
export function parseWireAmount(text: unknown): TokenAmount | null {
  const match = typeof text === "string" ? wireAmountPattern.exec(text) : null;
  if (match === null) return null;
  const [, sign, whole, decimals, name] = match;
  const symbol = name as AssetSymbol;
  if (decimals.length !== assetPrecision[symbol]) return null;
  const magnitude = BigInt(whole + decimals);
  return { amount: sign === "-" ? -magnitude : magnitude, symbol };
}

/** The amount of `text` in `symbol`'s smallest unit; 0 when it is missing, malformed or another token. */
export function wireUnits(text: unknown, symbol: AssetSymbol): bigint {
  const parsed = parseWireAmount(text);
  return parsed !== null && parsed.symbol === symbol ? parsed.amount : 0n;
}

/** An integer field the API prints as a number or, above 2³², as a string (to_withdraw, withdrawn). */
export function integerUnits(value: unknown): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d{1,20}$/.test(value)) return BigInt(value);
  return 0n;
}

/** The wire form the chain takes: exactly the symbol's decimals ("1.000 STEEM", "0.000000 VESTS"). */
export function formatWireAmount(amount: bigint, symbol: AssetSymbol): string {
  return formatAmount(amount, symbol);
}

/** Thousands separators on a run of digits: "1234567" → "1,234,567". */
function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A count of smallest units with `decimals` places and thousands separators: 1234567n, 3 → "1,234.567". */
export function formatUnits(amount: bigint, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const magnitude = amount < 0n ? -amount : amount;
  const fraction = decimals === 0 ? "" : `.${(magnitude % scale).toString().padStart(decimals, "0")}`;
  return `${amount < 0n ? "-" : ""}${groupDigits((magnitude / scale).toString())}${fraction}`;
}

/** A wire amount for reading: "1234.567 STEEM" → "1,234.567 STEEM"; text that is not one comes back as it is. */
export function formatTokenAmount(text: string): string {
  const parsed = parseWireAmount(text);
  return parsed === null ? text : `${formatUnits(parsed.amount, assetPrecision[parsed.symbol])} ${parsed.symbol}`;
}

/** The ratio of a dynamic global properties answer (wire strings); an unreadable one is the chain's 1:1 start. */
export function parseVestingRatio(fundSteem: unknown, shares: unknown): VestingRatio {
  return { fundSteem: wireUnits(fundSteem, "STEEM"), shares: wireUnits(shares, "VESTS") };
}

/** Whether the chain would use its starting price (no stake yet): 1 STEEM per 1 VESTS. */
function isUnpriced(ratio: VestingRatio): boolean {
  return ratio.fundSteem <= 0n || ratio.shares <= 0n;
}

/** micro-VESTS → milli-STEEM at the vesting share price, rounded down as steemd does. */
export function vestsToSteem(vests: bigint, ratio: VestingRatio): bigint {
  if (isUnpriced(ratio)) return vests / 1000n;
  return (vests * ratio.fundSteem) / ratio.shares;
}

/**
 * milli-STEEM → micro-VESTS at the vesting share price: rounded down as steemd does, or up, so that the
 * VESTS sent for a typed Steem Power read back (rounded down) as exactly what was typed.
 */
export function steemToVests(steem: bigint, ratio: VestingRatio, rounding: "down" | "up" = "down"): bigint {
  if (isUnpriced(ratio)) return steem * 1000n;
  const product = steem * ratio.shares;
  const vests = product / ratio.fundSteem;
  return rounding === "up" && vests * ratio.fundSteem < product ? vests + 1n : vests;
}

/** VESTS shown as Steem Power: "1,234.567 SP". */
export function formatSteemPower(vests: bigint, ratio: VestingRatio): string {
  return `${formatUnits(vestsToSteem(vests, ratio), 3)} SP`;
}

/**
 * What a person typed as an amount, in smallest units: "12", "12.5", "1,234.567" and ".5" are read; more
 * decimals than `decimals`, signs, exponents and anything else are refused with a sentence saying why.
 */
export function parseAmountInput(text: string, decimals: number): { ok: true; amount: bigint } | { ok: false; problem: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, problem: "Enter an amount." };
  const plain = /^\d{1,3}(,\d{3})+(\.\d*)?$/.test(trimmed) ? trimmed.replace(/,/g, "") : trimmed;
  const match = /^(\d{0,20})(?:\.(\d*))?$/.exec(plain);
  if (match === null || (match[1] === "" && (match[2] ?? "") === "")) return { ok: false, problem: "Enter the amount as a number, like 1.5." };
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) return { ok: false, problem: `Use at most ${decimals} decimals.` };
  const amount = BigInt(`${match[1] || "0"}${fraction.padEnd(decimals, "0")}`);
  if (amount <= 0n) return { ok: false, problem: "The amount must be more than zero." };
  return { ok: true, amount };
}

/** The feed price as SBD per STEEM: get_current_median_history_price's base (SBD) over quote (STEEM). */
export interface FeedPrice {
  readonly base: bigint;
  readonly quote: bigint;
}

/** Dollars of STEEM (at the feed price) and SBD (at $1), in milli-dollars; STEEM counts 0 without a feed. */
export function estimateValueMilliDollars(steem: bigint, sbd: bigint, price: FeedPrice): bigint {
  const steemValue = price.quote > 0n ? (steem * price.base) / price.quote : 0n;
  return steemValue + sbd;
}

/** Milli-dollars as "$1,234.57", rounded half up to the cent. */
export function formatMilliDollars(milli: bigint): string {
  const negative = milli < 0n;
  const cents = ((negative ? -milli : milli) + 5n) / 10n;
  return `${negative ? "-" : ""}$${formatUnits(cents, 2)}`;
}
