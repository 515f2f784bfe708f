// Checks feed_publish: the block producer's SBD/STEEM price is stored; anyone else, and any other price, is refused.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount } from "../chain/accounts.ts";
import { createGenesisState } from "../chain/genesis.ts";
import type { ChainState } from "../chain/state.ts";
import { nullPublicKey } from "../crypto/keys.ts";
import { ChainError } from "../errors.ts";
import { createSingleKeyAuthority } from "../protocol/authority.ts";
import { initMinerName } from "../protocol/config.ts";
import { feedPublish } from "./feed-publish.ts";
import { getOperationHandler } from "./index.ts";

const t0 = 1_600_000_000;

function setup(): ChainState {
  const state = createGenesisState({ time: t0, initPublicKey: nullPublicKey, initLiquidSteem: 1_000_000n, initVestingSteem: 0n, vestsPerSteem: 2_000_000n, accountCreationFee: 0n });
  const auth = createSingleKeyAuthority(nullPublicKey);
  createAccount(state, { name: "bob", owner: auth, active: auth, posting: auth, memo_key: nullPublicKey, json_metadata: "", recovery_account: "" }, t0);
  return state;
}

const sbd = (amount: bigint) => ({ amount, symbol: "SBD" as const });
const steem = (amount: bigint) => ({ amount, symbol: "STEEM" as const });

function code(expected: string): (error: unknown) => boolean {
  return (error) => error instanceof ChainError && error.code === expected;
}

test("the block producer publishes a feed: stored as raw SBD per STEEM with the time", () => {
  const state = setup();
  assert.equal(getOperationHandler({ type: "feed_publish", value: { publisher: initMinerName, exchange_rate: { base: sbd(250n), quote: steem(1_000n) } } } as never), feedPublish);
  const op = { publisher: initMinerName, exchange_rate: { base: sbd(250n), quote: steem(1_000n) } };
  feedPublish.validate(op);
  const authorities = { posting: new Set<string>(), active: new Set<string>(), owner: new Set<string>(), other: [] };
  feedPublish.collectAuthorities(op, authorities);
  assert.deepEqual([...authorities.active], [initMinerName]);
  feedPublish.apply({ state, now: t0 + 30, blockNum: 10 }, op);
  assert.deepEqual(state.witnessFeeds.get(initMinerName), { owner: initMinerName, exchange_rate: { base: 250n, quote: 1_000n }, last_update: t0 + 30 });
  // A new feed replaces the old one.
  feedPublish.apply({ state, now: t0 + 60, blockNum: 20 }, { publisher: initMinerName, exchange_rate: { base: sbd(300n), quote: steem(1_000n) } });
  assert.deepEqual(state.witnessFeeds.get(initMinerName), { owner: initMinerName, exchange_rate: { base: 300n, quote: 1_000n }, last_update: t0 + 60 });
  assert.equal(state.witnessFeeds.size, 1);
});

test("an account that is not the block producer cannot publish a feed", () => {
  const state = setup();
  const op = { publisher: "bob", exchange_rate: { base: sbd(250n), quote: steem(1_000n) } };
  feedPublish.validate(op);
  assert.throws(() => feedPublish.apply({ state, now: t0 + 3, blockNum: 1 }, op), (error: unknown) => {
    assert.ok(error instanceof ChainError);
    assert.match(error.message, /only the block producer \("initminer"\) publishes price feeds/);
    return true;
  });
  assert.equal(state.witnessFeeds.size, 0);
});

test("a feed must be base SBD / quote STEEM with both amounts positive", () => {
  const publish = (base: { amount: bigint; symbol: "SBD" | "STEEM" | "VESTS" }, quote: { amount: bigint; symbol: "SBD" | "STEEM" | "VESTS" }) =>
    feedPublish.validate({ publisher: initMinerName, exchange_rate: { base, quote } });
  assert.throws(() => publish(steem(1_000n), sbd(250n)), code("wrong_asset_symbol"), "STEEM/SBD is refused since HF20");
  assert.throws(() => publish(sbd(250n), sbd(1_000n)), code("wrong_asset_symbol"));
  assert.throws(() => publish({ amount: 250n, symbol: "VESTS" }, steem(1_000n)), code("wrong_asset_symbol"));
  assert.throws(() => publish(sbd(0n), steem(1_000n)), code("amount_not_positive"));
  assert.throws(() => publish(sbd(250n), steem(0n)), code("amount_not_positive"));
  assert.throws(() => publish(sbd(-1n), steem(1_000n)), code("amount_not_positive"));
  assert.throws(() => feedPublish.validate({ publisher: "X", exchange_rate: { base: sbd(1n), quote: steem(1n) } }), code("invalid_account_name"));
  publish(sbd(1n), steem(1n));
});
