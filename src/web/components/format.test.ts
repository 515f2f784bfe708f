// Checks how pages word times and amounts: relative times from the chain's head, exact UTC times for hovers, dollars, tokens and plurals.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assetAmount, exactTime, formatDollars, formatReputation, formatTokens, parseChainTime, plural, relativeTime, timeAgo } from "./format.ts";

test("relative times read as Steemit's do, past and future", () => {
  const now = 1_000_000_000;
  assert.equal(relativeTime(now - 10, now), "just now");
  assert.equal(relativeTime(now - 60, now), "a minute ago");
  assert.equal(relativeTime(now - 5 * 60, now), "5 minutes ago");
  assert.equal(relativeTime(now - 3600, now), "an hour ago");
  assert.equal(relativeTime(now - 3 * 86400, now), "3 days ago");
  assert.equal(relativeTime(now - 60 * 86400, now), "2 months ago");
  assert.equal(relativeTime(now - 800 * 86400, now), "2 years ago");
  assert.equal(relativeTime(now + 7 * 86400, now), "in 7 days");
});

test("chain times parse as UTC and show exactly on hover", () => {
  const seconds = parseChainTime("2024-11-28T12:00:05");
  assert.equal(seconds, Date.UTC(2024, 10, 28, 12, 0, 5) / 1000);
  assert.equal(exactTime(seconds), "28 November 2024, 12:00:05 UTC");
  assert.match(timeAgo("2024-11-28T12:00:05", seconds + 120).text, /^<time datetime="2024-11-28T12:00:05.000Z" title="28 November 2024, 12:00:05 UTC">2 minutes ago<\/time>$/);
  assert.equal(timeAgo("not a time", 0).text, "");
});

test("amounts, reputations and counts", () => {
  assert.equal(assetAmount("1,234.567 STEEM".replace(",", "")), 1234.567);
  assert.equal(assetAmount(undefined), 0);
  assert.equal(formatDollars(1234.5), "$1,234.50");
  assert.equal(formatTokens(5000), "5,000.000");
  assert.equal(formatReputation(63.9), "63");
  assert.equal(formatReputation(null), "25");
  assert.equal(plural(1, "vote"), "1 vote");
  assert.equal(plural(1200, "reply", "replies"), "1,200 replies");
});
