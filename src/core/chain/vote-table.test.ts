// Checks the vote table: votes by comment in first-cast order, replacement in place, undo and snapshots.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Vote } from "./state.ts";
import { UndoLog } from "./table.ts";
import { VoteTable } from "./vote-table.ts";

const vote = (voter: string, id: number, permlink = "post"): Vote => ({ id, voter, author: "alice", permlink, weight: 0n, rshares: BigInt(id), vote_percent: 100, last_update: 0, num_changes: 0 });

test("keeps votes per comment in first-cast order, replaced in place", () => {
  const undo = new UndoLog();
  const table = new VoteTable(undo);
  table.set(vote("bob", 1));
  table.set(vote("carol", 2));
  table.set(vote("dave", 3, "other"));
  table.set({ ...vote("bob", 1), rshares: 50n, num_changes: 1 });
  assert.equal(table.size, 3);
  assert.deepEqual(table.ofComment("alice", "post").map((v) => [v.voter, v.rshares]), [["bob", 50n], ["carol", 2n]]);
  assert.equal(table.get("alice", "other", "dave")?.id, 3);
  assert.equal(table.get("alice", "post", "dave"), undefined);
  assert.deepEqual([...table.entries()].map(([key]) => key), ["alice/post/bob", "alice/post/carol", "alice/other/dave"]);
  const loaded = new VoteTable(new UndoLog());
  for (const section of table.exportSections(1)) loaded.loadSection(section);
  assert.deepEqual([...loaded.entries()], [...table.entries()]);
});

test("undoes sets and deletes", () => {
  const undo = new UndoLog();
  const table = new VoteTable(undo);
  table.set(vote("bob", 1));
  table.set(vote("carol", 2));
  assert.throws(() => undo.atomically(() => {
    table.set({ ...vote("bob", 1), rshares: 9n });
    table.set(vote("erin", 4));
    for (const v of table.ofComment("alice", "post").reverse()) table.delete("alice", "post", v.voter);
    assert.equal(table.size, 0);
    throw new Error("undo");
  }));
  assert.equal(table.size, 2);
  assert.deepEqual(table.ofComment("alice", "post").map((v) => [v.voter, v.rshares]), [["bob", 1n], ["carol", 2n]]);
});

test("reuses deleted rows, grows past its first capacity and refuses values its columns cannot hold", () => {
  const undo = new UndoLog();
  const table = new VoteTable(undo);
  for (let i = 0; i < 3000; i++) table.set({ ...vote(`v${i}`, i, `p${i % 7}`), weight: BigInt(i) * 1_000_000_000_000n, rshares: -BigInt(i) * 3n, num_changes: i % 6, vote_percent: -10000 + i });
  assert.equal(table.size, 3000);
  const sample = table.get("alice", "p3", "v2999");
  assert.deepEqual(sample, { id: 2999, voter: "v2999", author: "alice", permlink: "p3", weight: 2_999_000_000_000_000n, rshares: -8997n, vote_percent: -7001, last_update: 0, num_changes: 5 });
  for (let i = 0; i < 3000; i += 2) table.delete("alice", `p${i % 7}`, `v${i}`);
  assert.equal(table.size, 1500);
  table.set(vote("new", 9000, "p0"));
  assert.equal(table.get("alice", "p0", "new")?.id, 9000);
  assert.equal(table.get("alice", "p0", "v0"), undefined);
  assert.equal(table.get("alice", "p1", "v1")?.rshares, -3n);
  assert.throws(() => table.set({ ...vote("big", 1), rshares: 1n << 63n }), RangeError);
  assert.throws(() => table.set({ ...vote("big", 1), num_changes: 256 }), RangeError);
  assert.equal(table.get("alice", "post", "big"), undefined);
});
