// Checks the typed-array history: every transaction id is found (across table growth), unknown ids are
// not, and account operations come back newest first from any sequence number, across entry chunks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sha256 } from "../core/crypto/hash.ts";
import { bytesToHex, utf8Encode } from "../stdx/bytes.ts";
import { HistoryIndex } from "./history-index.ts";

test("finds transactions by id", () => {
  const history = new HistoryIndex();
  const ids = Array.from({ length: 5000 }, (_, i) => bytesToHex(sha256(utf8Encode(`tx ${i}`)).subarray(0, 20)));
  for (const [i, id] of ids.entries()) history.addTransaction(1 + Math.floor(i / 100), i % 100, id);
  for (const [i, id] of ids.entries()) assert.deepEqual(history.findTransactionCandidates(id), [{ blockNum: 1 + Math.floor(i / 100), trxInBlock: i % 100 }]);
  assert.deepEqual(history.findTransactionCandidates(ids[7].toUpperCase()), [{ blockNum: 1, trxInBlock: 7 }]);
  assert.deepEqual(history.findTransactionCandidates(bytesToHex(sha256(utf8Encode("other")).subarray(0, 20))), []);
  assert.deepEqual(history.findTransactionCandidates("zz"), []);
  // Ids sharing their first eight bytes are both returned, for the caller to tell apart.
  const twin = `${ids[3].slice(0, 16)}${"0".repeat(24)}`;
  history.addTransaction(99, 0, twin);
  assert.deepEqual(history.findTransactionCandidates(twin), [{ blockNum: 1, trxInBlock: 3 }, { blockNum: 99, trxInBlock: 0 }]);
});

test("lists an account's operations newest first from any sequence number", () => {
  const history = new HistoryIndex();
  const total = 70_000;
  for (let i = 0; i < total; i++) {
    history.addAccountOperation(i % 2 === 0 ? "alice" : "bob", 1 + i, i % 7, i % 3);
  }
  assert.equal(history.getAccountHistoryLength("alice"), total / 2);
  assert.equal(history.getAccountHistoryLength("carol"), 0);
  const newest = [...history.getAccountOperationsFrom("alice", total / 2 - 1)].slice(0, 2);
  assert.deepEqual(newest, [
    { seq: total / 2 - 1, blockNum: total - 1, trxInBlock: (total - 2) % 7, opInTrx: (total - 2) % 3 },
    { seq: total / 2 - 2, blockNum: total - 3, trxInBlock: (total - 4) % 7, opInTrx: (total - 4) % 3 },
  ]);
  const fromMiddle = [...history.getAccountOperationsFrom("bob", 10)];
  assert.deepEqual(fromMiddle.map((l) => l.seq), [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  assert.equal(fromMiddle[10].blockNum, 2);
  assert.deepEqual([...history.getAccountOperationsFrom("carol", 5)], []);
});
