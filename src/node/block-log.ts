/**
 * The node's block log: blocks stored as opaque bytes, one checksummed record per block, in `blocks.log`.
 * The caller hashes and links blocks; this file only guarantees that what was flushed comes back intact,
 * in order, after any crash. `blocks.index` (u64 LE offsets) lets a large log open without a full scan; it is
 * a hint that is checked on open and rebuilt when it disagrees with the data file.
 */
import { constants, closeSync, fdatasyncSync, ftruncateSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import { assert } from "../stdx/assert.ts";
import {
  BlockLogCorruptionError,
  type OffsetTable,
  checkRecord,
  encodeIndexEntries,
  encodeRecordFrame,
  payloadLength,
  indexEntryBytes,
  pushOffset,
  recordHeaderBytes,
  recordOverheadBytes,
  recordPayloadBytesMax,
} from "./block-log-record.ts";
import { recoverBlockLog } from "./block-log-recovery.ts";
import { readUpTo, syncDirectory, writeAllFully, writeFully } from "./file-io.ts";

export { BlockLogCorruptionError, recordPayloadBytesMax as blockLogPayloadBytesMax };
export type { RecordFault as BlockLogRecordFault } from "./block-log-record.ts";

/** One block as read back from the log. */
export type BlockLogEntry = { blockNum: number; bytes: Uint8Array };

/** Block numbers are stored as u32, as Steem's are. */
const blockNumMax = 2 ** 32 - 1;

/** readRange reads about this many bytes per system call, so replay costs few calls per block. */
const rangeChunkBytes = 1 << 20;

/**
 * An open block log. Blocks are numbered 1, 2, 3…; `append` writes through to the OS at once (so reads see
 * it), and `flush` is the durability point: one fdatasync covers every append since the last flush.
 * One process may have a log open at a time; nothing here guards against a second writer.
 */
export class BlockLog {
  readonly #dataPath: string;
  readonly #dataFd: number;
  readonly #indexFd: number;
  readonly #offsets: OffsetTable;
  #dataBytes: number;
  /** How many offsets blocks.index holds; entries are written after the data they point at is synced. */
  #indexedCount: number;
  #unsynced = false;
  #closed = false;

  private constructor(dataPath: string, dataFd: number, indexFd: number, offsets: OffsetTable, dataBytes: number) {
    this.#dataPath = dataPath;
    this.#dataFd = dataFd;
    this.#indexFd = indexFd;
    this.#offsets = offsets;
    this.#dataBytes = dataBytes;
    this.#indexedCount = offsets.count;
  }

  /**
   * Opens (creating when missing) the log in `dir`, truncating a torn tail left by a crash.
   * Throws BlockLogCorruptionError when damage sits before valid blocks, since cutting it would drop them.
   */
  static open(dir: string): BlockLog {
    mkdirSync(dir, { recursive: true });
    const dataPath = join(dir, "blocks.log");
    const flags = constants.O_RDWR | constants.O_CREAT;
    const dataFd = openSync(dataPath, flags, 0o644);
    let indexFd: number | null = null;
    try {
      indexFd = openSync(join(dir, "blocks.index"), flags, 0o644);
      // A newly created file is only sure to exist after a crash once its directory entry is synced.
      syncDirectory(dir);
      const recovered = recoverBlockLog(dataFd, indexFd, dataPath);
      return new BlockLog(dataPath, dataFd, indexFd, recovered.offsets, recovered.dataBytes);
    } catch (error) {
      closeSync(dataFd);
      if (indexFd !== null) closeSync(indexFd);
      throw error;
    }
  }

  /** Number of the last block stored (flushed or not); 0 when the log is empty. */
  get head(): number {
    return this.#offsets.count;
  }

  /**
   * Writes block `blockNum`, which must be head + 1: its bytes, or consecutive parts of them. Not durable
   * until `flush`.
   */
  append(blockNum: number, bytes: Uint8Array | readonly Uint8Array[]): void {
    this.#assertOpen();
    const parts = bytes instanceof Uint8Array ? [bytes] : bytes;
    const length = payloadLength(parts);
    assert(blockNum === this.head + 1, `block log append out of order: got ${blockNum}, head is ${this.head}`);
    assert(blockNum <= blockNumMax, "block number exceeds u32");
    assert(length <= recordPayloadBytesMax, `block of ${length} bytes exceeds ${recordPayloadBytesMax}`);
    // Header, payload and trailer go out in one writev: a block of megabytes is not copied into a record.
    const [header, trailer] = encodeRecordFrame(blockNum, parts);
    writeAllFully(this.#dataFd, [header, ...parts, trailer], this.#dataBytes);
    pushOffset(this.#offsets, this.#dataBytes);
    this.#dataBytes += header.length + length + trailer.length;
    this.#unsynced = true;
  }

  /** Appends consecutive blocks starting at head + 1; still one fdatasync only at the next `flush`. */
  appendMany(blocks: Iterable<Uint8Array>): void {
    for (const bytes of blocks) this.append(this.head + 1, bytes);
  }

  /**
   * Makes every appended block durable with one fdatasync, then records their offsets in blocks.index.
   * The index is not synced: it is verified on open, so a stale or torn index costs a scan, never a block.
   * A failed fdatasync leaves unknown what reached the disk, so its error propagates for the caller to stop
   * the node rather than retry and believe a later success.
   */
  flush(): void {
    this.#assertOpen();
    if (this.#unsynced) fdatasyncSync(this.#dataFd);
    this.#unsynced = false;
    const count = this.#offsets.count;
    if (this.#indexedCount < count) {
      const entries = encodeIndexEntries(this.#offsets, this.#indexedCount, count);
      writeFully(this.#indexFd, entries, this.#indexedCount * indexEntryBytes);
      this.#indexedCount = count;
    }
  }

  /** The bytes of block `blockNum`, or null when it is not in the log. Throws when its record is damaged. */
  read(blockNum: number): Uint8Array | null {
    this.#assertOpen();
    if (!Number.isSafeInteger(blockNum) || blockNum < 1 || blockNum > this.head) return null;
    const offset = this.#offsets.values[blockNum - 1];
    const record = readUpTo(this.#dataFd, this.#getRecordEnd(blockNum) - offset, offset);
    return this.#getPayload(record, 0, blockNum, offset);
  }

  /**
   * Yields blocks `from` through `to` inclusive (clamped to head), reading about a megabyte per call.
   * Each entry's bytes are its own copy, so holding one block does not pin the chunk it came from.
   */
  *readRange(from: number, to: number): Generator<BlockLogEntry> {
    assert(Number.isSafeInteger(from) && from >= 1, `readRange from must be a block number, got ${from}`);
    let blockNum = from;
    while (blockNum <= Math.min(to, this.head)) {
      this.#assertOpen();
      const last = Math.min(to, this.head);
      const start = this.#offsets.values[blockNum - 1];
      let end = blockNum;
      while (end < last && this.#getRecordEnd(end + 1) - start <= rangeChunkBytes) end += 1;
      const chunk = readUpTo(this.#dataFd, this.#getRecordEnd(end) - start, start);
      for (; blockNum <= end; blockNum++) {
        const offset = this.#offsets.values[blockNum - 1];
        const payload = this.#getPayload(chunk, offset - start, blockNum, offset);
        yield { blockNum, bytes: payload.slice() };
      }
    }
  }

  /**
   * Drops every block after `blockNum` (0 empties the log) and syncs the cut, for tests and for recovery
   * when the caller finds blocks it must not keep.
   */
  truncateAfter(blockNum: number): void {
    this.#assertOpen();
    assert(Number.isSafeInteger(blockNum) && blockNum >= 0 && blockNum <= this.head, `cannot truncate after block ${blockNum}`);
    const end = blockNum === 0 ? 0 : this.#getRecordEnd(blockNum);
    ftruncateSync(this.#dataFd, end);
    fdatasyncSync(this.#dataFd);
    this.#indexedCount = Math.min(this.#indexedCount, blockNum);
    ftruncateSync(this.#indexFd, this.#indexedCount * indexEntryBytes);
    this.#offsets.count = blockNum;
    this.#dataBytes = end;
    this.#unsynced = false;
  }

  /** Flushes what is pending and closes the files; later calls on this log throw. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.flush();
    this.#closed = true;
    closeSync(this.#dataFd);
    closeSync(this.#indexFd);
  }

  /** Byte offset just past block `blockNum`'s record. */
  #getRecordEnd(blockNum: number): number {
    return blockNum < this.#offsets.count ? this.#offsets.values[blockNum] : this.#dataBytes;
  }

  /** Checks the record at `at` in `bytes` against the offset table and returns a view of its payload. */
  #getPayload(bytes: Uint8Array, at: number, blockNum: number, offset: number): Uint8Array {
    const expectedBytes = this.#getRecordEnd(blockNum) - offset;
    const result = checkRecord(bytes.subarray(at, at + expectedBytes), 0, blockNum);
    if (result !== expectedBytes) {
      const fault = typeof result === "number" ? "bad_length" : result;
      const detail = "the record is damaged, or blocks.index is (delete blocks.index and reopen to rebuild it)";
      throw new BlockLogCorruptionError(this.#dataPath, offset, blockNum, fault, detail);
    }
    return bytes.subarray(at + recordHeaderBytes, at + expectedBytes - (recordOverheadBytes - recordHeaderBytes));
  }

  #assertOpen(): void {
    assert(!this.#closed, "block log is closed");
  }
}
