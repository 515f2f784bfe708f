// Checks in-place patches of table records: fields change on the stored record, undo restores them,
// and a patch that would add a field or touch a grouped table is refused.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Table, UndoLog } from "./table.ts";

interface Row {
  readonly balance: bigint;
  readonly posts: number;
  readonly parent?: string;
}

test("patch changes the stored record in place and undo restores its old fields", () => {
  const undo = new UndoLog();
  const table = new Table<Row>(undo);
  table.set("alice", { balance: 10n, posts: 1 });
  const stored = table.get("alice")!;
  assert.equal(table.patch("alice", { balance: 7n }), stored);
  assert.deepEqual(table.get("alice"), { balance: 7n, posts: 1 });
  assert.throws(() => undo.atomically(() => {
    table.patch("alice", { balance: 1n, posts: 2 });
    table.patch("alice", { posts: 3 });
    assert.deepEqual(stored, { balance: 1n, posts: 3 });
    throw new Error("undo");
  }), /undo/);
  assert.deepEqual(table.get("alice"), { balance: 7n, posts: 1 });
  assert.throws(() => table.patch("alice", { parent: "x" }), /change the record's shape/);
  assert.throws(() => table.patch("bob", { posts: 1 }), /no record/);
  const grouped = new Table<Row>(undo);
  grouped.addGroup((row) => row.parent ?? null);
  grouped.set("c", { balance: 0n, posts: 0, parent: "p" });
  assert.throws(() => grouped.patch("c", { posts: 1 }), /without groups/);
});
