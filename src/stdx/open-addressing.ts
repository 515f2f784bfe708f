/**
 * Sizing and probing for the open-addressing tables in typed arrays (duplicate detection, transaction
 * lookup). Keys are hash prefixes, already uniform. Tables take any capacity, not only powers of two,
 * and grow by half when 80 % full, so they sit between 53 % and 80 % full — a doubling table held at
 * 70 % sits between 35 % and 70 %, which at a million entries is tens of megabytes of empty slots.
 * Linear probing at 80 % costs ≈ 3 probes to find a key and ≈ 13 to miss, contiguous in memory.
 */

export const tableCapacityMin = 1024;

/** The first slot to probe for a key whose first word is `word` in a table of `capacity` (< 2^32) slots. */
export function probeStart(word: number, capacity: number): number {
  // Spread crafted keys, then take the top 32 bits of mixed × capacity (Lemire's multiply-shift
  // range reduction) in 16-bit halves, so every step is an exact integer below 2^53.
  const mixed = Math.imul(word, 0x9e3779b1) >>> 0;
  const mixedHigh = mixed >>> 16;
  const mixedLow = mixed & 0xffff;
  const capacityHigh = capacity >>> 16;
  const capacityLow = capacity & 0xffff;
  const middle = mixedHigh * capacityLow + mixedLow * capacityHigh + ((mixedLow * capacityLow) >>> 16);
  return mixedHigh * capacityHigh + (middle - (middle % 65536)) / 65536;
}

/** The slot after `slot`, wrapping around. */
export function nextSlot(slot: number, capacity: number): number {
  return slot + 1 === capacity ? 0 : slot + 1;
}

/** Whether a table of `capacity` slots must grow before it holds `occupied` keys. */
export function mustGrow(occupied: number, capacity: number): boolean {
  return occupied * 5 > capacity * 4;
}

/** The capacity to rebuild into so that `live` keys (and growth up to it) fit: at least `minimum`. */
export function grownCapacity(live: number, minimum: number): number {
  let capacity = tableCapacityMin;
  while (capacity < minimum || mustGrow(live + 1, capacity)) capacity += capacity >>> 1;
  return capacity;
}
