import { utf8Encode } from "../../stdx/bytes.ts";

/** A growable little-endian byte buffer for fc::raw encoding. */
export class ByteWriter {
  private buffer: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(initialCapacity = 256) {
    this.buffer = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buffer.buffer);
  }

  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  writeUint8(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value & 0xff;
  }

  writeUint16(value: number): void {
    this.reserve(2);
    this.view.setUint16(this.length, value, true);
    this.length += 2;
  }

  writeInt16(value: number): void {
    this.reserve(2);
    this.view.setInt16(this.length, value, true);
    this.length += 2;
  }

  writeUint32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }

  writeInt32(value: number): void {
    this.reserve(4);
    this.view.setInt32(this.length, value, true);
    this.length += 4;
  }

  writeUint64(value: bigint): void {
    this.reserve(8);
    this.view.setBigUint64(this.length, value, true);
    this.length += 8;
  }

  writeInt64(value: bigint): void {
    this.reserve(8);
    this.view.setBigInt64(this.length, value, true);
    this.length += 8;
  }

  writeVarint32(value: number): void {
    let v = value >>> 0;
    while (v >= 0x80) {
      this.writeUint8((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    this.writeUint8(v);
  }

  writeBytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /**
   * A varint length and the UTF-8 bytes. Names, permlinks and most text are ASCII: those are copied
   * character by character, without a TextEncoder call and a new array per string (a cashout block's
   * hundreds of thousands of virtual operations spent most of their encoding time there).
   */
  writeString(text: string): void {
    const length = text.length;
    let ascii = true;
    for (let i = 0; i < length; i++) {
      if (text.charCodeAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (!ascii) {
      const bytes = utf8Encode(text);
      this.writeVarint32(bytes.length);
      this.writeBytes(bytes);
      return;
    }
    this.writeVarint32(length);
    this.reserve(length);
    const buffer = this.buffer;
    const at = this.length;
    for (let i = 0; i < length; i++) buffer[at + i] = text.charCodeAt(i);
    this.length = at + length;
  }

  /** The written bytes (a copy, so the writer may be reused). */
  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  /** What has been written, as a view that the next write or `reset` may overwrite. */
  written(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  /** Empties the writer, keeping its buffer for reuse. */
  reset(): void {
    this.length = 0;
  }
}
