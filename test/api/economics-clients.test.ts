// The economic reads through unmodified clients against one real `kettle dev` process: dhive's and dsteem's rc helpers,
// steem-js's reward fund, median price, feed history, accounts, delegations, routes, savings, conversions and reputations,
// dsteem's condenser calls, a price feed, a cashout and the pending payout of a voted post, and bad params.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import { Client as DhiveClient, type Operation, PrivateKey } from "@hiveio/dhive";
import { Client as DsteemClient } from "dsteem";
import { type KettleProcess, formatChainTime, parseAssetRaw, parseChainTime, startKettle } from "../helpers/kettle-process.ts";

interface SteemJs {
  api: { setOptions(options: { url: string }): void; stop(): void } & Record<`${string}Async`, (...args: any[]) => Promise<any>>;
  config: { set(key: string, value: string): void };
}
const steem: SteemJs = createRequire(import.meta.url)("steem");

const chainId = "0".repeat(64);
const initminerKey = PrivateKey.fromString("5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n");
const alice = "ecalice";
const bob = "ecbob";
type Role = "owner" | "active" | "posting" | "memo";
const key = (name: string, role: Role) => PrivateKey.fromLogin(name, `P5KettleTest-${name}`, role);
const publicKey = (name: string, role: Role) => key(name, role).createPublic("STM").toString();
const authority = (name: string, role: Role) => ({ weight_threshold: 1, account_auths: [], key_auths: [[publicKey(name, role), 1]] });

let kettle: KettleProcess;
let dhive: DhiveClient;
let dsteem: DsteemClient;

before(async () => {
  kettle = await startKettle({ blockInterval: 1 });
  dhive = new DhiveClient(kettle.url, { chainId, addressPrefix: "STM", timeout: 15_000 });
  dsteem = new DsteemClient(kettle.url, { chainId, addressPrefix: "STM", timeout: 15_000 });
  steem.api.setOptions({ url: kettle.url });
  steem.config.set("chain_id", chainId);
  steem.config.set("address_prefix", "STM");
  await generateBlocks(2);
  const create = (name: string): Operation => ["account_create", {
    fee: "3.000 STEEM", creator: "initminer", new_account_name: name, owner: authority(name, "owner"), active: authority(name, "active"),
    posting: authority(name, "posting"), memo_key: publicKey(name, "memo"), json_metadata: "",
  }];
  await send([
    create(alice), create(bob),
    ["transfer_to_vesting", { from: "initminer", to: alice, amount: "1000.000 STEEM" }],
    ["transfer_to_vesting", { from: "initminer", to: bob, amount: "10.000 STEEM" }],
    ["transfer", { from: "initminer", to: alice, amount: "100.000 STEEM", memo: "" }],
  ], initminerKey);
});

after(async () => {
  steem.api.stop();
  if (kettle !== undefined) assert.equal(await kettle.stop(), 0, "the node shuts down cleanly on SIGINT");
});

async function generateBlocks(count: number): Promise<void> {
  await kettle.rpc("debug_node_api.debug_generate_blocks", { count });
}

/** Broadcasts with dhive (asynchronous), closes a block and checks the transaction is in the chain. */
async function send(operations: Operation[], signer: PrivateKey | PrivateKey[]): Promise<number> {
  const { id } = await dhive.broadcast.sendOperations(operations, signer);
  await generateBlocks(1);
  const stored = await dhive.database.getTransaction(id) as unknown as { block_num: number };
  return stored.block_num;
}

async function getAccount(name: string): Promise<any> {
  const [account] = await steem.api.getAccountsAsync([name]);
  assert.ok(account, `account ${name} exists`);
  return account;
}

/** Several condenser calls in one JSON-RPC batch: the node answers them all from the same head state. */
async function batch(calls: [string, unknown[]][]): Promise<any[]> {
  const body = calls.map(([method, params], id) => ({ jsonrpc: "2.0", id, method: `condenser_api.${method}`, params }));
  const response = await fetch(kettle.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const answers = await response.json() as { id: number; result?: unknown; error?: { message: string } }[];
  return answers.sort((a, b) => a.id - b.id).map((a) => {
    if (a.error !== undefined) throw new Error(a.error.message);
    return a.result;
  });
}

/** convergent_linear with s = 2·10¹², as the test's own check of the node's arithmetic. */
function convergentLinear(r: bigint): bigint {
  const s = 2_000_000_000_000n;
  return ((r + s) * (r + s) - s * s) / (r + 4n * s);
}

test("steem-js and dsteem read the reward fund, the median price and the feed history of the dev genesis", async () => {
  const fund = await steem.api.getRewardFundAsync("post");
  assert.deepEqual(Object.keys(fund), [
    "id", "name", "reward_balance", "recent_claims", "last_update", "content_constant", "percent_curation_rewards", "percent_content_rewards",
    "author_reward_curve", "curation_reward_curve",
  ]);
  assert.equal(fund.name, "post");
  assert.match(fund.reward_balance, /^\d+\.\d{3} STEEM$/);
  assert.match(fund.recent_claims, /^\d+$/);
  assert.equal(fund.content_constant, "2000000000000");
  assert.deepEqual([fund.percent_curation_rewards, fund.percent_content_rewards], [5000, 10000]);
  assert.deepEqual([fund.author_reward_curve, fund.curation_reward_curve], ["convergent_linear", "convergent_square_root"]);
  const viaDsteem = await dsteem.database.call("get_reward_fund", ["post"]);
  assert.deepEqual(Object.keys(viaDsteem), Object.keys(fund));
  assert.equal(viaDsteem.content_constant, "2000000000000");
  const median = await steem.api.getCurrentMedianHistoryPriceAsync();
  assert.match(median.base, /^\d+\.\d{3} SBD$/);
  assert.match(median.quote, /^\d+\.\d{3} STEEM$/);
  const feed = await steem.api.getFeedHistoryAsync();
  assert.deepEqual(Object.keys(feed), ["id", "current_median_history", "price_history"]);
  assert.deepEqual(feed.current_median_history, median);
  assert.ok(feed.price_history.length >= 1);
  const price = await dhive.database.getCurrentMedianHistoryPrice();
  assert.equal(price.base.toString(), median.base);
  const { funds } = await kettle.rpc("database_api.get_reward_funds", {});
  // The fund grows every block, and one may have been produced since the condenser read: never less.
  assert.deepEqual({ ...funds[0].reward_balance, amount: "" }, { amount: "", precision: 3, nai: "@@000000021" });
  assert.ok(BigInt(funds[0].reward_balance.amount) >= BigInt(parseAssetRaw(fund.reward_balance)), JSON.stringify([funds[0].reward_balance, fund.reward_balance]));
});

test("dhive and dsteem rc helpers: findRCAccounts and getRCMana", async () => {
  const [rc] = await dhive.rc.findRCAccounts([alice]);
  const account = await getAccount(alice);
  assert.equal(rc.account, alice);
  assert.deepEqual(Object.keys(rc), ["account", "rc_manabar", "max_rc_creation_adjustment", "max_rc"]);
  const adjustment = rc.max_rc_creation_adjustment as unknown as { amount: string; precision: number; nai: string };
  assert.equal(adjustment.precision, 6);
  assert.equal(adjustment.nai, "@@000000037");
  assert.ok(BigInt(adjustment.amount) > 0n, "account_create's fee counts as VESTS of RC");
  assert.equal(BigInt(rc.max_rc), parseAssetRaw(account.vesting_shares) + BigInt(adjustment.amount), "max RC = own VESTS + creation adjustment");
  assert.ok(BigInt(rc.rc_manabar.current_mana) > 0n && BigInt(rc.rc_manabar.current_mana) <= BigInt(rc.max_rc));
  const mana = await dhive.rc.getRCMana(alice);
  assert.equal(mana.max_mana, Number(rc.max_rc));
  assert.ok(mana.percentage > 0 && mana.percentage <= 10000, `percentage ${mana.percentage}`);
  const dsteemMana = await dsteem.rc.getRCMana(alice);
  assert.equal(dsteemMana.max_mana, Number(rc.max_rc));
  assert.deepEqual(await dhive.rc.findRCAccounts(["nobody-here"]), []);
  const pool = await dhive.rc.getResourcePool();
  assert.ok("resource_state_bytes" in pool);
  const params = await dhive.rc.getResourceParams();
  assert.ok("resource_history_bytes" in params);
});

test("delegations, withdraw routes and savings withdrawals read back through steem-js, dsteem and database_api", async () => {
  const before = await getAccount(alice);
  const delegated = 3_000_000_000n; // 3,000 VESTS (the least is a third of the creation fee, ≈ 2,000 VESTS)
  const blockNum = await send([
    ["delegate_vesting_shares", { delegator: alice, delegatee: bob, vesting_shares: "3000.000000 VESTS" }],
    ["set_withdraw_vesting_route", { from_account: alice, to_account: bob, percent: 3000, auto_vest: true }],
    ["transfer_to_savings", { from: alice, to: alice, amount: "10.000 STEEM", memo: "" }],
    ["transfer_from_savings", { from: alice, request_id: 7, to: bob, amount: "2.000 STEEM", memo: "rent" }],
  ], key(alice, "active"));
  const now = parseChainTime((await dhive.database.getBlockHeader(blockNum - 1)).timestamp);

  const delegations = await steem.api.getVestingDelegationsAsync(alice, "", 10);
  assert.equal(delegations.length, 1);
  assert.deepEqual({ ...delegations[0], id: 0 }, { id: 0, delegator: alice, delegatee: bob, vesting_shares: "3000.000000 VESTS", min_delegation_time: formatChainTime(now) });
  const found = await kettle.rpc("database_api.find_vesting_delegations", { account: alice });
  assert.deepEqual(found.delegations[0].vesting_shares, { amount: String(delegated), precision: 6, nai: "@@000000037" });
  assert.deepEqual(await steem.api.getWithdrawRoutesAsync(alice, "outgoing").then((r: any[]) => r.map(({ id, ...rest }) => rest)), [
    { from_account: alice, to_account: bob, percent: 3000, auto_vest: true },
  ]);
  assert.equal((await steem.api.getWithdrawRoutesAsync(bob, "incoming")).length, 1);
  assert.equal((await steem.api.getWithdrawRoutesAsync(bob, "outgoing")).length, 0);
  const from = await steem.api.getSavingsWithdrawFromAsync(alice);
  assert.deepEqual(from.map(({ id, ...rest }: any) => rest), [
    { from: alice, to: bob, memo: "rent", request_id: 7, amount: "2.000 STEEM", complete: formatChainTime(now + 3 * 24 * 3600) },
  ]);
  assert.deepEqual(await steem.api.getSavingsWithdrawToAsync(bob), from);

  const account = await getAccount(alice);
  assert.equal(account.delegated_vesting_shares, "3000.000000 VESTS");
  assert.equal(account.savings_balance, "8.000 STEEM");
  assert.equal(account.savings_withdraw_requests, 1);
  assert.equal(account.withdraw_routes, 1);
  assert.equal(parseAssetRaw(account.balance), parseAssetRaw(before.balance) - 10_000n);
  const [rc] = await dhive.rc.findRCAccounts([alice]);
  assert.equal(BigInt(rc.max_rc), parseAssetRaw(account.vesting_shares) - delegated + BigInt((rc.max_rc_creation_adjustment as any).amount), "delegating out lowers max RC");

  // Taking the delegation back leaves a return that expires five days later.
  const undelegated = await send([["delegate_vesting_shares", { delegator: alice, delegatee: bob, vesting_shares: "0.000000 VESTS" }]], key(alice, "active"));
  const undelegatedAt = parseChainTime((await dhive.database.getBlockHeader(undelegated - 1)).timestamp);
  const expiring = await dsteem.database.call("get_expiring_vesting_delegations", [alice, "1970-01-01T00:00:00", 10]);
  assert.deepEqual(expiring.map(({ id, ...rest }: any) => rest), [{ delegator: alice, vesting_shares: "3000.000000 VESTS", expiration: formatChainTime(undelegatedAt + 5 * 24 * 3600) }]);
  assert.deepEqual(await steem.api.getVestingDelegationsAsync(alice, "", 10), []);
  const listed = await kettle.rpc("database_api.list_vesting_delegation_expirations", { start: [alice, "1970-01-01T00:00:00", 0], limit: 10, order: "by_account_expiration" });
  assert.equal(listed.delegations.length, 1);
});

test("a price feed, a cashout, the pending payout of a voted post, reputations and a conversion", async () => {
  // initminer, the producer, publishes 0.300 SBD per STEEM; the median moves at the next multiple of 1200 blocks.
  const historyBefore = (await steem.api.getFeedHistoryAsync()).price_history;
  await send([["feed_publish", { publisher: "initminer", exchange_rate: { base: "0.300 SBD", quote: "1.000 STEEM" } }]], initminerKey);
  const head = (await dhive.database.getDynamicGlobalProperties()).head_block_number;
  await generateBlocks(1200 - (head % 1200));
  const feed = await steem.api.getFeedHistoryAsync();
  assert.deepEqual(feed.price_history, [...historyBefore, { base: "0.300 SBD", quote: "1.000 STEEM" }]);
  // steemd's median is sorted(history)[n / 2] (all quotes here are 1.000 STEEM).
  const sorted = [...feed.price_history].sort((a: any, b: any) => Number(parseAssetRaw(a.base) - parseAssetRaw(b.base)));
  assert.deepEqual(feed.current_median_history, sorted[sorted.length >> 1]);
  assert.deepEqual(await steem.api.getCurrentMedianHistoryPriceAsync(), feed.current_median_history);
  const appbaseFeed = await kettle.rpc("database_api.get_feed_history", {});
  assert.deepEqual(appbaseFeed.price_history.at(-1).base, { amount: "300", precision: 3, nai: "@@000000013" });

  // A post by alice, upvoted by initminer's stake and paid out after a jump of seven days.
  const comment = (author: string, permlink: string): Operation => ["comment", {
    parent_author: "", parent_permlink: "kettle", author, permlink, title: permlink, body: `Body of ${permlink}.`, json_metadata: "{}",
  }];
  const vote = (voter: string, author: string, permlink: string): Operation => ["vote", { voter, author, permlink, weight: 10000 }];
  await send([comment(alice, "first")], key(alice, "posting"));
  await send([vote("initminer", alice, "first")], initminerKey);
  const first = await steem.api.getContentAsync(alice, "first");
  assert.ok(parseAssetRaw(first.pending_payout_value) > 0n, `pending_payout_value ${first.pending_payout_value}`);
  assert.match(first.pending_payout_value, / SBD$/);
  await kettle.rpc("debug_node_api.debug_generate_blocks_until", { head_block_time: formatChainTime(parseChainTime(first.cashout_time) + 6), generate_sparsely: true });
  const paid = await steem.api.getContentAsync(alice, "first");
  assert.equal(paid.cashout_time, "1969-12-31T23:59:59");
  assert.equal(paid.pending_payout_value, "0.000 SBD");
  assert.ok(parseAssetRaw(paid.total_payout_value) > 0n, `total_payout_value ${paid.total_payout_value}`);
  assert.ok(parseAssetRaw(paid.curator_payout_value) > 0n, `curator_payout_value ${paid.curator_payout_value}`);
  assert.ok(Number(paid.author_rewards) > 0);
  const aliceReputation = BigInt((await steem.api.getAccountReputationsAsync(alice, 1))[0].reputation);
  assert.ok(aliceReputation > 0n, "initminer's upvote gave alice reputation");

  // A post by bob, upvoted by initminer and alice: pending = convergent_linear(net_rshares) × reward_balance × median / recent_claims.
  await send([comment(bob, "second")], key(bob, "posting"));
  await send([vote("initminer", bob, "second"), vote(alice, bob, "second")], [initminerKey, key(alice, "posting")]);
  const [fund, price, post, reputations, votes] = await batch([
    ["get_reward_fund", ["post"]], ["get_current_median_history_price", []], ["get_content", [bob, "second"]],
    ["get_account_reputations", [bob, 1]], ["get_active_votes", [bob, "second"]],
  ]);
  const pot = (parseAssetRaw(fund.reward_balance) * parseAssetRaw(price.base)) / parseAssetRaw(price.quote);
  const expected = (convergentLinear(BigInt(post.net_rshares)) * pot) / BigInt(fund.recent_claims);
  assert.ok(expected > 0n);
  assert.equal(parseAssetRaw(post.pending_payout_value), expected);
  assert.match(post.pending_payout_value, / SBD$/);
  assert.equal(post.total_pending_payout_value, post.pending_payout_value);
  assert.deepEqual(reputations, [{ account: bob, reputation: post.author_reputation }]);
  assert.ok(BigInt(post.author_reputation) > 0n);
  const voterReputations = Object.fromEntries(votes.map((v: any) => [v.voter, BigInt(v.reputation)]));
  assert.deepEqual(voterReputations, { initminer: 0n, [alice]: aliceReputation });
  assert.deepEqual(Object.fromEntries(post.active_votes.map((v: any) => [v.voter, BigInt(v.reputation)])), voterReputations);

  // The author's SBD reward, claimed and converted.
  const rewarded = await getAccount(alice);
  const sbd = parseAssetRaw(rewarded.reward_sbd_balance);
  assert.ok(sbd > 1n, `reward_sbd_balance ${rewarded.reward_sbd_balance}`);
  await send([
    ["claim_reward_balance", { account: alice, reward_hive: rewarded.reward_steem_balance, reward_hbd: rewarded.reward_sbd_balance, reward_vests: rewarded.reward_vesting_balance }],
  ], key(alice, "posting"));
  const convertAt = await send([["convert", { owner: alice, requestid: 1, amount: "0.001 SBD" }]], key(alice, "active"));
  const convertTime = parseChainTime((await dhive.database.getBlockHeader(convertAt - 1)).timestamp);
  const requests = await steem.api.getConversionRequestsAsync(alice);
  assert.deepEqual(requests.map(({ id, ...rest }: any) => rest), [{ owner: alice, requestid: 1, amount: "0.001 SBD", conversion_date: formatChainTime(convertTime + 84 * 3600) }]);
  const appbase = await kettle.rpc("database_api.find_sbd_conversion_requests", { account: alice });
  assert.deepEqual(appbase.requests[0].amount, { amount: "1", precision: 3, nai: "@@000000013" });
  const account = await getAccount(alice);
  assert.equal(parseAssetRaw(account.sbd_balance), sbd - 1n);
  assert.equal(account.sbd_seconds_last_update, formatChainTime(convertTime));
});

test("steem-js getAccountsAsync shows every balance field in condenser's shape", async () => {
  const account = await getAccount(alice);
  const assets: Record<string, string> = {
    balance: "STEEM", savings_balance: "STEEM", sbd_balance: "SBD", savings_sbd_balance: "SBD", reward_sbd_balance: "SBD",
    reward_steem_balance: "STEEM", reward_vesting_balance: "VESTS", reward_vesting_steem: "STEEM", vesting_shares: "VESTS",
    delegated_vesting_shares: "VESTS", received_vesting_shares: "VESTS", vesting_withdraw_rate: "VESTS", vesting_balance: "STEEM",
  };
  for (const [field, symbol] of Object.entries(assets)) assert.match(account[field], new RegExp(`^\\d+\\.\\d{${symbol === "VESTS" ? 6 : 3}} ${symbol}$`), field);
  for (const field of ["sbd_seconds_last_update", "sbd_last_interest_payment", "savings_sbd_seconds_last_update", "savings_sbd_last_interest_payment", "next_vesting_withdrawal"]) {
    assert.match(account[field], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/, field);
  }
  assert.equal(typeof account.sbd_seconds, "string");
  assert.equal(typeof account.savings_sbd_seconds, "string");
  for (const field of ["savings_withdraw_requests", "withdraw_routes", "voting_power"]) assert.equal(typeof account[field], "number", field);
  for (const field of ["withdrawn", "to_withdraw", "curation_rewards", "posting_rewards", "reputation"]) assert.ok(["number", "string"].includes(typeof account[field]), field);
  assert.ok(account.voting_power > 0 && account.voting_power <= 10000);
  assert.deepEqual(Object.keys(account.voting_manabar), ["current_mana", "last_update_time"]);
  assert.deepEqual(Object.keys(account.downvote_manabar), ["current_mana", "last_update_time"]);
  assert.equal(account.vesting_balance, "0.000 STEEM");
  // dhive's getVPMana reads get_accounts (its percentage uses the wall clock, which the dev chain's time jump left behind).
  const vp = await dhive.rc.getVPMana(alice);
  const effective = parseAssetRaw(account.vesting_shares) - parseAssetRaw(account.delegated_vesting_shares) + parseAssetRaw(account.received_vesting_shares);
  assert.equal(vp.max_mana, Number(effective));
});

test("bad params are invalid-params errors with a clear message", async () => {
  const rejectsWith = (promise: Promise<unknown>, pattern: RegExp) => assert.rejects(promise, (error: Error) => {
    assert.match(error.message, pattern);
    return true;
  });
  await rejectsWith(dsteem.database.call("get_reward_fund", ["comments"]), /unknown reward fund "comments"/);
  await rejectsWith(steem.api.getRewardFundAsync(42), /reward fund name must be a string/);
  await rejectsWith(dsteem.database.call("get_vesting_delegations", [alice, "", 5000]), /limit must be an integer from 0 to 1000/);
  await rejectsWith(steem.api.getAccountReputationsAsync("", 1001), /Cannot retrieve more than 1000 account reputations/);
  await rejectsWith(dhive.call("rc_api", "find_rc_accounts", { accounts: alice }), /accounts must be an array/);
  await rejectsWith(dsteem.database.call("get_withdraw_routes", [alice, "sideways"]), /"incoming", "outgoing" or "all"/);
  await rejectsWith(dsteem.database.call("get_expiring_vesting_delegations", [alice, "soon", 10]), /from: expected a time/);
  await rejectsWith(kettle.rpc("database_api.list_vesting_delegations", { start: [alice], limit: 10, order: "by_delegation" }), /\(-32602\).*start for order by_delegation must be an array of 2 values/);
  await rejectsWith(kettle.rpc("condenser_api.get_reward_fund", ["nope"]), /\(-32602\)/);
});
