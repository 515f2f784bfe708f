/** Reward curves in 128-bit-style integer arithmetic (steemit/steem util/reward.cpp). */

/** Steem's bit-level square root approximation (not isqrt): exact at powers of four, over-estimates elsewhere. */
export function approxSqrt(x: bigint): bigint {
  if (x === 0n) return 0n;
  const mx = BigInt(x.toString(2).length - 1);
  const mz = mx >> 1n;
  const mantissa = x - (1n << mx);
  const hi = (mx & 1n) === 1n ? 1n << mz : 0n;
  const lo = (mantissa >> (mx - mz)) & 0xffffffffffffffffn;
  return (1n << mz) | ((hi | lo) >> 1n);
}

/** convergent_square_root: r / approx_sqrt(r + 2s), or 0 when r is below that root. */
export function convergentSquareRoot(r: bigint, contentConstant: bigint): bigint {
  const root = approxSqrt(r + 2n * contentConstant);
  return r < root ? 0n : r / root;
}

/** convergent_linear: r(r + 2s) / (r + 4s). */
export function convergentLinear(r: bigint, contentConstant: bigint): bigint {
  return ((r + contentConstant) * (r + contentConstant) - contentConstant * contentConstant) / (r + 4n * contentConstant);
}

export const contentConstant = 2_000_000_000_000n;
