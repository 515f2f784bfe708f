// Checks trending/hot scores, flag weight and post stats against values printed by steemit/hivemind's own
// post.py (_score, post_stats) run under Python 3.11, including zero, negative and beyond-2^53 rshares.
import assert from "node:assert/strict";
import { test } from "node:test";
import { downvoteRsharesOf, flagWeight, hotScore, isGrayReputation, isHiddenPost, postStats, rankingScore, trendingScore } from "./scores.ts";

/** 2016-03-24T16:05:00 UTC, the Steem genesis day. */
const created = 1_458_835_500;

test("trending and hot scores equal hivemind's _score", () => {
  const table: [bigint, number, number][] = [
    [0n, 6078.48125, 145883.55],
    [1n, 6078.48125, 145883.55],
    [10_000_000n, 6078.48125, 145883.55],
    [10_000_001n, 6078.481250043429, 145883.5500000434],
    [100_000_000n, 6079.48125, 145884.55],
    [-100_000_000n, 6077.48125, 145882.55],
    [5_000_000_000_000n, 6084.180220004336, 145889.24897000432],
    [-5_000_000_000_000n, 6072.782279995664, 145877.85102999565],
    [123_456_789_012_345_678n, 6088.5727649772125, 145893.6415149772],
    [9_223_372_036_854_775_807n, 6090.446139726831, 145895.51488972682],
    [-9_223_372_036_854_775_808n, 6066.516360273169, 145871.58511027315],
  ];
  for (const [rshares, trending, hot] of table) {
    assert.equal(trendingScore(rshares, created), trending, `trending ${rshares}`);
    assert.equal(hotScore(rshares, created), hot, `hot ${rshares}`);
  }
});

test("at zero rshares the score is the time term alone, never −0", () => {
  assert.ok(Object.is(trendingScore(0n, 0), 0));
  assert.ok(Object.is(hotScore(-10_000_000n, 0), 0), "|m| ≤ 1 contributes nothing whatever its sign");
  assert.equal(trendingScore(0n, 240_000), 1);
  assert.equal(rankingScore(100_000_000n, 0, 1), 1);
});

test("a tenfold of rshares is worth exactly one timescale of recency", () => {
  assert.equal(trendingScore(10n ** 10n, created), trendingScore(10n ** 9n, created + 240_000));
  assert.equal(hotScore(10n ** 10n, created), hotScore(10n ** 9n, created + 10_000));
  assert.ok(trendingScore(-(10n ** 10n), created) < trendingScore(0n, created), "downvoted posts sink");
});

test("scores refuse fractional seconds", () => {
  assert.throws(() => trendingScore(0n, 1.5));
});

test("flag weight counts digits of half the downvotes, sign included, less 11 — as Python computes it", () => {
  const table: [bigint, number][] = [
    [0n, 0],
    [-1n, 0],
    [-19_999_999_998n, 0],
    [-19_999_999_999n, 0],
    [-20_000_000_000n, 1],
    [-200_000_000_000n, 2],
    // Beyond 2^53 Python halves a double: −19,999,999,999,999,998 becomes −2·10^16, one digit more.
    [-19_999_999_999_999_998n, 7],
    [-19_999_999_999_999_999n, 7],
    [-20_000_000_000_000_000n, 7],
    [-199_999_999_999_999_999_998n, 11],
    [-999_999_999_999_999_999_999_999n, 14],
  ];
  for (const [downvotes, weight] of table) assert.equal(flagWeight(downvotes), weight, `${downvotes}`);
  assert.throws(() => flagWeight(1n), "a positive sum is not downvotes");
});

test("downvotes recovered from net and absolute rshares", () => {
  assert.equal(downvoteRsharesOf(700n, 1_300n), -300n);
  assert.equal(downvoteRsharesOf(500n, 500n), 0n);
  assert.throws(() => downvoteRsharesOf(501n, 500n));
  assert.throws(() => downvoteRsharesOf(0n, 1n), "odd difference: inconsistent sums");
});

test("postStats counts non-zero votes and reads gray/hide from reputation, as post_stats does", () => {
  assert.deepEqual(postStats({ voteRshares: [], authorReputation: 0n, pendingPayout: 0n }), { hide: false, gray: false, total_votes: 0, flag_weight: 0 });
  assert.deepEqual(postStats({ voteRshares: [0n, 5n, -3n, 0n], authorReputation: 10n ** 12n, pendingPayout: 0n }), { hide: false, gray: false, total_votes: 2, flag_weight: 0 });
  assert.deepEqual(postStats({ voteRshares: [-15_000_000_000n, -25_000_000_000n, 1n], authorReputation: 0n, pendingPayout: 0n }), { hide: false, gray: false, total_votes: 3, flag_weight: 1 });
  assert.deepEqual(postStats({ voteRshares: [1n], authorReputation: -599_999_999_999n, pendingPayout: 0n }), { hide: false, gray: true, total_votes: 1, flag_weight: 0 }, "rep −0: gray, not hidden");
  assert.deepEqual(postStats({ voteRshares: [1n], authorReputation: -464_800_000_000n, pendingPayout: 0n }), { hide: false, gray: true, total_votes: 1, flag_weight: 0 });
  assert.deepEqual(postStats({ voteRshares: [1n], authorReputation: -464_799_999_999n, pendingPayout: 0n }), { hide: false, gray: false, total_votes: 1, flag_weight: 0 });
});

test("a negative author is hidden until the post has more than $0.020 pending", () => {
  const author = -(10n ** 12n);
  assert.equal(isHiddenPost(author, 19n), true);
  assert.equal(isHiddenPost(author, 20n), true, "Python compares Decimal('0.020') >= 0.02 (a double) → False");
  assert.equal(isHiddenPost(author, 21n), false);
  assert.equal(isHiddenPost(10n ** 9n, 0n), false, "positive reputation never hides");
  assert.equal(isGrayReputation(author), true);
  assert.equal(isGrayReputation(0n), false);
});
