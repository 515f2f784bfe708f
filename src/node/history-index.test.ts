// Checks the history index: every transaction id is found (across table growth), unknown ids are not,
// and account operations come back newest first from any sequence number, whether still in memory or
// already in the file, through the checkpoints.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { sha256 } from "../core/crypto/hash.ts";
import { bytesToHex, utf8Encode } from "../stdx/bytes.ts";
import { HistoryIndex } from "./history-index.ts";

const dir = mkdtempSync(join(tmpdir(), "kettle-history-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const open = () => new HistoryIndex(join(dir, `ops-${files++}.bin`));

test("finds transactions by id", () => {
  const history = open();
  const ids = Array.from({ length: 5000 }, (_, i) => bytesToHex(sha256(utf8Encode(`tx ${i}`)).subarray(0, 20)));
  for (const [i, id] of ids.entries()) history.addTransaction(1 + Math.floor(i / 100), i % 100, id);
  for (const [i, id] of ids.entries()) assert.deepEqual(history.findTransactionCandidates(id), [{ blockNum: 1 + Math.floor(i / 100), trxInBlock: i % 100 }]);
  assert.deepEqual(history.findTransactionCandidates(ids[7].toUpperCase()), [{ blockNum: 1, trxInBlock: 7 }]);
  assert.deepEqual(history.findTransactionCandidates(bytesToHex(sha256(utf8Encode("other")).subarray(0, 20))), []);
  assert.deepEqual(history.findTransactionCandidates("zz"), []);
  // Ids sharing their first four bytes are both returned, for the caller to tell apart.
  const twin = `${ids[3].slice(0, 8)}${"0".repeat(32)}`;
  history.addTransaction(99, 0, twin);
  assert.deepEqual(history.findTransactionCandidates(twin), [{ blockNum: 1, trxInBlock: 3 }, { blockNum: 99, trxInBlock: 0 }]);
});

test("lists an account's operations newest first from any sequence number", () => {
  const history = open();
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

test("any sequence number of a long history matches a model, before and after entries reach the file", () => {
  const history = open();
  const model = new Map<string, [number, number, number][]>();
  let state = 7;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
  const check = () => {
    for (const [account, entries] of model) {
      for (const seq of [0, 1, 63, 64, 65, 127, 128, 500, entries.length - 1, entries.length - 2, next() % entries.length]) {
        if (seq < 0 || seq >= entries.length) continue;
        const got = [...history.getAccountOperationsFrom(account, seq)].slice(0, 3);
        const want = entries.slice(Math.max(0, seq - 2), seq + 1).reverse().map(([blockNum, trxInBlock, opInTrx], i) => ({ seq: seq - i, blockNum, trxInBlock, opInTrx }));
        assert.deepEqual(got, want, `${account} from ${seq}`);
      }
      assert.equal(history.getAccountHistoryLength(account), entries.length);
    }
  };
  for (let i = 0; i < 20_000; i++) {
    const account = `a${next() % 13}`;
    const entry: [number, number, number] = [1 + i, next() % 1000, next() % 5];
    history.addAccountOperation(account, ...entry);
    let list = model.get(account);
    if (list === undefined) model.set(account, (list = []));
    list.push(entry);
    if (i === 100 || i === 4095 || i === 4097 || i === 19_999) check();
  }
  assert.deepEqual([...history.getAccountOperationsFrom("a3", 1_000_000)].length, model.get("a3")!.length);
  history.close();
});
