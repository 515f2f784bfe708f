import { utf8DecodeOrNull } from "../../stdx/bytes.ts";
import { ChainError } from "../errors.ts";

/** Reads fc::raw little-endian bytes; every overrun or bad value is a `malformed_bytes` ChainError. */
export class ByteReader {
  private readonly view: DataView;
  offset = 0;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  private need(count: number): void {
    if (this.offset + count > this.bytes.length) {
      throw new ChainError("malformed_bytes", `unexpected end of data at byte ${this.offset}`);
    }
  }

  readUint8(): number {
    this.need(1);
    return this.bytes[this.offset++];
  }

  readUint16(): number {
    this.need(2);
    const v = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return v;
  }

  readInt16(): number {
    this.need(2);
    const v = this.view.getInt16(this.offset, true);
    this.offset += 2;
    return v;
  }

  readUint32(): number {
    this.need(4);
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }

  readInt32(): number {
    this.need(4);
    const v = this.view.getInt32(this.offset, true);
    this.offset += 4;
    return v;
  }

  readUint64(): bigint {
    this.need(8);
    const v = this.view.getBigUint64(this.offset, true);
    this.offset += 8;
    return v;
  }

  readInt64(): bigint {
    this.need(8);
    const v = this.view.getBigInt64(this.offset, true);
    this.offset += 8;
    return v;
  }

  readVarint32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.readUint8();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) {
        if (result > 0xffffffff) break;
        return result;
      }
    }
    throw new ChainError("malformed_bytes", "varint32 out of range");
  }

  readBytes(count: number): Uint8Array {
    this.need(count);
    const out = this.bytes.slice(this.offset, this.offset + count);
    this.offset += count;
    return out;
  }

  readString(): string {
    const length = this.readVarint32();
    const text = utf8DecodeOrNull(this.readBytes(length));
    if (text === null) throw new ChainError("invalid_utf8", `string at byte ${this.offset - length} is not valid UTF-8`);
    return text;
  }
}
