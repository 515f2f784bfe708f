/** Regenerating mana (steemit/steem util/manabar.hpp), in bigint. */
import type { Manabar } from "../chain/state.ts";

/** Mana at `now`: linear regeneration over `regenSeconds`, capped at `maxMana`. */
export function regenerateManabar(bar: Manabar, maxMana: bigint, regenSeconds: number, now: number): Manabar {
  if (bar.current_mana >= maxMana) return { current_mana: maxMana, last_update_time: now };
  const elapsed = BigInt(Math.min(Math.max(now - bar.last_update_time, 0), regenSeconds));
  const positiveMax = maxMana > 0n ? maxMana : 0n;
  let current = bar.current_mana + (positiveMax * elapsed) / BigInt(regenSeconds);
  if (current > maxMana) current = maxMana;
  return { current_mana: current, last_update_time: now };
}

/** Spends mana, never below `floor` (0 unless a caller allows debt). */
export function useMana(bar: Manabar, amount: bigint, floor = 0n): Manabar {
  const next = bar.current_mana - amount;
  return { current_mana: next < floor ? floor : next, last_update_time: bar.last_update_time };
}
