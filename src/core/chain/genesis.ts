/** The state before block 1: system accounts and the initial supply, all from a genesis description. */
import type { PublicKey } from "../crypto/keys.ts";
import { createSingleKeyAuthority } from "../protocol/authority.ts";
import { initMinerName, maximumBlockSizeDefault, nullAccount, tempAccount, treasuryAccount } from "../protocol/config.ts";
import { nullPublicKey } from "../crypto/keys.ts";
import { createAccount, updateAccount, getAccountOrThrow } from "./accounts.ts";
import { emptyRcUsage, initialRcPools } from "../economics/rc.ts";
import { type ChainState, createEmptyState } from "./state.ts";

export interface Genesis {
  /** Seconds since the epoch; block 1 comes one interval later. */
  readonly time: number;
  /** The key of initminer's owner, active, posting and memo authorities. */
  readonly initPublicKey: PublicKey;
  /** Raw STEEM (×10³) liquid in initminer's balance. */
  readonly initLiquidSteem: bigint;
  /** Raw STEEM powered up into initminer's vesting shares. */
  readonly initVestingSteem: bigint;
  /** Raw VESTS (×10⁶) per raw STEEM (×10³) of the initial vesting fund: 2,000,000 means 2,000 VESTS per STEEM. */
  readonly vestsPerSteem: bigint;
  readonly accountCreationFee: bigint;
  readonly maximumBlockSize?: number;
  /** STEEM (raw) in the reward fund at genesis (part of the supply), so early votes earn realistic payouts. */
  readonly rewardFundSteem?: bigint;
  /** The reward fund's recent_claims at genesis (Steem's HF21 reset value is 503,600,561,838,938,636). */
  readonly recentClaims?: bigint;
  /** The first feed median, SBD (raw) per `quote` STEEM (raw); absent: no feed until a producer publishes one. */
  readonly initialPrice?: { readonly sbd: bigint; readonly steem: bigint };
  /** SBD interest rate in basis points a year (the witnesses' median on Steem; protocol default 1000). */
  readonly sbdInterestRate?: number;
}

/** The accounts every chain starts with, in creation order (the social index registers them at genesis). */
export const genesisAccountNames: readonly string[] = [initMinerName, nullAccount, tempAccount, treasuryAccount];

export function createGenesisState(genesis: Genesis): ChainState {
  const totalVests = genesis.initVestingSteem * genesis.vestsPerSteem;
  const rewardFundSteem = genesis.rewardFundSteem ?? 0n;
  const supply = genesis.initLiquidSteem + genesis.initVestingSteem + rewardFundSteem;
  const price = genesis.initialPrice === undefined ? null : { base: genesis.initialPrice.sbd, quote: genesis.initialPrice.steem };
  const state = createEmptyState({
    head_block_number: 0,
    head_block_id: new Uint8Array(20),
    time: genesis.time,
    current_witness: initMinerName,
    current_supply: supply,
    current_sbd_supply: 0n,
    virtual_supply: supply,
    total_vesting_fund_steem: genesis.initVestingSteem,
    total_vesting_shares: totalVests,
    total_reward_fund_steem: 0n,
    pending_rewarded_vesting_shares: 0n,
    pending_rewarded_vesting_steem: 0n,
    sbd_interest_rate: genesis.sbdInterestRate ?? 0,
    sbd_print_rate: 10000,
    maximum_block_size: genesis.maximumBlockSize ?? maximumBlockSizeDefault,
    current_aslot: 0,
    last_irreversible_block_num: 0,
    account_creation_fee: { amount: genesis.accountCreationFee, symbol: "STEEM" },
    next_account_id: 0,
    next_comment_id: 0,
    next_vote_id: 0,
    next_request_id: 0,
  }, {
    rewardFund: { reward_balance: rewardFundSteem, recent_claims: genesis.recentClaims ?? 0n, last_update: genesis.time },
    feed: { current_median_history: price, price_history: price === null ? [] : [price] },
    rc: { pools: initialRcPools(), blockUsage: emptyRcUsage() },
  });
  const open = { weight_threshold: 0, account_auths: [], key_auths: [] };
  const initAuthority = createSingleKeyAuthority(genesis.initPublicKey);
  const system = (name: string, authority = createSingleKeyAuthority(nullPublicKey)) =>
    createAccount(state, { name, owner: authority, active: authority, posting: authority, memo_key: nullPublicKey, json_metadata: "", recovery_account: "" }, genesis.time);
  system(initMinerName, initAuthority);
  system(nullAccount);
  system(tempAccount, open);
  system(treasuryAccount);
  // genesisAccountNames lists these, in this order.
  const miner = getAccountOrThrow(state, initMinerName);
  updateAccount(state, miner, {
    memo_key: genesis.initPublicKey,
    balance: genesis.initLiquidSteem,
    vesting_shares: totalVests,
    voting_manabar: { current_mana: totalVests, last_update_time: genesis.time },
    downvote_manabar: { current_mana: totalVests / 4n, last_update_time: genesis.time },
    rc_manabar: { current_mana: totalVests, last_update_time: genesis.time },
  });
  return state;
}
