// Checks appbase JSON: operations as {type: "x_operation", value}, NAI asset objects, extension variants by name, and that input takes either variant shape.
import assert from "node:assert/strict";
import { test } from "node:test";
import { operationSchema, operationSchemas } from "../../core/protocol/operation-schemas.ts";
import { formatAppbaseJson, parseAppbaseJson } from "./appbase-json.ts";
import { formatLegacyJson, parseLegacyJson } from "./legacy-json.ts";

const options = { addressPrefix: "STM" };

test("operations are {type: name_operation, value} with assets as NAI objects whose amount is a string", () => {
  const transfer = { type: "transfer", value: { from: "alice", to: "bob", amount: { amount: 1234n, symbol: "STEEM" }, memo: "hi" } } as const;
  const json = formatAppbaseJson(operationSchema, transfer, options);
  assert.equal(JSON.stringify(json), '{"type":"transfer_operation","value":{"from":"alice","to":"bob","amount":{"amount":"1234","precision":3,"nai":"@@000000021"},"memo":"hi"}}');
  assert.deepEqual(parseAppbaseJson(operationSchema, json, options), transfer);
});

test("the beneficiaries extension is {type: comment_payout_beneficiaries, value} in appbase and [0, value] in legacy", () => {
  const legacy = ["comment_options", {
    author: "alice", permlink: "p", max_accepted_payout: "1000000.000 SBD", percent_steem_dollars: 10000, allow_votes: true, allow_curation_rewards: true,
    extensions: [[0, { beneficiaries: [{ account: "bob", weight: 500 }] }]],
  }];
  const operation = parseLegacyJson(operationSchema, legacy, options);
  const appbase = formatAppbaseJson(operationSchema, operation, options) as any;
  assert.equal(appbase.type, "comment_options_operation");
  assert.deepEqual(appbase.value.max_accepted_payout, { amount: "1000000000", precision: 3, nai: "@@000000013" });
  assert.deepEqual(appbase.value.extensions, [{ type: "comment_payout_beneficiaries", value: { beneficiaries: [{ account: "bob", weight: 500 }] } }]);
  assert.deepEqual(parseAppbaseJson(operationSchema, appbase, options), operation);
  assert.deepEqual(formatLegacyJson(operationSchema, operation, options), legacy);
  const byTag = { ...appbase, value: { ...appbase.value, extensions: [{ type: 0, value: { beneficiaries: [] } }] } };
  assert.deepEqual((parseAppbaseJson(operationSchema, byTag, options) as any).value.extensions, [{ type: "comment_payout_beneficiaries", value: { beneficiaries: [] } }]);
});

test("the type may be an integer tag, and the legacy array shape is accepted too", () => {
  const vote = { voter: "a", author: "b", permlink: "p", weight: -100 };
  assert.deepEqual(parseAppbaseJson(operationSchema, { type: 0, value: vote }, options), { type: "vote", value: vote });
  assert.deepEqual(parseAppbaseJson(operationSchema, ["vote", vote], options), { type: "vote", value: vote });
  assert.deepEqual(parseAppbaseJson(operationSchema, { type: "vote_operation", value: vote, extra: 1 }, options), { type: "vote", value: vote }, "extra keys are ignored");
});

test("appbase input refuses legacy asset strings, with the path", () => {
  const json = { type: "transfer_operation", value: { from: "a", to: "b", amount: "1.000 STEEM", memo: "" } };
  assert.throws(() => parseAppbaseJson(operationSchema, json, options, "trx.operations[0]"), {
    name: "ChainError",
    code: "invalid_asset",
    message: 'trx.operations[0].transfer.amount: expected an asset like {"amount":"1000","precision":3,"nai":"@@000000021"}, got "1.000 STEEM"',
  });
  const wrongPrecision = { ...json.value, amount: { amount: "1", precision: 6, nai: "@@000000021" } };
  assert.throws(() => parseAppbaseJson(operationSchemas.transfer, wrongPrecision, options), { code: "invalid_asset", message: /^amount: asset precision must be 3/ });
});

test("prices are {base, quote} of asset objects", () => {
  const feed = { publisher: "w", exchange_rate: { base: { amount: "250", precision: 3, nai: "@@000000013" }, quote: { amount: 1000, precision: 3, nai: "@@000000021" } } };
  const parsed = parseAppbaseJson(operationSchemas.feed_publish, feed, options);
  assert.deepEqual(parsed.exchange_rate, { base: { amount: 250n, symbol: "SBD" }, quote: { amount: 1000n, symbol: "STEEM" } });
  assert.deepEqual(formatLegacyJson(operationSchemas.feed_publish, parsed, options), { publisher: "w", exchange_rate: { base: "0.250 SBD", quote: "1.000 STEEM" } });
});
