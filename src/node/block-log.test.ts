// Checks that the block log returns exactly what was appended across reopens, repairs every kind of torn tail
// a crash can leave, refuses to drop blocks behind damage in the middle, and survives a damaged index file.
import assert from "node:assert/strict";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { encodeRecord } from "./block-log-record.ts";
import { BlockLog, BlockLogCorruptionError } from "./block-log.ts";

function createTempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), "kettle-block-log-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Deterministic, size-varying block bytes so a block read from the wrong place is noticed. */
function createBlock(blockNum: number, size = 1 + ((blockNum * 37) % 300)): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (blockNum * 31 + i * 7) & 255;
  return bytes;
}

/** Writes blocks 1..count into a fresh log in `dir`, flushing after each, and closes it. */
function writeBlocks(dir: string, count: number): void {
  const log = BlockLog.open(dir);
  for (let n = 1; n <= count; n++) {
    log.append(n, createBlock(n));
    log.flush();
  }
  log.close();
}

function getDataPath(dir: string): string {
  return join(dir, "blocks.log");
}

/** Byte offset where block `blockNum`'s record starts, given createBlock's sizes. */
function getRecordOffset(blockNum: number): number {
  let offset = 0;
  for (let n = 1; n < blockNum; n++) offset += 12 + createBlock(n).length;
  return offset;
}

function patchFile(path: string, offset: number, patch: (byte: number) => number): void {
  const bytes = readFileSync(path);
  bytes[offset] = patch(bytes[offset]);
  writeFileSync(path, bytes);
}

function appendToFile(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, "a");
  writeSync(fd, bytes);
  closeSync(fd);
}

function assertBlocks(log: BlockLog, count: number): void {
  assert.equal(log.head, count);
  for (let n = 1; n <= count; n++) assert.deepEqual(log.read(n), createBlock(n), `block ${n}`);
}

test("an empty log has head 0 and reads nothing", (t) => {
  const log = BlockLog.open(join(createTempDir(t), "nested", "chain"));
  assert.equal(log.head, 0);
  assert.equal(log.read(1), null);
  assert.deepEqual([...log.readRange(1, 10)], []);
  log.close();
});

test("appended blocks read back before and after reopening, and appending resumes at head + 1", (t) => {
  const dir = createTempDir(t);
  writeBlocks(dir, 5);
  const log = BlockLog.open(dir);
  assertBlocks(log, 5);
  for (const n of [0, -1, 6, 1.5, Number.NaN]) assert.equal(log.read(n), null);
  log.append(6, createBlock(6));
  assert.deepEqual(log.read(6), createBlock(6), "unflushed blocks are readable");
  log.flush();
  log.close();
  assertBlocks(BlockLog.open(dir), 6);
});

test("a block appended as parts is stored as the one record of their concatenation", (t) => {
  const dir = createTempDir(t);
  const log = BlockLog.open(dir);
  const whole = createBlock(1, 1000);
  log.append(1, [whole.subarray(0, 10), whole.subarray(10, 10), whole.subarray(10, 999), whole.subarray(999)]);
  log.append(2, createBlock(2));
  log.flush();
  log.close();
  assert.deepEqual(readFileSync(getDataPath(dir)).subarray(0, 1012), Buffer.from(encodeRecord(1, whole)));
  const reopened = BlockLog.open(dir);
  assert.deepEqual(reopened.read(1), whole);
  assert.deepEqual(reopened.read(2), createBlock(2));
  reopened.close();
});

test("append rejects a block number other than head + 1", (t) => {
  const log = BlockLog.open(createTempDir(t));
  assert.throws(() => log.append(2, createBlock(2)), /out of order/);
  log.append(1, createBlock(1));
  assert.throws(() => log.append(1, createBlock(1)), /out of order/);
  log.close();
  assert.throws(() => log.append(2, createBlock(2)), /closed/);
});

test("appendMany then one flush stores every block; an empty payload is allowed", (t) => {
  const dir = createTempDir(t);
  const log = BlockLog.open(dir);
  log.appendMany([createBlock(1), new Uint8Array(0), createBlock(3)]);
  log.flush();
  log.close();
  const reopened = BlockLog.open(dir);
  assert.equal(reopened.head, 3);
  assert.deepEqual(reopened.read(2), new Uint8Array(0));
  assert.deepEqual(reopened.read(3), createBlock(3));
  reopened.close();
});

test("10,000 blocks survive reopening, with the index and when it is rebuilt by a scan", (t) => {
  const dir = createTempDir(t);
  const log = BlockLog.open(dir);
  for (let n = 1; n <= 10_000; n++) {
    log.append(n, createBlock(n));
    if (n % 10 === 0) log.flush();
  }
  log.close();
  const indexBytes = readFileSync(join(dir, "blocks.index"));
  assert.equal(indexBytes.length, 10_000 * 8);
  for (const removeIndex of [false, true]) {
    if (removeIndex) unlinkSync(join(dir, "blocks.index"));
    const reopened = BlockLog.open(dir);
    assert.equal(reopened.head, 10_000);
    let expected = 1;
    for (const entry of reopened.readRange(1, 10_000)) {
      assert.equal(entry.blockNum, expected);
      assert.deepEqual(entry.bytes, createBlock(expected));
      expected += 1;
    }
    assert.equal(expected, 10_001);
    assert.deepEqual(reopened.read(7_777), createBlock(7_777));
    reopened.close();
    assert.deepEqual(readFileSync(join(dir, "blocks.index")), indexBytes, "index rebuilt identically");
  }
});

test("readRange clamps to head and yields nothing when from is past to", (t) => {
  const dir = createTempDir(t);
  writeBlocks(dir, 20);
  const log = BlockLog.open(dir);
  assert.deepEqual([...log.readRange(18, 100)].map((e) => e.blockNum), [18, 19, 20]);
  assert.deepEqual([...log.readRange(5, 4)], []);
  assert.throws(() => [...log.readRange(0, 3)], /from must be/);
  log.close();
});

/** Each way a crash (or a stray write past the end) can leave the tail, applied to a 50-block log. */
const tornTails: { name: string; survivors: number; damage: (path: string) => void }[] = [
  { name: "file cut in the middle of the last record", survivors: 49, damage: (path) => truncateSync(path, statSync(path).size - 5) },
  { name: "file cut inside the last record's header", survivors: 49, damage: (path) => truncateSync(path, getRecordOffset(50) + 3) },
  { name: "garbage appended after the last record", survivors: 50, damage: (path) => appendToFile(path, createBlock(999, 777)) },
  { name: "a few bytes of a next header", survivors: 50, damage: (path) => appendToFile(path, new Uint8Array([9, 0, 0, 0, 51])) },
  { name: "a crc byte of the last record flipped", survivors: 49, damage: (path) => patchFile(path, statSync(path).size - 2, (b) => b ^ 0xff) },
  { name: "a payload byte of the last record flipped", survivors: 49, damage: (path) => patchFile(path, getRecordOffset(50) + 12, (b) => b ^ 1) },
  { name: "a valid record with a skipped number appended", survivors: 50, damage: (path) => appendToFile(path, encodeRecord(52, createBlock(52))) },
  { name: "a valid record repeating the last number appended", survivors: 50, damage: (path) => appendToFile(path, encodeRecord(50, createBlock(50))) },
];

for (const { name, survivors, damage } of tornTails) {
  for (const withIndex of [true, false]) {
    test(`torn tail is cut on reopen: ${name}${withIndex ? "" : " (no index file)"}`, (t) => {
      const dir = createTempDir(t);
      writeBlocks(dir, 50);
      const cleanBytes = statSync(getDataPath(dir)).size;
      damage(getDataPath(dir));
      if (!withIndex) unlinkSync(join(dir, "blocks.index"));
      const log = BlockLog.open(dir);
      assertBlocks(log, survivors);
      const expectedBytes = survivors === 50 ? cleanBytes : getRecordOffset(50);
      assert.equal(statSync(getDataPath(dir)).size, expectedBytes, "the tail is truncated away");
      assert.equal(statSync(join(dir, "blocks.index")).size, survivors * 8, "the index matches");
      for (let n = survivors + 1; n <= 51; n++) log.append(n, createBlock(n));
      log.close();
      assertBlocks(BlockLog.open(dir), 51);
    });
  }
}

test("damage followed by valid blocks makes open throw (scan) and read throw (index)", (t) => {
  const damages: [string, (path: string) => void][] = [
    ["payload byte", (path) => patchFile(path, getRecordOffset(40) + 15, (b) => b ^ 1)],
    ["length field", (path) => patchFile(path, getRecordOffset(40), (b) => b ^ 0x10)],
    ["block number", (path) => patchFile(path, getRecordOffset(40) + 4, (b) => b ^ 1)],
  ];
  for (const [label, damage] of damages) {
    const dir = createTempDir(t);
    writeBlocks(dir, 100);
    damage(getDataPath(dir));
    // With the index the damaged block is not scanned on open, so it must be caught when read.
    const log = BlockLog.open(dir);
    assert.equal(log.head, 100, label);
    assert.deepEqual(log.read(39), createBlock(39));
    assert.deepEqual(log.read(41), createBlock(41));
    assert.throws(() => log.read(40), (e) => e instanceof BlockLogCorruptionError && e.blockNum === 40, label);
    assert.throws(() => [...log.readRange(1, 100)], BlockLogCorruptionError, label);
    log.close();
    unlinkSync(join(dir, "blocks.index"));
    const sizeBefore = statSync(getDataPath(dir)).size;
    assert.throws(
      () => BlockLog.open(dir),
      (e) => e instanceof BlockLogCorruptionError && e.blockNum === 40 && e.offset === getRecordOffset(40) && /valid blocks follow/.test(e.message),
      label,
    );
    assert.equal(statSync(getDataPath(dir)).size, sizeBefore, "nothing is truncated when open refuses");
  }
});

test("a damaged or stale index file is detected and rebuilt", (t) => {
  const dir = createTempDir(t);
  writeBlocks(dir, 30);
  const indexPath = join(dir, "blocks.index");
  const goodIndex = readFileSync(indexPath);
  const damagedIndexes = [
    createBlock(1, 240), // garbage of the right length
    goodIndex.subarray(0, 10 * 8 + 3), // stale and torn: the log must be scanned past it
    Buffer.concat([goodIndex, goodIndex.subarray(0, 16)]), // longer than the log
    new Uint8Array(0),
  ];
  for (const damaged of damagedIndexes) {
    writeFileSync(indexPath, damaged);
    const log = BlockLog.open(dir);
    assertBlocks(log, 30);
    log.close();
    assert.deepEqual(readFileSync(indexPath), goodIndex);
  }
});

test("truncateAfter drops later blocks durably and appending continues from there", (t) => {
  const dir = createTempDir(t);
  writeBlocks(dir, 10);
  const log = BlockLog.open(dir);
  log.truncateAfter(4);
  assert.equal(log.head, 4);
  assert.equal(log.read(5), null);
  assert.throws(() => log.truncateAfter(5), /cannot truncate/);
  log.close();
  const reopened = BlockLog.open(dir);
  assertBlocks(reopened, 4);
  reopened.append(5, createBlock(5));
  reopened.truncateAfter(0);
  assert.equal(reopened.head, 0);
  assert.equal(statSync(getDataPath(dir)).size, 0);
  reopened.close();
});
