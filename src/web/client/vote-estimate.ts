/**
 * What a vote would do, worked out in the browser from the public API with the chain's own formulas (core):
 * the voter's current voting (or downvoting) power, the mana a vote of some weight uses (2 % of the current
 * power at full weight, as steemd's vote_power_reserve_rate makes it), and that vote's value in dollars on
 * the convergent-linear curve against the reward fund.
 */
import { convergentLinear, contentConstant } from "../../core/economics/curves.ts";
import { getClaimPayout } from "../../core/economics/reward-fund.ts";
import { callRpc } from "./lib/rpc.ts";

/** steemd's mana regeneration time: a full bar in five days. */
const manaRegenerationSeconds = 432_000;
/** Votes below this many rshares are dust and count for nothing (HF20). */
const voteDustThreshold = 50_000_000n;
/** Full-weight votes a full bar pays for per day (vote_power_reserve_rate). */
const votePowerReserveRate = 10n;

export interface VoterPower {
  /** 0–100 % of the up (or down) voting bar now. */
  readonly percent: number;
  /** The dollar value of a full-weight upvote now. */
  valueAt(weightBasisPoints: number): number;
}

interface AccountRow {
  readonly vesting_shares: string;
  readonly delegated_vesting_shares: string;
  readonly received_vesting_shares: string;
  readonly voting_manabar: { readonly current_mana: string | number; readonly last_update_time: number };
  readonly downvote_manabar?: { readonly current_mana: string | number; readonly last_update_time: number };
}

function vests(text: string): bigint {
  const [whole, fraction = ""] = text.split(" ")[0].split(".");
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0").slice(0, 6));
}

function amount(text: string): bigint {
  const [whole, fraction = ""] = text.split(" ")[0].split(".");
  return BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, "0").slice(0, 3));
}

/** Reads the voter's bars and the reward fund; `down` for the downvote bar (a quarter of the upvote bar's size). */
export async function readVoterPower(name: string, down: boolean): Promise<VoterPower> {
  const [[account], fund, price, props] = await Promise.all([
    callRpc<AccountRow[]>("condenser_api.get_accounts", [[name]]),
    callRpc<{ reward_balance: string; recent_claims: string }>("condenser_api.get_reward_fund", ["post"]),
    callRpc<{ base: string; quote: string }>("condenser_api.get_current_median_history_price", []),
    callRpc<{ time: string }>("condenser_api.get_dynamic_global_properties", []),
  ]);
  const effective = vests(account.vesting_shares) - vests(account.delegated_vesting_shares) + vests(account.received_vesting_shares);
  const maxMana = down ? effective / 4n : effective;
  const bar = down ? (account.downvote_manabar ?? account.voting_manabar) : account.voting_manabar;
  const now = Date.parse(`${props.time}Z`) / 1000;
  const elapsed = BigInt(Math.max(0, Math.floor(now - bar.last_update_time)));
  let current = BigInt(bar.current_mana) + (maxMana * elapsed) / BigInt(manaRegenerationSeconds);
  if (current > maxMana) current = maxMana;
  const percent = maxMana > 0n ? Number((current * 10000n) / maxMana) / 100 : 0;
  const priceRatio = Number.parseFloat(price.quote) > 0 ? Number.parseFloat(price.base) / Number.parseFloat(price.quote) : 0;
  return {
    percent,
    valueAt(weight) {
      const used = (current * BigInt(Math.abs(weight)) * 86_400n) / (10_000n * votePowerReserveRate * BigInt(manaRegenerationSeconds));
      const rshares = used - voteDustThreshold;
      if (rshares <= 0n) return 0;
      const claims = convergentLinear(rshares, contentConstant);
      const steem = getClaimPayout(claims, amount(fund.reward_balance), BigInt(fund.recent_claims));
      return (Number(steem) / 1000) * priceRatio;
    },
  };
}
