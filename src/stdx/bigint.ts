/** Integer helpers that make every rounding visible. Operands are bigint; results truncate as C++ does. */

export function divFloor(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

export function divCeil(a: bigint, b: bigint): bigint {
  return -divFloor(-a, b);
}

/** a * b / c truncated toward zero, with an exact intermediate (Steem uses 128-bit products). */
export function mulDiv(a: bigint, b: bigint, c: bigint): bigint {
  return (a * b) / c;
}

export function minBigint(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function maxBigint(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

export const int64Max = (1n << 63n) - 1n;
export const int64Min = -(1n << 63n);
export const uint64Max = (1n << 64n) - 1n;
