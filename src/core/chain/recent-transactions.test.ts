// Checks the duplicate-detection table against a plain Map model: adds, undone adds, expiry and rebuilds.
import assert from "node:assert/strict";
import { test } from "node:test";
import { bytesToHex } from "../../stdx/bytes.ts";
import { createPrng } from "../../stdx/prng.ts";
import { RecentTransactions } from "./recent-transactions.ts";
import { UndoLog } from "./table.ts";

function randomId(next: () => number): Uint8Array {
  const id = new Uint8Array(20);
  for (let i = 0; i < 20; i++) id[i] = next() & 0xff;
  return id;
}

test("matches a Map model through adds, undos, expiry and growth", () => {
  const prng = createPrng(7);
  const next = () => Math.floor(prng() * 2 ** 32);
  const undo = new UndoLog();
  let now = 1_000_000;
  const table = new RecentTransactions(undo, now);
  const model = new Map<string, number>();
  const known: Uint8Array[] = [];
  for (let block = 0; block < 400; block++) {
    for (let i = 0; i < 150; i++) {
      const reuse = known.length > 0 && next() % 5 === 0;
      const id = reuse ? known[next() % known.length] : randomId(next);
      const hex = bytesToHex(id);
      const live = model.has(hex);
      assert.equal(table.has(id), live);
      if (live) continue;
      const expiration = now + 1 + (next() % 120);
      const fail = next() % 4 === 0;
      try {
        undo.atomically(() => {
          table.add(id, expiration);
          if (fail) throw new Error("undo me");
        });
      } catch {
        // The add was undone.
      }
      if (!fail) {
        model.set(hex, expiration);
        if (!reuse) known.push(id);
      }
      assert.equal(table.has(id), !fail);
    }
    const previous = now;
    now += 3;
    table.clearExpired(previous, now, 3600);
    for (const [hex, expiration] of model) if (expiration <= now) model.delete(hex);
    assert.equal(table.size, model.size);
  }
  const entries = new Map(table.entries());
  assert.deepEqual(entries, model);
  for (const id of known) assert.equal(table.has(id), model.has(bytesToHex(id)));
  // A fresh table loaded from snapshot sections (several, small) answers the same.
  const loaded = new RecentTransactions(new UndoLog(), now);
  for (const section of table.exportSections(100)) loaded.loadSection(section);
  assert.equal(loaded.size, table.size);
  for (const id of known) assert.equal(loaded.has(id), model.has(bytesToHex(id)));
});

test("an expired id may be added again, and that add is undoable", () => {
  const undo = new UndoLog();
  const table = new RecentTransactions(undo, 100);
  const id = new Uint8Array(20).fill(9);
  table.add(id, 103);
  table.clearExpired(100, 103, 3600);
  assert.equal(table.has(id), false);
  assert.throws(() => undo.atomically(() => {
    table.add(id, 200);
    assert.equal(table.has(id), true);
    throw new Error("undo");
  }));
  assert.equal(table.has(id), false);
  assert.equal(table.size, 0);
  assert.throws(() => table.add(id, 103), RangeError);
});
