// Checks that snapshots round-trip, only the newest two are kept, and a torn or damaged newest snapshot
// falls back to the one before it.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { readLatestSnapshot, writeSnapshot } from "./snapshot-store.ts";

function createTempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), "kettle-snapshot-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function createPayload(blockNum: number, size = 1000): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (blockNum + i * 13) & 255;
  return bytes;
}

function getSnapshotPath(dir: string, blockNum: number): string {
  return join(dir, `snapshot-${blockNum}.bin`);
}

test("a missing or empty directory has no snapshot", (t) => {
  const dir = createTempDir(t);
  assert.equal(readLatestSnapshot(join(dir, "absent")), null);
  assert.equal(readLatestSnapshot(dir), null);
});

test("a snapshot round-trips, with a 24-byte header, including an empty payload", (t) => {
  const dir = createTempDir(t);
  writeSnapshot(join(dir, "state"), 7, createPayload(7));
  assert.deepEqual(readLatestSnapshot(join(dir, "state")), { blockNum: 7, bytes: createPayload(7) });
  assert.equal(statSync(getSnapshotPath(join(dir, "state"), 7)).size, 24 + 1000);
  assert.equal(readFileSync(getSnapshotPath(join(dir, "state"), 7)).subarray(0, 8).toString(), "KTLSNAP1");
  writeSnapshot(dir, 0, new Uint8Array(0));
  assert.deepEqual(readLatestSnapshot(dir), { blockNum: 0, bytes: new Uint8Array(0) });
});

test("only the newest two snapshots are kept", (t) => {
  const dir = createTempDir(t);
  for (const blockNum of [100, 200, 300, 1000]) writeSnapshot(dir, blockNum, createPayload(blockNum));
  assert.deepEqual(readdirSync(dir).sort(), ["snapshot-1000.bin", "snapshot-300.bin"]);
  assert.deepEqual(readLatestSnapshot(dir), { blockNum: 1000, bytes: createPayload(1000) });
  assert.deepEqual(readLatestSnapshot(dir, 999), { blockNum: 300, bytes: createPayload(300) });
  assert.equal(readLatestSnapshot(dir, 299), null);
});

test("a torn or damaged newest snapshot falls back to the previous one", (t) => {
  const damages: [string, (path: string) => void][] = [
    ["cut mid-payload", (path) => truncateSync(path, 24 + 500)],
    ["cut mid-header", (path) => truncateSync(path, 10)],
    ["empty file", (path) => truncateSync(path, 0)],
    ["payload byte flipped", (path) => flipByte(path, 24 + 700)],
    ["magic damaged", (path) => flipByte(path, 0)],
    ["block number damaged", (path) => flipByte(path, 8)],
    ["length damaged", (path) => flipByte(path, 16)],
    ["bytes appended", (path) => writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.from([1, 2, 3])]))],
  ];
  for (const [label, damage] of damages) {
    const dir = createTempDir(t);
    writeSnapshot(dir, 10, createPayload(10));
    writeSnapshot(dir, 20, createPayload(20));
    damage(getSnapshotPath(dir, 20));
    assert.deepEqual(readLatestSnapshot(dir), { blockNum: 10, bytes: createPayload(10) }, label);
    damage(getSnapshotPath(dir, 10));
    assert.equal(readLatestSnapshot(dir), null, label);
  }
});

function flipByte(path: string, offset: number): void {
  const bytes = readFileSync(path);
  bytes[offset] ^= 0x40;
  writeFileSync(path, bytes);
}

test("a file under another block's name is rejected, and leftover temporary files are ignored then removed", (t) => {
  const dir = createTempDir(t);
  writeSnapshot(dir, 5, createPayload(5));
  writeSnapshot(dir, 6, createPayload(6));
  writeFileSync(getSnapshotPath(dir, 9), readFileSync(getSnapshotPath(dir, 6)));
  writeFileSync(join(dir, "snapshot-12.bin.tmp"), createPayload(12));
  assert.equal(readLatestSnapshot(dir)?.blockNum, 6);
  writeSnapshot(dir, 8, createPayload(8));
  assert.deepEqual(readdirSync(dir).sort(), ["snapshot-6.bin", "snapshot-8.bin"], "9 is above the new head, so it goes");
});

test("writing a lower block number drops snapshots above it, which describe dropped blocks", (t) => {
  const dir = createTempDir(t);
  for (const blockNum of [10, 20, 30]) writeSnapshot(dir, blockNum, createPayload(blockNum));
  writeSnapshot(dir, 25, createPayload(25));
  assert.deepEqual(readdirSync(dir).sort(), ["snapshot-20.bin", "snapshot-25.bin"]);
  writeSnapshot(dir, 25, createPayload(26));
  assert.deepEqual(readLatestSnapshot(dir), { blockNum: 25, bytes: createPayload(26) }, "rewriting replaces");
});
