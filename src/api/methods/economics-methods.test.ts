// The economic reads (reward fund, feed, delegations, routes, conversions, savings, reputations, RC) and the
// account and discussion fields they feed, through the real JSON-RPC dispatch over a hand-built chain state.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount, getAccountOrThrow, updateAccount } from "../../core/chain/accounts.ts";
import { createGenesisState } from "../../core/chain/genesis.ts";
import { type ChainState, type Comment, commentKey, delegationKey } from "../../core/chain/state.ts";
import { nullPublicKey } from "../../core/crypto/keys.ts";
import { createSingleKeyAuthority } from "../../core/protocol/authority.ts";
import { timeNever } from "../../core/protocol/config.ts";
import { formatTime } from "../format/json-time.ts";
import type { ApiContext, NodePort } from "../ports.ts";
import { handleRpcText } from "../rpc/dispatch.ts";
import { createMethodTable } from "./index.ts";

const t0 = 1_700_000_000;
const table = createMethodTable();

function createState(): ChainState {
  const state = createGenesisState({
    time: t0, initPublicKey: nullPublicKey, initLiquidSteem: 1_000_000_000n, initVestingSteem: 1_000_000_000n, vestsPerSteem: 2_000_000n,
    accountCreationFee: 3_000n, rewardFundSteem: 1_000_000_000n, recentClaims: 1_000_000_000_000_000n,
  });
  const authority = createSingleKeyAuthority(nullPublicKey);
  for (const name of ["alice", "bob", "carol", "dave"]) {
    createAccount(state, { name, owner: authority, active: authority, posting: authority, memo_key: nullPublicKey, json_metadata: "", recovery_account: "initminer" }, t0);
  }
  return state;
}

function contextOf(state: ChainState): ApiContext {
  return { node: { state } as unknown as NodePort, index: null, debug: null, addressPrefix: "STM" };
}

async function call(state: ChainState, method: string, params: unknown): Promise<any> {
  const text = await handleRpcText(contextOf(state), table, JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }));
  const body = JSON.parse(text);
  if (body.error !== undefined) throw Object.assign(new Error(body.error.message), { code: body.error.code });
  return body.result;
}

async function rejects(state: ChainState, method: string, params: unknown, pattern: RegExp): Promise<void> {
  await assert.rejects(call(state, method, params), (error: Error & { code?: number }) => {
    assert.equal(error.code, -32602, `${method} ${JSON.stringify(params)} is an invalid-params error: ${error.message}`);
    assert.match(error.message, pattern);
    return true;
  });
}

test("get_reward_fund and database_api.get_reward_funds show the post fund in both shapes", async () => {
  const state = createState();
  assert.deepEqual(await call(state, "condenser_api.get_reward_fund", ["post"]), {
    id: 0, name: "post", reward_balance: "1000000.000 STEEM", recent_claims: "1000000000000000", last_update: formatTime(t0),
    content_constant: "2000000000000", percent_curation_rewards: 5000, percent_content_rewards: 10000,
    author_reward_curve: "convergent_linear", curation_reward_curve: "convergent_square_root",
  });
  // steem-js's legacy api name with positional params answers the same.
  assert.equal((await call(state, "call", ["database_api", "get_reward_fund", ["post"]])).reward_balance, "1000000.000 STEEM");
  const { funds } = await call(state, "database_api.get_reward_funds", {});
  assert.equal(funds.length, 1);
  assert.deepEqual(funds[0].reward_balance, { amount: "1000000000", precision: 3, nai: "@@000000021" });
  assert.equal(funds[0].recent_claims, "1000000000000000");
  await rejects(state, "condenser_api.get_reward_fund", ["comments"], /unknown reward fund "comments".*"post"/);
  await rejects(state, "condenser_api.get_reward_fund", [5], /reward fund name must be a string/);
  await rejects(state, "condenser_api.get_reward_fund", [], /get_reward_fund takes 1 params, got 0/);
});

test("the median price and the feed history, with and without a feed", async () => {
  const state = createState();
  assert.deepEqual(await call(state, "condenser_api.get_current_median_history_price", []), { base: "0.000 SBD", quote: "0.000 STEEM" });
  assert.deepEqual(await call(state, "condenser_api.get_feed_history", []), { id: 0, current_median_history: { base: "0.000 SBD", quote: "0.000 STEEM" }, price_history: [] });
  state.feed.value = { current_median_history: { base: 250n, quote: 1000n }, price_history: [{ base: 200n, quote: 1000n }, { base: 250n, quote: 1000n }] };
  assert.deepEqual(await call(state, "condenser_api.get_current_median_history_price", []), { base: "0.250 SBD", quote: "1.000 STEEM" });
  assert.deepEqual(await call(state, "condenser_api.get_feed_history", []), {
    id: 0, current_median_history: { base: "0.250 SBD", quote: "1.000 STEEM" },
    price_history: [{ base: "0.200 SBD", quote: "1.000 STEEM" }, { base: "0.250 SBD", quote: "1.000 STEEM" }],
  });
  assert.deepEqual(await call(state, "database_api.get_current_price_feed", {}), {
    base: { amount: "250", precision: 3, nai: "@@000000013" }, quote: { amount: "1000", precision: 3, nai: "@@000000021" },
  });
  const history = await call(state, "database_api.get_feed_history", {});
  assert.equal(history.price_history.length, 2);
  assert.deepEqual(history.current_median_history.base, { amount: "250", precision: 3, nai: "@@000000013" });
  await rejects(state, "condenser_api.get_feed_history", ["x"], /takes 0 params/);
});

test("vesting delegations: condenser lists from a delegatee, appbase lists and finds", async () => {
  const state = createState();
  const delegate = (id: number, delegator: string, delegatee: string, vests: bigint) =>
    state.delegations.set(delegationKey(delegator, delegatee), { id, delegator, delegatee, vesting_shares: vests, min_delegation_time: t0 + 60 });
  delegate(40, "zoe", "dave", 1_000_000n);
  delegate(0, "alice", "dave", 3_000_000n);
  delegate(1, "bob", "carol", 4_000_000n);
  delegate(2, "alice", "bob", 1_000_000n);
  delegate(3, "alice", "carol", 2_000_000n);
  // Ids are the records' own: removing an older delegation renumbers nothing.
  state.delegations.delete(delegationKey("zoe", "dave"));
  const time = formatTime(t0 + 60);
  assert.deepEqual(await call(state, "condenser_api.get_vesting_delegations", ["alice", "c", 10]), [
    { id: 3, delegator: "alice", delegatee: "carol", vesting_shares: "2.000000 VESTS", min_delegation_time: time },
    { id: 0, delegator: "alice", delegatee: "dave", vesting_shares: "3.000000 VESTS", min_delegation_time: time },
  ]);
  assert.deepEqual((await call(state, "condenser_api.get_vesting_delegations", ["alice", "", 1])).map((d: any) => d.delegatee), ["bob"]);
  assert.deepEqual((await call(state, "condenser_api.get_vesting_delegations", ["alice", ""])).map((d: any) => d.delegatee), ["bob", "carol", "dave"]);
  assert.deepEqual(await call(state, "condenser_api.get_vesting_delegations", ["carol", "", 10]), []);
  const listed = await call(state, "database_api.list_vesting_delegations", { start: ["alice", "carol"], limit: 3, order: "by_delegation" });
  assert.deepEqual(listed.delegations.map((d: any) => `${d.delegator}>${d.delegatee}`), ["alice>carol", "alice>dave", "bob>carol"]);
  assert.deepEqual(listed.delegations[0].vesting_shares, { amount: "2000000", precision: 6, nai: "@@000000037" });
  const found = await call(state, "database_api.find_vesting_delegations", { account: "bob" });
  assert.deepEqual(found.delegations.map((d: any) => d.id), [1]);
  await rejects(state, "condenser_api.get_vesting_delegations", ["alice", "", 1001], /limit must be an integer from 0 to 1000/);
  await rejects(state, "condenser_api.get_vesting_delegations", ["alice"], /takes 2 to 3 params/);
  await rejects(state, "condenser_api.get_vesting_delegations", [["alice"], "", 10], /account must be a string/);
  await rejects(state, "database_api.list_vesting_delegations", { start: ["alice", ""], limit: 10, order: "by_name" }, /order must be one of by_delegation/);
  await rejects(state, "database_api.list_vesting_delegations", { start: "alice", limit: 10, order: "by_delegation" }, /start for order by_delegation must be an array of 2 values/);
});

test("delegation returns by account and by time", async () => {
  const state = createState();
  const expire = (id: number, delegator: string, vests: bigint, expiration: number) =>
    state.delegationExpirations.set(String(id), { id, delegator, vesting_shares: vests, expiration });
  expire(7, "alice", 5_000_000n, t0 + 500);
  expire(8, "bob", 6_000_000n, t0 + 100);
  expire(9, "alice", 1_000_000n, t0 + 200);
  assert.deepEqual(await call(state, "condenser_api.get_expiring_vesting_delegations", ["alice", "1970-01-01T00:00:00", 10]), [
    { id: 9, delegator: "alice", vesting_shares: "1.000000 VESTS", expiration: formatTime(t0 + 200) },
    { id: 7, delegator: "alice", vesting_shares: "5.000000 VESTS", expiration: formatTime(t0 + 500) },
  ]);
  assert.deepEqual((await call(state, "condenser_api.get_expiring_vesting_delegations", ["alice", formatTime(t0 + 201), 10])).map((e: any) => e.id), [7]);
  const byTime = await call(state, "database_api.list_vesting_delegation_expirations", { start: [formatTime(t0), 0], limit: 2, order: "by_expiration" });
  assert.deepEqual(byTime.delegations.map((e: any) => e.id), [8, 9]);
  assert.deepEqual(byTime.delegations[0].vesting_shares, { amount: "6000000", precision: 6, nai: "@@000000037" });
  const byAccount = await call(state, "database_api.list_vesting_delegation_expirations", { start: ["alice", formatTime(t0 + 300), 0], limit: 10, order: "by_account_expiration" });
  assert.deepEqual(byAccount.delegations.map((e: any) => e.id), [7, 8]);
  assert.deepEqual((await call(state, "database_api.find_vesting_delegation_expirations", { account: "alice" })).delegations.map((e: any) => e.id), [9, 7]);
  await rejects(state, "condenser_api.get_expiring_vesting_delegations", ["alice", "yesterday", 10], /from: expected a time like/);
  await rejects(state, "database_api.list_vesting_delegation_expirations", { start: ["alice", formatTime(t0)], limit: 10, order: "by_account_expiration" }, /must be an array of 3 values \(account, time, id\)/);
});

test("withdraw routes outgoing, incoming and all", async () => {
  const state = createState();
  const route = (id: number, from: string, to: string, percent: number, autoVest: boolean) =>
    state.withdrawRoutes.set(`${from}/${to}`, { id, from_account: from, to_account: to, percent, auto_vest: autoVest });
  route(30, "zoe", "bob", 100, false);
  route(0, "alice", "dave", 1000, false);
  route(1, "carol", "bob", 2500, true);
  route(2, "alice", "bob", 5000, true);
  state.withdrawRoutes.delete("zoe/bob");
  assert.deepEqual(await call(state, "condenser_api.get_withdraw_routes", ["alice", "outgoing"]), [
    { id: 2, from_account: "alice", to_account: "bob", percent: 5000, auto_vest: true },
    { id: 0, from_account: "alice", to_account: "dave", percent: 1000, auto_vest: false },
  ]);
  assert.deepEqual((await call(state, "condenser_api.get_withdraw_routes", ["alice"])).map((r: any) => r.id), [2, 0]);
  assert.deepEqual((await call(state, "condenser_api.get_withdraw_routes", ["bob", "incoming"])).map((r: any) => r.id), [1, 2]);
  assert.deepEqual((await call(state, "condenser_api.get_withdraw_routes", ["bob", "all"])).map((r: any) => r.id), [1, 2]);
  assert.deepEqual((await call(state, "condenser_api.get_withdraw_routes", ["carol", 2])).map((r: any) => r.id), [1]);
  const found = await call(state, "database_api.find_withdraw_vesting_routes", { account: "bob", order: "by_destination" });
  assert.deepEqual(found.routes.map((r: any) => r.from_account), ["carol", "alice"]);
  const listed = await call(state, "database_api.list_withdraw_vesting_routes", { start: ["alice", "c"], limit: 10, order: "by_withdraw_route" });
  assert.deepEqual(listed.routes.map((r: any) => r.id), [0, 1]);
  await rejects(state, "condenser_api.get_withdraw_routes", ["alice", "sideways"], /"incoming", "outgoing" or "all"/);
});

test("conversion requests and savings withdrawals", async () => {
  const state = createState();
  state.conversions.set("alice/2", { id: 11, owner: "alice", requestid: 2, amount: 5_000n, conversion_date: t0 + 302_400 });
  state.conversions.set("alice/1", { id: 12, owner: "alice", requestid: 1, amount: 1_500n, conversion_date: t0 + 302_500 });
  state.conversions.set("bob/1", { id: 13, owner: "bob", requestid: 1, amount: 1n, conversion_date: t0 + 302_450 });
  assert.deepEqual(await call(state, "condenser_api.get_conversion_requests", ["alice"]), [
    { id: 12, owner: "alice", requestid: 1, amount: "1.500 SBD", conversion_date: formatTime(t0 + 302_500) },
    { id: 11, owner: "alice", requestid: 2, amount: "5.000 SBD", conversion_date: formatTime(t0 + 302_400) },
  ]);
  const byDate = await call(state, "database_api.list_sbd_conversion_requests", { start: [formatTime(0), 0], limit: 10, order: "by_conversion_date" });
  assert.deepEqual(byDate.requests.map((r: any) => r.id), [11, 13, 12]);
  assert.deepEqual(byDate.requests[0].amount, { amount: "5000", precision: 3, nai: "@@000000013" });
  assert.deepEqual((await call(state, "database_api.find_sbd_conversion_requests", { account: "bob" })).requests.map((r: any) => r.id), [13]);

  state.savingsWithdraws.set("a", { id: 20, from: "alice", to: "bob", memo: "rent", request_id: 4, amount: 2_000n, symbol: "SBD", complete: t0 + 259_200 });
  state.savingsWithdraws.set("b", { id: 21, from: "alice", to: "alice", memo: "", request_id: 3, amount: 7_000n, symbol: "STEEM", complete: t0 + 259_300 });
  state.savingsWithdraws.set("c", { id: 22, from: "carol", to: "bob", memo: "", request_id: 1, amount: 1n, symbol: "STEEM", complete: t0 + 100 });
  assert.deepEqual(await call(state, "condenser_api.get_savings_withdraw_from", ["alice"]), [
    { id: 21, from: "alice", to: "alice", memo: "", request_id: 3, amount: "7.000 STEEM", complete: formatTime(t0 + 259_300) },
    { id: 20, from: "alice", to: "bob", memo: "rent", request_id: 4, amount: "2.000 SBD", complete: formatTime(t0 + 259_200) },
  ]);
  assert.deepEqual((await call(state, "condenser_api.get_savings_withdraw_to", ["bob"])).map((w: any) => w.id), [22, 20]);
  const found = await call(state, "database_api.find_savings_withdrawals", { account: "carol" });
  assert.deepEqual(found.withdrawals[0].amount, { amount: "1", precision: 3, nai: "@@000000021" });
  const byComplete = await call(state, "database_api.list_savings_withdrawals", { start: [formatTime(t0 + 200), "", 0], limit: 10, order: "by_complete_from_id" });
  assert.deepEqual(byComplete.withdrawals.map((w: any) => w.id), [20, 21]);
  await rejects(state, "condenser_api.get_conversion_requests", [], /takes 1 params/);
  await rejects(state, "database_api.list_savings_withdrawals", { start: ["alice", 0], limit: 10, order: "by_id" }, /order must be one of/);
});

test("account reputations: raw values in name order, 0 without a record", async () => {
  const state = createState();
  updateAccount(state, getAccountOrThrow(state, "bob"), { reputation: 95_832_978_796_820n });
  updateAccount(state, getAccountOrThrow(state, "carol"), { reputation: -1_000_000_000n });
  assert.deepEqual(await call(state, "condenser_api.get_account_reputations", ["alice", 3]), [
    { account: "alice", reputation: 0 }, { account: "bob", reputation: "95832978796820" }, { account: "carol", reputation: -1_000_000_000 },
  ]);
  assert.equal((await call(state, "condenser_api.get_account_reputations", [""])).length, 8);
  assert.deepEqual(await call(state, "call", ["follow_api", "get_account_reputations", ["bob", 1]]), [{ account: "bob", reputation: "95832978796820" }]);
  assert.deepEqual(await call(state, "reputation_api.get_account_reputations", { account_lower_bound: "bob", limit: 1 }), {
    reputations: [{ account: "bob", reputation: "95832978796820" }],
  });
  assert.deepEqual(await call(state, "follow_api.get_account_reputations", { account_lower_bound: "c", limit: 1 }), { reputations: [{ account: "carol", reputation: -1_000_000_000 }] });
  await rejects(state, "condenser_api.get_account_reputations", ["", 1001], /Cannot retrieve more than 1000 account reputations/);
  await rejects(state, "reputation_api.get_account_reputations", { account_lower_bound: 7 }, /account_lower_bound must be a string/);
});

test("rc_api: stored RC manabars, the maximum from effective VESTS, pools and parameters", async () => {
  const state = createState();
  updateAccount(state, getAccountOrThrow(state, "alice"), {
    vesting_shares: 10_000_000_000n, delegated_vesting_shares: 1_000_000_000n, received_vesting_shares: 500_000_000n,
    max_rc_creation_adjustment: 2_020_748_973n, vesting_withdraw_rate: 250_000_000n, to_withdraw: 1_000_000_000n, withdrawn: 0n,
    next_vesting_withdrawal: t0 + 604_800, rc_manabar: { current_mana: 7_000_000_000n, last_update_time: t0 + 30 },
  });
  const { rc_accounts } = await call(state, "rc_api.find_rc_accounts", { accounts: ["alice", "nobody"] });
  // 10,000,000,000 − 1,000,000,000 + 500,000,000 + 2,020,748,973 − 250,000,000 (this week's power-down).
  assert.deepEqual(rc_accounts, [{
    account: "alice", rc_manabar: { current_mana: "7000000000", last_update_time: t0 + 30 },
    max_rc_creation_adjustment: { amount: "2020748973", precision: 6, nai: "@@000000037" }, max_rc: "11270748973",
  }]);
  const pool = await call(state, "rc_api.get_resource_pool", {});
  assert.deepEqual(Object.keys(pool.resource_pool), ["resource_history_bytes", "resource_new_accounts", "resource_market_bytes", "resource_state_bytes", "resource_execution_time"]);
  assert.deepEqual(pool.resource_pool.resource_history_bytes, { pool: "27050539251" });
  const params = await call(state, "rc_api.get_resource_params", {});
  assert.equal(params.resource_names.length, 5);
  assert.deepEqual(params.resource_params.resource_history_bytes, {
    resource_dynamics_params: {
      resource_unit: 1, budget_per_time_unit: 43403, pool_eq: "27050539251", max_pool_size: "54101078501",
      decay_params: { decay_per_time_unit: 3613026481, decay_per_time_unit_denom_shift: 51 }, min_decay: 0,
    },
    price_curve_params: { coeff_a: "14034213032882683904", coeff_b: 211332338, shift: 52 },
  });
  assert.equal(params.size_info.resource_state_bytes.comment_vote_object_base_size, 24675);
  assert.equal(params.size_info.resource_state_bytes.STATE_BYTES_SCALE, 10000);
  assert.equal(params.size_info.resource_execution_time.vote_operation_exec_time, 26500);
  await rejects(state, "rc_api.find_rc_accounts", { accounts: "alice" }, /accounts must be an array of at most 1000 items/);
  await rejects(state, "rc_api.find_rc_accounts", { accounts: Array.from({ length: 1001 }, () => "alice") }, /at most 1000 items/);
});

test("get_accounts shows every balance field, the raw reputation and steemd's voting_power; find_accounts the appbase shape", async () => {
  const state = createState();
  updateAccount(state, getAccountOrThrow(state, "alice"), {
    balance: 1_234n, savings_balance: 2_000n, sbd_balance: 3_500n, savings_sbd_balance: 4_000n, reward_sbd_balance: 10n,
    reward_steem_balance: 20n, reward_vesting_balance: 30_000_000n, reward_vesting_steem: 15n,
    vesting_shares: 1_000_000_000_000n, delegated_vesting_shares: 1_000_000n, received_vesting_shares: 1_000_000n,
    vesting_withdraw_rate: 0n, sbd_seconds: 123_456_789_012_345n, sbd_seconds_last_update: t0 + 10, sbd_last_interest_payment: t0 + 5,
    savings_sbd_seconds: 42n, savings_sbd_seconds_last_update: t0 + 11, savings_sbd_last_interest_payment: t0 + 6, savings_withdraw_requests: 2,
    curation_rewards: 77n, posting_rewards: 5_000_000_000n, reputation: 1_000_000_000_000n, last_vote_time: t0,
    // Half the effective VESTS at the last update, a day after the last vote: 5000 − 10000·86400/432000 = 3000.
    voting_manabar: { current_mana: 500_000_000_000n, last_update_time: t0 + 86_400 },
    downvote_manabar: { current_mana: 250_000_000_000n, last_update_time: t0 + 86_400 },
  });
  const [account] = await call(state, "condenser_api.get_accounts", [["alice"]]);
  const expected: Record<string, unknown> = {
    voting_manabar: { current_mana: "500000000000", last_update_time: t0 + 86_400 },
    downvote_manabar: { current_mana: "250000000000", last_update_time: t0 + 86_400 }, voting_power: 3000,
    balance: "1.234 STEEM", savings_balance: "2.000 STEEM", sbd_balance: "3.500 SBD", sbd_seconds: "123456789012345",
    sbd_seconds_last_update: formatTime(t0 + 10), sbd_last_interest_payment: formatTime(t0 + 5), savings_sbd_balance: "4.000 SBD",
    savings_sbd_seconds: "42", savings_sbd_seconds_last_update: formatTime(t0 + 11), savings_sbd_last_interest_payment: formatTime(t0 + 6),
    savings_withdraw_requests: 2, reward_sbd_balance: "0.010 SBD", reward_steem_balance: "0.020 STEEM", reward_vesting_balance: "30.000000 VESTS",
    reward_vesting_steem: "0.015 STEEM", vesting_shares: "1000000.000000 VESTS", delegated_vesting_shares: "1.000000 VESTS",
    received_vesting_shares: "1.000000 VESTS", vesting_withdraw_rate: "0.000000 VESTS", next_vesting_withdrawal: "1969-12-31T23:59:59",
    withdrawn: 0, to_withdraw: 0, withdraw_routes: 0, curation_rewards: 77, posting_rewards: "5000000000", vesting_balance: "0.000 STEEM",
    reputation: "1000000000000",
  };
  for (const [field, value] of Object.entries(expected)) assert.deepEqual(account[field], value, field);
  const keys = Object.keys(account);
  assert.ok(keys.indexOf("voting_power") === keys.indexOf("downvote_manabar") + 1 && keys.indexOf("reputation") === keys.indexOf("vesting_balance") + 1, "steemd's field order");
  assert.equal((await call(state, "condenser_api.get_accounts", [["carol"]]))[0].reputation, 0);
  const [looked] = await call(state, "condenser_api.lookup_account_names", [["alice"]]);
  assert.equal("reputation" in looked || "vesting_balance" in looked, false, "lookup_account_names answers api_account_object");
  const { accounts } = await call(state, "database_api.find_accounts", { accounts: ["alice"] });
  assert.deepEqual(accounts[0].sbd_balance, { amount: "3500", precision: 3, nai: "@@000000013" });
  assert.equal(accounts[0].sbd_seconds, "123456789012345");
  assert.equal("voting_power" in accounts[0] || "reputation" in accounts[0], false);
  assert.equal(accounts[0].is_smt, false);
  assert.equal(accounts[0].last_post_edit, formatTime(0));
});

test("get_content: pending payout from the fund and the median, raw reputations of the author and voters", async () => {
  const state = createState();
  state.feed.value = { current_median_history: { base: 250n, quote: 1000n }, price_history: [{ base: 250n, quote: 1000n }] };
  updateAccount(state, getAccountOrThrow(state, "alice"), { reputation: 5_000_000_000_000n });
  updateAccount(state, getAccountOrThrow(state, "bob"), { reputation: 70n });
  const comment: Comment = {
    id: 0, author: "alice", permlink: "hello", category: "kettle", parent_author: "", parent_permlink: "kettle", title: "Hello", body: "Héllo",
    json_metadata: "{}", last_update: t0, created: t0, active: t0, last_payout: 0, depth: 0, children: 0, net_rshares: 2_000_000_000_000n,
    abs_rshares: 2_000_000_000_000n, vote_rshares: 2_000_000_000_000n, children_abs_rshares: 0n, cashout_time: t0 + 604_800,
    max_cashout_time: timeNever, total_vote_weight: 100n, reward_weight: 10000, total_payout_value: 0n, curator_payout_value: 0n,
    author_rewards: 0n, net_votes: 1, root_author: "alice", root_permlink: "hello", max_accepted_payout: 1_000_000_000n,
    percent_steem_dollars: 10000, allow_replies: true, allow_votes: true, allow_curation_rewards: true, beneficiaries: [],
  };
  state.comments.set(commentKey("alice", "hello"), comment);
  state.votes.set({ id: 0, voter: "bob", author: "alice", permlink: "hello", weight: 100n, rshares: 2_000_000_000_000n, vote_percent: 10000, last_update: t0, num_changes: 0 });
  const post = await call(state, "condenser_api.get_content", ["alice", "hello"]);
  // Claims 1.2·10¹² of recent_claims 10¹⁵ on a pot of 1,000,000.000 STEEM × 0.25 = 250,000.000 SBD → 300.000 SBD.
  assert.equal(post.pending_payout_value, "300.000 SBD");
  assert.equal(post.total_pending_payout_value, "300.000 SBD");
  assert.equal(post.author_reputation, "5000000000000");
  assert.equal(post.body_length, 6);
  assert.deepEqual(post.active_votes.map((v: any) => [v.voter, v.reputation]), [["bob", 70]]);
  assert.deepEqual((await call(state, "condenser_api.get_active_votes", ["alice", "hello"])).map((v: any) => v.reputation), [70]);
  state.comments.set(commentKey("alice", "hello"), { ...comment, cashout_time: timeNever, net_rshares: 0n, total_payout_value: 290_000n });
  const paid = await call(state, "condenser_api.get_content", ["alice", "hello"]);
  assert.equal(paid.pending_payout_value, "0.000 SBD");
  assert.equal(paid.total_payout_value, "290.000 SBD");
  const { votes } = await call(state, "database_api.list_votes", { start: ["alice", "hello", ""], limit: 10, order: "by_comment_voter" });
  assert.deepEqual(votes, [{ id: 0, voter: "bob", author: "alice", permlink: "hello", weight: 100, rshares: "2000000000000", vote_percent: 10000, last_update: formatTime(t0), num_changes: 0 }]);
});
