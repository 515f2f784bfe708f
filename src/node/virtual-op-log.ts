/**
 * The virtual operations of every block, in a log beside the block log (`virtual-ops.log`): one record a
 * block, in the block log's record format, holding each operation's transaction index, operation index and
 * bytes. Virtual operations follow from the blocks, so the file is derived data like a snapshot: it is
 * fsynced with the block log (before any snapshot that relies on it), cut back to the state a restart
 * resumes from, and refilled by replaying the blocks after it.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync } from "node:fs";
import { join } from "node:path";
import type { VirtualOperationRecord } from "../core/chain/virtual-ops.ts";
import { ByteReader } from "../core/encoding/byte-reader.ts";
import { ByteWriter } from "../core/encoding/byte-writer.ts";
import { readValue, writeValue } from "../core/encoding/codec.ts";
import { type VirtualOperation, virtualOperationSchema } from "../core/protocol/virtual-operation-schemas.ts";
import { type OffsetTable, createOffsetTable, encodeRecord, pushOffset, recordHeaderBytes, recordOverheadBytes } from "./block-log-record.ts";
import { scanRecords } from "./block-log-recovery.ts";
import { readUpTo, writeFully } from "./file-io.ts";

const fileName = "virtual-ops.log";

export class VirtualOpLog {
  private readonly writer = new ByteWriter(1024);
  private dirty = false;

  private constructor(private readonly fd: number, private readonly offsets: OffsetTable, private size: number) {}

  /**
   * Opens (or creates) the log and keeps blocks 1…`keepThrough` — fewer if the file ends earlier or a
   * record is torn; `lastBlock` says how far it holds. Later records are cut off: the caller replays them.
   */
  static open(dataDir: string, keepThrough: number): VirtualOpLog {
    const path = join(dataDir, fileName);
    const fd = openSync(path, existsSync(path) ? "r+" : "w+");
    try {
      const fileSize = fstatSync(fd).size;
      const offsets = createOffsetTable();
      // The same scan as the block log's recovery: records in order up to the first bad or torn one.
      let end = scanRecords(fd, fileSize, offsets, 0).endOffset;
      if (offsets.count > keepThrough) {
        end = offsets.values[keepThrough];
        offsets.count = keepThrough;
      }
      if (end < fileSize) ftruncateSync(fd, end);
      return new VirtualOpLog(fd, offsets, end);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** The last block whose virtual operations the log holds (0 when none). */
  get lastBlock(): number {
    return this.offsets.count;
  }

  /** Appends block `blockNum`'s operations (possibly none); blocks come in order without gaps. */
  append(blockNum: number, records: readonly VirtualOperationRecord[]): void {
    if (blockNum !== this.offsets.count + 1) throw new Error(`virtual-op log: block ${blockNum} after ${this.offsets.count}`);
    const w = this.writer;
    w.reset();
    w.writeVarint32(records.length);
    for (const r of records) {
      w.writeUint32(r.trxInBlock);
      w.writeUint16(r.opInTrx);
      writeValue(w, virtualOperationSchema, r.op);
    }
    const record = encodeRecord(blockNum, w.written());
    writeFully(this.fd, record, this.size);
    pushOffset(this.offsets, this.size);
    this.size += record.length;
    this.dirty = true;
  }

  /** Makes everything appended durable (called with the block log's fsync). */
  flush(): void {
    if (!this.dirty) return;
    fsyncSync(this.fd);
    this.dirty = false;
  }

  /** Block `blockNum`'s virtual operations, in the order they happened; [] for a block not held. */
  read(blockNum: number): VirtualOperationRecord[] {
    if (blockNum < 1 || blockNum > this.offsets.count) return [];
    const at = this.offsets.values[blockNum - 1];
    const end = blockNum < this.offsets.count ? this.offsets.values[blockNum] : this.size;
    const bytes = readUpTo(this.fd, end - at, at);
    const reader = new ByteReader(bytes.subarray(recordHeaderBytes, bytes.length - (recordOverheadBytes - recordHeaderBytes)));
    const count = reader.readVarint32();
    const records: VirtualOperationRecord[] = [];
    for (let i = 0; i < count; i++) {
      const trxInBlock = reader.readUint32();
      const opInTrx = reader.readUint16();
      records.push({ trxInBlock, opInTrx, op: readValue(reader, virtualOperationSchema) as VirtualOperation });
    }
    return records;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
