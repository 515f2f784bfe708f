// Checks the economics formulas against the worked vectors of reference/economics.md §15.6–15.7.
import assert from "node:assert/strict";
import { test } from "node:test";
import { approxSqrt, contentConstant, convergentLinear, convergentSquareRoot } from "./curves.ts";
import { getBlockIssuance, getInflationRateBp, getWitnessPay } from "./issuance.ts";
import { decayRecentClaims, getClaimPayout } from "./reward-fund.ts";
import { getSbdInterest, getSbdPrintRate, sbdToSteem, steemToSbd } from "./sbd.ts";
import { getVestingWithdrawRate, getVestingWithdrawal } from "./vesting.ts";

test("inflation narrows one basis point per 250,000 blocks to a floor of 0.95 %", () => {
  assert.equal(getInflationRateBp(0), 978);
  assert.equal(getInflationRateBp(249_999), 978);
  assert.equal(getInflationRateBp(250_000), 977);
  assert.equal(getInflationRateBp(7_000_000), 950);
  assert.equal(getInflationRateBp(35_922_615), 835);
  assert.equal(getInflationRateBp(40_000_000), 818);
  assert.equal(getInflationRateBp(220_749_999), 96);
  assert.equal(getInflationRateBp(220_750_000), 95);
  assert.equal(getInflationRateBp(2 ** 32 - 1), 95);
});

test("a block's issuance splits 65/15/10 and the rest to witnesses (§15.6, block 40,000,000)", () => {
  const issuance = getBlockIssuance(400_000_000_000n, 40_000_000);
  assert.deepEqual(issuance, { newSteem: 3_112n, content: 2_022n, vesting: 466n, proposals: 311n, witnessBase: 313n });
  assert.equal(getWitnessPay(issuance.witnessBase, 1), 262n);
  assert.equal(getWitnessPay(issuance.witnessBase, 5), 1_314n);
  // The proposal fund's part is paid in SBD at the median (0.250 SBD per STEEM).
  assert.equal(steemToSbd(issuance.proposals, { base: 250n, quote: 1_000n }), 77n);
  assert.deepEqual(getBlockIssuance(0n, 1), { newSteem: 0n, content: 0n, vesting: 0n, proposals: 0n, witnessBase: 0n });
});

test("recent claims decay by the truncated fraction of 15 days", () => {
  assert.equal(decayRecentClaims(500_000_000_000_000_000n, 3), 499_998_842_592_592_593n);
  assert.equal(decayRecentClaims(500_000_000_000_000_000n, 86_400), 466_666_666_666_666_667n);
  assert.equal(decayRecentClaims(500_000_000_000_000_000n, 0), 500_000_000_000_000_000n);
  assert.equal(decayRecentClaims(500_000_000_000_000_000n, 15 * 24 * 3600), 0n);
});

test("curves and payouts match the upstream tests and real reward-fund snapshots (§4.3, §15.7)", () => {
  assert.equal(approxSqrt(4_000_000_856_158n), 2_002_250n);
  assert.equal(approxSqrt(4_000_000_000_000n), 2_002_250n);
  assert.equal(approxSqrt(2_000_000_000_000n), 1_477_962n);
  assert.equal(approxSqrt(0n), 0n);
  for (let k = 0n; k < 60n; k++) assert.equal(approxSqrt(4n ** k), 2n ** k, `exact at 4^${k}`);
  // Curation weight is monotonic around the upstream test's r (W(r − i) ≤ W(r)).
  const r = 3_351_842_535_167n;
  for (let i = 0n; i <= 856_158n; i += 4_321n) assert.ok(convergentSquareRoot(r - i, contentConstant) <= convergentSquareRoot(r, contentConstant));
  // Hive 2020-11-03: a lone 10^12 rshares post under convergent_linear.
  const claims = convergentLinear(1_000_000_000_000n, contentConstant);
  assert.equal(claims, 555_555_555_555n);
  assert.equal(getClaimPayout(claims, 899_951_863n, 431_626_607_096_840_681n + claims), 1_158n);
  // Steem 2017-12-10 (linear curve): 10^12 rshares.
  assert.equal(getClaimPayout(1_000_000_000_000n, 721_431_557n, 328_380_833_602_342_900n + 1_000_000_000_000n), 2_196n);
  assert.equal(getClaimPayout(5n, 100n, 0n), 0n);
});

test("power down: the HF23 rate rounds up, the last week pays the remainder (§15.6)", () => {
  const amount = 1_000_000_000_001n;
  const rate = getVestingWithdrawRate(amount);
  assert.equal(rate, 250_000_000_001n);
  const payments: bigint[] = [];
  let withdrawn = 0n;
  while (withdrawn < amount) {
    const paid = getVestingWithdrawal(amount, withdrawn, rate, amount - withdrawn);
    payments.push(paid);
    withdrawn += paid;
  }
  assert.deepEqual(payments, [rate, rate, rate, 249_999_999_998n]);
  const rate13 = getVestingWithdrawRate(amount, 13);
  assert.equal(rate13, 76_923_076_924n);
  assert.equal(getVestingWithdrawal(amount, rate13 * 12n, rate13, amount), 76_923_076_913n);
  assert.equal(getVestingWithdrawRate(3n), 1n);
  assert.equal(getVestingWithdrawal(amount, 0n, rate, 1_000n), 1_000n, "never more than is held");
});

test("SBD: print rate, interest and conversion (§15.6)", () => {
  const median = { base: 250n, quote: 1_000n };
  const currentSupply = 380_000_000_000n;
  const rows: [bigint, bigint, number, number][] = [
    [9_000_000_000n, 416_000_000_000n, 865, 10_000],
    [10_000_000_000n, 420_000_000_000n, 952, 4_800],
    [11_000_000_000n, 424_000_000_000n, 1_038, 0],
  ];
  for (const [sbdSupply, virtualSupply, percentSbd, printRate] of rows) {
    const sbdAsSteem = sbdToSteem(sbdSupply, median);
    assert.equal(currentSupply + sbdAsSteem, virtualSupply);
    assert.deepEqual(getSbdPrintRate(sbdAsSteem, virtualSupply), { percentSbd, printRate });
  }
  assert.deepEqual(getSbdPrintRate(0n, 0n), { percentSbd: 0, printRate: 10_000 });
  assert.equal(getSbdInterest(1_000_000n * 2_678_400n, 1_000), 8_493n);
  assert.equal(sbdToSteem(100_000n, median), 400_000n);
});
