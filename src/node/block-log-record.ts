/**
 * The block log's on-disk record and its in-memory offset table. A record is
 * [u32 LE payload length][u32 LE block number][payload][u32 LE crc32 of everything before it]; the block
 * number inside each record lets recovery and reads prove that an offset really holds the block asked for.
 */
import { crc32 } from "node:zlib";
import { assert } from "../stdx/assert.ts";

export const recordHeaderBytes = 8;
export const recordTrailerBytes = 4;
export const recordOverheadBytes = recordHeaderBytes + recordTrailerBytes;

/**
 * Largest payload a record may carry. Steem caps a block at 393,216,000 bytes (64 KiB transactions × 3 s ×
 * 2000), so 512 MiB admits any block while letting recovery reject a garbage length before allocating for it.
 */
export const recordPayloadBytesMax = 2 ** 29;

/** Why a record failed to check; `incomplete` means the bytes end before the record does. */
export type RecordFault = "incomplete" | "bad_length" | "bad_number" | "bad_crc";

/** Builds the full record for one block in a single buffer. */
export function encodeRecord(blockNum: number, payload: Uint8Array): Uint8Array {
  const [header, trailer] = encodeRecordFrame(blockNum, [payload]);
  const record = new Uint8Array(recordOverheadBytes + payload.length);
  record.set(header);
  record.set(payload, recordHeaderBytes);
  record.set(trailer, recordHeaderBytes + payload.length);
  return record;
}

/** The payload's length when given as consecutive parts. */
export function payloadLength(parts: readonly Uint8Array[]): number {
  let length = 0;
  for (const part of parts) length += part.length;
  return length;
}

/**
 * The header and trailer that frame a payload, given as consecutive parts, as block `blockNum`'s record
 * (written around the parts, uncopied).
 */
export function encodeRecordFrame(blockNum: number, parts: readonly Uint8Array[]): [Uint8Array, Uint8Array] {
  const header = new Uint8Array(recordHeaderBytes);
  const view = new DataView(header.buffer);
  view.setUint32(0, payloadLength(parts), true);
  view.setUint32(4, blockNum, true);
  let checksum = crc32(header);
  for (const part of parts) checksum = crc32(part, checksum);
  const trailer = new Uint8Array(recordTrailerBytes);
  new DataView(trailer.buffer).setUint32(0, checksum, true);
  return [header, trailer];
}

/**
 * Checks the record starting at `at` within `bytes` (which may hold more records after it). Returns the
 * record's total size in bytes, or the first fault found. The number is checked before completeness so a
 * record from the wrong place is recognised without reading a possibly huge, bogus length's worth of bytes.
 */
export function checkRecord(bytes: Uint8Array, at: number, expectedBlockNum: number): number | RecordFault {
  const available = bytes.length - at;
  if (available < recordHeaderBytes) return "incomplete";
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, available);
  const payloadBytes = view.getUint32(0, true);
  if (payloadBytes > recordPayloadBytesMax) return "bad_length";
  if (view.getUint32(4, true) !== expectedBlockNum) return "bad_number";
  const recordBytes = recordOverheadBytes + payloadBytes;
  if (available < recordBytes) return "incomplete";
  const checksum = crc32(bytes.subarray(at, at + recordHeaderBytes + payloadBytes));
  if (view.getUint32(recordHeaderBytes + payloadBytes, true) !== checksum) return "bad_crc";
  return recordBytes;
}

/** The payload length a record header declares, or null when fewer than a header's bytes are present. */
export function getDeclaredRecordBytes(bytes: Uint8Array, at: number): number | null {
  if (bytes.length - at < recordHeaderBytes) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, recordHeaderBytes);
  return recordOverheadBytes + view.getUint32(0, true);
}

/**
 * File offsets of records, block n at index n-1. A Float64Array holds every offset exactly up to 2^53 bytes
 * and costs 8 bytes a block, where an array of objects would cost several times that and burden the GC.
 */
export type OffsetTable = { values: Float64Array; count: number };

export function createOffsetTable(capacity = 1024): OffsetTable {
  return { values: new Float64Array(Math.max(capacity, 16)), count: 0 };
}

export function pushOffset(table: OffsetTable, offset: number): void {
  if (table.count === table.values.length) {
    const grown = new Float64Array(table.values.length * 2);
    grown.set(table.values);
    table.values = grown;
  }
  table.values[table.count] = offset;
  table.count += 1;
}

export const indexEntryBytes = 8;

/** Encodes offsets [from, to) of the table as u64 LE index-file entries. */
export function encodeIndexEntries(table: OffsetTable, from: number, to: number): Uint8Array {
  assert(0 <= from && from <= to && to <= table.count, "index entry range out of bounds");
  const out = new Uint8Array((to - from) * indexEntryBytes);
  const view = new DataView(out.buffer);
  for (let i = from; i < to; i++) {
    const offset = table.values[i];
    const at = (i - from) * indexEntryBytes;
    view.setUint32(at, offset % 2 ** 32, true);
    view.setUint32(at + 4, Math.floor(offset / 2 ** 32), true);
  }
  return out;
}

/** Decodes u64 LE index-file entries into a fresh table; entries past 2^53 cannot be offsets and stop it. */
export function decodeIndexEntries(bytes: Uint8Array): OffsetTable {
  const count = Math.floor(bytes.length / indexEntryBytes);
  const table = createOffsetTable(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let i = 0; i < count; i++) {
    const high = view.getUint32(i * indexEntryBytes + 4, true);
    if (high >= 2 ** 21) break;
    pushOffset(table, high * 2 ** 32 + view.getUint32(i * indexEntryBytes, true));
  }
  return table;
}

/** The block log holds damage that is not a torn tail, so opening or reading it would lose or invent blocks. */
export class BlockLogCorruptionError extends Error {
  override name = "BlockLogCorruptionError";
  constructor(
    readonly path: string,
    readonly offset: number,
    readonly blockNum: number,
    readonly fault: RecordFault,
    detail: string,
  ) {
    super(`${path} is corrupt at byte ${offset} (block ${blockNum}: ${fault}); ${detail}`);
  }
}
