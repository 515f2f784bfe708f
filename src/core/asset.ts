/** Token amounts: integer counts of the smallest unit, tagged with their symbol. */
export const assetSymbols = ["STEEM", "SBD", "VESTS"] as const;
export type AssetSymbol = (typeof assetSymbols)[number];

export interface Asset {
  readonly amount: bigint;
  readonly symbol: AssetSymbol;
}

export interface Price {
  readonly base: Asset;
  readonly quote: Asset;
}

export const assetPrecision: Readonly<Record<AssetSymbol, number>> = { STEEM: 3, SBD: 3, VESTS: 6 };

/** A raw amount as steemd prints it: 1234n STEEM → "1.234 STEEM", 1234567n VESTS → "1.234567 VESTS". */
export function formatAmount(amount: bigint, symbol: AssetSymbol): string {
  const precision = assetPrecision[symbol];
  const scale = 10n ** BigInt(precision);
  const magnitude = amount < 0n ? -amount : amount;
  return `${amount < 0n ? "-" : ""}${magnitude / scale}.${(magnitude % scale).toString().padStart(precision, "0")} ${symbol}`;
}

/** Numeric asset identifiers used by appbase JSON. */
export const assetNai: Readonly<Record<AssetSymbol, string>> = {
  STEEM: "@@000000021",
  SBD: "@@000000013",
  VESTS: "@@000000037",
};


export function isAssetSymbol(text: string): text is AssetSymbol {
  return (assetSymbols as readonly string[]).includes(text);
}
