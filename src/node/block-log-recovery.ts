/**
 * Rebuilds the block log's offset table when it is opened, and repairs what a crash can leave behind.
 * A crash can only damage records written after the last fdatasync, which sit at the end of the file, so a
 * bad record with no valid record after it is a torn tail and is cut away. A bad record followed by valid ones
 * is damage a crash cannot cause (disk rot, a stray write), and dropping the blocks after it would silently
 * rewrite history, so it is reported instead.
 */
import { fdatasyncSync, fstatSync, ftruncateSync } from "node:fs";
import { readUpTo, writeFully } from "./file-io.ts";
import {
  BlockLogCorruptionError,
  type OffsetTable,
  type RecordFault,
  checkRecord,
  createOffsetTable,
  decodeIndexEntries,
  encodeIndexEntries,
  getDeclaredRecordBytes,
  indexEntryBytes,
  pushOffset,
  recordOverheadBytes,
  recordPayloadBytesMax,
} from "./block-log-record.ts";

/** Bytes read per step while scanning; big enough that a replay-sized scan is a few thousand reads. */
const scanChunkBytes = 1 << 20;

/** How many index entries from the end recovery tries before giving up on the index and scanning it all. */
const indexVerifyAttemptsMax = 16;

export type RecoveredBlockLog = { offsets: OffsetTable; dataBytes: number };

/**
 * Builds the offset table for an open data file, trusting the index file's prefix where its last entry
 * checks out and scanning the rest, truncates a torn tail, and brings the index file in line with the result.
 */
export function recoverBlockLog(dataFd: number, indexFd: number, dataPath: string): RecoveredBlockLog {
  const fileBytes = fstatSync(dataFd).size;
  const trusted = loadTrustedIndex(indexFd, dataFd, fileBytes);
  const offsets = trusted.offsets;
  const trustedCount = offsets.count;
  const scan = scanRecords(dataFd, fileBytes, offsets, trusted.endOffset);
  if (scan.fault !== null) {
    if (hasValidRecordAfter(dataFd, scan.endOffset + 1, fileBytes, offsets.count)) {
      const detail = "valid blocks follow it, so it is not a torn tail; restore the log from a backup or a peer";
      throw new BlockLogCorruptionError(dataPath, scan.endOffset, offsets.count + 1, scan.fault, detail);
    }
    ftruncateSync(dataFd, scan.endOffset);
    fdatasyncSync(dataFd);
  }
  writeFully(indexFd, encodeIndexEntries(offsets, trustedCount, offsets.count), trustedCount * indexEntryBytes);
  ftruncateSync(indexFd, offsets.count * indexEntryBytes);
  return { offsets, dataBytes: scan.endOffset };
}

/**
 * Reads the index file and keeps the longest prefix whose offsets start at 0 and rise by at least a record's
 * overhead, then walks back from its end to the first entry whose record really is that block. The index is
 * written after each fdatasync without a sync of its own, so only its tail can be stale or torn; an index
 * that fails this check is thrown away and the data file scanned from the start.
 */
function loadTrustedIndex(indexFd: number, dataFd: number, fileBytes: number): { offsets: OffsetTable; endOffset: number } {
  const indexBytes = fstatSync(indexFd).size;
  const offsets = decodeIndexEntries(readUpTo(indexFd, indexBytes - (indexBytes % indexEntryBytes), 0));
  let plausible = offsets.count > 0 && offsets.values[0] === 0 ? 1 : 0;
  while (plausible < offsets.count) {
    const offset = offsets.values[plausible];
    if (offset - offsets.values[plausible - 1] < recordOverheadBytes || offset >= fileBytes) break;
    plausible += 1;
  }
  const lowest = Math.max(1, plausible - indexVerifyAttemptsMax + 1);
  for (let blockNum = plausible; blockNum >= lowest; blockNum--) {
    const offset = offsets.values[blockNum - 1];
    const recordBytes = checkRecordAt(dataFd, offset, blockNum, fileBytes);
    if (recordBytes !== null) {
      offsets.count = blockNum;
      return { offsets, endOffset: offset + recordBytes };
    }
  }
  return { offsets: createOffsetTable(), endOffset: 0 };
}

/** Reads and checks one record in the data file; returns its size, or null when it is not block `blockNum`. */
function checkRecordAt(fd: number, offset: number, blockNum: number, fileBytes: number): number | null {
  const header = readUpTo(fd, Math.min(recordOverheadBytes, fileBytes - offset), offset);
  const recordBytes = getDeclaredRecordBytes(header, 0);
  if (recordBytes === null || recordBytes - recordOverheadBytes > recordPayloadBytesMax) return null;
  if (offset + recordBytes > fileBytes) return null;
  const result = checkRecord(readUpTo(fd, recordBytes, offset), 0, blockNum);
  return result === recordBytes ? recordBytes : null;
}

/**
 * Appends the offset of every good record from `startOffset` on, in chunks. Stops at the end of the file or
 * the first fault; `endOffset` is then where the good records end.
 */
export function scanRecords(fd: number, fileBytes: number, offsets: OffsetTable, startOffset: number): { endOffset: number; fault: RecordFault | null } {
  let position = startOffset;
  let buffer: Uint8Array = new Uint8Array(0);
  let bufferStart = startOffset;
  while (position < fileBytes) {
    const within = position - bufferStart;
    const result = checkRecord(buffer, within, offsets.count + 1);
    if (result === "incomplete" && bufferStart + buffer.length < fileBytes) {
      // Refill from this record's start with room for all of it, so every record is checked in one piece.
      const wanted = Math.max(scanChunkBytes, getDeclaredRecordBytes(buffer, within) ?? 0);
      buffer = readUpTo(fd, Math.min(wanted, fileBytes - position), position);
      bufferStart = position;
      continue;
    }
    if (typeof result !== "number") return { endOffset: position, fault: result };
    pushOffset(offsets, position);
    position += result;
  }
  return { endOffset: position, fault: null };
}

/**
 * Searches every byte offset from `from` to the end of the file for a valid record numbered after
 * `afterBlockNum`. It runs only once a fault is found, and a torn tail is short, so its cost is rarely felt;
 * a random false match needs a matching number, length and crc32 at once.
 */
function hasValidRecordAfter(fd: number, from: number, fileBytes: number, afterBlockNum: number): boolean {
  const blockNumMax = afterBlockNum + Math.ceil((fileBytes - from) / recordOverheadBytes);
  for (let chunkStart = from; chunkStart < fileBytes; chunkStart += scanChunkBytes) {
    // Read a header's worth past the chunk so headers straddling the boundary are seen too.
    const chunk = readUpTo(fd, Math.min(scanChunkBytes + recordOverheadBytes, fileBytes - chunkStart), chunkStart);
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.length);
    for (let at = 0; at < scanChunkBytes && at + recordOverheadBytes <= chunk.length; at++) {
      const blockNum = view.getUint32(at + 4, true);
      if (blockNum <= afterBlockNum || blockNum > blockNumMax) continue;
      if (checkRecordAt(fd, chunkStart + at, blockNum, fileBytes) !== null) return true;
    }
  }
  return false;
}
