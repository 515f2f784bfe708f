/**
 * Resource credit prices (steemit/steem rc plugin, `rc_utility.cpp` and the parameters its build script
 * generates for HF21–23): each resource has a pool that fills with its per-block budget and drains with
 * use, and a unit of it costs `A·rc_regen / (B + pool)` RC — cheap while the pool is full, dearer as it
 * empties. `rc_regen` is the RC the whole chain regenerates per block, from the total VESTS.
 */
import type { Account } from "../chain/state.ts";
import { blockIntervalSecondsDefault, timeNever, voteRegenerationSeconds } from "../protocol/config.ts";

export type Resource = "history_bytes" | "new_accounts" | "market_bytes" | "state_bytes" | "execution_time";

export interface ResourceParameters {
  readonly resourceUnit: bigint;
  readonly budgetPerBlock: bigint;
  /** The pool's equilibrium: where decay equals the budget. */
  readonly poolEquilibrium: bigint;
  readonly decayPerTimeUnit: bigint;
  readonly decayShift: bigint;
  readonly coeffA: bigint;
  readonly shift: bigint;
  readonly coeffB: bigint;
}

/** The generated parameters of reference/economics.md §10.3 (2018-10-11 resource_parameters.json). */
export const resourceParameters: Readonly<Record<Resource, ResourceParameters>> = {
  history_bytes: { resourceUnit: 1n, budgetPerBlock: 43_403n, poolEquilibrium: 27_050_539_251n, decayPerTimeUnit: 3_613_026_481n, decayShift: 51n, coeffA: 14_034_213_032_882_683_904n, shift: 52n, coeffB: 211_332_338n },
  new_accounts: { resourceUnit: 10_000n, budgetPerBlock: 797n, poolEquilibrium: 157_691_079n, decayPerTimeUnit: 347_321n, decayShift: 36n, coeffA: 16_484_671_763_857_882_971n, shift: 51n, coeffB: 1_231_961n },
  market_bytes: { resourceUnit: 10n, budgetPerBlock: 72_338n, poolEquilibrium: 2_003_755_169n, decayPerTimeUnit: 2_540_365_427n, decayShift: 46n, coeffA: 9_979_884_823_383_242_752n, shift: 56n, coeffB: 15_654_337n },
  state_bytes: { resourceUnit: 1n, budgetPerBlock: 34_722_222n, poolEquilibrium: 21_640_431_400_373n, decayPerTimeUnit: 3_613_026_481n, decayShift: 51n, coeffA: 14_034_213_032_882_683_904n, shift: 52n, coeffB: 169_065_870_315n },
  execution_time: { resourceUnit: 1n, budgetPerBlock: 10_273_973n, poolEquilibrium: 6_403_196_140_384n, decayPerTimeUnit: 3_613_026_481n, decayShift: 51n, coeffA: 14_034_213_032_882_683_904n, shift: 52n, coeffB: 50_024_969_847n },
};

/** The shape rc_curve.cpp gives a price curve: `a_point` (price at half-full use) and `u_point`, B at pool_eq/128. */
const curveGeneration = { aNum: 37n, aDenom: 1_000n, uNum: 1n, uDenom: 2n, inelasticityNum: 1n, inelasticityDenom: 128n } as const;

/** The index of a positive integer's highest set bit. */
function highestBit(x: bigint): bigint {
  return BigInt(x.toString(2).length - 1);
}

/**
 * The price curve steemd's rc plugin regenerates at run time from a pool's dynamics (`generate_rc_curve_params`,
 * applied to `new_accounts` from the witness-median subsidy parameters): `A = a(1−u)/(u·r)` with
 * `r = decay / 2^decayShift`, held as a 64-bit `coeffA` over `2^shift`, and `B = pool_eq / 128`.
 */
export function generateRcCurve(decayPerTimeUnit: bigint, decayShift: bigint, poolEquilibrium: bigint): { coeffA: bigint; shift: bigint; coeffB: bigint } {
  if (decayPerTimeUnit <= 0n) throw new RangeError("an RC curve needs a positive decay");
  const g = curveGeneration;
  const aNum = g.aNum * (g.uDenom - g.uNum);
  const aDenom = g.aDenom * g.uNum * decayPerTimeUnit;
  const shift1 = 63n - highestBit(aNum);
  const shift2 = 63n - highestBit(((aNum << shift1) & 0xffff_ffff_ffff_ffffn) / aDenom);
  const shift = shift1 + shift2;
  if (shift < decayShift) throw new RangeError("an RC curve's decay is too fast for its shift");
  return { coeffA: (aNum << shift) / aDenom, shift: shift - decayShift, coeffB: (poolEquilibrium * g.inelasticityNum) / g.inelasticityDenom };
}

/** RC the chain regenerates per block: total VESTS over the blocks in the 5-day regeneration. */
export function getRcRegenPerBlock(totalVestingShares: bigint): bigint {
  return totalVestingShares / BigInt(voteRegenerationSeconds / blockIntervalSecondsDefault);
}

/** The RC cost of `count` units of a resource with its pool at `pool`. */
export function getResourceCost(resource: Resource, count: bigint, pool: bigint, rcRegen: bigint): bigint {
  if (count < 0n) return -getResourceCost(resource, -count, pool, rcRegen);
  if (count === 0n) return 0n;
  const p = resourceParameters[resource];
  const price = ((rcRegen * p.coeffA) >> p.shift) + 1n;
  return (price * count * p.resourceUnit) / (p.coeffB + (pool > 0n ? pool : 0n)) + 1n;
}

/** A pool after a block: its decay (on what the block did not use), plus the budget, minus the usage. */
export function updateResourcePool(resource: Resource, pool: bigint, usage: bigint): bigint {
  const p = resourceParameters[resource];
  const x = pool - usage;
  const magnitude = x < 0n ? -x : x;
  const scaled = (p.decayPerTimeUnit * magnitude) >> p.decayShift;
  const decay = scaled < magnitude ? scaled : magnitude;
  return pool - (x < 0n ? -decay : decay) + p.budgetPerBlock - usage;
}

export const resources: readonly Resource[] = ["history_bytes", "new_accounts", "market_bytes", "state_bytes", "execution_time"];

/** Pools start full (at equilibrium), as on a chain that has been idle. */
export function initialRcPools(): bigint[] {
  return resources.map((r) => resourceParameters[r].poolEquilibrium);
}

/** STEEM_RC_REGEN_TIME: an account's resource credits refill from empty in 5 days. */
export const rcRegenerationSeconds = 432_000;

/** The account fields an account's maximum RC depends on. */
export type RcStake = Pick<
  Account,
  "vesting_shares" | "delegated_vesting_shares" | "received_vesting_shares" | "max_rc_creation_adjustment" | "vesting_withdraw_rate" | "to_withdraw" | "withdrawn" | "next_vesting_withdrawal"
>;

/** The VESTS this week's power-down payment will take (the rc plugin's `get_next_vesting_withdrawal`); 0 when not powering down. */
export function getNextVestingWithdrawal(account: RcStake): bigint {
  if (account.next_vesting_withdrawal === timeNever) return 0n;
  const left = account.to_withdraw - account.withdrawn;
  return account.vesting_withdraw_rate <= left ? account.vesting_withdraw_rate : left;
}

/**
 * The most RC an account can hold (rc plugin `get_maximum_rc`): its own VESTS less those delegated out,
 * plus those delegated in and the creation fee in VESTS, less what this week's power-down will take.
 */
export function getMaximumRc(account: RcStake): bigint {
  return account.vesting_shares - account.delegated_vesting_shares + account.received_vesting_shares
    + account.max_rc_creation_adjustment - getNextVestingWithdrawal(account);
}

/**
 * The RC price of a transaction: per resource, `counts[i]` units (in `resources` order, before
 * `resourceUnit`) priced against `pools[i]`. Everything is free while nothing regenerates (`rcRegen` 0,
 * a chain with no VESTS), as in steemd.
 */
export function getRcCosts(counts: readonly bigint[], pools: readonly bigint[], rcRegen: bigint): bigint[] {
  return resources.map((resource, i) => (rcRegen > 0n ? getResourceCost(resource, counts[i], pools[i], rcRegen) : 0n));
}

/** Resource counts as pool usage (count × resource unit, what a pool drains by). */
export function getPoolUsage(counts: readonly bigint[]): bigint[] {
  return resources.map((resource, i) => counts[i] * resourceParameters[resource].resourceUnit);
}

/** A block's usage before its first transaction. */
export function emptyRcUsage(): bigint[] {
  return resources.map(() => 0n);
}

/**
 * Whole seconds until a manabar holding `current` of `max` (regenerating linearly over `regenSeconds`)
 * holds at least `needed`: the least `t` with `current + ⌊max·t / regenSeconds⌋ ≥ needed`. Null when it
 * never will (`needed` is above the maximum).
 */
export function getSecondsUntilMana(current: bigint, max: bigint, needed: bigint, regenSeconds: number): number | null {
  if (current >= needed) return 0;
  if (needed > max || max <= 0n) return null;
  const scaled = (needed - current) * BigInt(regenSeconds);
  return Number((scaled + max - 1n) / max);
}
