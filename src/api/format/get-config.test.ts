// Checks that the get_config object has steemd v0.23.1's keys, order and value shapes, with Kettle's own settings in place.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createConfigObject } from "./get-config.ts";

const steemParams = { chainId: "0".repeat(64), addressPrefix: "STM", blockIntervalSeconds: 3 };

test("mainnet parameters give steemd's values for the keys clients read", () => {
  const config = createConfigObject(steemParams);
  assert.equal(Object.keys(config).length, 207);
  assert.equal(Object.keys(config)[0], "IS_TEST_NET");
  assert.equal(Object.keys(config).at(-1), "STEEM_PROPOSAL_MAX_IDS_NUMBER");
  assert.equal(config.IS_TEST_NET, false);
  assert.equal(config.STEEM_CHAIN_ID, "0".repeat(64));
  assert.equal(config.STEEM_ADDRESS_PREFIX, "STM");
  assert.equal(config.STEEM_BLOCK_INTERVAL, 3);
  assert.equal(config.STEEM_BLOCKS_PER_DAY, 28800);
  assert.equal(config.STEEM_BLOCKS_PER_YEAR, 10512000);
  assert.equal(config.STEEM_100_PERCENT, 10000);
  assert.equal(config.STEEM_1_PERCENT, 100);
  assert.equal(config.STEEM_VOTE_DUST_THRESHOLD, 50000000);
  assert.equal(config.STEEM_VOTING_MANA_REGENERATION_SECONDS, 432000);
  assert.equal(config.STEEM_UPVOTE_LOCKOUT_HF17, "43200000000");
  assert.equal(config.STEEM_UPVOTE_LOCKOUT_HF7, 60000000);
  assert.equal(config.STEEM_MIN_ROOT_COMMENT_INTERVAL, 300000000);
  assert.equal(config.STEEM_CASHOUT_WINDOW_SECONDS, 604800);
  assert.equal(config.STEEM_VESTING_WITHDRAW_INTERVALS_HF_23, 4);
  assert.equal(config.STEEM_INIT_MINER_NAME, "initminer");
  assert.equal(config.STEEM_INIT_PUBLIC_KEY_STR, "STM8GC13uCZbP44HzMLV6zPZGwVQ8Nt4Kji8PapsPiNq1BK153XTX");
  assert.equal(config.STEEM_BLOCKCHAIN_VERSION, "0.23.1");
  assert.equal(config.STEEM_BLOCKCHAIN_HARDFORK_VERSION, "0.23.0");
  assert.equal(config.STEEM_MAX_BLOCK_SIZE, 393216000);
  assert.equal(config.STEEM_MAX_SATOSHIS, "4611686018427387903");
  assert.equal(config.STEEM_HF21_CONVERGENT_LINEAR_RECENT_CLAIMS, "503600561838938636");
  assert.equal(config.STEEM_VIRTUAL_SCHEDULE_LAP_LENGTH2, "340282366920938463463374607431768211455");
  assert.equal(config.STEEM_APR_PERCENT_MULTIPLY_PER_BLOCK, "102035135585887");
  assert.equal(config.STEEM_GENESIS_TIME, "2016-03-24T16:00:00");
  assert.deepEqual(config.STEEM_MIN_PAYOUT_SBD, { amount: "20", precision: 3, nai: "@@000000013" });
  assert.deepEqual(config.STEEM_SYMBOL, { nai: "@@000000021", decimals: 3 });
  assert.deepEqual(config.VESTS_SYMBOL, { nai: "@@000000037", decimals: 6 });
});

test("Kettle's chain id, prefix, interval and overrides flow into the derived keys", () => {
  const chainId = "ab".repeat(32);
  const config = createConfigObject({ chainId, addressPrefix: "KTL", blockIntervalSeconds: 6, maximumBlockSize: 65536, initMinerName: "genesis" });
  assert.equal(Object.keys(config).length, 207);
  assert.equal(config.STEEM_CHAIN_ID, chainId);
  assert.equal(config.STEEM_ADDRESS_PREFIX, "KTL");
  assert.equal(config.STEEM_INIT_PUBLIC_KEY_STR, "KTL8GC13uCZbP44HzMLV6zPZGwVQ8Nt4Kji8PapsPiNq1BK153XTX");
  assert.equal(config.STEEM_INIT_MINER_NAME, "genesis");
  assert.equal(config.STEEM_BLOCK_INTERVAL, 6);
  assert.equal(config.STEEM_BLOCKS_PER_HOUR, 600);
  assert.equal(config.STEEM_BLOCKS_PER_DAY, 14400);
  assert.equal(config.STEEM_BLOCKS_PER_YEAR, 5256000);
  assert.equal(config.STEEM_FEED_INTERVAL_BLOCKS, 600);
  assert.equal(config.STEEM_START_VESTING_BLOCK, 100800);
  assert.equal(config.STEEM_MIN_TRANSACTION_EXPIRATION_LIMIT, 30);
  assert.deepEqual(config.STEEM_MIN_LIQUIDITY_REWARD, { amount: "600000", precision: 3, nai: "@@000000021" });
  assert.equal(config.STEEM_MAX_BLOCK_SIZE, 65536);
});

test("a malformed chain id or block interval is refused", () => {
  assert.throws(() => createConfigObject({ ...steemParams, chainId: "00" }));
  assert.throws(() => createConfigObject({ ...steemParams, blockIntervalSeconds: 0 }));
});
