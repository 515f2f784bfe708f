// Checks condenser ("legacy") JSON: its output shapes, dhive's aliases, canonical struct order, and errors that name the path of the bad value.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePublicKey } from "../../core/crypto/keys.ts";
import { int64, optional, uint16, uint64 } from "../../core/encoding/schema.ts";
import type { ChainError } from "../../core/errors.ts";
import { operationSchema, operationSchemas } from "../../core/protocol/operation-schemas.ts";
import { formatLegacyJson, parseLegacyJson } from "./legacy-json.ts";

const options = { addressPrefix: "STM" };
const key = "STM6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg4";
const otherKey = "STM8jS2qS5wiF89Pis43eqV6ktMFc8CCARWaYkQtmDTgr71qWTG9b";
const vote = { voter: "alice", author: "bob", permlink: "p", weight: 10000 };

function assertRefused(json: unknown, code: string, message: string, path = "operations[0]"): void {
  assert.throws(() => parseLegacyJson(operationSchema, json, options, path), (error: ChainError) => {
    assert.equal(error.name, "ChainError");
    assert.equal(error.code, code, error.message);
    assert.equal(error.message, message);
    return true;
  }, JSON.stringify(json));
}

test("operations come out as [name, {fields in schema order}] with legacy assets and times", () => {
  const json = ["transfer", { memo: "hi", amount: "1.234 STEEM", to: "bob", from: "alice", extra: 1 }];
  const parsed = parseLegacyJson(operationSchema, json, options);
  assert.deepEqual(parsed, { type: "transfer", value: { from: "alice", to: "bob", amount: { amount: 1234n, symbol: "STEEM" }, memo: "hi" } });
  const formatted = formatLegacyJson(operationSchema, parsed, options) as [string, object];
  assert.equal(JSON.stringify(formatted), '["transfer",{"from":"alice","to":"bob","amount":"1.234 STEEM","memo":"hi"}]');
  const order = ["limit_order_create", { owner: "a", orderid: 7, amount_to_sell: "1.000 SBD", min_to_receive: "1.000000 VESTS", fill_or_kill: false, expiration: "2020-05-20T14:00:00Z" }];
  const orderJson = formatLegacyJson(operationSchema, parseLegacyJson(operationSchema, order, options), options);
  assert.deepEqual(orderJson, ["limit_order_create", { ...order[1] as object, expiration: "2020-05-20T14:00:00" }]);
});

test("dhive's Hive field names and HIVE/HBD symbols are read as Steem's; output uses Steem's names", () => {
  const options2 = ["comment_options", {
    author: "a", permlink: "p", max_accepted_payout: "1000000.000 HBD", allow_votes: false, allow_curation_rewards: true, extensions: [], percent_hbd: 5000,
  }];
  const parsed = parseLegacyJson(operationSchema, options2, options) as any;
  assert.equal(parsed.value.percent_steem_dollars, 5000);
  assert.equal(parsed.value.allow_votes, false, "allow_votes is kept, unlike steemd's legacy conversion");
  assert.deepEqual(parsed.value.max_accepted_payout, { amount: 1000000000n, symbol: "SBD" });
  assert.deepEqual(Object.keys((formatLegacyJson(operationSchema, parsed, options) as any)[1]), [
    "author", "permlink", "max_accepted_payout", "percent_steem_dollars", "allow_votes", "allow_curation_rewards", "extensions",
  ]);
  const claim = parseLegacyJson(operationSchema, ["claim_reward_balance", { account: "a", reward_hive: "1.000 HIVE", reward_hbd: "2.000 HBD", reward_vests: "3.000000 VESTS" }], options) as any;
  assert.deepEqual([claim.value.reward_steem.amount, claim.value.reward_sbd.symbol], [1000n, "SBD"]);
  const escrow = parseLegacyJson(operationSchema, ["escrow_release", {
    from: "a", to: "b", agent: "c", who: "a", receiver: "b", escrow_id: 1, hbd_amount: "1.000 HBD", hive_amount: "0.000 HIVE",
  }], options) as any;
  assert.deepEqual([escrow.value.sbd_amount.symbol, escrow.value.steem_amount.symbol], ["SBD", "STEEM"]);
  const witness = parseLegacyJson(operationSchemas.witness_update, {
    owner: "w", url: "u", block_signing_key: key, fee: "0.000 STEEM", props: { account_creation_fee: "3.000 STEEM", maximum_block_size: 65536, hbd_interest_rate: 1000 },
  }, options);
  assert.equal(witness.props.sbd_interest_rate, 1000);
  const both = parseLegacyJson(operationSchemas.comment_options, { ...(options2[1] as object), percent_steem_dollars: 10000 }, options);
  assert.equal(both.percent_steem_dollars, 10000, "the Steem name wins over an alias");
});

test("authorities, keys and optional fields", () => {
  const authority = { weight_threshold: 2, account_auths: [["carol", 1], ["bob", 1]], key_auths: [[otherKey, 1], [key, 1]] };
  const update = { account: "alice", posting: authority, owner: null, memo_key: key, json_metadata: "" };
  const parsed = parseLegacyJson(operationSchemas.account_update, update, options);
  assert.equal(parsed.owner, undefined);
  assert.equal(parsed.active, undefined);
  assert.deepEqual(parsed.posting?.account_auths, [["bob", 1], ["carol", 1]]);
  assert.deepEqual(parsed.posting?.key_auths.map(([k]) => k), [parsePublicKey(key, "STM"), parsePublicKey(otherKey, "STM")], "sorted by key bytes");
  assert.deepEqual(formatLegacyJson(operationSchemas.account_update, parsed, options), {
    account: "alice",
    posting: { weight_threshold: 2, account_auths: [["bob", 1], ["carol", 1]], key_auths: [[key, 1], [otherKey, 1]] },
    memo_key: key,
    json_metadata: "",
  });
  assert.equal(formatLegacyJson(optional(uint16), undefined, options), null);
});

test("bytes are hex, 64-bit integers follow fc's number-or-string rule", () => {
  const custom = parseLegacyJson(operationSchemas.custom, { required_auths: ["a"], id: "7", data: "DEADbeef" }, options);
  assert.deepEqual([custom.id, [...custom.data]], [7, [0xde, 0xad, 0xbe, 0xef]]);
  assert.equal((formatLegacyJson(operationSchemas.custom, custom, options) as any).data, "deadbeef");
  assert.equal(formatLegacyJson(uint64, 4294967295n, options), 4294967295);
  assert.equal(formatLegacyJson(uint64, 4294967296n, options), "4294967296");
  assert.equal(formatLegacyJson(int64, -3n, options), -3);
  assert.equal(parseLegacyJson(int64, "-9223372036854775808", options), -(2n ** 63n));
});

test("a missing field is named with its full path", () => {
  assertRefused(["vote", { voter: "alice", author: "bob", permlink: "p" }], "invalid_field", "operations[0].vote.weight: required field is missing");
  assertRefused(["comment_options", { author: "a", permlink: "p", max_accepted_payout: "1.000 SBD", allow_votes: true, allow_curation_rewards: true, extensions: [] }],
    "invalid_field", "operations[0].comment_options.percent_steem_dollars: required field is missing");
  assert.throws(() => parseLegacyJson(operationSchemas.vote, {}, options), { message: "voter: required field is missing" });
});

test("wrong types and out-of-range values are refused with the path and the expectation", () => {
  assertRefused(["vote", { ...vote, weight: 40000 }], "invalid_field", "operations[0].vote.weight: expected an integer from -32768 to 32767 (int16), got 40000");
  assertRefused(["vote", { ...vote, weight: "abc" }], "invalid_field", 'operations[0].vote.weight: expected an integer from -32768 to 32767 (int16), got "abc"');
  assertRefused(["vote", { ...vote, weight: 1.5 }], "invalid_field", "operations[0].vote.weight: expected an integer from -32768 to 32767 (int16), got 1.5");
  assertRefused(["vote", { ...vote, voter: 5 }], "invalid_field", "operations[0].vote.voter: expected a string, got 5");
  assertRefused(["vote", { ...vote, permlink: "\ud800" }], "invalid_utf8", "operations[0].vote.permlink: the string holds a lone UTF-16 surrogate, which has no UTF-8 encoding");
  assertRefused(["vote", null], "invalid_field", "operations[0].vote: expected an object, got null");
  assertRefused(["account_witness_vote", { account: "a", witness: "w", approve: 1 }], "invalid_field", "operations[0].account_witness_vote.approve: expected true or false, got 1");
  assertRefused(["transfer", { from: "a", to: "b", amount: "1 STEEM", memo: "" }], "invalid_asset", 'operations[0].transfer.amount: asset "1 STEEM" must have exactly 3 decimals, as in "1.000 STEEM"');
  assertRefused(["transfer", { from: "a", to: "b", amount: { amount: "1000", precision: 3, nai: "@@000000021" }, memo: "" }], "invalid_asset",
    'operations[0].transfer.amount: expected an asset like "1.000 STEEM", got an object');
  assertRefused(["limit_order_cancel", { owner: "a", orderid: -1 }], "invalid_field", "operations[0].limit_order_cancel.orderid: expected an integer from 0 to 4294967295 (uint32), got -1");
  assertRefused(["custom", { required_auths: [], id: 1, data: "abc" }], "invalid_field", 'operations[0].custom.data: expected hex bytes, got "abc"');
  assertRefused(["custom_json", { required_auths: "alice", required_posting_auths: [], id: "x", json: "{}" }], "invalid_field",
    'operations[0].custom_json.required_auths: expected an array, got "alice"');
  assertRefused(["custom_json", { required_auths: [], required_posting_auths: ["ok", 7], id: "x", json: "{}" }], "invalid_field",
    "operations[0].custom_json.required_posting_auths[1]: expected a string, got 7");
});

test("keys, times, maps and extensions are refused with the path", () => {
  const create = { fee: "3.000 STEEM", creator: "a", new_account_name: "b", json_metadata: "" };
  const authority = { weight_threshold: 1, account_auths: [], key_auths: [[key, 1]] };
  const withMemo = (memo_key: unknown) => ["account_create", { ...create, owner: authority, active: authority, posting: authority, memo_key }];
  assertRefused(withMemo(`TST${key.slice(3)}`), "invalid_public_key", `operations[0].account_create.memo_key: expected a public key like "STM6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg4", got "TST${key.slice(3)}"`);
  assertRefused(withMemo(`${key.slice(0, -1)}5`), "invalid_public_key", `operations[0].account_create.memo_key: expected a public key like "STM6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg4", got "${key.slice(0, -1)}5"`);
  const badAuthority = { ...authority, key_auths: [[key, 1, 2]] };
  assertRefused(["account_create", { ...create, owner: authority, active: badAuthority, posting: authority, memo_key: key }], "invalid_field",
    "operations[0].account_create.active.key_auths[0]: expected a [key, value] pair, got an array");
  const order = { owner: "a", orderid: 1, amount_to_sell: "1.000 STEEM", min_to_receive: "1.000 SBD", fill_or_kill: false };
  assertRefused(["limit_order_create", { ...order, expiration: "2020-02-30T00:00:00" }], "invalid_field", "operations[0].limit_order_create.expiration: time 2020-02-30T00:00:00 is not a valid date");
  assertRefused(["claim_account", { creator: "a", fee: "0.000 STEEM", extensions: [[0, {}]] }], "invalid_field", "operations[0].claim_account.extensions: extensions must be empty ([]): none are defined here");
  assertRefused(["claim_account", { creator: "a", fee: "0.000 STEEM", extensions: {} }], "invalid_field", "operations[0].claim_account.extensions: expected an array, got an object");
  assert.deepEqual(parseLegacyJson(operationSchemas.claim_account, { creator: "a", fee: "0.000 STEEM" }, options).extensions, [], "absent extensions are empty");
});
