/**
 * The SBD price feed (steemit/steem `database::update_median_feed`): producers publish SBD-per-STEEM
 * prices, the hourly median of the fresh ones is appended to a history of 84 (3.5 days), the history's
 * median is the price every conversion, payout and interest uses — raised, when SBD would exceed 10 % of
 * the market cap, to the debt-limit floor.
 */
import type { Price } from "./sbd.ts";

/** Hourly medians kept (STEEM_FEED_HISTORY_WINDOW = 12 × 7). */
export const feedHistoryWindow = 84;

/** Orders prices by value (SBD per STEEM), by cross-multiplication: no rounding. */
export function comparePrices(a: Price, b: Price): number {
  const left = a.base * b.quote;
  const right = b.base * a.quote;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The element steemd takes as the median: `sorted[n / 2]` (the upper one for an even count); null for none. */
export function getMedianPrice(prices: readonly Price[]): Price | null {
  if (prices.length === 0) return null;
  const sorted = [...prices].sort(comparePrices);
  return sorted[sorted.length >> 1];
}

/** The history with `median` appended, keeping the newest `feedHistoryWindow`. */
export function pushFeedHistory(history: readonly Price[], median: Price): Price[] {
  const next = [...history, median];
  return next.length > feedHistoryWindow ? next.slice(next.length - feedHistoryWindow) : next;
}

/** The median raised to the debt-limit floor: SBD may be worth at most 10 % of STEEM's market cap (9 SBD : 1 STEEM of supply). */
export function applyDebtLimit(median: Price, currentSbdSupply: bigint, currentSupply: bigint): Price {
  if (currentSbdSupply <= 0n || currentSupply <= 0n) return median;
  const floor = { base: 9n * currentSbdSupply, quote: currentSupply };
  return comparePrices(floor, median) > 0 ? floor : median;
}
