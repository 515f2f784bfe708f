// Checks curation weights and one comment's payout against reference/economics.md §15.3–15.5 and its variants.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type CashoutInput, getCommentReward, planCashout } from "./cashout.ts";
import { getCurationWeight } from "./curation.ts";
import { contentConstant, convergentLinear } from "./curves.ts";

const median = { base: 250n, quote: 1_000n };
const rewardBalance = 850_000_000n;
const recentClaims = 500_000_000_000_000_000n;
const maxPayout = 1_000_000_000n;
const netRshares = 22_099_900_001_235n;

test("curation weights: the growth of W(vote_rshares), discounted over the first 300 s (§15.3)", () => {
  const bob = getCurationWeight(0n, 1_599_950_001_235n, 150, 0);
  assert.deepEqual(bob, { maxVoteWeight: 671_202n, weight: 335_601n });
  const alice = getCurationWeight(1_599_950_001_235n, 19_999_950_000_000n, 600, 0);
  assert.deepEqual(alice, { maxVoteWeight: 3_523_851n, weight: 3_523_851n });
  const carol = getCurationWeight(21_599_900_001_235n, 999_950_000_000n, 3_600, 0);
  assert.deepEqual(carol, { maxVoteWeight: 94_889n, weight: 94_889n });
  assert.equal(bob.maxVoteWeight + alice.maxVoteWeight + carol.maxVoteWeight, 4_289_942n);
  assert.deepEqual(getCurationWeight(0n, 0n, 10, 0), { maxVoteWeight: 0n, weight: 0n });
  assert.deepEqual(getCurationWeight(4_000_000_000_000n, 0n, 400, 0), { maxVoteWeight: 0n, weight: 0n });
});

function vectorInput(reward: bigint, overrides: Partial<CashoutInput> = {}): CashoutInput {
  return {
    reward,
    percentCurationRewards: 5_000,
    allowCurationRewards: true,
    totalVoteWeight: 4_289_942n,
    votes: [
      { voter: "bob", voterId: 2, weight: 335_601n },
      { voter: "alice", voterId: 1, weight: 3_523_851n },
      { voter: "carol", voterId: 3, weight: 94_889n },
      { voter: "dave", voterId: 4, weight: 0n },
    ],
    beneficiaries: [{ account: "ben", weight: 1_000 }],
    percentSteemDollars: 10_000,
    sbdPrintRate: 5_000,
    median,
    rewardVesting: { shares: 300_000_000_000_000_000n + 2_000_000_000_000n, steem: 150_000_000_000n + 1_000_123n },
    ...overrides,
  };
}

test("claims and reward of the §15.4 post", () => {
  const claims = convergentLinear(netRshares, contentConstant);
  assert.equal(claims, 19_163_026_456_760n);
  assert.equal(getCommentReward(claims, rewardBalance, recentClaims + claims, maxPayout, median), 32_575n);
});

test("the payout plan of the §15.5 post: curators, beneficiary, author, payout values", () => {
  const plan = planCashout(vectorInput(32_575n));
  assert.deepEqual(plan.curators, [
    { curator: "alice", steem: 13_378n, vests: 26_755_999_978n },
    { curator: "bob", steem: 1_274n, vests: 2_547_999_997n },
    { curator: "carol", steem: 360n, vests: 719_999_999n },
  ]);
  assert.equal(plan.curationPaid, 15_012n);
  assert.deepEqual(plan.beneficiaries, [{ account: "ben", tokens: 1_628n, sbd: 101n, steem: 407n, vests: 1_627_999_998n, vestingSteem: 814n }]);
  assert.deepEqual(plan.author, { tokens: 14_660n, sbd: 916n, steem: 3_665n, vests: 14_659_999_987n, vestingSteem: 7_330n });
  assert.equal(plan.claimedReward, 31_300n);
  assert.equal(rewardBalance - plan.claimedReward, 849_968_700n);
  assert.equal(plan.commentRewardPayout, 7_825n);
  assert.equal(plan.totalPayoutValue, 3_664n);
  assert.equal(plan.curatorPayoutValue, 3_753n);
  assert.equal(plan.beneficiaryPayoutValue, 407n);
  assert.equal(2_000_000_000_000n + plan.rewardVestingShares, 2_046_311_999_959n);
  assert.equal(1_000_123n + plan.rewardVestingSteem, 1_023_279n);
});

test("variants: dust, a max payout, curation declined, the treasury as beneficiary", () => {
  const dustClaims = convergentLinear(50_000_000_000n, contentConstant);
  assert.equal(dustClaims, 25_155_279_503n);
  assert.equal((rewardBalance * dustClaims) / (recentClaims + dustClaims), 42n);
  assert.equal(getCommentReward(dustClaims, rewardBalance, recentClaims + dustClaims, maxPayout, median), 0n);

  const claims = convergentLinear(netRshares, contentConstant);
  const capped = getCommentReward(claims, rewardBalance, recentClaims + claims, 5_000n, median);
  assert.equal(capped, 20_000n);
  const cappedPlan = planCashout(vectorInput(capped, { beneficiaries: [] }));
  assert.equal(cappedPlan.author.tokens, 10_000n);
  assert.equal(cappedPlan.curators.reduce((sum, c) => sum + c.steem, 0n) <= 10_000n, true);

  const declined = planCashout(vectorInput(32_575n, { allowCurationRewards: false }));
  assert.deepEqual(declined.curators, []);
  assert.equal(declined.claimedReward, 16_288n);
  assert.equal(declined.author.tokens + declined.beneficiaries[0].tokens, 16_288n);

  const treasury = planCashout(vectorInput(32_575n, { beneficiaries: [{ account: "steem.dao", weight: 1_000 }] }));
  assert.deepEqual(treasury.beneficiaries, [{ account: "steem.dao", tokens: 1_628n, sbd: 407n, steem: 0n, vests: 0n, vestingSteem: 0n }]);
});
