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
  loaded.load(table.entries());
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
