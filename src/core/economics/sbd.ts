/**
 * Steem Dollars: the print rate that turns payouts into liquid STEEM as SBD nears 10 % of the supply
 * (`database::update_virtual_supply`), interest on SBD balances (`database::modify_balance`), and
 * prices as SBD-per-STEEM ratios (`base` SBD for `quote` STEEM, raw amounts).
 */
import { percent100, sbdPrintStartPercent, sbdPrintStopPercent, secondsPerYear } from "../protocol/config.ts";

export interface Price {
  /** SBD (raw). */
  readonly base: bigint;
  /** STEEM (raw). */
  readonly quote: bigint;
}

export function sbdToSteem(sbd: bigint, price: Price): bigint {
  return (sbd * price.quote) / price.base;
}

export function steemToSbd(steem: bigint, price: Price): bigint {
  return (steem * price.base) / price.quote;
}

/** STEEM → SBD at the median feed; 0 without a feed (steemd `to_sbd` with a null price). */
export function toSbd(steem: bigint, median: Price | null): bigint {
  return median === null ? 0n : steemToSbd(steem, median);
}

/** SBD → STEEM at the median feed; 0 without a feed (steemd `to_steem` with a null price). */
export function toSteem(sbd: bigint, median: Price | null): bigint {
  return median === null ? 0n : sbdToSteem(sbd, median);
}

/** SBD's share of the virtual supply in basis points (rounded to nearest, as since HF21) and the print rate. */
export function getSbdPrintRate(sbdAsSteem: bigint, virtualSupply: bigint): { percentSbd: number; printRate: number } {
  if (virtualSupply === 0n) return { percentSbd: 0, printRate: percent100 };
  const percentSbd = Number((sbdAsSteem * BigInt(percent100) + virtualSupply / 2n) / virtualSupply);
  const span = BigInt(sbdPrintStopPercent - sbdPrintStartPercent);
  const printRate =
    percentSbd <= sbdPrintStartPercent ? percent100
    : percentSbd >= sbdPrintStopPercent ? 0
    : Number((BigInt(sbdPrintStopPercent - percentSbd) * BigInt(percent100)) / span);
  return { percentSbd, printRate };
}

/** Interest (raw SBD) on accumulated SBD-seconds at `rateBp` a year. */
export function getSbdInterest(sbdSeconds: bigint, rateBp: number): bigint {
  return ((sbdSeconds / BigInt(secondsPerYear)) * BigInt(rateBp)) / BigInt(percent100);
}
