// Checks that the transactions steem-js, dsteem and dhive really sent parse to the bytes and ids the probe verified, round-trip in both styles, and that bad envelopes are refused.
import assert from "node:assert/strict";
import { test } from "node:test";
import clientRequests from "../../../test/vectors/client-requests.json" with { type: "json" };
import vectors from "../../../test/vectors/protocol-vectors.json" with { type: "json" };
import { encodeTransaction, getTransactionId } from "../../core/protocol/transaction.ts";
import { bytesToHex } from "../../stdx/bytes.ts";
import {
  formatAppbaseTransaction, formatAsset, formatLegacyTransaction, formatTime, parseAppbaseTransaction, parseAsset, parseLegacyTransaction, parseTime,
} from "./transaction-json.ts";

const options = { addressPrefix: "STM" };
const signature = vectors.transactions.vote.signatures.dsteem;

function idOf(json: unknown): string {
  return bytesToHex(getTransactionId(encodeTransaction(parseLegacyTransaction(json, options))));
}

test("the protocol vectors' JSON encodes to their bytes and transaction ids", () => {
  for (const [name, vector] of Object.entries(vectors.transactions)) {
    const transaction = parseLegacyTransaction(vector.tx_json, options);
    const bytes = encodeTransaction(transaction);
    assert.equal(bytesToHex(bytes), vector.serialized_hex, name);
    assert.equal(bytesToHex(getTransactionId(bytes)), vector.transaction_id, name);
    assert.deepEqual(transaction.signatures, []);
  }
});

test("every broadcast the client libraries sent parses to the bytes and id the probe verified", () => {
  assert.equal(clientRequests.transactions.length, 14);
  for (const request of clientRequests.transactions) {
    const label = `${request.client} ${request.operations.join("+")}`;
    const transaction = parseLegacyTransaction(request.transaction, options);
    const bytes = encodeTransaction(transaction);
    assert.equal(bytesToHex(bytes), request.tx_hex, label);
    assert.equal(bytesToHex(getTransactionId(bytes)), request.tx_id, label);
    assert.deepEqual(transaction.signatures.map(bytesToHex), request.transaction.signatures, label);
  }
});

test("client transactions round-trip through both styles, and legacy output is what the clients sent (in Steem's names)", () => {
  for (const request of clientRequests.transactions) {
    const label = `${request.client} ${request.operations.join("+")}`;
    const transaction = parseLegacyTransaction(request.transaction, options);
    const legacy = formatLegacyTransaction(transaction, options);
    assert.deepEqual(parseLegacyTransaction(JSON.parse(JSON.stringify(legacy)), options), transaction, label);
    const appbase = formatAppbaseTransaction(transaction, options);
    assert.deepEqual(parseAppbaseTransaction(JSON.parse(JSON.stringify(appbase)), options), transaction, label);
    const sent = JSON.parse(JSON.stringify(request.transaction).replace('"percent_hbd"', '"percent_steem_dollars"'));
    assert.deepEqual(legacy, sent, label);
    assert.deepEqual(Object.keys(legacy), ["ref_block_num", "ref_block_prefix", "expiration", "operations", "extensions", "signatures"], label);
  }
});

test("dsteem's key order (expiration first, extensions before percent_steem_dollars) does not change the bytes", () => {
  const dsteem = clientRequests.transactions.find((request) => request.client === "dsteem" && request.operations.includes("comment_options"))!;
  const [comment, options2] = dsteem.transaction.operations as [unknown, [string, Record<string, unknown>]];
  const { extensions, percent_steem_dollars, ...rest } = options2[1];
  const reordered = { ...dsteem.transaction, operations: [comment, [options2[0], { extensions, ...rest, percent_steem_dollars }]] };
  assert.equal(bytesToHex(encodeTransaction(parseLegacyTransaction(reordered, options))), dsteem.tx_hex);
});

test("an appbase transaction is the legacy one with {type, value} operations and NAI assets", () => {
  const transfer = clientRequests.transactions.find((request) => request.client === "steem-js" && request.operations[0] === "transfer")!;
  const appbase = formatAppbaseTransaction(parseLegacyTransaction(transfer.transaction, options), options) as any;
  assert.deepEqual(appbase.operations, [{ type: "transfer_operation", value: { from: "alice", to: "bob", amount: { amount: "1000", precision: 3, nai: "@@000000021" }, memo: "probe steem-js" } }]);
  assert.equal(appbase.expiration, "2026-11-24T16:46:39");
  assert.equal(bytesToHex(encodeTransaction(parseAppbaseTransaction(appbase, options))), transfer.tx_hex);
});

test("signatures: upper-case hex accepted and printed lower-case; absent means none; each must be 65 bytes", () => {
  const base = vectors.transactions.vote.tx_json;
  const parsed = parseLegacyTransaction({ ...base, signatures: [signature.toUpperCase()] }, options);
  assert.deepEqual(formatLegacyTransaction(parsed, options).signatures, [signature]);
  const refusals: [unknown, string][] = [
    [[signature.slice(2)], "signatures[0]: a signature must be 65 bytes as 130 hex characters, got"],
    [[`${signature}00`], "signatures[0]: a signature must be 65 bytes as 130 hex characters, got"],
    [[signature, `${signature.slice(0, -1)}g`], "signatures[1]: a signature must be 65 bytes"],
    [[65], "signatures[0]: a signature must be 65 bytes as 130 hex characters, got 65"],
    [signature, "signatures: expected an array of hex signatures, got"],
    [null, "signatures: expected an array of hex signatures, got null"],
  ];
  for (const [signatures, message] of refusals) {
    assert.throws(() => parseLegacyTransaction({ ...base, signatures }, options), (error: any) => {
      assert.equal(error.code, "invalid_signature_format");
      assert.ok(error.message.startsWith(message), error.message);
      return true;
    });
  }
});

test("bad envelopes are refused with the path, under the caller's prefix", () => {
  const base = vectors.transactions.vote.tx_json;
  assert.throws(() => parseLegacyTransaction([base], options), { code: "malformed_json", message: "a transaction must be a JSON object, got an array" });
  assert.throws(() => parseLegacyTransaction("{}", options, "params[0]"), { code: "malformed_json", message: 'params[0]: a transaction must be a JSON object, got "{}"' });
  const { expiration: _expiration, ...withoutExpiration } = base;
  assert.throws(() => parseLegacyTransaction(withoutExpiration, options, "params[0]"), { code: "invalid_field", message: "params[0].expiration: required field is missing" });
  assert.throws(() => parseLegacyTransaction({ ...base, expiration: "2020-05-20T14:00:00.000" }, options), { code: "invalid_field", message: /^expiration: expected a time like/ });
  assert.throws(() => parseLegacyTransaction({ ...base, ref_block_num: 65536 }, options), { code: "invalid_field", message: /^ref_block_num: expected an integer from 0 to 65535/ });
  assert.throws(() => parseLegacyTransaction({ ...base, operations: [["update_proposal", {}]] }, options), { code: "unknown_operation", message: 'operations[0]: unknown operation "update_proposal"' });
  assert.throws(() => parseLegacyTransaction({ ...base, extensions: [[1, "x"]] }, options), { code: "invalid_field", message: /^extensions: extensions must be empty/ });
  assert.equal(idOf({ ...base, expiration: "2020-05-20T14:00:00Z" }), vectors.transactions.vote.transaction_id, "a trailing Z is tolerated");
  assert.equal(idOf({ ...base, ref_block_prefix: String(base.ref_block_prefix) }), vectors.transactions.vote.transaction_id, "numeric strings are integers, as in fc");
});

test("the re-exported helpers print and read assets and times", () => {
  assert.equal(formatAsset(parseAsset("0.250 SBD")), "0.250 SBD");
  assert.equal(formatTime(parseTime("2026-11-24T16:46:39")), "2026-11-24T16:46:39");
});
