/**
 * Small formatting rules shared by pages: relative and exact times, amounts, reputations, counts. Times are
 * relative to the chain's head time (the index's), not the wall clock, so a dev chain moved a week forward
 * reads "7 days ago" as its users would.
 */
import { type Html, html } from "../html.ts";

const minute = 60;
const hour = 60 * minute;
const day = 24 * hour;

/** Seconds since the epoch of a chain time "2024-11-28T12:00:00" (UTC); NaN when malformed. */
export function parseChainTime(text: string): number {
  return Date.parse(text.endsWith("Z") ? text : `${text}Z`) / 1000;
}

/** "just now", "5 minutes ago", "2 months ago", "in 3 days". */
export function relativeTime(seconds: number, now: number): string {
  const delta = Math.round(now - seconds);
  const future = delta < 0;
  const span = Math.abs(delta);
  if (span < 45) return future ? "in a few seconds" : "just now";
  const [count, unit] =
    span < 45 * minute ? [Math.max(1, Math.round(span / minute)), "minute"]
    : span < 22 * hour ? [Math.round(span / hour), "hour"]
    : span < 26 * day ? [Math.round(span / day), "day"]
    : span < 320 * day ? [Math.max(1, Math.round(span / (30 * day))), "month"]
    : [Math.max(1, Math.round(span / (365 * day))), "year"];
  const text = count === 1 ? `${unit === "hour" ? "an" : "a"} ${unit}` : `${count} ${unit}s`;
  return future ? `in ${text}` : `${text} ago`;
}

/** The exact UTC time for a hover title: "28 November 2024, 12:00:00 UTC". */
export function exactTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`;
}

/** A `<time>` element: relative text, the exact time on hover. */
export function timeAgo(chainTime: string, now: number): Html {
  const seconds = parseChainTime(chainTime);
  if (!Number.isFinite(seconds)) return html``;
  return html`<time datetime="${new Date(seconds * 1000).toISOString()}" title="${exactTime(seconds)}">${relativeTime(seconds, now)}</time>`;
}

/** The number in a wire asset "1.234 SBD". */
export function assetAmount(text: unknown): number {
  if (typeof text !== "string") return 0;
  const value = Number.parseFloat(text);
  return Number.isFinite(value) ? value : 0;
}

// `toLocaleString` with a locale builds a number formatter at every call, which cost a quarter of a trending
// page's render (bench:web); the formatters are made once instead (same output).
const fixedFormatters = new Map<number, Intl.NumberFormat>();
const countFormatter = new Intl.NumberFormat("en-US");

function fixedFormatter(decimals: number): Intl.NumberFormat {
  let formatter = fixedFormatters.get(decimals);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    fixedFormatters.set(decimals, formatter);
  }
  return formatter;
}

/** Dollars as Steemit shows them: "$12.34". */
export function formatDollars(amount: number): string {
  return `$${fixedFormatter(2).format(amount)}`;
}

/** A token amount with three decimals and thousands separators: "1,234.567". */
export function formatTokens(amount: number, decimals = 3): string {
  return fixedFormatter(decimals).format(amount);
}

/** A whole number with thousands separators: "12,345". */
export function formatCount(count: number): string {
  return countFormatter.format(count);
}

/** A count with its noun: "1 vote", "12 votes". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${countFormatter.format(count)} ${count === 1 ? noun : nouns}`;
}

/** A reputation as a whole number (the display reputation's integer part, as Steemit shows it). */
export function formatReputation(reputation: unknown): string {
  return typeof reputation === "number" && Number.isFinite(reputation) ? String(Math.floor(reputation)) : "25";
}
