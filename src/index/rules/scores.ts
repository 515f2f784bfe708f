/**
 * Ranking scores and per-post vote statistics of the social index.
 *
 * Reproduces steemit/hivemind `hive/utils/post.py` (`_score`, `post_stats`), which says its score is the
 * old steemd tags plugin's `calculate_score`; openhive-network/hivemind `hive/db/sql_scripts/
 * hot_and_trends.sql` computes the same score in SQL. Scores are doubles, as in both: the index is not
 * consensus, and V8's arithmetic is deterministic.
 *
 * Where the forks differ:
 * - `flag_weight`: Steemit truncates (negative rshares)/2 toward zero through a double; Hive floors it in
 *   NUMERIC and prints two decimals. We follow Steemit, which differs only when half the downvotes is
 *   within one of −10^k.
 * - `hide`/`gray`: Steemit's indexer rule (author reputation) is what `postStats` returns. Steemit's bridge
 *   later overrides both for non-community posts from operator lists, and community posts take the
 *   community's mute instead; Hive never sets `hide` and grays on reputation, mutes and the muted role.
 *   Those overrides need state and belong to the caller.
 */
import { assert } from "../../stdx/assert.ts";
import { repLog10 } from "./reputation-display.ts";

/** Seconds of recency worth a tenfold of rshares on the trending list (≈ 2.8 days). */
export const trendingTimescaleSeconds = 240_000;
/** Seconds of recency worth a tenfold of rshares on the hot list (≈ 2.8 hours). */
export const hotTimescaleSeconds = 10_000;
/** rshares that make one unit of the score's log term. */
const rsharesPerScoreUnit = 10_000_000;

/**
 * hivemind `_score`: `sign·log10(max(|m|, 1)) + t/timescale` with `m = rshares / 10^7` taken as a double
 * (as Python's `rshares / 10000000.0` does) and `sign = +1` only when `m > 0`. At 0 rshares (or any
 * |m| ≤ 1) the log term is 0 whatever the sign, so the score is just the time term.
 */
export function rankingScore(netRshares: bigint, createdUnixSeconds: number, timescaleSeconds: number): number {
  assert(Number.isSafeInteger(createdUnixSeconds), "created time must be whole seconds");
  assert(timescaleSeconds > 0, "timescale must be positive");
  const units = Number(netRshares) / rsharesPerScoreUnit;
  const order = Math.log10(Math.max(Math.abs(units), 1));
  const timeTerm = createdUnixSeconds / timescaleSeconds;
  if (order === 0) return timeTerm;
  return (units > 0 ? order : -order) + timeTerm;
}

/** `sc_trend` (hivemind `post.py` `_score(rshares, created, 240000)`): orders pending root posts on the trending list. */
export function trendingScore(netRshares: bigint, createdUnixSeconds: number): number {
  return rankingScore(netRshares, createdUnixSeconds, trendingTimescaleSeconds);
}

/** `sc_hot` (hivemind `post.py` `_score(rshares, created, 10000)`): orders pending root posts on the hot list. */
export function hotScore(netRshares: bigint, createdUnixSeconds: number): number {
  return rankingScore(netRshares, createdUnixSeconds, hotTimescaleSeconds);
}

/**
 * `stats.flag_weight` (steemit/hivemind `post.py` `post_stats`): a cheap log of downvote stake, the number
 * of digits of (sum of negative rshares)/2, minus sign, less 10, floored at 0; 1 ≈ a few hundred dollars
 * of downvotes, 2 ten times that. `downvoteRshares` is that sum (0 or negative). Python divides through a
 * double and truncates; so do we, so the digit count matches even beyond 2^53.
 */
export function flagWeight(downvoteRshares: bigint): number {
  assert(downvoteRshares <= 0n, "downvote rshares are a sum of negative votes");
  const half = BigInt(Math.trunc(Number(downvoteRshares) / 2));
  return Math.max(half.toString().length - 11, 0);
}

/** The sum of a post's negative rshares from its net and absolute sums (Hive stores these two): (net − abs)/2. */
export function downvoteRsharesOf(netRshares: bigint, absRshares: bigint): bigint {
  const twice = netRshares - absRshares;
  assert(twice <= 0n && twice % 2n === 0n, "abs rshares must be at least net rshares with the same parity");
  return twice / 2n;
}

/**
 * Pending payout (SBD thousandths) a post by a negative-reputation author needs to stay visible. hivemind
 * asks for `>= 0.02`, but compares the exact Decimal with the double 0.02 (a hair above 0.02), so exactly
 * $0.020 still hides: the first amount that passes is $0.021.
 */
export const visiblePayoutMin = 21n;

/** Gray: the author's displayed reputation (`repLog10`) is below 1 (hivemind `post_stats`; Hive's `is_grayed`). */
export function isGrayReputation(authorReputation: bigint): boolean {
  return repLog10(authorReputation) < 1;
}

/** Hidden: displayed reputation below 0 and at most $0.020 pending (hivemind `post_stats`; see `visiblePayoutMin`). */
export function isHiddenPost(authorReputation: bigint, pendingPayout: bigint): boolean {
  return repLog10(authorReputation) < 0 && pendingPayout < visiblePayoutMin;
}

export interface PostStatsParameters {
  /** rshares of every vote on the post, zero-weight and zero-rshares votes included. */
  readonly voteRshares: readonly bigint[];
  /** The author's raw reputation. */
  readonly authorReputation: bigint;
  /** The post's pending payout in SBD thousandths (raw amount). */
  readonly pendingPayout: bigint;
}

export interface PostStats {
  readonly hide: boolean;
  readonly gray: boolean;
  readonly total_votes: number;
  readonly flag_weight: number;
}

/**
 * The bridge post object's `stats` as hivemind's indexer derives them (steemit/hivemind `hive/utils/post.py`
 * `post_stats`, after condenser's `contentStats`): `total_votes` counts votes with non-zero rshares,
 * `flag_weight` comes from the negative ones, `gray` and `hide` from the author's reputation (see the
 * file header for the overrides a caller applies on top).
 */
export function postStats(parameters: PostStatsParameters): PostStats {
  let downvotes = 0n;
  let totalVotes = 0;
  for (const rshares of parameters.voteRshares) {
    if (rshares === 0n) continue;
    totalVotes += 1;
    if (rshares < 0n) downvotes += rshares;
  }
  return {
    hide: isHiddenPost(parameters.authorReputation, parameters.pendingPayout),
    gray: isGrayReputation(parameters.authorReputation),
    total_votes: totalVotes,
    flag_weight: flagWeight(downvotes),
  };
}
