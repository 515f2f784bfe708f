// The `get_config` result: steemd v0.23.1's constants (mainnet build), with Kettle's own chain settings in place.
import { assert } from "../../stdx/assert.ts";

/** Kettle's chain settings that show up in `get_config`. */
export interface ConfigParams {
  /** Chain id as 64 hex digits (Steem mainnet: all zeros). */
  chainId: string;
  /** Public key prefix, e.g. "STM". */
  addressPrefix: string;
  /** Seconds between blocks (Steem: 3); the per-hour/day/year block counts follow from it. */
  blockIntervalSeconds: number;
  /** Hard block size cap in bytes; defaults to steemd's `STEEM_MAX_TRANSACTION_SIZE * interval * 2000`. */
  maximumBlockSize?: number;
  /** Name of the genesis witness account (default "initminer"). */
  initMinerName?: string;
  /** Genesis witness public key string; defaults to Steem's init key written with `addressPrefix`. */
  initPublicKey?: string;
  /** Genesis time as `YYYY-MM-DDTHH:MM:SS` (default Steem's "2016-03-24T16:00:00"). */
  genesisTime?: string;
}

type SymbolJson = { nai: string; decimals: number };
type AssetJson = { amount: string; precision: number; nai: string };

const sbdSymbol: SymbolJson = { nai: "@@000000013", decimals: 3 };
const steemSymbol: SymbolJson = { nai: "@@000000021", decimals: 3 };
const vestsSymbol: SymbolJson = { nai: "@@000000037", decimals: 6 };

/** An asset as fc writes `protocol::asset` (appbase form; condenser does not convert get_config). */
function asset(amount: bigint | number, symbol: SymbolJson): AssetJson {
  return { amount: String(amount), precision: symbol.decimals, nai: symbol.nai };
}

/** An integer as fc's JSON writer prints it: a number up to 0xffffffff, a decimal string above. */
function int(value: bigint | number): number | string {
  const big = BigInt(value);
  return big > 0xffffffffn ? big.toString() : Number(big);
}

const second = 1_000_000n; // fc::microseconds per second
const minute = 60n * second;
const hour = 60n * minute;
const day = 24n * hour;

/** Steem's init key body (mainnet `STEEM_INIT_PUBLIC_KEY_STR` without its "STM" prefix). */
const steemInitKeyBody = "8GC13uCZbP44HzMLV6zPZGwVQ8Nt4Kji8PapsPiNq1BK153XTX";

/**
 * Builds the object `condenser_api.get_config` / `database_api.get_config` return, key for key and in the
 * order of steemd v0.23.1's `libraries/protocol/get_config.cpp` (mainnet build: no testnet or SMT keys).
 * Values follow fc's JSON shapes: durations (fc::microseconds) and 64-bit integers are numbers up to
 * 0xffffffff and decimal strings above, uint128s are strings, assets are `{amount, precision, nai}`,
 * symbols `{nai, decimals}`, times `YYYY-MM-DDTHH:MM:SS`. Chain id, address prefix, block interval (and
 * everything derived from it), block size cap, init miner, init key and genesis time come from `params`.
 */
export function createConfigObject(params: ConfigParams): Record<string, unknown> {
  const { chainId, addressPrefix, blockIntervalSeconds: interval } = params;
  assert(/^[0-9a-f]{64}$/i.test(chainId), "chainId must be 64 hex digits");
  assert(Number.isInteger(interval) && interval > 0, "blockIntervalSeconds must be a positive integer");

  const percent100 = 10000;
  const percent1 = percent100 / 100;
  const maxTransactionSize = 1024 * 64;
  const maxWitnesses = 21;
  const cashoutWindowSeconds = 60 * 60 * 24 * 7;
  const manaRegenerationSeconds = 5 * 60 * 60 * 24;
  const feedHistoryWindow = 12 * 7;
  const blockchainPrecision = 1000;
  const blocksPerDay = Math.trunc((24 * 60 * 60) / interval);
  const blocksPerHour = Math.trunc((60 * 60) / interval);
  const liquidityRewardPeriodSeconds = 60 * 60;
  const liquidityRewardBlocks = Math.trunc(liquidityRewardPeriodSeconds / interval);
  const miningReward = asset(1000, steemSymbol);
  const rdMinDecayBits = 6;
  const rdDecayDenomShift = 36;
  const rdMaxPoolBits = 64;
  const rdMaxBudget1 = (1n << BigInt(rdMaxPoolBits + rdMinDecayBits - rdDecayDenomShift)) - 1n;
  const rdMaxBudget2 = (1n << BigInt(64 - rdDecayDenomShift)) - 1n;
  const rdMaxBudget3 = 2147483647n;
  const rdMaxBudget = [rdMaxBudget1, rdMaxBudget2, rdMaxBudget3].reduce((a, b) => (b < a ? b : a));

  return {
    IS_TEST_NET: false,
    STEEM_ENABLE_SMT: false,
    SBD_SYMBOL: { ...sbdSymbol },
    STEEM_INITIAL_VOTE_POWER_RATE: 40,
    STEEM_REDUCED_VOTE_POWER_RATE: 10,
    STEEM_100_PERCENT: percent100,
    STEEM_1_PERCENT: percent1,
    STEEM_ACCOUNT_RECOVERY_REQUEST_EXPIRATION_PERIOD: int(day),
    STEEM_ACTIVE_CHALLENGE_COOLDOWN: int(day),
    STEEM_ACTIVE_CHALLENGE_FEE: asset(2000, steemSymbol),
    STEEM_ADDRESS_PREFIX: addressPrefix,
    STEEM_APR_PERCENT_MULTIPLY_PER_BLOCK: int(0x5ccce802de5fn),
    STEEM_APR_PERCENT_MULTIPLY_PER_HOUR: int(0x6cc139a15cbdn),
    STEEM_APR_PERCENT_MULTIPLY_PER_ROUND: int(0x79ccf5c73480n),
    STEEM_APR_PERCENT_SHIFT_PER_BLOCK: 87,
    STEEM_APR_PERCENT_SHIFT_PER_HOUR: 77,
    STEEM_APR_PERCENT_SHIFT_PER_ROUND: 83,
    STEEM_BANDWIDTH_AVERAGE_WINDOW_SECONDS: 60 * 60 * 24 * 7,
    STEEM_BANDWIDTH_PRECISION: 1000000,
    STEEM_BENEFICIARY_LIMIT: 128,
    STEEM_BLOCKCHAIN_PRECISION: blockchainPrecision,
    STEEM_BLOCKCHAIN_PRECISION_DIGITS: 3,
    STEEM_BLOCKCHAIN_HARDFORK_VERSION: "0.23.0",
    STEEM_BLOCKCHAIN_VERSION: "0.23.1",
    STEEM_BLOCK_INTERVAL: interval,
    STEEM_BLOCKS_PER_DAY: blocksPerDay,
    STEEM_BLOCKS_PER_HOUR: blocksPerHour,
    STEEM_BLOCKS_PER_YEAR: Math.trunc((365 * 24 * 60 * 60) / interval),
    STEEM_CASHOUT_WINDOW_SECONDS: cashoutWindowSeconds,
    STEEM_CASHOUT_WINDOW_SECONDS_PRE_HF12: 60 * 60 * 24,
    STEEM_CASHOUT_WINDOW_SECONDS_PRE_HF17: 60 * 60 * 12,
    STEEM_CHAIN_ID: chainId.toLowerCase(),
    STEEM_COMMENT_REWARD_FUND_NAME: "comment",
    STEEM_COMMENT_TITLE_LIMIT: 256,
    STEEM_CONTENT_APR_PERCENT: 3875,
    STEEM_CONTENT_CONSTANT_HF0: "2000000000000",
    STEEM_CONTENT_CONSTANT_HF21: "2000000000000",
    STEEM_CONTENT_REWARD_PERCENT_HF16: 75 * percent1,
    STEEM_CONTENT_REWARD_PERCENT_HF21: 65 * percent1,
    STEEM_CONVERSION_DELAY: int(BigInt(feedHistoryWindow) * hour),
    STEEM_CONVERSION_DELAY_PRE_HF_16: int(7n * day),
    STEEM_CREATE_ACCOUNT_DELEGATION_RATIO: 5,
    STEEM_CREATE_ACCOUNT_DELEGATION_TIME: int(30n * day),
    STEEM_CREATE_ACCOUNT_WITH_STEEM_MODIFIER: 30,
    STEEM_CURATE_APR_PERCENT: 3875,
    STEEM_CUSTOM_OP_DATA_MAX_LENGTH: 8192,
    STEEM_CUSTOM_OP_ID_MAX_LENGTH: 32,
    STEEM_DEFAULT_SBD_INTEREST_RATE: 10 * percent1,
    STEEM_DOWNVOTE_POOL_PERCENT_HF21: 25 * percent1,
    STEEM_EQUIHASH_K: 6,
    STEEM_EQUIHASH_N: 140,
    STEEM_FEED_HISTORY_WINDOW: feedHistoryWindow,
    STEEM_FEED_HISTORY_WINDOW_PRE_HF_16: 24 * 7,
    STEEM_FEED_INTERVAL_BLOCKS: blocksPerHour,
    STEEM_GENESIS_TIME: params.genesisTime ?? "2016-03-24T16:00:00",
    STEEM_HARDFORK_REQUIRED_WITNESSES: 17,
    STEEM_HF21_CONVERGENT_LINEAR_RECENT_CLAIMS: "503600561838938636",
    STEEM_INFLATION_NARROWING_PERIOD: 250000,
    STEEM_INFLATION_RATE_START_PERCENT: 978,
    STEEM_INFLATION_RATE_STOP_PERCENT: 95,
    STEEM_INIT_MINER_NAME: params.initMinerName ?? "initminer",
    STEEM_INIT_PUBLIC_KEY_STR: params.initPublicKey ?? addressPrefix + steemInitKeyBody,
    STEEM_INIT_SUPPLY: 0,
    STEEM_SBD_INIT_SUPPLY: 0,
    STEEM_INIT_TIME: "1970-01-01T00:00:00",
    STEEM_IRREVERSIBLE_THRESHOLD: 75 * percent1,
    STEEM_LIQUIDITY_APR_PERCENT: 750,
    STEEM_LIQUIDITY_REWARD_BLOCKS: liquidityRewardBlocks,
    STEEM_LIQUIDITY_REWARD_PERIOD_SEC: liquidityRewardPeriodSeconds,
    STEEM_LIQUIDITY_TIMEOUT_SEC: int(7n * day),
    STEEM_MAX_ACCOUNT_CREATION_FEE: 1000000000,
    STEEM_MAX_ACCOUNT_NAME_LENGTH: 16,
    STEEM_MAX_ACCOUNT_WITNESS_VOTES: 30,
    STEEM_MAX_ASSET_WHITELIST_AUTHORITIES: 10,
    STEEM_MAX_AUTHORITY_MEMBERSHIP: 40,
    STEEM_MAX_BLOCK_SIZE: params.maximumBlockSize ?? maxTransactionSize * interval * 2000,
    STEEM_SOFT_MAX_BLOCK_SIZE: 2 * 1024 * 1024,
    STEEM_MAX_CASHOUT_WINDOW_SECONDS: 60 * 60 * 24 * 14,
    STEEM_MAX_COMMENT_DEPTH: 0xffff,
    STEEM_MAX_COMMENT_DEPTH_PRE_HF17: 6,
    STEEM_MAX_FEED_AGE_SECONDS: 60 * 60 * 24 * 7,
    STEEM_MAX_INSTANCE_ID: int((1n << 48n) - 1n),
    STEEM_MAX_MEMO_SIZE: 2048,
    STEEM_MAX_WITNESSES: maxWitnesses,
    STEEM_MAX_MINER_WITNESSES_HF0: 1,
    STEEM_MAX_MINER_WITNESSES_HF17: 0,
    STEEM_MAX_PERMLINK_LENGTH: 256,
    STEEM_MAX_PROXY_RECURSION_DEPTH: 4,
    STEEM_MAX_RATION_DECAY_RATE: 1000000,
    STEEM_MAX_RESERVE_RATIO: 20000,
    STEEM_MAX_RUNNER_WITNESSES_HF0: 1,
    STEEM_MAX_RUNNER_WITNESSES_HF17: 1,
    STEEM_MAX_SATOSHIS: int(4611686018427387903n),
    STEEM_MAX_SHARE_SUPPLY: int(1000000000000000n),
    STEEM_MAX_SIG_CHECK_DEPTH: 2,
    STEEM_MAX_SIG_CHECK_ACCOUNTS: 125,
    STEEM_MAX_TIME_UNTIL_EXPIRATION: 60 * 60,
    STEEM_MAX_TRANSACTION_SIZE: maxTransactionSize,
    STEEM_MAX_UNDO_HISTORY: 10000,
    STEEM_MAX_URL_LENGTH: 127,
    STEEM_MAX_VOTE_CHANGES: 5,
    STEEM_MAX_VOTED_WITNESSES_HF0: 19,
    STEEM_MAX_VOTED_WITNESSES_HF17: 20,
    STEEM_MAX_WITHDRAW_ROUTES: 10,
    STEEM_MAX_WITNESS_URL_LENGTH: 2048,
    STEEM_MIN_ACCOUNT_CREATION_FEE: 1,
    STEEM_MIN_ACCOUNT_NAME_LENGTH: 3,
    STEEM_MIN_BLOCK_SIZE_LIMIT: maxTransactionSize,
    STEEM_MIN_BLOCK_SIZE: 115,
    STEEM_MIN_CONTENT_REWARD: { ...miningReward },
    STEEM_MIN_CURATE_REWARD: { ...miningReward },
    STEEM_MIN_PERMLINK_LENGTH: 0,
    STEEM_MIN_REPLY_INTERVAL: int(20n * second),
    STEEM_MIN_REPLY_INTERVAL_HF20: int(3n * second),
    STEEM_MIN_ROOT_COMMENT_INTERVAL: int(5n * minute),
    STEEM_MIN_COMMENT_EDIT_INTERVAL: int(3n * second),
    STEEM_MIN_VOTE_INTERVAL_SEC: 3,
    STEEM_MINER_ACCOUNT: "miners",
    STEEM_MINER_PAY_PERCENT: percent1,
    STEEM_MIN_FEEDS: Math.trunc(maxWitnesses / 3),
    STEEM_MINING_REWARD: { ...miningReward },
    STEEM_MINING_TIME: "2016-03-24T17:00:00",
    STEEM_MIN_LIQUIDITY_REWARD: asset(1000 * liquidityRewardBlocks, steemSymbol),
    STEEM_MIN_LIQUIDITY_REWARD_PERIOD_SEC: int(minute),
    STEEM_MIN_PAYOUT_SBD: asset(20, sbdSymbol),
    STEEM_MIN_POW_REWARD: { ...miningReward },
    STEEM_MIN_PRODUCER_REWARD: { ...miningReward },
    STEEM_MIN_TRANSACTION_EXPIRATION_LIMIT: interval * 5,
    STEEM_MIN_TRANSACTION_SIZE_LIMIT: 1024,
    STEEM_MIN_UNDO_HISTORY: 10,
    STEEM_NULL_ACCOUNT: "null",
    STEEM_NUM_INIT_MINERS: 1,
    STEEM_OWNER_AUTH_HISTORY_TRACKING_START_BLOCK_NUM: 3186477,
    STEEM_OWNER_AUTH_RECOVERY_PERIOD: int(30n * day),
    STEEM_OWNER_CHALLENGE_COOLDOWN: int(day),
    STEEM_OWNER_CHALLENGE_FEE: asset(30000, steemSymbol),
    STEEM_OWNER_UPDATE_LIMIT: int(60n * minute),
    STEEM_POST_AVERAGE_WINDOW: 60 * 60 * 24,
    STEEM_POST_REWARD_FUND_NAME: "post",
    STEEM_POST_WEIGHT_CONSTANT: int(BigInt(4 * percent100) * BigInt(4 * percent100)),
    STEEM_POW_APR_PERCENT: 750,
    STEEM_PRODUCER_APR_PERCENT: 750,
    STEEM_PROXY_TO_SELF_ACCOUNT: "",
    STEEM_SBD_INTEREST_COMPOUND_INTERVAL_SEC: 60 * 60 * 24 * 30,
    STEEM_SECONDS_PER_YEAR: 60 * 60 * 24 * 365,
    STEEM_PROPOSAL_FUND_PERCENT_HF0: 0,
    STEEM_PROPOSAL_FUND_PERCENT_HF21: 10 * percent1,
    STEEM_RECENT_RSHARES_DECAY_TIME_HF19: int(15n * day),
    STEEM_RECENT_RSHARES_DECAY_TIME_HF17: int(30n * day),
    STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF6: 60 * 30,
    STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF20: 60 * 15,
    STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF21: 60 * 5,
    STEEM_ROOT_POST_PARENT: "",
    STEEM_SAVINGS_WITHDRAW_REQUEST_LIMIT: 100,
    STEEM_SAVINGS_WITHDRAW_TIME: int(3n * day),
    STEEM_SBD_START_PERCENT_HF14: 2 * percent1,
    STEEM_SBD_START_PERCENT_HF20: 9 * percent1,
    STEEM_SBD_STOP_PERCENT_HF14: 5 * percent1,
    STEEM_SBD_STOP_PERCENT_HF20: 10 * percent1,
    STEEM_SECOND_CASHOUT_WINDOW: 60 * 60 * 24 * 30,
    STEEM_SOFT_MAX_COMMENT_DEPTH: 0xff,
    STEEM_START_MINER_VOTING_BLOCK: blocksPerDay * 30,
    STEEM_START_VESTING_BLOCK: blocksPerDay * 7,
    STEEM_TEMP_ACCOUNT: "temp",
    STEEM_UPVOTE_LOCKOUT_HF7: int(minute),
    STEEM_UPVOTE_LOCKOUT_HF17: int(12n * hour),
    STEEM_UPVOTE_LOCKOUT_SECONDS: 60 * 60 * 12,
    STEEM_VESTING_FUND_PERCENT_HF16: 15 * percent1,
    STEEM_VESTING_WITHDRAW_INTERVALS: 13,
    STEEM_VESTING_WITHDRAW_INTERVALS_HF_23: 4,
    STEEM_VESTING_WITHDRAW_INTERVALS_PRE_HF_16: 104,
    STEEM_VESTING_WITHDRAW_INTERVAL_SECONDS: 60 * 60 * 24 * 7,
    STEEM_VOTE_DUST_THRESHOLD: 50000000,
    STEEM_VOTING_MANA_REGENERATION_SECONDS: manaRegenerationSeconds,
    STEEM_SYMBOL: { ...steemSymbol },
    VESTS_SYMBOL: { ...vestsSymbol },
    STEEM_VIRTUAL_SCHEDULE_LAP_LENGTH: ((1n << 64n) - 1n).toString(),
    STEEM_VIRTUAL_SCHEDULE_LAP_LENGTH2: ((1n << 128n) - 1n).toString(),
    STEEM_MAX_LIMIT_ORDER_EXPIRATION: 60 * 60 * 24 * 28,
    STEEM_DELEGATION_RETURN_PERIOD_HF0: cashoutWindowSeconds,
    STEEM_DELEGATION_RETURN_PERIOD_HF20: manaRegenerationSeconds,
    STEEM_RD_MIN_DECAY_BITS: rdMinDecayBits,
    STEEM_RD_MAX_DECAY_BITS: 32,
    STEEM_RD_DECAY_DENOM_SHIFT: rdDecayDenomShift,
    STEEM_RD_MAX_POOL_BITS: rdMaxPoolBits,
    STEEM_RD_MAX_BUDGET_1: int(rdMaxBudget1),
    STEEM_RD_MAX_BUDGET_2: int(rdMaxBudget2),
    STEEM_RD_MAX_BUDGET_3: int(rdMaxBudget3),
    STEEM_RD_MAX_BUDGET: int(rdMaxBudget),
    STEEM_RD_MIN_DECAY: 1 << rdMinDecayBits,
    STEEM_RD_MIN_BUDGET: 1,
    STEEM_RD_MAX_DECAY: 0xffffffff,
    STEEM_ACCOUNT_SUBSIDY_PRECISION: percent100,
    STEEM_WITNESS_SUBSIDY_BUDGET_PERCENT: 125 * percent1,
    STEEM_WITNESS_SUBSIDY_DECAY_PERCENT: maxWitnesses * percent100,
    STEEM_DEFAULT_ACCOUNT_SUBSIDY_DECAY: 347321,
    STEEM_DEFAULT_ACCOUNT_SUBSIDY_BUDGET: 797,
    STEEM_DECAY_BACKSTOP_PERCENT: 90 * percent1,
    STEEM_BLOCK_GENERATION_POSTPONED_TX_LIMIT: 5,
    STEEM_PENDING_TRANSACTION_EXECUTION_LIMIT: int(200_000n),
    STEEM_TREASURY_ACCOUNT: "steem.dao",
    HIVE_TREASURY_ACCOUNT: "community321",
    STEEM_TREASURY_FEE: 10 * blockchainPrecision,
    STEEM_PROPOSAL_MAINTENANCE_PERIOD: 3600,
    STEEM_PROPOSAL_MAINTENANCE_CLEANUP: 60 * 60 * 24,
    STEEM_PROPOSAL_SUBJECT_MAX_LENGTH: 80,
    STEEM_PROPOSAL_MAX_IDS_NUMBER: 5,
  };
}
