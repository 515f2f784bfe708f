// Pending payouts against numbers worked out by hand from steemd's set_pending_payout formula.
import assert from "node:assert/strict";
import { test } from "node:test";
import { timeNever } from "../../core/protocol/config.ts";
import { getPendingPayout } from "./pending-payout.ts";

const quarterDollar = { base: 250n, quote: 1000n }; // 0.250 SBD per 1.000 STEEM

test("pending payout: claims of the convergent_linear curve times the pot in SBD over recent_claims", () => {
  // net_rshares = s = 2·10¹²: claims = s·3s/5s = 1.2·10¹². Pot = 1,000,000.000 STEEM × 0.25 = 250,000.000 SBD.
  // 1.2·10¹² × 250,000,000 / 10¹⁵ = 300,000 raw = 300.000 SBD.
  const pending = getPendingPayout({ netRshares: 2_000_000_000_000n, cashoutTime: 1_000, rewardBalance: 1_000_000_000n, recentClaims: 1_000_000_000_000_000n, median: quarterDollar });
  assert.deepEqual(pending, { amount: 300_000n, symbol: "SBD" });
});

test("pending payout truncates the curve, the pot and the share", () => {
  // net_rshares = 10⁹: claims = 10⁹·(10⁹ + 4·10¹²) / (10⁹ + 8·10¹²) = 4.001·10²¹ / 8.001·10¹² = 500,062,492.19… → 500,062,492.
  // Pot = 777 raw STEEM at 1.000 SBD / 2.000 STEEM = 388.5 → 388 raw SBD. Share = 500,062,492 × 388 / 10⁹ = 194.02… → 194.
  const pending = getPendingPayout({ netRshares: 1_000_000_000n, cashoutTime: 1_000, rewardBalance: 777n, recentClaims: 1_000_000_000n, median: { base: 1000n, quote: 2000n } });
  assert.deepEqual(pending, { amount: 194n, symbol: "SBD" });
});

test("without a price feed the pot stays in STEEM, as steemd leaves it", () => {
  // 1.2·10¹² × 1,000,000,000 / 10¹⁵ = 1,200,000 raw = 1,200.000 STEEM.
  const pending = getPendingPayout({ netRshares: 2_000_000_000_000n, cashoutTime: 1_000, rewardBalance: 1_000_000_000n, recentClaims: 1_000_000_000_000_000n, median: null });
  assert.deepEqual(pending, { amount: 1_200_000n, symbol: "STEEM" });
});

test("nothing is pending for non-positive rshares, an empty claims pool or a paid-out comment", () => {
  const base = { netRshares: 2_000_000_000_000n, cashoutTime: 1_000, rewardBalance: 1_000_000_000n, recentClaims: 1_000_000_000_000_000n, median: quarterDollar };
  assert.deepEqual(getPendingPayout({ ...base, netRshares: 0n }), { amount: 0n, symbol: "SBD" });
  assert.deepEqual(getPendingPayout({ ...base, netRshares: -5_000_000_000n }), { amount: 0n, symbol: "SBD" });
  assert.deepEqual(getPendingPayout({ ...base, recentClaims: 0n }), { amount: 0n, symbol: "SBD" });
  assert.deepEqual(getPendingPayout({ ...base, cashoutTime: timeNever }), { amount: 0n, symbol: "SBD" });
  assert.deepEqual(getPendingPayout({ ...base, recentClaims: 0n, median: null }), { amount: 0n, symbol: "STEEM" });
});
