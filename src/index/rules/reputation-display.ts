/**
 * Raw reputation turned into the numbers the social index shows and ranks by.
 *
 * `repLog10` reproduces hivemind's `rep_log10` (steemit/hivemind `hive/utils/normalize.py`, which Hive's
 * Python keeps): the log is taken from the leading four digits, then rounded to hundredths as Python's
 * `round(x, 2)` does. Hive's SQL port (`hive/db/sql_scripts/postgrest/utilities/rep_log10.sql`) agrees
 * on the reference table but counts digits through a double `log10`, so just below a large power of ten
 * it reads one digit too many (999,999,999,999,999,999 → 115.00 there, 106 here), and it prints 0.00
 * where Python gives −0.0. We follow Python. Condenser then shows the integer part.
 *
 * `notificationScoreOfReputation` is Hive's 7.5-point variant (openhive-network/hivemind
 * `hive/db/sql_scripts/massive_sync.sql` `reputation_score`). Steemit scores notifications by rank
 * instead; see `notificationScoreOfRank` in notifications.ts.
 */

/**
 * `x` rounded to hundredths and printed with two decimals, as Python's `"%.2f" % x` (and `round(x, 2)`)
 * do: from the exact binary value, exact ties to the even hundredth. `toFixed` agrees except on exact
 * ties, which it breaks away from zero; a double is an exact tie only when it is an odd multiple of 1/8.
 */
export function formatHundredthsHalfEven(x: number): string {
  const eighths = x * 8;
  if (Number.isInteger(eighths) && eighths % 2 !== 0 && Math.abs(x) < 2 ** 40) {
    const below = Math.floor(x * 100); // x·100 = 12.5·eighths is exact here.
    const even = below % 2 === 0 ? below : below + 1;
    return (even / 100).toFixed(2);
  }
  return x.toFixed(2);
}

/** Python's `round(x, 2)` for a finite double: see `formatHundredthsHalfEven`. */
export function roundHundredthsHalfEven(x: number): number {
  return Number(formatHundredthsHalfEven(x));
}

/** The reputation of an account without a record, and the centre of the scale. */
export const reputationDisplayNeutral = 25;

/**
 * The reputation score people see (hivemind `rep_log10`, steemit/hivemind `hive/utils/normalize.py`):
 * 25 for 0, then 9 points for every tenfold of raw reputation beyond 10^9, negative raw values mirrored
 * below 25. The fractional part of the log comes from the first four digits plus 1e-8, and the result is
 * rounded to hundredths. Examples: 10^12 → 52, 3,124,999,999 → 29.45, −10^12 → −2.
 * Below 0 the result is `-0` for raw values just under −6·10^11 (Python gives −0.0 too), which is not
 * less than 0: that matters for `hide`.
 */
export function repLog10(raw: bigint): number {
  if (raw === 0n) return reputationDisplayNeutral;
  const negative = raw < 0n;
  const digits = (negative ? -raw : raw).toString();
  const leadingLog = Math.log10(Number(digits.slice(0, 4))) + 0.00000001;
  const magnitude = digits.length - 1 + (leadingLog - Math.floor(leadingLog));
  const level = Math.max(magnitude - 9, 0) * (negative ? -1 : 1);
  return roundHundredthsHalfEven(level * 9 + 25);
}

/**
 * The highest raw reputation that is gray (displayed reputation below 1, Hive's `is_grayed`). The
 * display is monotonic in the raw value, so "gray" is exactly `reputation <= grayReputationMax` — a
 * condition SQL can test without the log.
 */
export const grayReputationMax: bigint = findGrayReputationMax();

function findGrayReputationMax(): bigint {
  // Smallest magnitude m with repLog10(-m) < 1, by bisection: gray(hi) holds, gray(lo) does not.
  let lo = 1n;
  let hi = 10n ** 30n;
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (repLog10(-mid) < 1) hi = mid;
    else lo = mid;
  }
  return -hi;
}

/**
 * The score a social notification (reply, reblog, follow, mention) carries on Hive: the source account's
 * reputation on a 7.5-point scale, `(log10|raw| − 9)·7.5 + 25` with the log floored at 9 and the sign of
 * `raw`, rounded to an integer with ties away from zero as PostgreSQL's `::INT` does (openhive-network/
 * hivemind `hive/db/sql_scripts/massive_sync.sql` `reputation_score`; the comment in
 * `hive_post_operations.sql` says 7.5 keeps the top near 100). 0 (or no record) → 25. Hive generates the
 * notification only when this is above 0, and `min_score` (default 25) filters on it.
 * PostgreSQL's NUMERIC log keeps about 16 significant digits and a double about the same, so ties land
 * alike: 10^10 → 32.5 → 33, and 10^18 − 1 reads as 10^18 in both (→ 93).
 */
export function notificationScoreOfReputation(raw: bigint): number {
  if (raw === 0n) return reputationDisplayNeutral;
  const negative = raw < 0n;
  const level = Math.max(Math.log10(Number(negative ? -raw : raw)) - 9, 0);
  const score = (negative ? -level : level) * 7.5 + 25;
  return score < 0 ? 0 - Math.round(-score) : Math.round(score);
}
